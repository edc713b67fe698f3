"""Exchange rates by day, as SQL the rollup reads join.

The conversion rule (also in ``GET /v1/metrics/definitions``): an amount dated ``D`` converts at
the newest rate of its currency dated on or before ``D`` *in the same calendar month*; a month
with no such rate converts nothing, and the amount is reported in its own currency, flagged.
The base currency converts at 1.
"""

from __future__ import annotations

#: ``daily_rates(currency, day, rate)`` for the days of ``:rates_from``–``:rates_to`` a rate
#: converts by the rule (a day without one has no row: joined, its rate is null). Each rate
#: covers the days from its date to the day before the next one of its currency, within its
#: month: one row per rate and day it covers, built from the rates of the range (~36 for a
#: year of two currencies), not looked up day by day.
DAILY_RATES_CTE = """
daily_rates AS (
  SELECT e.currency, g.day::date AS day, e.rate
    FROM (SELECT currency, rate_date, rate,
                 least(lead(rate_date) OVER (PARTITION BY currency ORDER BY rate_date) - 1,
                       (date_trunc('month', rate_date) + interval '1 month')::date - 1) AS last
            FROM exchange_rates
           WHERE rate_date <= CAST(:rates_to AS date)
             AND rate_date >= date_trunc('month', CAST(:rates_from AS date))::date) e
   CROSS JOIN generate_series(greatest(e.rate_date, CAST(:rates_from AS date)),
                              least(e.last, CAST(:rates_to AS date)), interval '1 day') g(day)
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
