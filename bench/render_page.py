"""Micro-benchmark of the read path: a page of 50 deal rows → response bytes (µs per page).

    python bench/render_page.py

Compares, on the same 50 rows (shaped like ``SELECT * FROM deals``, no database needed):
  shape+write     kit/render.py: DEAL.page_json (what GET /v1/deals returns)
  shape only      the generated dict-building function alone
  construct       the previous path: nested model_construct per row, then FastAPI validating
                  the returned page against Page[DealOut] and dumping it
  validate        validating each row's dict into DealOut in Rust, then dumping (TypeAdapter)
and one deal as an ORM object (GET /v1/deals/{id}). CPU time of this process (the machine is
shared), best of 7. Not a test: nothing asserts a time.
"""

from __future__ import annotations

import time
import timeit
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData

from prm_api.deals.schemas import DEAL, Customer, DealOut, DealStage, DealStatus, Decision
from prm_api.kit.pagination import PageResult
from prm_api.kit.schemas import CurrencyCode, Money, Page
from prm_api.models import Deal

COLUMNS = tuple(c.key for c in Deal.__table__.columns)
NOW = datetime.now(UTC)
VALUES: dict[str, Any] = {
    "products": ["Switches", "Support"],
    "external_ids": {"salesforce": "006XYZ"},
    "currency": "EUR",
    "stage": "proposal",
    "status": "approved",
    "customer_country": "PL",
    "amount": Decimal("1234.50"),
    "expected_close_date": date(2026, 12, 31),
    "closed_at": None,
    "extensions_used": 1,
    "version": 3,
    "has_conflicts": False,
}


def value(column: str) -> Any:
    if column in VALUES:
        return VALUES[column]
    kind = Deal.__table__.c[column].type.python_type
    return {uuid.UUID: uuid.uuid4(), datetime: NOW}.get(kind, f"some {column}")


def rows(n: int = 50) -> list[Any]:
    data = [tuple(value(c) for c in COLUMNS) for _ in range(n)]
    return list(IteratorResult(SimpleResultMetaData(COLUMNS), iter(data)).all())


_NESTED_OR_ENUM = ("amount", "stage", "status")


def constructed(d: Any) -> DealOut:  # the previous deal_out, for comparison
    m = d._mapping
    return DealOut.model_construct(
        **{
            k: m[k]
            for k in DealOut.model_fields
            if k in m and k not in ("amount", "stage", "status")
        },
        stage=DealStage(m["stage"]),
        status=DealStatus(m["status"]),
        customer=Customer.model_construct(
            name=m["customer_name"],
            domain=m["customer_domain"],
            country=m["customer_country"],
            contact_name=m["customer_contact_name"],
            contact_email=m["customer_contact_email"],
        ),
        amount=Money.model_construct(amount=m["amount"], currency=CurrencyCode(m["currency"])),
        decision=Decision.model_construct(
            by=m["decided_by"], at=m["decided_at"], reason=m["decision_reason"]
        ),
    )


def main() -> None:
    page_rows = rows()
    page = PageResult(page_rows, True, "next", COLUMNS)
    fastapi_field = TypeAdapter(Page[DealOut])
    list_adapter = TypeAdapter(list[DealOut])
    shape = DEAL.rows(COLUMNS)
    orm = Deal(**dict(zip(COLUMNS, page_rows[0], strict=True)))
    one_adapter = TypeAdapter(DealOut)

    def construct() -> bytes:
        data = [constructed(r) for r in page_rows]
        body = {"data": data, "has_more": True, "next_cursor": "next"}
        return fastapi_field.dump_json(fastapi_field.validate_python(body))

    cases = {
        "shape+write": lambda: DEAL.page_json(page),
        "shape only": lambda: shape(page_rows, None),
        "construct": construct,
        "validate": lambda: list_adapter.dump_json(
            list_adapter.validate_python(shape(page_rows, None))
        ),
    }
    assert cases["shape+write"]() == construct()
    for name, fn in cases.items():
        t = min(timeit.repeat(fn, number=200, repeat=7, timer=time.process_time)) / 200 * 1e6
        print(f"{name:12s} {t:8.1f} µs per page of 50")
    one = {
        "one deal, render": lambda: DEAL.json(orm),
        "one deal, before": lambda: one_adapter.dump_json(
            one_adapter.validate_python(constructed(page_rows[0]))
        ),
    }
    for name, fn in one.items():
        t = min(timeit.repeat(fn, number=2000, repeat=7, timer=time.process_time)) / 2000 * 1e6
        print(f"{name:18s} {t:8.1f} µs")


if __name__ == "__main__":
    main()
