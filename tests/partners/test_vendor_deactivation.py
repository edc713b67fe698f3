"""A vendor's deactivation of a partner user is not the partner's to lift."""

from __future__ import annotations

from factories import assert_problem


async def test_partner_admin_cannot_reactivate_a_user_the_vendor_deactivated(
    client, auth, factory, store
):
    partner = await store.partner("active")
    user = await factory.user(role="partner_user", partner_id=partner.id)
    admin = await auth.headers("admin")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    base = f"/v1/partners/{partner.id}/users/{user.id}"

    r = await client.post(f"{base}/deactivate", headers=admin)
    assert r.status_code == 200, r.text
    audit_before = len(await store.audit(user.id))
    r = await client.post(f"{base}/reactivate", headers=pa)
    body = assert_problem(r, 403, "deactivated_by_vendor")
    assert "vendor" in body["detail"]
    assert (await store.get_user(user.id)).active is False
    assert len(await store.audit(user.id)) == audit_before

    # Vendor staff can lift it; what the partner itself deactivates, it may reactivate.
    r = await client.post(f"{base}/reactivate", headers=admin)
    assert r.status_code == 200 and r.json()["active"] is True, r.text
    r = await client.post(f"{base}/deactivate", headers=pa)
    assert r.status_code == 200, r.text
    r = await client.post(f"{base}/reactivate", headers=pa)
    assert r.status_code == 200 and r.json()["active"] is True, r.text
