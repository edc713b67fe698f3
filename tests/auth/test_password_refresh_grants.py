"""The password grant (sign-in, lockout) and the rotating refresh_token grant."""

from __future__ import annotations

from joserfc import jwt
from sqlalchemy import select

from prm_api.auth.roles import ceiling
from prm_api.models import RefreshToken, User


async def _user_row(db, user_id):
    return (
        await db.execute(
            select(User.failed_login_count, User.locked_until, User.last_login_at).where(
                User.id == user_id
            )
        )
    ).one()


# --- password grant ---------------------------------------------------------------------------


async def test_password_grant_returns_access_and_refresh_token(client, factory, oauth, app):
    user = await factory.user(role="channel_manager", name="Grace Hopper")
    body = await oauth.login_ok(user.email)
    assert body["token_type"] == "Bearer"
    assert body["refresh_token"].startswith("prt_")
    assert set(body["scope"].split()) == set(ceiling("channel_manager"))

    claims = jwt.decode(body["access_token"], app.state.key_ring.verify_keys).claims
    assert claims["sub"] == str(user.id)
    assert claims["role"] == "channel_manager"
    assert claims["client_id"] == "prm-first-party"

    me = await client.get("/v1/me", headers=oauth.bearer(body["access_token"]))
    assert me.status_code == 200, me.text
    assert me.json()["subject_type"] == "user"
    assert me.json()["id"] == str(user.id)
    assert me.json()["email"] == user.email
    assert me.json()["name"] == "Grace Hopper"


async def test_password_grant_email_is_case_insensitive(factory, oauth):
    user = await factory.user(email="mixed.case@example.com")
    body = await oauth.login_ok("  Mixed.Case@EXAMPLE.com ")
    assert body["access_token"]
    assert user.email == "mixed.case@example.com"


async def test_password_grant_records_last_login(factory, oauth, db):
    user = await factory.user()
    assert (await _user_row(db, user.id)).last_login_at is None
    await oauth.login_ok(user.email)
    assert (await _user_row(db, user.id)).last_login_at is not None


async def test_password_grant_scope_narrowing(factory, oauth):
    user = await factory.user(role="admin")
    body = await oauth.login_ok(user.email, scope="deals:read audit:read")
    assert body["scope"] == "audit:read deals:read"


async def test_password_grant_scope_outside_ceiling_is_invalid_scope(factory, oauth, new_partner):
    user = await factory.user(role="partner_user", partner_id=await new_partner())
    r = await oauth.login(user.email, scope="users:write partners:write")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"


async def test_partner_user_token_is_bound_to_its_partner(factory, oauth, app, new_partner):
    partner_id = await new_partner()
    user = await factory.user(role="partner_admin", partner_id=partner_id)
    body = await oauth.login_ok(user.email)
    claims = jwt.decode(body["access_token"], app.state.key_ring.verify_keys).claims
    assert claims["partner_id"] == str(partner_id)
    assert claims["role"] == "partner_admin"


async def test_wrong_password_is_invalid_grant(factory, oauth):
    user = await factory.user()
    r = await oauth.login(user.email, "not the password at all")
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["error"] == "invalid_grant"
    assert "access_token" not in body


async def test_unknown_email_gives_the_same_error_as_a_wrong_password(factory, oauth):
    user = await factory.user()
    wrong = await oauth.login(user.email, "not the password at all")
    unknown = await oauth.login("nobody-here@example.com", "not the password at all")
    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json()["error"] == wrong.json()["error"] == "invalid_grant"
    assert unknown.json()["error_description"] == wrong.json()["error_description"]


async def test_missing_username_or_password_is_invalid_request(oauth):
    r = await oauth.token({"grant_type": "password", "username": "a@example.com"})
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_request"


async def test_user_without_password_cannot_sign_in(factory, oauth):
    user = await factory.user(password=None)
    r = await oauth.login(user.email, "")
    assert r.status_code == 400
    r = await oauth.login(user.email, "anything at all here")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"


async def test_failures_below_the_limit_then_success_reset_the_counter(
    factory, oauth, db, settings
):
    user = await factory.user()
    for _ in range(settings.login_max_failures - 1):
        r = await oauth.login(user.email, "wrong password 123")
        assert r.json()["error"] == "invalid_grant"
    assert (await _user_row(db, user.id)).failed_login_count == settings.login_max_failures - 1
    await oauth.login_ok(user.email)
    row = await _user_row(db, user.id)
    assert row.failed_login_count == 0
    assert row.locked_until is None


async def test_account_locks_after_max_failures(factory, oauth, db, settings):
    user = await factory.user()
    for _ in range(settings.login_max_failures):
        r = await oauth.login(user.email, "wrong password 123")
        assert r.status_code == 400
        assert r.json()["error"] == "invalid_grant"
    assert (await _user_row(db, user.id)).locked_until is not None

    # Locked: even the correct password is refused.
    r = await oauth.login(user.email)
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"
    assert "access_token" not in r.json()


async def test_lock_expires(factory, oauth, db, settings):
    from datetime import timedelta

    from sqlalchemy import update

    from prm_api.kit.time import utcnow

    user = await factory.user()
    for _ in range(settings.login_max_failures):
        await oauth.login(user.email, "wrong password 123")
    assert (await oauth.login(user.email)).status_code == 400
    await db.execute(
        update(User).where(User.id == user.id).values(locked_until=utcnow() - timedelta(seconds=1))
    )
    await db.commit()
    await oauth.login_ok(user.email)


async def test_lock_is_per_account(factory, oauth, settings):
    victim = await factory.user()
    other = await factory.user()
    for _ in range(settings.login_max_failures):
        await oauth.login(victim.email, "wrong password 123")
    await oauth.login_ok(other.email)


async def test_deactivated_user_cannot_sign_in(client, factory, oauth, admin_headers):
    user = await factory.user(role="channel_manager")
    await oauth.login_ok(user.email)
    r = await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    assert r.status_code == 200, r.text
    r = await oauth.login(user.email)
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"

    r = await client.post(f"/v1/users/{user.id}/reactivate", headers=admin_headers)
    assert r.status_code == 200, r.text
    await oauth.login_ok(user.email)


async def test_password_grant_with_unregistered_public_client_id_is_refused(factory, oauth):
    """An unauthenticated caller may not stamp another client's id into a token."""
    user = await factory.user()
    api_client, _ = await factory.api_client()
    r = await oauth.token(
        {
            "grant_type": "password",
            "username": user.email,
            "password": oauth.password,
            "client_id": api_client.client_id,
        }
    )
    assert r.status_code in (400, 401)
    assert r.json()["error"] == "invalid_client"


async def test_password_grant_through_a_confidential_client(factory, oauth, app):
    user = await factory.user()
    api_client, secret = await factory.api_client()
    r = await oauth.token(
        {"grant_type": "password", "username": user.email, "password": oauth.password},
        oauth.basic(api_client.client_id, secret),
    )
    assert r.status_code == 200, r.text
    claims = jwt.decode(r.json()["access_token"], app.state.key_ring.verify_keys).claims
    assert claims["client_id"] == api_client.client_id
    assert claims["sub"] == str(user.id)


# --- refresh_token grant ----------------------------------------------------------------------


async def test_refresh_rotates_the_refresh_token(client, factory, oauth):
    user = await factory.user()
    first = await oauth.login_ok(user.email)
    r = await oauth.refresh(first["refresh_token"])
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] and second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["scope"] == first["scope"]
    me = await client.get("/v1/me", headers=oauth.bearer(second["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == str(user.id)

    # The rotated one keeps rotating.
    r = await oauth.refresh(second["refresh_token"])
    assert r.status_code == 200, r.text


async def test_refresh_token_is_stored_only_as_a_hash(factory, oauth, db):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    stored = (await db.scalars(select(RefreshToken.token_hash))).all()
    assert len(stored) == 1
    assert body["refresh_token"] not in stored
    assert len(stored[0]) == 64


async def test_reusing_a_rotated_refresh_token_revokes_the_family(factory, oauth, db):
    user = await factory.user()
    first = await oauth.login_ok(user.email)
    second = (await oauth.refresh(first["refresh_token"])).json()

    reuse = await oauth.refresh(first["refresh_token"])
    assert reuse.status_code == 400
    assert reuse.json()["error"] == "invalid_grant"

    # The legitimate successor is dead too: the family is revoked.
    r = await oauth.refresh(second["refresh_token"])
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"
    revoked = (await db.scalars(select(RefreshToken.revoked_at))).all()
    assert len(revoked) == 2 and all(revoked)


async def test_family_revocation_does_not_touch_other_sessions(factory, oauth):
    user = await factory.user()
    laptop = await oauth.login_ok(user.email)
    phone = await oauth.login_ok(user.email)
    await oauth.refresh(laptop["refresh_token"])
    assert (await oauth.refresh(laptop["refresh_token"])).status_code == 400
    r = await oauth.refresh(phone["refresh_token"])
    assert r.status_code == 200, r.text


async def test_unknown_refresh_token_is_invalid_grant(oauth):
    r = await oauth.refresh("prt_does-not-exist")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"


async def test_missing_refresh_token_is_invalid_request(oauth):
    r = await oauth.token({"grant_type": "refresh_token"})
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_request"


async def test_expired_refresh_token_is_invalid_grant(factory, oauth, db):
    from datetime import timedelta

    from sqlalchemy import update

    from prm_api.kit.time import utcnow

    user = await factory.user()
    body = await oauth.login_ok(user.email)
    await db.execute(update(RefreshToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    await db.commit()
    r = await oauth.refresh(body["refresh_token"])
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"


async def test_refresh_can_narrow_but_not_widen_scope(factory, oauth):
    user = await factory.user(role="admin")
    body = await oauth.login_ok(user.email, scope="deals:read partners:read")
    r = await oauth.refresh(body["refresh_token"], scope="deals:read")
    assert r.status_code == 200, r.text
    narrowed = r.json()
    assert narrowed["scope"] == "deals:read"

    r = await oauth.refresh(narrowed["refresh_token"], scope="partners:read")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"


async def test_refresh_for_a_deactivated_user_fails(client, factory, oauth, admin_headers):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    assert r.status_code == 200
    r = await oauth.refresh(body["refresh_token"])
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"


async def test_refresh_token_is_bound_to_its_confidential_client(factory, oauth):
    user = await factory.user()
    owner, owner_secret = await factory.api_client()
    other, other_secret = await factory.api_client()
    r = await oauth.token(
        {"grant_type": "password", "username": user.email, "password": oauth.password},
        oauth.basic(owner.client_id, owner_secret),
    )
    refresh_token = r.json()["refresh_token"]

    # Without the client's credentials, or with another client's, the token is useless.
    r = await oauth.refresh(refresh_token)
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"
    r = await oauth.refresh(refresh_token, headers=oauth.basic(other.client_id, other_secret))
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"

    r = await oauth.refresh(refresh_token, headers=oauth.basic(owner.client_id, owner_secret))
    assert r.status_code == 200, r.text


async def test_password_change_revokes_refresh_tokens(client, factory, oauth, admin_headers):
    user = await factory.user()
    body = await oauth.login_ok(user.email)
    r = await client.patch(
        f"/v1/users/{user.id}",
        json={"password": "a brand new passphrase"},
        headers=admin_headers,
    )
    assert r.status_code == 200, r.text
    r = await oauth.refresh(body["refresh_token"])
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_grant"
    assert (await oauth.login(user.email)).status_code == 400
    await oauth.login_ok(user.email, "a brand new passphrase")
