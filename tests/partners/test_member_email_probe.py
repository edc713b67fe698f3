"""A partner admin learns nothing about accounts outside its partner, on either way of adding
people: invitations (invited as usual, see test_partner_invitations.py) and the direct create,
which is vendor staff's only (partner admins invite), so it cannot answer ``email_taken``
for another partner's user or a vendor's address."""

from __future__ import annotations

import pytest

from prm_api.models import Invitation, User


@pytest.fixture
async def partner(store):
    return await store.partner("active")


def _answer(r) -> tuple[int, dict]:
    """The response as a prober sees it, less what differs per request."""
    body = {k: v for k, v in r.json().items() if k not in ("instance", "request_id")}
    return r.status_code, body


@pytest.mark.parametrize("holder", ["fresh", "other_partner", "vendor", "own_partner"])
async def test_partner_admin_direct_create_is_refused_alike_for_every_address(
    client, auth, factory, store, partner, holder
):
    email = f"{holder}.person@x.example"
    if holder == "vendor":
        await factory.user(role="channel_manager", email=email)
    elif holder == "other_partner":
        other = await store.partner("active")
        await factory.user(role="partner_user", partner_id=other.id, email=email)
    elif holder == "own_partner":
        await factory.user(role="partner_user", partner_id=partner.id, email=email)
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    users_before = await store.count(User)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=pa,
        json={"email": email, "name": "Someone", "role": "partner_user"},
    )
    assert r.status_code == 403, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert _answer(r) == (
        403,
        {
            "type": r.json()["type"],
            "title": "Forbidden",
            "status": 403,
            "detail": "Only vendor staff can add users directly; invite them instead "
            "(POST /v1/partners/{id}/invitations).",
            "code": "vendor_only",
        },
    )
    assert await store.count(User) == users_before


async def test_partner_admin_invites_instead(client, auth, factory, store, partner):
    """The path the 403 points to: the invitation, with the same answer for an address held
    at another partner as for a free one."""
    other = await store.partner("active")
    await factory.user(role="partner_user", partner_id=other.id, email="held@x.example")
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    answers = []
    for email in ("held@x.example", "free@x.example"):
        r = await client.post(
            f"/v1/partners/{partner.id}/invitations", headers=pa, json={"email": email}
        )
        assert r.status_code == 201, r.text
        answers.append(r)
    held, free = (r.json() for r in answers)
    assert held.keys() == free.keys() and held["status"] == free["status"] == "pending"
    assert answers[0].headers.keys() == answers[1].headers.keys()
    assert await store.count(Invitation) == 2


@pytest.mark.parametrize("role", ["admin", "channel_manager"])
async def test_vendor_staff_create_directly_and_are_told_about_taken_addresses(
    client, auth, factory, store, partner, role
):
    headers = await auth.headers(role)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=headers,
        json={"email": "new.person@x.example", "name": "New", "role": "partner_user"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["partner_id"] == str(partner.id)
    other = await store.partner("active")
    await factory.user(role="partner_user", partner_id=other.id, email="held@x.example")
    users_before = await store.count(User)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=headers,
        json={"email": "HELD@x.example", "name": "Held", "role": "partner_user"},
    )
    assert r.status_code == 409 and r.json()["code"] == "email_taken", r.text
    assert await store.count(User) == users_before


async def test_another_partners_admin_gets_404_not_403(client, auth, store, partner):
    """The refusal comes after the visibility check: another partner does not exist."""
    other = await store.partner("active")
    pa = await auth.headers("partner_admin", partner_id=other.id)
    r = await client.post(
        f"/v1/partners/{partner.id}/users",
        headers=pa,
        json={"email": "x@x.example", "name": "X", "role": "partner_user"},
    )
    assert r.status_code == 404, r.text
