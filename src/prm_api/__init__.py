"""PRM API: a self-hostable Partner Relationship Management service."""

__version__ = "0.1.0"
API_VERSION = "2026-11-29"
