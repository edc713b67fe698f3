"""``python -m prm_api`` is the ``prm-api`` command."""

from prm_api.cli import app

app(prog_name="prm-api")
