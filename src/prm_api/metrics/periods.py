"""Date ranges and intervals: ``"30d"``, ``"12mo"``, ``"2026-Q3"``, ``"2026-07"``, ``"2026"``
or ``[from, to]``; periods of a day, ISO week, month or quarter, clipped to the range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from prm_api.errors import ValidationFailed, field_error

#: The longest range a query may span (a day interval over it is ~1,100 periods).
MAX_DAYS = 3 * 366
#: The years a range may name (its previous period may reach into the year before).
FIRST_YEAR, LAST_YEAR = 2000, 2999

_RELATIVE = re.compile(r"^([1-9][0-9]{0,3})(d|mo)$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^([0-9]{4})$")

#: The date-range forms, for the document — within the limits parse_range holds (at most
#: 1,098 days or 36 months; years 2000–2999), so a value the pattern admits is accepted.
DATE_RANGE_PATTERN = (
    r"^(([1-9][0-9]{0,2}|10[0-8][0-9]|109[0-8])d|([1-9]|[12][0-9]|3[0-6])mo"
    r"|2[0-9]{3}(-Q[1-4]|-(0[1-9]|1[0-2]))?)$"
)


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[field_error(field, "invalid_date_range", message)])


def parse_range(value: str | list[date], today: date, *, field: str = "date_range") -> Period:
    """The period a ``date_range`` names. ``Nd``: the N days ending today; ``Nmo``: the N
    calendar months ending with the current one (month to date); a quarter, month or year:
    that whole period; ``[from, to]``: both days included."""
    year = value[:4] if isinstance(value, str) and not _RELATIVE.match(value) else None
    if year is not None and not (year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
        raise _invalid(field, f"Years {FIRST_YEAR}–{LAST_YEAR} only.")
    if isinstance(value, list):
        if len(value) != 2:
            raise _invalid(field, "A date range list is [from, to].")
        period = Period(value[0], value[1])
    elif found := _RELATIVE.match(value):
        count, unit = int(found.group(1)), found.group(2)
        if unit == "d":
            period = Period(today - timedelta(days=count - 1), today)
        else:
            period = Period(add_months(today, -(count - 1)), today)
    elif found := _QUARTER.match(value):
        first = date(int(found.group(1)), 3 * int(found.group(2)) - 2, 1)
        period = Period(first, add_months(first, 3) - timedelta(days=1))
    elif found := _MONTH.match(value):
        first = date(int(found.group(1)), int(found.group(2)), 1)
        period = Period(first, add_months(first, 1) - timedelta(days=1))
    elif found := _YEAR.match(value):
        number = int(found.group(1))
        period = Period(date(number, 1, 1), date(number, 12, 31))
    else:
        raise _invalid(
            field, "Use `30d`, `12mo`, `2026-Q3`, `2026-07`, `2026` or [from, to] (ISO dates)."
        )
    if period.end < period.start:
        raise _invalid(field, "The range ends before it starts.")
    if period.start.year < FIRST_YEAR or period.end.year > LAST_YEAR:
        raise _invalid(field, f"Years {FIRST_YEAR}–{LAST_YEAR} only.")
    if period.days > MAX_DAYS:
        raise _invalid(field, f"A range spans at most {MAX_DAYS} days.")
    return period


def previous(period: Period, value: str | list[date]) -> Period:
    """The period just before, of the same length (for ``Nmo``, quarters, months and years:
    the same number of calendar months)."""
    if isinstance(value, str) and not value.endswith("d"):
        months = (period.end.year - period.start.year) * 12 + period.end.month
        months -= period.start.month - 1
        start = add_months(period.start, -months)
        end = min(period.start - timedelta(days=1), _same_offset(start, period))
        return Period(start, end)
    return Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))


def _same_offset(start: date, period: Period) -> date:
    """For a month-to-date range, the previous range ends as far into its last month."""
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    last_month = add_months(start, months)
    try:
        return last_month.replace(day=period.end.day)
    except ValueError:  # 31 March → the last day of February
        return add_months(last_month, 1) - timedelta(days=1)


def bucket_start(day: date, interval: Interval | None, period: Period) -> date:
    """The first day of the period ``day`` falls in (clipped to the range)."""
    if interval is None:
        return period.start
    if interval is Interval.day:
        first = day
    elif interval is Interval.week:
        first = day - timedelta(days=day.weekday())
    elif interval is Interval.month:
        first = month_start(day)
    else:
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return max(first, period.start)


def buckets(period: Period, interval: Interval | None) -> list[Period]:
    """Every period of ``interval`` in the range, in order, clipped to it."""
    if interval is None:
        return [period]
    out: list[Period] = []
    start = period.start
    while start <= period.end:
        if interval is Interval.day:
            nxt = start + timedelta(days=1)
        elif interval is Interval.week:
            nxt = start - timedelta(days=start.weekday()) + timedelta(days=7)
        elif interval is Interval.month:
            nxt = add_months(start, 1)
        else:
            nxt = add_months(date(start.year, 3 * ((start.month - 1) // 3) + 1, 1), 3)
        out.append(Period(start, min(nxt - timedelta(days=1), period.end)))
        start = nxt
    return out


#: SQL ``date_trunc`` unit of each interval (ISO weeks start on Monday, as date_trunc's do).
SQL_TRUNC = {
    Interval.day: "day",
    Interval.week: "week",
    Interval.month: "month",
    Interval.quarter: "quarter",
}
