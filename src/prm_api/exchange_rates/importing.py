"""The body of ``POST /v1/exchange-rates/import``: JSON (``{"rates": [...]}``) or CSV, read
into validated rates, or one 422 naming every bad row.

Both formats go through the same row model (``ExchangeRateCreate``) and the same checks, so
a rate is valid in CSV exactly when it is valid in JSON. The import is all or nothing: one
bad row and nothing is stored, and the answer lists each bad row's index (0-based, data
rows only, the order sent) with the reason.

CSV: UTF-8 (a byte-order mark is ignored), a header row ``currency,rate_date,rate`` or
``currency,rate_date,rate,source``, then one rate per line (``\\n`` or ``\\r\\n``); a
``source`` containing a comma or a quote is quoted (``"…"``, quotes doubled), an empty one
is no source. :data:`CSV_PATTERN` states that format for the OpenAPI document.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from pydantic import Field, ValidationError

from prm_api.errors import BadRequest, ValidationFailed, field_error
from prm_api.exchange_rates.schemas import RATE_PATTERN, ExchangeRateCreate
from prm_api.kit.schemas import CURRENCY_CODES, RequestModel

MAX_ROWS = 1000
CSV = "text/csv"
HEADERS = (("currency", "rate_date", "rate"), ("currency", "rate_date", "rate", "source"))


def _csv_pattern() -> str:
    currency = "(" + "|".join(CURRENCY_CODES) + ")"
    year = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
    leap_year = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
    day = (
        f"({year}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
        f"|{year}-(0[13-9]|1[0-2])-(29|30)"
        f"|{year}-(0[13578]|1[02])-31"
        f"|{leap_year}-02-29)"
    )
    rate = RATE_PATTERN[1:-1]
    source = r"[^\",\r\n\x00]{1,100}"
    row = f"{currency},{day},{rate},({source})?"
    return rf"^\ufeff?currency,rate_date,rate,source(\r?\n{row}){{1,{MAX_ROWS}}}(\r?\n)?$"


#: The CSV body as a regular expression (the document's schema of the ``text/csv`` body): the
#: four-column form with unquoted sources. The server also takes the three-column header and
#: quoted sources; spelled into the pattern, either makes it more than fuzzers (schemathesis 4)
#: can draw from, and a pattern narrower than the server is still true: all it admits is taken.
CSV_PATTERN = _csv_pattern()
CSV_EXAMPLE = "currency,rate_date,rate,source\nEUR,2026-01-31,1.0825,ECB\nGBP,2026-01-31,1.2710,\n"


class _Envelope(RequestModel):
    rates: list[Any] = Field(min_length=1, max_length=MAX_ROWS)


def _body_errors(exc: ValidationError, prefix: tuple[Any, ...] = ()) -> list[dict[str, str]]:
    return [
        field_error(".".join(str(p) for p in (*prefix, *e["loc"])) or "body", e["type"], e["msg"])
        for e in exc.errors(include_url=False)
    ]


def _json_items(body: bytes) -> list[tuple[Any, str]]:
    try:
        envelope = _Envelope.model_validate_json(body)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise BadRequest(
                "The request body is not valid JSON.", code="malformed_json", title="Malformed JSON"
            ) from None
        raise ValidationFailed("The body is not an import.", errors=_body_errors(exc)) from None
    return [(item, "") for item in envelope.rates]


def _csv_items(body: bytes) -> list[tuple[Any, str]]:
    try:
        text = body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise BadRequest("The CSV body is not UTF-8 text.", code="malformed_csv") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] | None = None
    items: list[tuple[Any, str]] = []
    try:
        for fields in reader:
            if not fields:
                continue  # a blank line
            where = f"line {reader.line_num}: "
            if header is None:
                header = tuple(fields)
                if header not in HEADERS:
                    raise ValidationFailed(
                        "The CSV header must be currency,rate_date,rate[,source].",
                        errors=[
                            field_error(
                                "header",
                                "invalid_header",
                                f"{where}expected currency,rate_date,rate or "
                                f"currency,rate_date,rate,source, got {','.join(fields)[:200]}",
                            )
                        ],
                    )
                continue
            if len(items) >= MAX_ROWS:
                raise ValidationFailed(
                    f"At most {MAX_ROWS} rates per import.",
                    errors=[field_error("rates", "too_long", f"More than {MAX_ROWS} rows.")],
                )
            if len(fields) != len(header):
                items.append((_WrongWidth(len(header), len(fields)), where))
                continue
            row = dict(zip(header, fields, strict=True))
            if not row.get("source"):
                row.pop("source", None)  # an empty source is no source
            items.append((row, where))
    except csv.Error as exc:
        raise BadRequest(
            f"The CSV body is malformed (line {reader.line_num}): {exc}.", code="malformed_csv"
        ) from None
    if header is None or not items:
        raise ValidationFailed(
            "The CSV holds no rates.",
            errors=[field_error("rates", "too_short", "A header row and at least one rate.")],
        )
    return items


class _WrongWidth:
    def __init__(self, expected: int, got: int) -> None:
        self.message = f"expected {expected} fields, got {got}"


def parse(body: bytes, media_type: str, base_currency: str) -> list[ExchangeRateCreate]:
    """The rates of an import body, or a 422 naming every bad row: fields that fail the
    rate schema, a rate for the base currency, a (currency, day) given twice."""
    if not body:
        raise ValidationFailed(
            "The import needs a body.",
            errors=[field_error("body", "missing", "Send JSON or CSV rates.")],
        )
    items = _csv_items(body) if media_type == CSV else _json_items(body)
    errors: list[dict[str, str]] = []
    bad: set[int] = set()
    rows: list[ExchangeRateCreate] = []
    first: dict[tuple[str, date], int] = {}
    for i, (item, where) in enumerate(items):
        if isinstance(item, _WrongWidth):
            errors.append(field_error(f"rates.{i}", "wrong_field_count", where + item.message))
            bad.add(i)
            continue
        try:
            row = ExchangeRateCreate.model_validate(item)
        except ValidationError as exc:
            for e in _body_errors(exc, ("rates", i)):
                errors.append({**e, "message": where + e["message"]})
            bad.add(i)
            continue
        key = (str(row.currency), row.rate_date)
        if key[0] == base_currency:
            errors.append(
                field_error(
                    f"rates.{i}.currency",
                    "mismatch",
                    f"{where}{key[0]} is the program's base currency: it converts at 1 and "
                    "takes no rate.",
                )
            )
            bad.add(i)
        elif key in first:
            errors.append(
                field_error(
                    f"rates.{i}",
                    "mismatch",
                    f"{where}rates.{first[key]} already gives {key[0]} on {key[1].isoformat()}; "
                    "each currency and day at most once per import.",
                )
            )
            bad.add(i)
        else:
            first[key] = i
        rows.append(row)
    if errors:
        raise ValidationFailed(
            f"{len(bad)} of {len(items)} rates are invalid; nothing was imported.",
            errors=errors,
            invalid_rows=sorted(bad),
        )
    return rows
