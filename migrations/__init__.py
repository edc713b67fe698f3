"""Alembic scripts, installed as ``prm_api.migrations`` (see pyproject's package-dir).

A regular package rather than a bare directory so that editable installs, whose import hook
maps ``prm_api.migrations`` to this directory, resolve it like any other package.
"""
