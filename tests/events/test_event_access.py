"""The event log obeys the scope of the resource each event carries: ``events:read`` is no
way around endpoints that refuse the caller (invitations, webhook configuration…)."""

from __future__ import annotations

import uuid

import pytest

from prm_api import API_VERSION
from prm_api.auth.principal import Principal
from prm_api.events import access, registry
from prm_api.models import Event


async def _event(store, type_: str, partner_id: uuid.UUID) -> Event:
    resource = registry.get(type_).resource
    return await store._add(
        Event(
            type=type_,
            api_version=API_VERSION,
            resource_type=resource,
            resource_id=str(uuid.uuid4()),
            partner_id=partner_id,
            actor={"type": "system", "id": "tests"},
            data={"object": {}},
        )
    )


def test_every_event_type_names_the_scope_that_reads_it():
    missing = [t.name for t in registry.all_types() if access.read_scope(t) is None]
    assert missing == [], f"add these resources to events/access.py READ_SCOPE: {missing}"


async def test_partner_user_does_not_read_invitations_or_webhook_configuration(client, auth, store):
    partner = await store.partner()
    invited = await _event(store, "user.invited", partner.id)
    hook = await _event(store, "webhook_endpoint.created", partner.id)
    client_event = await _event(store, "api_client.created", partner.id)
    deal = await _event(store, "deal.created", partner.id)

    pu = await auth.headers("partner_user", partner_id=partner.id)
    # The resource endpoints refuse it…
    r = await client.get(f"/v1/partners/{partner.id}/invitations", headers=pu)
    assert r.status_code == 403, r.text
    r = await client.get("/v1/webhook-endpoints", headers=pu)
    assert r.status_code == 403, r.text
    # …so the event log does too.
    r = await client.get("/v1/events", headers=pu)
    assert r.status_code == 200, r.text
    listed = {e["id"]: e["type"] for e in r.json()["data"]}
    assert str(deal.id) in listed
    assert not {str(invited.id), str(hook.id), str(client_event.id)} & listed.keys(), listed
    for hidden in (invited, hook, client_event):
        r = await client.get(f"/v1/events/{hidden.id}", headers=pu)
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "not_found"
    r = await client.get(f"/v1/events/{deal.id}", headers=pu)
    assert r.status_code == 200, r.text

    # A partner admin reads what its endpoints let it read: never API clients.
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.get("/v1/events", headers=pa)
    seen = {e["id"] for e in r.json()["data"]}
    assert {str(invited.id), str(hook.id), str(deal.id)} <= seen
    assert str(client_event.id) not in seen
    # Vendor staff read everything; a vendor token narrowed to events:read only reads
    # nothing whose resource needs another scope.
    admin = await auth.headers("admin")
    r = await client.get("/v1/events", headers=admin)
    assert {e["id"] for e in r.json()["data"]} >= seen | {str(client_event.id)}


@pytest.mark.parametrize(
    ("scopes", "readable"),
    [
        ({"events:read"}, set()),
        ({"events:read", "deals:read"}, {"deal.created"}),
        ({"events:read", "webhooks:manage"}, {"webhook_endpoint.created", "ping"}),
    ],
)
def test_narrow_vendor_tokens_read_only_their_resources(scopes, readable):
    principal = Principal(
        subject_type="client",
        subject_id="c",
        role="admin",
        partner_id=None,
        scopes=frozenset(scopes),
        client_id="c",
    )
    readable_types = access.readable_types(principal)
    allowed = set(registry.names() if readable_types is None else readable_types)
    for name in ("deal.created", "webhook_endpoint.created", "ping", "user.invited"):
        assert (name in allowed) == (name in readable), name


def test_partner_webhook_endpoints_never_receive_vendor_only_resources():
    hidden = set(access.hidden_from_partners())
    assert {t.name for t in registry.all_types() if t.resource == "api_client"} <= hidden
    assert "deal.created" not in hidden and "user.invited" not in hidden
