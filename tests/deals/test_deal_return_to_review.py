"""An approval never covers terms it did not approve: re-priced deals return to review."""

from __future__ import annotations

from factories import deal_body

USD_25K = {"amount": "25000.00", "currency": "USD"}


async def _approved_by_rule(client, auth, store):
    admin = await auth.headers("admin")
    r = await client.post(
        "/v1/deal-rules", headers=admin, json={"name": "up to 25k", "max_amount": USD_25K}
    )
    assert r.status_code == 201, r.text
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.post(
        "/v1/deals", headers=pu, json=deal_body("Initech", amount="1000.00", currency="USD")
    )
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=pu)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    return r.json(), pu, admin


async def test_repricing_a_rule_approved_deal_returns_it_to_review(client, auth, store):
    deal, pu, _admin = await _approved_by_rule(client, auth, store)
    mark = await store.mark()
    r = await client.patch(
        f"/v1/deals/{deal['id']}",
        headers=pu,
        json={"amount": {"amount": "9999999999999999.99", "currency": "KWD"}},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "submitted"
    assert body["decision"] == {"by": None, "at": None, "reason": None}
    assert body["protection_expires_at"] is None
    assert [e.type for e in await store.since(mark)] == ["deal.updated", "deal.returned_to_review"]
    actions = [a.action for a in await store.audit(deal["id"])]
    assert actions[-2:] == ["deal.updated", "deal.returned_to_review"]
    [row] = await store.audit(deal["id"], "deal.returned_to_review")
    assert row.changes["status"] == {"before": "approved", "after": "submitted"}
    assert row.changes["reason"] == "no rule accepts the new terms"
    # A vendor decides again.
    admin = await auth.headers("admin")
    r = await client.post(f"/v1/deals/{deal['id']}/approve", headers=admin)
    assert r.status_code == 200, r.text


async def test_a_change_a_rule_still_accepts_keeps_the_approval(client, auth, store):
    deal, pu, _admin = await _approved_by_rule(client, auth, store)
    r = await client.patch(
        f"/v1/deals/{deal['id']}",
        headers=pu,
        json={"amount": {"amount": "20000.00", "currency": "USD"}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    assert r.json()["decision"]["by"] == deal["decision"]["by"]


async def test_manual_approval_covers_lower_amounts_not_higher(client, auth, store):
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    admin = await auth.headers("admin")
    r = await client.post("/v1/deals", headers=pu, json=deal_body("Hooli", amount="5000.00"))
    deal_id = r.json()["id"]
    assert (await client.post(f"/v1/deals/{deal_id}/submit", headers=pu)).status_code == 200
    r = await client.post(f"/v1/deals/{deal_id}/approve", headers=admin)
    assert r.json()["status"] == "approved", r.text
    lower = {"amount": {"amount": "4000.00", "currency": "EUR"}}
    r = await client.patch(f"/v1/deals/{deal_id}", headers=pu, json=lower)
    assert r.status_code == 200 and r.json()["status"] == "approved", r.text
    # Vendor staff set terms themselves: their edit keeps the approval.
    r = await client.patch(
        f"/v1/deals/{deal_id}",
        headers=admin,
        json={"amount": {"amount": "8000.00", "currency": "EUR"}},
    )
    assert r.status_code == 200 and r.json()["status"] == "approved", r.text
    for amount in (
        {"amount": "8000.01", "currency": "EUR"},
        {"amount": "10.00", "currency": "USD"},
    ):
        r = await client.post(f"/v1/deals/{deal_id}/approve", headers=admin)
        r = await client.patch(f"/v1/deals/{deal_id}", headers=pu, json={"amount": amount})
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "submitted", amount
        [*_, last] = await store.audit(deal_id)
        assert last.action == "deal.returned_to_review"
