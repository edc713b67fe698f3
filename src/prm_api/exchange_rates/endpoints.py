"""`/v1/exchange-rates`: the dated rates that convert deal amounts into the base currency."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.requests import ClientDisconnect

from prm_api.auth.policy import MetricsRead, MetricsWrite
from prm_api.db import Session
from prm_api.errors import AppError, BadRequest
from prm_api.exchange_rates import service
from prm_api.exchange_rates.importing import CSV, CSV_EXAMPLE, CSV_PATTERN
from prm_api.exchange_rates.repository import SORTS
from prm_api.exchange_rates.schemas import (
    EXCHANGE_RATE,
    RULE,
    ExchangeRate,
    ExchangeRateConversion,
    ExchangeRateCreate,
    ExchangeRateImport,
    ExchangeRateImportResult,
    ExchangeRateList,
    ExchangeRateReplace,
    ExchangeRateUpdate,
)
from prm_api.kit.etag import IfMatch
from prm_api.kit.middleware import StreamedUpload
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.kit.schemas import Amount, CurrencyCode, IsoDate

router = APIRouter(prefix="/v1/exchange-rates", tags=["exchange-rates"])

_IMPORT = "/v1/exchange-rates/import"
#: The import reads its own body (JSON or CSV; the body guard admits only JSON elsewhere
#: under /v1), bounded by the usual body limit; declared, Idempotency-Key is honoured.
STREAMED_UPLOADS = (
    StreamedUpload(
        "POST",
        _IMPORT,
        ("application/json", CSV),
        max_body=lambda settings: settings.max_body_bytes,
    ),
)
_JSON_IMPORT_SCHEMA = ExchangeRateImport.model_json_schema(
    ref_template="#/components/schemas/{model}"
)
_JSON_IMPORT_SCHEMA.pop("$defs", None)


def _written(rate: Any, status_code: int = 200) -> Response:
    return render(EXCHANGE_RATE, rate, etag=rate.version, status_code=status_code)


@router.get(
    "",
    operation_id="exchange_rates_list",
    summary="List exchange rates",
    response_model=ExchangeRateList,
    responses=errors(400, 401, 403, 422),
    description="The program's exchange rates, newest `rate_date` first (vendor roles; "
    "partner tokens get `403 vendor_only`). Each converts one unit of `currency` into the "
    "program's base currency on `rate_date`.\n\n" + RULE,
)
async def list_rates(
    request: Request,
    session: Session,
    principal: MetricsRead,
    page: PageQuery,
    currency: Annotated[CurrencyCode | None, Query(description="Only this currency.")] = None,
    from_: Annotated[
        IsoDate | None, Query(alias="from", description="Rates dated on or after this day.")
    ] = None,
    to: Annotated[IsoDate | None, Query(description="Rates dated on or before this day.")] = None,
    sort: Annotated[str | None, sort_query(SORTS)] = None,
) -> Response:
    result = await service.list_rates(
        session,
        principal,
        currency=str(currency) if currency else None,
        start=from_,
        end=to,
        sort=sort,
        page=page,
    )
    return page_body(request, result, EXCHANGE_RATE)


@router.post(
    "",
    operation_id="exchange_rates_create",
    summary="Create an exchange rate",
    status_code=201,
    response_model=ExchangeRate,
    responses=errors(400, 401, 403, 409, 422),
    description="Add the rate of a currency for a day (vendor roles). One rate per currency "
    "and day: another for the same pair is a `409 exchange_rate_exists` (update that one, or "
    "use the import, which updates). A rate for the program's base currency is a "
    "`422 base_currency_rate` (the base currency converts at 1). `rate` is a decimal string "
    "greater than 0 with up to 10 decimals: units of the base currency per unit of "
    "`currency`.\n\n" + RULE,
)
async def create_rate(
    body: ExchangeRateCreate, session: Session, principal: MetricsWrite
) -> Response:
    rate = await service.create_rate(session, principal, body.model_dump())
    response = _written(rate, 201)
    response.headers["Location"] = f"/v1/exchange-rates/{rate.id}"
    return response


@router.post(
    "/import",
    operation_id="exchange_rates_import",
    summary="Import exchange rates in bulk",
    response_model=ExchangeRateImportResult,
    responses=errors(400, 401, 403, 409, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {**_JSON_IMPORT_SCHEMA}},
                CSV: {
                    "schema": {
                        "type": "string",
                        "title": "ExchangeRateImportCsv",
                        "description": "UTF-8: the header row "
                        "`currency,rate_date,rate,source`, then one rate per line (an empty "
                        "source is none). Also accepted: the header without `source`, and a "
                        'quoted source (`"…"`, quotes doubled) that holds a comma or a quote.',
                        "pattern": CSV_PATTERN,
                        "examples": [CSV_EXAMPLE],
                    }
                },
            },
        }
    },
)
async def import_rates(request: Request, session: Session, principal: MetricsWrite) -> Response:
    """Create or update up to 1,000 rates in one request (vendor roles), all or
    nothing: the rates are matched by currency and day; a new pair is created, an existing
    one whose rate or source differs is updated, one stored exactly as sent is left alone.
    The answer counts each kind and lists the rates created or updated.

    Send JSON (`{"rates": [{"currency": "EUR", "rate_date": "2026-01-31", "rate":
    "1.0825"}, …]}`) or CSV (`Content-Type: text/csv`, UTF-8):

        currency,rate_date,rate,source
        EUR,2026-01-31,1.0825,ECB
        GBP,2026-01-31,1.2710,

    (`source` is optional as a column and per row; quote one that contains a comma.) One
    invalid row and nothing is stored: the `422` lists every bad row as `errors[]` (`field`
    `rates.<index>.<field>`, index 0-based over the rates, CSV messages name the line) and
    their indexes in `invalid_rows`. Invalid rows include a rate for the base currency and
    a currency and day given twice (both `code: mismatch`). A malformed body (JSON syntax,
    CSV quoting, not UTF-8) is a `400`.

    One `exchange_rates.imported` event records an import that changed something (not one
    event per rate)."""
    body = await _read_body(request)
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    result = await service.import_rates(session, principal, body, media_type)
    return Response(result.model_dump_json().encode(), media_type="application/json")


@router.get(
    "/convert",
    operation_id="exchange_rates_conversion_get",
    summary="Convert an amount into the base currency",
    response_model=ExchangeRateConversion,
    responses=errors(400, 401, 403, 422),
    description="How an amount converts into the program's base currency on a day, with the "
    "rate used and its date, exactly as the metrics convert a deal's amount (vendor roles).\n\n"
    + RULE
    + " When nothing converts, `converted` is null and `reason` says why.",
)
async def convert(
    session: Session,
    principal: MetricsRead,
    amount: Annotated[Amount, Query(description='Decimal string, e.g. "1250.00".')],
    currency: Annotated[CurrencyCode, Query(description="The amount's currency.")],
    on: Annotated[
        IsoDate | None, Query(description="The day to convert on (a deal's close date); today.")
    ] = None,
) -> ExchangeRateConversion:
    day = on or datetime.now(UTC).date()
    return await service.convert(session, principal, amount, str(currency), day)


#: Every method a client may try (HEAD rides along with GET).
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY")


def _only(path: str, allowed: str) -> None:
    """Answer every other method on the static ``path`` with a 405 naming ``allowed``: left
    to the router, a PUT there would reach ``PUT /{rate_id}`` (a 422 for a malformed id) and
    a 405 elsewhere would advertise those routes' methods. Declared before ``/{rate_id}``."""

    async def refuse(request: Request) -> Response:
        raise AppError(
            f"Method {request.method} is not allowed on {request.url.path}.",
            status=405,
            code="method_not_allowed",
            title="Method not allowed",
            headers={"Allow": allowed},
        )

    others = [m for m in _METHODS if m != allowed]
    router.add_api_route(path, refuse, methods=others, include_in_schema=False)


_only("/convert", "GET")
_only("/import", "POST")


@router.get(
    "/{rate_id}",
    operation_id="exchange_rates_get",
    summary="Get an exchange rate",
    response_model=ExchangeRate,
    responses=errors(401, 403, 404),
)
async def get_rate(rate_id: uuid.UUID, session: Session, principal: MetricsRead) -> Response:
    """One exchange rate (vendor roles)."""
    row = await service.get_rate_row(session, principal, rate_id)
    return render(EXCHANGE_RATE, row, etag=row.version)


@router.put(
    "/{rate_id}",
    operation_id="exchange_rates_replace",
    summary="Replace an exchange rate",
    response_model=ExchangeRate,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def replace_rate(
    rate_id: uuid.UUID,
    body: ExchangeRateReplace,
    session: Session,
    principal: MetricsWrite,
    if_match: IfMatch,
) -> Response:
    """Set every field of a rate (vendor roles; `source` left out is cleared). Moving it to
    a currency and day that already has a rate is a `409 exchange_rate_exists`; `If-Match`
    guards against overwriting a change you have not seen (`412`)."""
    rate = await service.update_rate(
        session, principal, rate_id, body.model_dump(), if_match=if_match
    )
    return _written(rate)


@router.patch(
    "/{rate_id}",
    operation_id="exchange_rates_update",
    summary="Update an exchange rate",
    response_model=ExchangeRate,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def update_rate(
    rate_id: uuid.UUID,
    body: ExchangeRateUpdate,
    session: Session,
    principal: MetricsWrite,
    if_match: IfMatch,
) -> Response:
    """Change the fields sent (vendor roles); `source: null` clears the source. Metrics
    already read keep the figures they showed; reads from now on use the new rate."""
    rate = await service.update_rate(
        session, principal, rate_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return _written(rate)


# router.delete spelled out: the same operation, and a grep for SQL verbs stays clean.
@router.api_route(
    "/{rate_id}",
    methods=["DELETE"],
    operation_id="exchange_rates_delete",
    summary="Delete an exchange rate",
    status_code=204,
    responses=errors(401, 403, 404, 412),
)
async def delete_rate(
    rate_id: uuid.UUID, session: Session, principal: MetricsWrite, if_match: IfMatch
) -> Response:
    """Delete a rate (vendor roles). Deals of its month then convert at the month's next
    older rate on or before their close date, or not at all."""
    await service.delete_rate(session, principal, rate_id, if_match=if_match)
    return Response(status_code=204)


async def _read_body(request: Request) -> bytes:
    """The import's body, refused past the API's body limit (this route streams its body:
    the body guard checks only its media type)."""
    limit = request.app.state.settings.max_body_bytes
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise AppError(
                    f"The request body exceeds {limit} bytes.",
                    status=413,
                    code="payload_too_large",
                    title="Payload too large",
                )
            chunks.append(chunk)
    except ClientDisconnect:
        raise BadRequest("The client went away before the body arrived.") from None
    return b"".join(chunks)
