"""Auto-approval rules: the first enabled matching rule approves a conflict-free submission."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import deal_body, parse_ts

from prm_api.kit.time import utcnow


async def _rule(client, headers, **body):
    r = await client.post("/v1/deal-rules", headers=headers, json={"name": "rule", **body})
    assert r.status_code == 201, r.text
    return r.json()


async def _submit(client, headers, body):
    r = await client.post("/v1/deals", headers=headers, json=body)
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


EUR_10K = {"amount": "10000.00", "currency": "EUR"}


async def test_matching_rule_approves(client, auth, store):
    admin = await auth.headers("admin")
    rule = await _rule(client, admin, max_amount=EUR_10K)
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    now = utcnow()
    deal = await _submit(client, pu, deal_body("Globex", "globex.example", amount="10000.00"))
    assert deal["status"] == "approved"
    assert deal["decision"]["by"] == f"rule:{rule['id']}"
    assert abs(parse_ts(deal["decision"]["at"]) - now) < timedelta(minutes=2)
    expires = parse_ts(deal["protection_expires_at"])
    assert abs(expires - (now + timedelta(days=90))) < timedelta(minutes=2)
    events = [e.action for e in await store.audit(deal["id"])]
    assert events == ["deal.created", "deal.submitted", "deal.approved"]
    [approved] = await store.audit(deal["id"], "deal.approved")
    assert (approved.actor_type, approved.actor_id) == ("system", f"rule:{rule['id']}")


async def test_conflicting_deal_is_never_auto_approved(client, auth, store):
    admin = await auth.headers("admin")
    await _rule(client, admin)  # matches anything
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    first = await _submit(client, ha, deal_body("Acme Sp. z o.o.", "acme.example"))
    assert first["status"] == "approved"
    second = await _submit(client, hb, deal_body("ACME", "www.acme.example"))
    assert second["status"] == "submitted"
    assert second["has_conflicts"] is True
    assert second["decision"] == {"by": None, "at": None, "reason": None}
    assert second["protection_expires_at"] is None


async def test_rule_order(client, auth, store):
    admin = await auth.headers("admin")
    await _rule(client, admin, name="late", position=20)
    early = await _rule(client, admin, name="early", position=10, max_amount=EUR_10K)
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    deal = await _submit(client, pu, deal_body("Globex"))
    assert deal["decision"]["by"] == f"rule:{early['id']}"
    r = await client.get("/v1/deal-rules", headers=admin)
    assert [x["name"] for x in r.json()["data"]] == ["early", "late"]


async def test_disabled_rules_are_ignored(client, auth, store):
    admin = await auth.headers("admin")
    await _rule(client, admin, position=1, enabled=False)
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    deal = await _submit(client, pu, deal_body("Globex"))
    assert deal["status"] == "submitted"
    enabled = await _rule(client, admin, position=2)
    deal = await _submit(client, pu, deal_body("Initech"))
    assert deal["decision"]["by"] == f"rule:{enabled['id']}"
    r = await client.patch(
        f"/v1/deal-rules/{enabled['id']}",
        headers={**admin, "If-Match": '"99"'},
        json={"enabled": False},
    )
    assert r.status_code == 412
    r = await client.patch(
        f"/v1/deal-rules/{enabled['id']}", headers=admin, json={"enabled": False}
    )
    assert r.status_code == 200, r.text
    deal = await _submit(client, pu, deal_body("Umbrella"))
    assert deal["status"] == "submitted"


@pytest.mark.parametrize(
    ("amount", "currency", "approved"),
    [
        ("9999.99", "EUR", True),
        ("10000.00", "EUR", True),
        ("10000.01", "EUR", False),
        ("100.00", "USD", False),  # currency mismatch
        ("100.00", "PLN", False),
    ],
)
async def test_amount_condition(client, auth, store, amount, currency, approved):
    admin = await auth.headers("admin")
    await _rule(client, admin, max_amount=EUR_10K)
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    deal = await _submit(client, pu, deal_body("Globex", amount=amount, currency=currency))
    assert (deal["status"] == "approved") is approved


async def test_tier_condition(client, auth, store):
    gold = await store.tier("gold", 30)
    silver = await store.tier("silver", 20)
    admin = await auth.headers("admin")
    await _rule(client, admin, partner_tier_ids=[str(gold.id)])
    expected = {gold.id: "approved", silver.id: "submitted", None: "submitted"}
    for n, (tier_id, status) in enumerate(expected.items()):
        partner = await store.partner(tier_id=tier_id)
        pu = await auth.headers("partner_user", partner_id=partner.id)
        deal = await _submit(client, pu, deal_body(["Globex", "Initech", "Umbrella"][n]))
        assert deal["status"] == status, tier_id
        assert deal["has_conflicts"] is False


async def test_type_condition(client, auth, store):
    admin = await auth.headers("admin")
    await _rule(client, admin, partner_types=["msp", "distributor"])
    for n, (ptype, status) in enumerate(
        [("msp", "approved"), ("distributor", "approved"), ("reseller", "submitted")]
    ):
        partner = await store.partner(type=ptype)
        pu = await auth.headers("partner_user", partner_id=partner.id)
        deal = await _submit(client, pu, deal_body(["Globex", "Initech", "Umbrella"][n]))
        assert deal["status"] == status, ptype


async def test_all_conditions_must_hold(client, auth, store):
    gold = await store.tier("gold", 30)
    admin = await auth.headers("admin")
    await _rule(
        client, admin, partner_tier_ids=[str(gold.id)], partner_types=["msp"], max_amount=EUR_10K
    )
    cases = [
        ({"tier_id": gold.id, "type": "msp"}, "500.00", "approved"),
        ({"tier_id": gold.id, "type": "reseller"}, "500.00", "submitted"),
        ({"tier_id": None, "type": "msp"}, "500.00", "submitted"),
        ({"tier_id": gold.id, "type": "msp"}, "50000.00", "submitted"),
    ]
    for n, (values, amount, status) in enumerate(cases):
        partner = await store.partner(**values)
        pu = await auth.headers("partner_user", partner_id=partner.id)
        customer = ["Globex", "Initech", "Umbrella", "Hooli"][n]
        deal = await _submit(client, pu, deal_body(customer, amount=amount))
        assert deal["status"] == status, (values, amount)


async def test_rules_are_vendor_only(client, auth, store):
    partner = await store.partner()
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.get("/v1/deal-rules", headers=pa)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"
    r = await client.post("/v1/deal-rules", headers=pa, json={"name": "x"})
    assert r.status_code == 403
    cm = await auth.headers("channel_manager")
    await _rule(client, cm, partner_types=["msp"])
    r = await client.post("/v1/deal-rules", headers=cm, json={"name": "x", "action": "reject"})
    assert r.status_code == 422
    r = await client.post(
        "/v1/deal-rules", headers=cm, json={"name": "x", "partner_tier_ids": [str(partner.id)]}
    )
    assert r.status_code == 422
