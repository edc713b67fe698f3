"""Hand-written helpers for the generated ``prm_api_client`` (kept apart so regeneration keeps them).

``scripts/generate_sdk.sh`` regenerates ``prm_api_client`` from the OpenAPI document; this package is
never touched by the generator and relies only on what every generated operation has in common (a
``Response`` with ``status_code``/``content``/``headers``/``parsed``, list pages with ``data``,
``has_more`` and ``next_cursor``), so it keeps working when schemas or operations are renamed.
"""

from .idempotency import idempotent
from .pagination import aiterate, apages, iterate, pages
from .problems import ProblemError, unwrap
from .tokens import aclient_credentials_token, client_credentials_token

__all__ = [
    "ProblemError",
    "aclient_credentials_token",
    "aiterate",
    "apages",
    "client_credentials_token",
    "idempotent",
    "iterate",
    "pages",
    "unwrap",
]
