"""End-to-end smoke test of deal registration."""

from factories import deal_body
from sqlalchemy import update

from prm_api.models import Deal


async def _active_partner(client, admin, name, website):
    r = await client.post(
        "/v1/partners", headers=admin, json={"name": name, "website": website, "type": "reseller"}
    )
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    r = await client.post(f"/v1/partners/{pid}/activate", headers=admin)
    assert r.status_code == 200, r.text
    return pid


async def test_deal_flow_smoke(client, auth, sessionmaker):
    admin = await auth.headers("admin")
    a = await _active_partner(client, admin, "Alpha", "alpha.example")
    b = await _active_partner(client, admin, "Beta", "beta.example")
    pa = await auth.headers("partner_admin", partner_id=a)
    pb = await auth.headers("partner_user", partner_id=b)

    r = await client.post(
        "/v1/deals", headers=pa, json=deal_body("Acme Sp. z o.o.", "www.acme.example.")
    )
    assert r.status_code == 201, r.text
    d1 = r.json()
    assert d1["status"] == "draft" and d1["customer"]["domain"] == "acme.example"
    r = await client.post(f"/v1/deals/{d1['id']}/submit", headers=pa)
    assert r.status_code == 200 and r.json()["status"] == "submitted", r.text
    assert r.json()["has_conflicts"] is False

    r = await client.post("/v1/deals", headers=pb, json=deal_body("ACME"))
    d2 = r.json()
    r = await client.post(f"/v1/deals/{d2['id']}/submit", headers=pb)
    assert r.status_code == 200 and r.json()["has_conflicts"] is True, r.text
    r = await client.get(f"/v1/deals/{d2['id']}/conflicts", headers=pb)
    assert r.status_code == 200, r.text
    [c] = r.json()["data"]
    assert c["reason"] == "name" and c["other_deal_id"] is None and c["other_partner_id"] is None
    r = await client.get(f"/v1/deals/{d2['id']}/conflicts", headers=admin)
    assert r.json()["data"][0]["other_deal_id"] == d1["id"]
    r = await client.get(f"/v1/deals/{d1['id']}", headers=pb)
    assert r.status_code == 404

    r = await client.post(
        "/v1/deal-rules",
        headers=admin,
        json={"name": "small", "max_amount": {"amount": "10000.00", "currency": "EUR"}},
    )
    assert r.status_code == 201, r.text
    rule_id = r.json()["id"]
    r = await client.post("/v1/deals", headers=pa, json=deal_body("Globex", "globex.example"))
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=pa)
    assert r.json()["status"] == "approved" and r.json()["decision"]["by"] == f"rule:{rule_id}", (
        r.text
    )
    d3 = r.json()

    r = await client.post(f"/v1/deals/{d1['id']}/approve", headers=admin)
    assert r.status_code == 200 and r.json()["protection_expires_at"], r.text
    r = await client.post(f"/v1/deals/{d1['id']}/extend", headers=admin)
    assert r.status_code == 200 and r.json()["extensions_used"] == 1, r.text
    r = await client.post(
        f"/v1/deals/{d2['id']}/reject", headers=admin, json={"reason": "Conflict"}
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    r = await client.post(f"/v1/deals/{d2['id']}/approve", headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    r = await client.post(
        f"/v1/deals/{d1['id']}/close", headers=admin, json={"outcome": "won", "reason": "Signed"}
    )
    assert r.status_code == 200 and r.json()["status"] == "won", r.text

    async with sessionmaker() as s, s.begin():
        await s.execute(
            update(Deal).where(Deal.id == d3["id"]).values(protection_expires_at=Deal.created_at)
        )
    from prm_api.deals.expiry import expire_due_deals

    assert await expire_due_deals(sessionmaker) == 1
    assert await expire_due_deals(sessionmaker) == 0
    r = await client.get(f"/v1/deals/{d3['id']}", headers=pa)
    assert r.json()["status"] == "expired"

    r = await client.get("/v1/deals?status=expired", headers=pa)
    assert [d["id"] for d in r.json()["data"]] == [d3["id"]]
    r = await client.get("/v1/program/settings", headers=admin)
    assert r.status_code == 200 and r.json()["protection_days"] == 90, r.text
