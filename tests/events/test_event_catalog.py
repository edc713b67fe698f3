"""`GET /v1/event-types`: every type is described with a JSON Schema, every type the API
records is in it, and real events validate against their type's schema."""

from __future__ import annotations

import jsonschema_rs
import pytest
from factories import deal_body

from prm_api import domains
from prm_api.deals.lifecycle import STEPS
from prm_api.events.registry import is_known_pattern
from prm_api.partners.lifecycle import TRANSITIONS

EVENT_TYPES = {t.name: t for t in domains.event_types()}


@pytest.fixture
async def catalog(client, admin_headers) -> dict[str, dict]:
    r = await client.get("/v1/event-types", headers=admin_headers)
    assert r.status_code == 200, r.text
    return {t["type"]: t for t in r.json()["data"]}


async def test_every_type_is_described_with_a_schema(catalog):
    assert set(catalog) == set(EVENT_TYPES)
    for name, entry in catalog.items():
        assert entry["resource"] == name.split(".", 1)[0]
        assert entry["description"].strip(), name
        schema = entry["schema"]
        assert schema["type"] == "object", name
        assert schema["properties"], name
        assert jsonschema_rs.meta.is_valid(schema), name
        assert schema == EVENT_TYPES[name].schema.model_json_schema(mode="serialization")


async def test_schemas_never_carry_secrets(catalog):
    for name in ("user.invited", "invitation.accepted", "invitation.revoked"):
        assert "token" not in catalog[name]["schema"]["properties"]
    for name in ("api_client.created", "api_client.secret_rotated"):
        assert "client_secret" not in catalog[name]["schema"]["properties"]
        assert "secret_hash" not in catalog[name]["schema"]["properties"]


async def test_conflict_schema_has_the_deal_and_optional_identity(catalog):
    schema = catalog["deal.conflict_detected"]["schema"]
    assert "deal_id" in schema["required"]
    for key in ("other_deal_id", "other_partner_id", "other_customer_name", "other_status"):
        assert key not in schema.get("required", [])


def test_every_transition_has_a_type():
    for step in TRANSITIONS.values():
        assert f"partner.{step.verb}" in EVENT_TYPES
    verbs = {
        "submit": ["submitted"],
        "approve": ["approved"],
        "reject": ["rejected"],
        "withdraw": ["withdrawn"],
        "close": ["won", "lost"],
        "extend": ["extended"],
    }
    assert set(verbs) == set(STEPS)
    for names in verbs.values():
        for verb in names:
            assert f"deal.{verb}" in EVENT_TYPES
    for name in ("deal.created", "deal.updated", "deal.expired", "deal.conflict_detected"):
        assert name in EVENT_TYPES


def test_known_patterns():
    assert is_known_pattern("deal_rule.*") and is_known_pattern("deal.approved")
    assert not is_known_pattern("deals.*") and not is_known_pattern("deal.approve")


async def test_real_events_validate_against_the_served_schemas(
    client, auth, store, catalog, admin_headers
):
    """A tour through most of the API; every event it records, as `GET /v1/events` serves it
    to vendors and to the partner, validates against its type's schema."""
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_admin", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    r = await client.post(
        "/v1/tiers", headers=admin_headers, json={"key": "g", "name": "G", "rank": 1}
    )
    tier = r.json()
    await client.post(
        f"/v1/partners/{a.id}/tier",
        headers=admin_headers,
        json={"tier_id": tier["id"], "reason": "x"},
    )
    await client.patch(f"/v1/partners/{a.id}", headers=ha, json={"description": "Hi"})
    await client.post("/v1/deal-rules", headers=admin_headers, json={"name": "r", "enabled": False})
    await client.patch("/v1/program/settings", headers=admin_headers, json={"max_extensions": 3})
    inv = (
        await client.post(
            f"/v1/partners/{a.id}/invitations", headers=ha, json={"email": "i@a.example"}
        )
    ).json()
    await client.post("/v1/invitations/accept", json={"token": inv["token"], "password": "x" * 14})
    await client.post("/v1/api-clients", headers=admin_headers, json={"name": "c", "role": "admin"})
    await client.post(
        "/v1/partner-applications",
        json={
            "name": "Applicant",
            "website": "applicant.example",
            "type": "msp",
            "country": "FR",
            "contact": {"name": "Al", "email": "al@applicant.example"},
        },
    )
    da = (await client.post("/v1/deals", headers=ha, json=deal_body("Same", "same.example"))).json()
    await client.post(f"/v1/deals/{da['id']}/submit", headers=ha)
    await client.post(f"/v1/deals/{da['id']}/approve", headers=admin_headers)
    db_ = (
        await client.post("/v1/deals", headers=hb, json=deal_body("Same", "same.example"))
    ).json()
    await client.post(f"/v1/deals/{db_['id']}/submit", headers=hb)  # conflicts with A's deal
    await client.post(f"/v1/deals/{da['id']}/extend", headers=admin_headers)
    await client.post(f"/v1/deals/{da['id']}/close", headers=admin_headers, json={"outcome": "won"})

    vendor = (await client.get("/v1/events", headers=admin_headers, params={"limit": 100})).json()
    assert not vendor["has_more"]
    seen = set()
    for event in vendor["data"]:
        assert event["type"] in catalog
        validator = jsonschema_rs.validator_for(catalog[event["type"]]["schema"])
        validator.validate(event["data"]["object"])
        seen.add(event["type"])
    for headers in (ha, hb):
        mine = (await client.get("/v1/events", headers=headers, params={"limit": 100})).json()
        for event in mine["data"]:
            jsonschema_rs.validator_for(catalog[event["type"]]["schema"]).validate(
                event["data"]["object"]
            )
    assert {
        "partner.applied",
        "partner.updated",
        "partner.tier_changed",
        "tier.created",
        "deal_rule.created",
        "program_settings.updated",
        "user.invited",
        "invitation.accepted",
        "user.created",
        "api_client.created",
        "deal.created",
        "deal.submitted",
        "deal.approved",
        "deal.extended",
        "deal.won",
        "deal.conflict_detected",
    } <= seen
