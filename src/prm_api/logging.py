"""JSON logs (one object per line) carrying the request id."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from prm_api.config import Settings

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# uvicorn repeats each message with ANSI colours in this extra: never worth a JSON field.
_DROPPED = frozenset(_STANDARD | {"color_message"})
# One encoder for every line: ``json.dumps(..., default=str)`` builds a new encoder per call,
# which costs about as much as encoding an access-log line (one is written per request).
_ENCODER = json.JSONEncoder(default=str)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _DROPPED})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return _ENCODER.encode(data)


def configure_logging(settings: Settings) -> None:
    root = logging.getLogger("prm_api")
    if getattr(root, "_prm_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_json:
        handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    root.propagate = False
    root._prm_configured = True  # type: ignore[attr-defined]


def uvicorn_log_config(settings: Settings) -> dict[str, Any]:
    """The ``log_config`` for uvicorn: its own lines (startup, shutdown, errors) in our format.

    uvicorn otherwise installs plain-text handlers of its own, so with ``PRM_LOG_JSON`` its
    lines would be the only ones in a JSON log that a collector cannot parse.
    """
    from uvicorn.config import LOGGING_CONFIG

    if not settings.log_json:
        return json.loads(json.dumps(LOGGING_CONFIG))  # a copy: uvicorn may edit it
    level = settings.log_level.upper()
    handler = {"formatter": "json", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": handler},
        "loggers": {
            "uvicorn": {"handlers": ["json"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["json"], "level": level, "propagate": False},
        },
    }
