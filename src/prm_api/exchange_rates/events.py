"""Event types of exchange rates (vendor staff only: rates belong to no partner).

A bulk import records one ``exchange_rates.imported`` event, not one event per rate: a
1,000-rate import is one webhook delivery and one audit row instead of a thousand, and its
object lists every rate the import created or updated, so a subscriber misses nothing.
"""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.exchange_rates.schemas import ExchangeRate, ExchangeRateImportResult

_RATE = define_verbs(
    "exchange_rate",
    ExchangeRate,
    {
        "created": "An exchange rate was added.",
        "updated": "An exchange rate's currency, day, rate or source changed "
        "(`previous_attributes` holds the old values).",
        "deleted": "An exchange rate was deleted (`data.object` is its last state).",
    },
)
EXCHANGE_RATE_CREATED = _RATE["created"]
EXCHANGE_RATE_UPDATED = _RATE["updated"]
EXCHANGE_RATE_DELETED = _RATE["deleted"]
EXCHANGE_RATES_IMPORTED = define(
    "exchange_rates.imported",
    "A bulk import created or updated exchange rates: the counts and every rate it changed "
    "(an import that changed nothing records no event).",
    ExchangeRateImportResult,
)
