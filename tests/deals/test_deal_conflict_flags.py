"""A deal's ``has_conflicts`` agrees with its ``/conflicts`` list, from both sides of a pair."""

from __future__ import annotations

from factories import deal_body


async def _submitted(client, headers, body):
    r = await client.post("/v1/deals", headers=headers, json=body)
    assert r.status_code == 201, r.text
    r = await client.post(f"/v1/deals/{r.json()['id']}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def test_the_first_registration_is_flagged_when_another_partner_claims_its_customer(
    client, auth, store
):
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    admin = await auth.headers("admin")
    first = await _submitted(client, ha, deal_body("Stark Industries", "stark.example"))
    assert first["has_conflicts"] is False
    etag_before = (await client.get(f"/v1/deals/{first['id']}", headers=ha)).headers["ETag"]
    second = await _submitted(client, hb, deal_body("Stark Industries", "stark.example"))
    assert second["has_conflicts"] is True

    for deal, headers in ((first, ha), (second, hb), (first, admin), (second, admin)):
        r = await client.get(f"/v1/deals/{deal['id']}", headers=headers)
        listed = await client.get(f"/v1/deals/{deal['id']}/conflicts", headers=headers)
        assert r.status_code == listed.status_code == 200, (r.text, listed.text)
        assert r.json()["has_conflicts"] is True
        assert len(listed.json()["data"]) == 1, listed.json()
    # The first deal's representation changed: so did its ETag.
    r = await client.get(f"/v1/deals/{first['id']}", headers=ha)
    assert r.headers["ETag"] != etag_before
