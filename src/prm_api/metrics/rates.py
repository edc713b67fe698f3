"""Exchange rates by day, as SQL the rollup reads join.

The conversion rule (also in ``GET /v1/metrics/definitions``): an amount dated ``D`` converts at
the newest rate of its currency dated on or before ``D`` *in the same calendar month*; a month
with no such rate converts nothing, and the amount is reported in its own currency, flagged.
The base currency converts at 1.
"""

from __future__ import annotations

#: ``daily_rates(currency, day, rate)`` for every currency with a rate and every day of
#: ``:rates_from``–``:rates_to``; ``rate`` is null where the rule finds none.
DAILY_RATES_CTE = """
daily_rates AS (
  SELECT c.currency, g.day::date AS day,
         (SELECT e.rate FROM exchange_rates e
           WHERE e.currency = c.currency
             AND e.rate_date <= g.day::date
             AND e.rate_date >= date_trunc('month', g.day)::date
           ORDER BY e.rate_date DESC LIMIT 1) AS rate
    FROM (SELECT DISTINCT currency FROM exchange_rates) c,
         generate_series(CAST(:rates_from AS date), CAST(:rates_to AS date),
                         interval '1 day') g(day)
)"""


def rate_of(alias: str) -> str:
    """SQL: the rate that converts the rollup row ``alias`` (joined to ``daily_rates dr``)."""
    return f"CASE WHEN {alias}.currency = :base THEN 1 ELSE dr.rate END"


def flow_sums(alias: str, rate: str) -> str:
    """SQL: the deal-flow aggregates every deal-flow read returns, over rows ``alias`` whose
    won amounts convert by ``rate`` (null: no rate, the amount reported unconverted)."""
    a = alias
    return f"""{a}.currency AS cur, sum({a}.won) AS won,
       coalesce(sum({a}.won) FILTER (WHERE {rate} IS NOT NULL), 0) AS won_conv,
       sum({a}.lost) AS lost, sum({a}.registered) AS registered, sum({a}.approved) AS approved,
       sum({a}.rejected) AS rejected, sum({a}.conflicted) AS conflicted,
       sum({a}.won_amount * {rate}) AS won_base,
       sum({a}.won_amount) FILTER (WHERE {rate} IS NULL) AS won_unconverted"""
