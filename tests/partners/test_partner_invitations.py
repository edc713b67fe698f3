"""Invitations: one-time hashed tokens, expiry, revocation, acceptance and sign-in."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta

import pytest
from factories import PASSWORD, bearer, claims_of

from prm_api.kit.time import utcnow
from prm_api.models import Invitation, User

GOOD_PASSWORD = "a very good password"


@pytest.fixture
async def partner(store):
    return await store.partner("active")


async def invite(client, headers, partner_id, email="invitee@p.example", **extra):
    r = await client.post(
        f"/v1/partners/{partner_id}/invitations", headers=headers, json={"email": email, **extra}
    )
    assert r.status_code == 201, r.text
    return r.json()


async def accept(client, token, password=GOOD_PASSWORD, **extra):
    return await client.post(
        "/v1/invitations/accept", json={"token": token, "password": password, **extra}
    )


@pytest.mark.parametrize("inviter", ["admin", "channel_manager", "partner_admin"])
async def test_invitation_round_trip(client, oauth, auth, store, partner, inviter):
    headers = await auth.headers(
        inviter, partner_id=partner.id if inviter == "partner_admin" else None
    )
    t0 = utcnow()
    inv = await invite(client, headers, partner.id, role="partner_admin", name="Ivy")
    assert inv["status"] == "pending" and inv["partner_id"] == str(partner.id)
    assert inv["token"].startswith("inv_")
    # Valid for seven days; only the token's hash is stored.
    row = await store.get_invitation(inv["id"])
    assert (
        timedelta(days=7) - timedelta(minutes=1)
        <= row.expires_at - t0
        <= timedelta(days=7, minutes=1)
    )
    assert row.token_hash == hashlib.sha256(inv["token"].encode()).hexdigest()
    assert inv["token"] not in row.token_hash
    # The token is never shown again.
    r = await client.get(f"/v1/partners/{partner.id}/invitations", headers=headers)
    assert r.status_code == 200, r.text
    [listed] = r.json()["data"]
    assert "token" not in listed and listed["id"] == inv["id"]

    r = await accept(client, inv["token"])
    assert r.status_code == 201, r.text
    user = r.json()
    assert user["email"] == "invitee@p.example" and user["name"] == "Ivy"
    assert user["role"] == "partner_admin" and user["partner_id"] == str(partner.id)
    assert "password_hash" not in user

    r = await oauth.login("invitee@p.example", GOOD_PASSWORD)
    assert r.status_code == 200, r.text
    claims = claims_of(r.json()["access_token"])
    assert claims["partner_id"] == str(partner.id) and claims["role"] == "partner_admin"
    pa = bearer(r.json()["access_token"])
    r = await client.get(f"/v1/partners/{partner.id}", headers=pa)
    assert r.status_code == 200, r.text
    r = await client.get(f"/v1/partners/{partner.id}/invitations", headers=headers)
    assert r.json()["data"][0]["status"] == "accepted"
    assert [a.action for a in await store.audit(inv["id"])] == [
        "invitation.created",
        "invitation.accepted",
    ]


async def test_token_is_single_use(client, oauth, auth, store, partner):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    assert (await accept(client, inv["token"])).status_code == 201
    r = await accept(client, inv["token"], password="another good password")
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert await store.count(User, User.email == "invitee@p.example") == 1
    # The first password stays; the second one never took.
    assert (await oauth.login("invitee@p.example", GOOD_PASSWORD)).status_code == 200
    r = await oauth.login("invitee@p.example", "another good password")
    assert r.status_code == 400


async def test_concurrent_acceptance_creates_one_user(client, auth, store, partner):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    results = await asyncio.gather(*(accept(client, inv["token"]) for _ in range(3)))
    assert sorted(r.status_code for r in results) == [201, 400, 400], [r.text for r in results]
    assert await store.count(User, User.email == "invitee@p.example") == 1


async def test_expired_token_is_rejected(client, auth, store, partner):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    await store.set_invitation(inv["id"], expires_at=utcnow() - timedelta(seconds=1))
    r = await accept(client, inv["token"])
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert await store.count(User, User.email == "invitee@p.example") == 0
    r = await client.get(f"/v1/partners/{partner.id}/invitations", headers=admin)
    assert r.json()["data"][0]["status"] == "expired"
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations/{inv['id']}/revoke", headers=admin
    )
    assert r.status_code == 409 and r.json()["code"] == "invitation_not_pending", r.text


async def test_revoked_token_is_rejected(client, auth, store, partner):
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    inv = await invite(client, pa, partner.id)
    r = await client.post(f"/v1/partners/{partner.id}/invitations/{inv['id']}/revoke", headers=pa)
    assert r.status_code == 200 and r.json()["status"] == "revoked", r.text
    assert r.json()["revoked_at"] is not None
    r = await accept(client, inv["token"])
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert await store.count(User, User.email == "invitee@p.example") == 0
    r = await client.post(f"/v1/partners/{partner.id}/invitations/{inv['id']}/revoke", headers=pa)
    assert r.status_code == 409, r.text


@pytest.mark.parametrize("action", ["terminate", "suspend"])
async def test_token_of_a_closed_partner_is_rejected(client, auth, store, partner, action):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    r = await client.post(f"/v1/partners/{partner.id}/{action}", headers=admin)
    assert r.status_code == 200, r.text
    r = await accept(client, inv["token"])
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert await store.count(User, User.email == "invitee@p.example") == 0


@pytest.mark.parametrize("token", ["inv_unknown_token_value", "x" * 50])
async def test_unknown_token_is_rejected(client, token):
    r = await accept(client, token)
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text


async def test_weak_password_is_rejected_and_keeps_the_token(client, auth, partner):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    r = await accept(client, inv["token"], password="short")
    assert r.status_code == 422, r.text
    assert (await accept(client, inv["token"])).status_code == 201


async def test_no_invitations_for_closed_partners(client, auth, store):
    admin = await auth.headers("admin")
    for status in ("suspended", "declined", "terminated"):
        closed = await store.partner(status)
        r = await client.post(
            f"/v1/partners/{closed.id}/invitations", headers=admin, json={"email": "a@b.example"}
        )
        assert r.status_code == 409 and r.json()["code"] == "partner_not_open", (status, r.text)
    assert await store.count(Invitation) == 0


async def test_inviting_an_existing_email_conflicts(client, auth, factory, partner):
    admin = await auth.headers("admin")
    await factory.user(role="partner_user", partner_id=partner.id, email="taken@p.example")
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations",
        headers=admin,
        json={"email": "TAKEN@p.example"},
    )
    assert r.status_code == 409 and r.json()["code"] == "email_taken", r.text


@pytest.mark.parametrize("holder", ["other_partner", "vendor"])
async def test_partner_admin_learns_nothing_about_accounts_outside_its_partner(
    client, auth, factory, store, partner, holder
):
    other = await store.partner("active")
    email = f"{holder}.someone@x.example"
    if holder == "vendor":
        await factory.user(role="channel_manager", email=email)
    else:
        await factory.user(role="partner_user", partner_id=other.id, email=email)
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    # Invited as usual: the same answer as for a free address.
    inv = await invite(client, pa, partner.id, email=email)
    free = await invite(client, pa, partner.id, email="nobody.yet@x.example")
    assert inv.keys() == free.keys() and inv["status"] == free["status"] == "pending"
    users_before = await store.count(User)
    r = await accept(client, inv["token"])
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert r.json()["detail"] == "This invitation token is invalid, used or expired."
    assert await store.count(User) == users_before
    assert (await store.get_invitation(inv["id"])).accepted_at is None
    # Its own people it can see anyway: told at once.
    await factory.user(role="partner_user", partner_id=partner.id, email="mine@p.example")
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations", headers=pa, json={"email": "mine@p.example"}
    )
    assert r.status_code == 409 and r.json()["code"] == "email_taken", r.text


async def test_email_taken_between_invite_and_accept(client, auth, factory, store, partner):
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id, email="late@p.example")
    await factory.user(role="admin", email="late@p.example")
    r = await accept(client, inv["token"])
    # One answer for every unusable token: the holder learns nothing about the account.
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert (await store.get_invitation(inv["id"])).accepted_at is None


async def test_email_race_at_the_unique_index_is_409_not_500(
    client, auth, factory, store, partner, monkeypatch
):
    """The pre-check can pass while a concurrent insert wins: the unique index decides."""
    from prm_api.users import service as users

    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id, email="race@p.example")
    await factory.user(role="admin", email="race@p.example")

    async def no_check(session, email):
        return None

    monkeypatch.setattr(users, "_ensure_email_free", no_check)
    r = await accept(client, inv["token"])
    assert r.status_code == 400 and r.json()["code"] == "invalid_invitation", r.text
    assert (await store.get_invitation(inv["id"])).accepted_at is None
    assert await store.count(User, User.email == "race@p.example") == 1


async def test_other_partners_admin_cannot_see_or_revoke_invitations(client, auth, store, partner):
    other = await store.partner("active")
    admin = await auth.headers("admin")
    inv = await invite(client, admin, partner.id)
    b_admin = await auth.headers("partner_admin", partner_id=other.id)
    r = await client.get(f"/v1/partners/{partner.id}/invitations", headers=b_admin)
    assert r.status_code == 404, r.text
    r = await client.post(
        f"/v1/partners/{partner.id}/invitations/{inv['id']}/revoke", headers=b_admin
    )
    assert r.status_code == 404, r.text
    r = await client.post(
        f"/v1/partners/{other.id}/invitations/{inv['id']}/revoke", headers=b_admin
    )
    assert r.status_code == 404, r.text
    r = await client.get(f"/v1/partners/{other.id}/invitations", headers=b_admin)
    assert r.status_code == 200 and r.json()["data"] == [], r.text
    assert (await store.get_invitation(inv["id"])).revoked_at is None
    assert (await accept(client, inv["token"])).status_code == 201


async def test_deactivating_a_user_revokes_its_tokens(client, oauth, auth, factory, store, partner):
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    member = await factory.user(
        role="partner_user", partner_id=partner.id, email="m@p.example", password=PASSWORD
    )
    r = await oauth.login("m@p.example")
    assert r.status_code == 200, r.text
    token = bearer(r.json()["access_token"])
    refresh = r.json()["refresh_token"]
    assert (await client.get(f"/v1/partners/{partner.id}", headers=token)).status_code == 200
    r = await client.post(f"/v1/partners/{partner.id}/users/{member.id}/deactivate", headers=pa)
    assert r.status_code == 200, r.text
    r = await client.get(f"/v1/partners/{partner.id}", headers=token)
    assert r.status_code == 401, r.text
    assert (await oauth.login("m@p.example")).status_code == 400
    r = await client.post(
        "/oauth/token", data={"grant_type": "refresh_token", "refresh_token": refresh}
    )
    assert r.status_code == 400, r.text
    r = await client.post(f"/v1/partners/{partner.id}/users/{member.id}/reactivate", headers=pa)
    assert r.status_code == 200, r.text
    assert (await oauth.login("m@p.example")).status_code == 200


async def test_partner_admin_cannot_deactivate_itself(client, auth, store, partner):
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    me = claims_of(pa)["sub"]
    r = await client.post(f"/v1/partners/{partner.id}/users/{me}/deactivate", headers=pa)
    assert r.status_code == 409, r.text
    assert (await store.get_user(me)).active


async def test_concurrent_user_changes_serialize(client, auth, factory, partner):
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    member = await factory.user(role="partner_user", partner_id=partner.id)
    url = f"/v1/partners/{partner.id}/users/{member.id}"
    etag = (await client.get(url, headers=pa)).headers["etag"]
    results = await asyncio.gather(
        *(
            client.patch(url, headers={**pa, "If-Match": etag}, json={"name": f"N{i}"})
            for i in range(3)
        )
    )
    assert sorted(r.status_code for r in results) == [200, 412, 412], [r.text for r in results]
    results = await asyncio.gather(
        client.patch(url, headers=pa, json={"name": "Late"}),
        client.post(f"{url}/deactivate", headers=pa),
        client.post(f"{url}/reactivate", headers=pa),
    )
    assert all(r.status_code == 200 for r in results), [r.text for r in results]


async def test_revoke_racing_acceptance(client, auth, store, partner):
    admin = await auth.headers("admin")
    for _ in range(3):
        email = f"r{_}@p.example"
        inv = await invite(client, admin, partner.id, email=email)
        revoke, accepted = await asyncio.gather(
            client.post(f"/v1/partners/{partner.id}/invitations/{inv['id']}/revoke", headers=admin),
            accept(client, inv["token"]),
        )
        assert {revoke.status_code, accepted.status_code} in ({200, 400}, {409, 201}), (
            revoke.text,
            accepted.text,
        )
        row = await store.get_invitation(inv["id"])
        assert (row.accepted_at is None) != (row.revoked_at is None)
        assert await store.count(User, User.email == email) == (1 if row.accepted_at else 0)
