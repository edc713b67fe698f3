"""Program settings: defaults, who may read and change them, and their effect on decisions."""

from __future__ import annotations

from datetime import timedelta

from factories import parse_ts

from prm_api.kit.time import utcnow
from prm_api.models import AuditEvent

DEFAULTS = {
    "protection_days": 90,
    "extension_days": 30,
    "max_extensions": 2,
    "conflict_threshold": 0.6,
}


async def test_defaults(client, auth):
    for role in ("admin", "channel_manager"):
        r = await client.get("/v1/program/settings", headers=await auth.headers(role))
        assert r.status_code == 200, r.text
        body = r.json()
        assert {k: body[k] for k in DEFAULTS} == DEFAULTS
        assert r.headers["ETag"] == '"1"'


async def test_who_may_read_and_change(client, auth, store):
    partner = await store.partner()
    for role in ("partner_admin", "partner_user"):
        headers = await auth.headers(role, partner_id=partner.id)
        r = await client.get("/v1/program/settings", headers=headers)
        assert r.status_code == 403, r.text
        r = await client.patch("/v1/program/settings", headers=headers, json={"protection_days": 1})
        assert r.status_code == 403, r.text
    cm = await auth.headers("channel_manager")
    r = await client.patch("/v1/program/settings", headers=cm, json={"protection_days": 1})
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "admin_only"
    r = await client.get("/v1/program/settings", headers=cm)
    assert r.json()["protection_days"] == 90
    assert await store.count(AuditEvent, AuditEvent.action == "program_settings.updated") == 0


async def test_if_match(client, auth, store):
    admin = await auth.headers("admin")
    r = await client.get("/v1/program/settings", headers=admin)
    etag = r.headers["ETag"]
    r = await client.patch(
        "/v1/program/settings", headers={**admin, "If-Match": etag}, json={"extension_days": 15}
    )
    assert r.status_code == 200, r.text
    assert r.json()["extension_days"] == 15
    assert r.headers["ETag"] != etag
    r = await client.patch(
        "/v1/program/settings", headers={**admin, "If-Match": etag}, json={"extension_days": 20}
    )
    assert r.status_code == 412, r.text
    r = await client.get("/v1/program/settings", headers=admin)
    assert r.json()["extension_days"] == 15
    [event] = await store.audit(action="program_settings.updated")
    assert event.changes == {"extension_days": {"before": 30, "after": 15}}


async def test_invalid_values(client, auth):
    admin = await auth.headers("admin")
    for body in (
        {"protection_days": 0},
        {"protection_days": "30"},
        {"conflict_threshold": 1.5},
        {"max_extensions": -1},
        {"grace_days": 3},
    ):
        r = await client.patch("/v1/program/settings", headers=admin, json=body)
        assert r.status_code == 422, (body, r.text)
    # null is not a setting (the schema says so): 422; nothing above changed anything.
    r = await client.patch("/v1/program/settings", headers=admin, json={"protection_days": None})
    assert r.status_code == 422, r.text
    r = await client.get("/v1/program/settings", headers=admin)
    assert {k: r.json()[k] for k in DEFAULTS} == DEFAULTS
    r = await client.patch("/v1/program/settings", headers=admin, json={"conflict_threshold": 1})
    assert r.status_code == 200 and r.json()["conflict_threshold"] == 1.0, r.text


async def test_changes_apply_to_new_decisions_only(client, auth, store):
    partner = await store.partner()
    old = await store.deal(partner.id, "submitted", customer="Globex")
    new = await store.deal(partner.id, "submitted", customer="Initech")
    admin = await auth.headers("admin")
    r = await client.post(f"/v1/deals/{old.id}/approve", headers=admin)
    assert r.status_code == 200, r.text
    old_expiry = r.json()["protection_expires_at"]
    assert abs(parse_ts(old_expiry) - (utcnow() + timedelta(days=90))) < timedelta(minutes=2)

    r = await client.patch(
        "/v1/program/settings",
        headers=admin,
        json={"protection_days": 30, "extension_days": 7, "max_extensions": 1},
    )
    assert r.status_code == 200, r.text

    r = await client.post(f"/v1/deals/{new.id}/approve", headers=admin)
    assert r.status_code == 200, r.text
    expires = parse_ts(r.json()["protection_expires_at"])
    assert abs(expires - (utcnow() + timedelta(days=30))) < timedelta(minutes=2)
    r = await client.get(f"/v1/deals/{old.id}", headers=admin)
    assert r.json()["protection_expires_at"] == old_expiry

    # Extensions follow the new settings too.
    r = await client.post(f"/v1/deals/{new.id}/extend", headers=admin)
    assert r.status_code == 200, r.text
    assert parse_ts(r.json()["protection_expires_at"]) == expires + timedelta(days=7)
    r = await client.post(f"/v1/deals/{new.id}/extend", headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "extension_limit_reached"

    # Auto-approval uses them as well.
    r = await client.post("/v1/deal-rules", headers=admin, json={"name": "all"})
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.post(
        "/v1/deals",
        headers=pu,
        json={
            "customer": {"name": "Umbrella"},
            "title": "t",
            "amount": {"amount": "1.00", "currency": "EUR"},
        },
    )
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=pu)
    assert r.json()["status"] == "approved", r.text
    expires = parse_ts(r.json()["protection_expires_at"])
    assert abs(expires - (utcnow() + timedelta(days=30))) < timedelta(minutes=2)
