"""Racing writers of one external id: exactly one wins, the rest get 409 ``external_id_taken``,
and the CRM upsert keeps finding the single holder afterwards."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from prm_api.models import Deal, Partner

RACERS = 6


def _partner_body(i: int, sf_id: str) -> dict[str, object]:
    n = uuid.uuid4().hex[:8]
    return {
        "name": f"Racer {i} {n}",
        "type": "reseller",
        "website": f"https://racer{i}-{n}.example",
        "external_ids": {"salesforce": sf_id},
    }


async def test_racing_partner_creates_give_one_winner(client, auth, store):
    admin = await auth.headers("admin")
    sf_id = f"001RACE{uuid.uuid4().hex[:6]}"
    responses = await asyncio.gather(
        *(
            client.post("/v1/partners", headers=admin, json=_partner_body(i, sf_id))
            for i in range(RACERS)
        )
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * (RACERS - 1), [r.text for r in responses]
    for r in responses:
        if r.status_code == 409:
            assert r.headers["content-type"].startswith("application/problem+json")
            assert r.json()["code"] == "external_id_taken"
    assert await store.count(Partner, Partner.external_ids.contains({"salesforce": sf_id})) == 1
    [winner] = [r.json() for r in responses if r.status_code == 201]
    r = await client.put(
        f"/v1/partners/external/salesforce/{sf_id}",
        headers=admin,
        json={"name": "Renamed by the CRM", "type": "reseller"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["id"] == winner["id"]


async def test_racing_partner_updates_give_one_winner(client, auth, store):
    admin = await auth.headers("admin")
    sf_id = f"001UPD{uuid.uuid4().hex[:6]}"
    partners = [await store.partner() for _ in range(RACERS)]
    responses = await asyncio.gather(
        *(
            client.patch(
                f"/v1/partners/{p.id}", headers=admin, json={"external_ids": {"salesforce": sf_id}}
            )
            for p in partners
        )
    )
    assert sorted(r.status_code for r in responses) == [200] + [409] * (RACERS - 1)
    assert await store.count(Partner, Partner.external_ids.contains({"salesforce": sf_id})) == 1


async def test_racing_deal_creates_give_one_winner(client, auth, store):
    admin = await auth.headers("admin")
    partner = await store.partner()
    sf_id = f"006RACE{uuid.uuid4().hex[:6]}"
    body = {
        "partner_id": str(partner.id),
        "customer": {"name": "Umbrella"},
        "title": "Umbrella refresh",
        "amount": {"amount": "100.00", "currency": "EUR"},
        "external_ids": {"salesforce": sf_id},
    }
    responses = await asyncio.gather(
        *(client.post("/v1/deals", headers=admin, json=body) for _ in range(RACERS))
    )
    assert sorted(r.status_code for r in responses) == [201] + [409] * (RACERS - 1), [
        r.text for r in responses
    ]
    assert all(r.json()["code"] == "external_id_taken" for r in responses if r.status_code == 409)
    assert await store.count(Deal, Deal.external_ids.contains({"salesforce": sf_id})) == 1
    [winner] = [r.json() for r in responses if r.status_code == 201]
    r = await client.put(
        f"/v1/deals/external/salesforce/{sf_id}",
        headers=admin,
        json={**body, "title": "Synced"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["id"] == winner["id"] and r.json()["title"] == "Synced"


async def test_the_database_keeps_the_side_table_equal_to_the_map(client, auth, store):
    """A writer that bypasses the services (SQL) is held to the same key."""
    a = await store.partner(external_ids={"hubspot": "H-1", "salesforce": "S-1"})
    async with store.sessionmaker() as session, session.begin():
        rows = (
            await session.execute(
                text("SELECT system, external_id FROM partner_external_ids WHERE partner_id = :p"),
                {"p": a.id},
            )
        ).all()
    assert sorted(map(tuple, rows)) == [("hubspot", "H-1"), ("salesforce", "S-1")]
    await store.set_partner(a.id, external_ids={"salesforce": "S-2"})
    async with store.sessionmaker() as session, session.begin():
        rows = (
            await session.execute(
                text("SELECT system, external_id FROM partner_external_ids WHERE partner_id = :p"),
                {"p": a.id},
            )
        ).all()
    assert [tuple(r) for r in rows] == [("salesforce", "S-2")]
    # The freed id can be taken by another partner; the held one cannot.
    await store.partner(external_ids={"hubspot": "H-1"})
    with pytest.raises(IntegrityError, match="pk_partner_external_ids"):
        await store.partner(external_ids={"salesforce": "S-2"})
