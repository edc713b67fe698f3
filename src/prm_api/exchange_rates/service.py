"""Exchange rates: vendor staff's to manage, one per currency and day.

Rates are relative to the program's base currency, which therefore has none (it converts
at 1): a rate for it is refused, and the base currency cannot change while rates exist
(``program/settings.py``). Partner tokens are refused on every operation (``vendor_only``):
rates belong to no partner and are the vendor's business.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.db import flush_unique
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.exchange_rates import conversion, importing, repository
from prm_api.exchange_rates.events import (
    EXCHANGE_RATE_CREATED,
    EXCHANGE_RATE_DELETED,
    EXCHANGE_RATE_UPDATED,
    EXCHANGE_RATES_IMPORTED,
)
from prm_api.exchange_rates.schemas import (
    EXCHANGE_RATE,
    ConversionReason,
    ExchangeRate,
    ExchangeRateConversion,
    ExchangeRateImportResult,
    rate_text,
)
from prm_api.kit.etag import check_if_match
from prm_api.kit.ids import new_id
from prm_api.kit.pagination import PageParams, PageResult, paginate
from prm_api.kit.schemas import Money
from prm_api.models import ExchangeRate as ExchangeRateRow
from prm_api.program.settings import get_settings

AUDITED = ("currency", "rate_date", "rate", "source")
READ = "read exchange rates"
MANAGE = "manage exchange rates"
#: The largest amount a ``Money`` holds (a conversion past it is ``out_of_range``).
MAX_AMOUNT = Decimal("9999999999999999.99")
UNIQUE_INDEX = "uq_exchange_rates_currency_date"


def rate_out(rate: ExchangeRateRow) -> ExchangeRate:
    """The API shape of a rate (event payloads, write responses)."""
    return EXCHANGE_RATE.validated(rate)


def _exists(currency: str, day: date) -> Conflict:
    return Conflict(
        f"A {currency} rate for {day.isoformat()} already exists; update that one instead.",
        code="exchange_rate_exists",
    )


def _refuse_base(currency: str, base: str) -> None:
    # ``mismatch``: the rate's currency and the program's base currency must differ.
    if currency == base:
        raise ValidationFailed(
            "A rate converts a currency into the base currency; the base currency has none.",
            code="base_currency_rate",
            errors=[
                field_error(
                    "currency",
                    "mismatch",
                    f"{currency} is the program's base currency: it converts at 1 and takes "
                    "no rate.",
                )
            ],
        )


# --- reads -----------------------------------------------------------------------------------


async def list_rates(
    session: AsyncSession,
    principal: Principal,
    *,
    currency: str | None,
    start: date | None,
    end: date | None,
    sort: str | None,
    page: PageParams,
) -> PageResult[Any]:
    require_vendor(principal, READ)
    stmt = repository.rates_query(currency, start, end)
    return await paginate(session, stmt, repository.SORTS, sort, page)


async def get_rate_row(session: AsyncSession, principal: Principal, rate_id: uuid.UUID) -> Any:
    require_vendor(principal, READ)
    row = await repository.rate_row(session, rate_id)
    if row is None:
        raise NotFound(f"No exchange rate {rate_id}.")
    return row


async def convert(
    session: AsyncSession, principal: Principal, amount: Decimal, currency: str, on: date
) -> ExchangeRateConversion:
    """How ``amount`` of ``currency`` converts on ``on`` under the conversion rule."""
    require_vendor(principal, READ)
    base = (await get_settings(session)).base_currency
    found = await conversion.rate_on(session, currency, on, base)
    answer: dict[str, Any] = {
        "amount": Money(amount=amount, currency=currency),
        "on": on,
        "base_currency": base,
        "converted": None,
        "rate": None,
        "rate_date": None,
        "reason": None,
    }
    if found is None:
        answer["reason"] = ConversionReason.no_rate_in_month
        return ExchangeRateConversion.model_validate(answer)
    rate, rate_date = found
    answer.update(rate=rate, rate_date=rate_date)
    converted = conversion.convert(amount, rate)
    if converted > MAX_AMOUNT:
        answer["reason"] = ConversionReason.out_of_range
    else:
        answer["converted"] = Money(amount=converted, currency=base)
    return ExchangeRateConversion.model_validate(answer)


# --- writes ----------------------------------------------------------------------------------


async def create_rate(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> ExchangeRateRow:
    require_vendor(principal, MANAGE)
    values = _columns(data)
    _refuse_base(values["currency"], await repository.base_currency_locked(session))
    rate = ExchangeRateRow(**values)
    await flush_unique(
        session, rate, {UNIQUE_INDEX: _exists(values["currency"], values["rate_date"])}
    )
    await record_change(
        session,
        principal.actor,
        EXCHANGE_RATE_CREATED,
        rate_out(rate),
        resource_id=rate.id,
        changes=audit.diff({}, audit.snapshot(rate, AUDITED)),
    )
    return rate


async def _load(session: AsyncSession, rate_id: uuid.UUID) -> ExchangeRateRow:
    rate = await repository.get_rate(session, rate_id, for_update=True)
    if rate is None:
        raise NotFound(f"No exchange rate {rate_id}.")
    return rate


async def update_rate(
    session: AsyncSession,
    principal: Principal,
    rate_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> ExchangeRateRow:
    """Apply the fields sent (a PUT sends them all); equal values record nothing."""
    require_vendor(principal, MANAGE)
    rate = await _load(session, rate_id)
    check_if_match(if_match, rate.version)
    values = _columns(data)
    if "currency" in values:
        _refuse_base(values["currency"], await repository.base_currency_locked(session))
    shown_before = rate_out(rate)
    delta = audit.apply_and_diff(rate, values, AUDITED)
    if delta:
        await flush_unique(session, rate, {UNIQUE_INDEX: _exists(rate.currency, rate.rate_date)})
        await record_change(
            session,
            principal.actor,
            EXCHANGE_RATE_UPDATED,
            rate_out(rate),
            resource_id=rate.id,
            changes=delta,
            before=shown_before,
        )
    return rate


async def delete_rate(
    session: AsyncSession, principal: Principal, rate_id: uuid.UUID, *, if_match: str | None
) -> None:
    require_vendor(principal, MANAGE)
    rate = await _load(session, rate_id)
    check_if_match(if_match, rate.version)
    await record_change(
        session,
        principal.actor,
        EXCHANGE_RATE_DELETED,
        rate_out(rate),
        resource_id=rate.id,
        changes=audit.diff(audit.snapshot(rate, AUDITED), {}),
    )
    await session.delete(rate)
    await session.flush()


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if out.get("currency") is not None:
        out["currency"] = str(out["currency"])
    return out


async def import_rates(
    session: AsyncSession, principal: Principal, body: bytes, media_type: str
) -> ExchangeRateImportResult:
    """Create or update every rate of an import body (``importing``), all or nothing: one bad
    row (a rate for the base currency included) and nothing is stored. A rate stored exactly
    as sent counts as unchanged."""
    require_vendor(principal, MANAGE)
    rows = importing.parse(body, media_type, await repository.base_currency_locked(session))
    stored = await repository.rates_for(session, ((str(r.currency), r.rate_date) for r in rows))
    changed: list[ExchangeRateRow] = []
    changes: dict[str, Any] = {}
    created = updated = 0
    for row in rows:
        key = (str(row.currency), row.rate_date)
        label = f"{key[0]} {key[1].isoformat()}"
        rate = stored.get(key)
        if rate is None:
            rate = ExchangeRateRow(**_columns(row.model_dump()))
            session.add(rate)
            changes[label] = {"before": None, "after": _audit_value(rate)}
            created += 1
        elif rate.rate != row.rate or rate.source != row.source:
            before = _audit_value(rate)
            rate.rate, rate.source = row.rate, row.source
            changes[label] = {"before": before, "after": _audit_value(rate)}
            updated += 1
        else:
            continue
        changed.append(rate)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        if UNIQUE_INDEX not in str(exc.orig):
            raise
        # Another import created one of these rates after this one looked: nothing of this
        # one is kept; sent again, it updates (or leaves) what the other stored.
        raise Conflict(
            "Another request stored some of these rates at the same time; nothing was "
            "imported. Send the import again.",
            code="concurrent_update",
        ) from None
    result = ExchangeRateImportResult(
        id=new_id(),
        created=created,
        updated=updated,
        unchanged=len(rows) - created - updated,
        rates=[rate_out(rate) for rate in changed],
    )
    if changed:
        await record_change(
            session,
            principal.actor,
            EXCHANGE_RATES_IMPORTED,
            result,
            resource_id=result.id,
            changes=changes,
        )
    return result


def _audit_value(rate: ExchangeRateRow) -> dict[str, Any]:
    return {"rate": rate_text(Decimal(rate.rate)), "source": rate.source}
