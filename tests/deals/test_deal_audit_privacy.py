"""A deal's customer contact is personal data: the append-only audit trail keeps digests."""

from __future__ import annotations

from factories import deal_body

from prm_api.audit.chain import digest_personal


async def test_customer_contact_is_stored_as_digests_in_the_audit(client, auth, store):
    partner = await store.partner()
    pu = await auth.headers("partner_user", partner_id=partner.id)
    body = deal_body("Żabka Polska")
    body["customer"].update(contact_name="Anna Nowak", contact_email="anna@zabka.example")
    r = await client.post("/v1/deals", headers=pu, json=body)
    assert r.status_code == 201, r.text
    deal_id = r.json()["id"]
    r = await client.patch(
        f"/v1/deals/{deal_id}",
        headers=pu,
        json={"customer": {"name": "Żabka Polska", "contact_name": "Jan Kowalski"}},
    )
    assert r.status_code == 200, r.text
    created, updated = await store.audit(deal_id)
    assert created.changes["customer_contact_name"] == {
        "before": None,
        "after": digest_personal("Anna Nowak"),
    }
    assert created.changes["customer_contact_email"]["after"] == digest_personal(
        "anna@zabka.example"
    )
    assert updated.changes["customer_contact_name"] == {
        "before": digest_personal("Anna Nowak"),
        "after": digest_personal("Jan Kowalski"),
    }
    for row in (created, updated):
        text = str(row.changes)
        assert "Anna" not in text and "Kowalski" not in text and "anna@" not in text
