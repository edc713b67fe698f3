"""``deal_out`` builds the API shape without validation (it is on every deal response and
50 times per page): here it must equal the validated shape, for every status and for both
what it is given (ORM objects and plain result rows)."""

from __future__ import annotations

import warnings

import pytest
from factories import DEAL_STATUSES, deal_validated
from sqlalchemy import select

from prm_api.deals.schemas import DealOut, deal_out
from prm_api.models import Deal


@pytest.mark.parametrize("status", DEAL_STATUSES)
async def test_deal_out_equals_the_validated_shape(store, db, status):
    partner = await store.partner()
    created = await store.deal(
        partner.id,
        status,
        customer="Żabka Polska Sp. z o.o.",
        domain="zabka.pl",
        amount="1234.50",
        currency="PLN",
        customer_country="PL",
        customer_contact_name="Anna",
        customer_contact_email="anna@zabka.pl",
        products=["Switches", "Support"],
        external_ids={"salesforce": "006XYZ"},
        decision_reason="ok" if status in ("approved", "rejected") else None,
    )
    orm = await db.get(Deal, created.id)
    row = (await db.execute(select(*Deal.__table__.columns).where(Deal.id == created.id))).one()
    for source in (orm, row):
        built = deal_out(source)
        expected = deal_validated(source)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a type serialization did not expect warns
            assert built.model_dump_json() == expected.model_dump_json()
        assert built.model_dump() == expected.model_dump()
        assert DealOut.model_validate(built.model_dump(mode="json")) == expected
