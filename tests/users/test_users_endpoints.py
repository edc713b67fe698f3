"""/v1/users: vendor staff — list, create, get, update, deactivate, who may do what, audit."""

from __future__ import annotations

import asyncio
import hashlib
import uuid

import pytest
from sqlalchemy import select, text

from prm_api.models import User

PASSWORD = "a long enough passphrase"


def digest(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()


async def _me(client, headers) -> dict:
    r = await client.get("/v1/me", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def _create(client, headers, **overrides):
    body = {
        "email": f"{uuid.uuid4().hex[:8]}@vendor.example",
        "name": "Ada Lovelace",
        "role": "channel_manager",
        "password": PASSWORD,
    }
    body.update(overrides)
    return await client.post("/v1/users", json=body, headers=headers)


# --- list -------------------------------------------------------------------------------------


async def test_list_paginates_with_cursor_and_link_header(client, factory, admin_headers):
    me = await _me(client, admin_headers)
    created = [await factory.user(role="channel_manager") for _ in range(2)]
    expected = {me["id"], *(str(u.id) for u in created)}

    seen: list[str] = []
    url = "/v1/users?limit=1"
    for _ in range(5):
        r = await client.get(url, headers=admin_headers)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["data"]) == 1
        seen.append(page["data"][0]["id"])
        if not page["has_more"]:
            assert page["next_cursor"] is None
            assert "link" not in r.headers
            break
        assert page["next_cursor"]
        link = r.headers["link"]
        assert link.endswith('>; rel="next"')
        assert f"cursor={page['next_cursor']}" in link
        url = link[1 : link.index(">")].removeprefix("http://testserver")
    assert len(seen) == len(expected) == 3
    assert set(seen) == expected
    # Default sort is newest first.
    assert seen == [str(u.id) for u in reversed(created)] + [me["id"]]


async def test_list_default_page_shape(client, admin_headers):
    r = await client.get("/v1/users", headers=admin_headers)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"data", "has_more", "next_cursor"}
    assert body["has_more"] is False
    user = body["data"][0]
    assert "password_hash" not in user and "password" not in user
    assert "failed_login_count" not in user and "tokens_valid_after" not in user


@pytest.mark.parametrize("params", ["limit=0", "limit=101", "cursor=not-a-cursor", "sort=password"])
async def test_list_rejects_bad_paging_parameters(client, admin_headers, params):
    r = await client.get(f"/v1/users?{params}", headers=admin_headers)
    assert r.status_code in (400, 422)
    assert r.headers["content-type"] == "application/problem+json"


async def test_list_filters(client, factory, admin_headers, new_partner):
    cm = await factory.user(
        role="channel_manager", name="Carla Marsh", email="carla@vendor.example"
    )
    off = await factory.user(role="channel_manager", name="Otto Off")
    await client.post(f"/v1/users/{off.id}/deactivate", headers=admin_headers)
    await factory.user(role="partner_admin", partner_id=await new_partner(), name="Carla Partner")

    async def ids(query: str) -> set[str]:
        r = await client.get(f"/v1/users?{query}", headers=admin_headers)
        assert r.status_code == 200, r.text
        return {u["id"] for u in r.json()["data"]}

    everyone = await ids("")
    assert len(everyone) == 3  # the caller, cm, off — never the partner user
    assert await ids("role=channel_manager") == {str(cm.id), str(off.id)}
    assert len(await ids("role=admin")) == 1
    assert await ids("active=false") == {str(off.id)}
    assert str(off.id) not in await ids("active=true")
    assert await ids("q=carla") == {str(cm.id)}
    assert await ids("q=VENDOR.EXAMPLE") == {str(cm.id)}
    assert await ids("q=%25") == set()  # LIKE wildcards match literally
    assert await ids("email=CARLA@vendor.example") == {str(cm.id)}
    assert await ids("role=channel_manager&active=true&q=carla") == {str(cm.id)}


async def test_list_refuses_partner_roles_as_filter(client, admin_headers):
    r = await client.get("/v1/users?role=partner_admin", headers=admin_headers)
    assert r.status_code == 422


async def test_list_sort_by_email(client, factory, admin_headers):
    await factory.user(role="channel_manager", email="b@vendor.example")
    await factory.user(role="channel_manager", email="a@vendor.example")
    r = await client.get("/v1/users?sort=email&role=channel_manager", headers=admin_headers)
    assert [u["email"] for u in r.json()["data"]] == ["a@vendor.example", "b@vendor.example"]


# --- create -----------------------------------------------------------------------------------


async def test_create_returns_201_location_and_etag(client, admin_headers, oauth):
    r = await _create(client, admin_headers, email="ada@vendor.example", role="admin")
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/v1/users/{body['id']}"
    assert r.headers["etag"] == '"1"'
    assert body["email"] == "ada@vendor.example"
    assert body["role"] == "admin"
    assert body["active"] is True
    assert body["partner_id"] is None
    assert body["created_at"].endswith("Z")
    assert uuid.UUID(body["id"]).version == 7
    assert "password" not in body and "password_hash" not in body

    got = await client.get(r.headers["location"], headers=admin_headers)
    assert got.status_code == 200
    assert got.json() == body
    assert got.headers["etag"] == '"1"'

    # The initial password works at the token endpoint.
    await oauth.login_ok("ada@vendor.example", PASSWORD)


async def test_create_stores_a_password_hash_only(client, admin_headers, db):
    r = await _create(client, admin_headers)
    stored = await db.scalar(select(User.password_hash).where(User.id == uuid.UUID(r.json()["id"])))
    assert stored and stored.startswith("$argon2") and PASSWORD not in stored


async def test_create_without_password(client, admin_headers):
    body = {"email": "nopass@vendor.example", "name": "No Pass", "role": "channel_manager"}
    r = await client.post("/v1/users", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text


async def test_duplicate_email_is_409_case_insensitively(client, admin_headers):
    r = await _create(client, admin_headers, email="grace@vendor.example")
    assert r.status_code == 201
    dup = await _create(client, admin_headers, email="GRACE@Vendor.Example")
    assert dup.status_code == 409
    assert dup.headers["content-type"] == "application/problem+json"
    assert dup.json()["code"] == "email_taken"
    r = await client.get("/v1/users?q=grace", headers=admin_headers)
    assert len(r.json()["data"]) == 1


async def test_concurrent_duplicate_creates_give_one_201_and_one_409(client, admin_headers):
    """Both requests pass the "is the email free" check; the unique index decides (no 500)."""
    for round_ in range(3):
        email = f"race{round_}@vendor.example"
        results = await asyncio.gather(*[_create(client, admin_headers, email=email) for _ in "ab"])
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        conflict = next(r for r in results if r.status_code == 409)
        assert conflict.json()["code"] == "email_taken"


async def test_unknown_field_is_422_with_errors(client, admin_headers):
    r = await _create(client, admin_headers, is_superuser=True)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "validation_error"
    assert any(e["field"] == "is_superuser" for e in body["errors"])


@pytest.mark.parametrize(
    "field,value",
    [
        ("id", "01900000-0000-7000-8000-000000000002"),
        ("active", False),
        ("partner_id", "01900000-0000-7000-8000-000000000003"),
        ("created_at", "2020-01-01T00:00:00Z"),
    ],
)
async def test_server_owned_fields_are_refused(client, admin_headers, field, value):
    r = await _create(client, admin_headers, **{field: value})
    assert r.status_code == 422
    assert any(e["field"] == field for e in r.json()["errors"])


@pytest.mark.parametrize("role", ["partner_admin", "partner_user", "superuser"])
async def test_create_refuses_non_vendor_roles(client, admin_headers, role):
    r = await _create(client, admin_headers, role=role)
    assert r.status_code == 422
    assert any(e["field"] == "role" for e in r.json()["errors"])


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"email": "not-an-email"}, "email"),
        ({"name": ""}, "name"),
        ({"password": "short"}, "password"),
        ({"email": None}, "email"),
    ],
)
async def test_create_validates_fields(client, admin_headers, overrides, field):
    r = await _create(client, admin_headers, **overrides)
    assert r.status_code == 422
    assert any(e["field"] == field for e in r.json()["errors"]), r.json()


async def test_malformed_json_is_400(client, admin_headers):
    r = await client.post(
        "/v1/users",
        content=b"{not json",
        headers={**admin_headers, "content-type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["code"] == "malformed_json"


# --- get --------------------------------------------------------------------------------------


async def test_get_unknown_user_is_404_problem(client, admin_headers):
    missing = uuid.uuid4()
    r = await client.get(f"/v1/users/{missing}", headers=admin_headers)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "not_found"
    assert body["status"] == 404
    assert body["instance"] == f"/v1/users/{missing}"
    assert "request_id" in body


async def test_get_with_a_malformed_id_is_422(client, admin_headers):
    r = await client.get("/v1/users/not-a-uuid", headers=admin_headers)
    assert r.status_code == 422


async def test_partner_users_are_not_served_here(client, factory, admin_headers, new_partner):
    pu = await factory.user(role="partner_user", partner_id=await new_partner())
    for r in (
        await client.get(f"/v1/users/{pu.id}", headers=admin_headers),
        await client.patch(f"/v1/users/{pu.id}", json={"name": "x"}, headers=admin_headers),
        await client.post(f"/v1/users/{pu.id}/deactivate", headers=admin_headers),
    ):
        assert r.status_code == 404


# --- update -----------------------------------------------------------------------------------


async def test_patch_with_matching_if_match_changes_etag(client, factory, admin_headers):
    user = await factory.user(role="channel_manager", name="Old Name")
    r = await client.get(f"/v1/users/{user.id}", headers=admin_headers)
    etag = r.headers["etag"]

    r = await client.patch(
        f"/v1/users/{user.id}",
        json={"name": "New Name"},
        headers={**admin_headers, "If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "New Name"
    assert r.headers["etag"] != etag
    assert r.json()["updated_at"] >= r.json()["created_at"]

    # The old ETag is now stale.
    stale = await client.patch(
        f"/v1/users/{user.id}",
        json={"name": "Lost Update"},
        headers={**admin_headers, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["code"] == "precondition_failed"
    r = await client.get(f"/v1/users/{user.id}", headers=admin_headers)
    assert r.json()["name"] == "New Name"


async def test_patch_accepts_weak_and_wildcard_etags(client, factory, admin_headers):
    user = await factory.user(role="channel_manager")
    r = await client.patch(
        f"/v1/users/{user.id}", json={"name": "A"}, headers={**admin_headers, "If-Match": 'W/"1"'}
    )
    assert r.status_code == 200
    r = await client.patch(
        f"/v1/users/{user.id}", json={"name": "B"}, headers={**admin_headers, "If-Match": "*"}
    )
    assert r.status_code == 200


async def test_patch_role(client, factory, admin_headers):
    user = await factory.user(role="channel_manager")
    r = await client.patch(f"/v1/users/{user.id}", json={"role": "admin"}, headers=admin_headers)
    assert r.status_code == 200
    assert r.json()["role"] == "admin"
    r = await client.patch(
        f"/v1/users/{user.id}", json={"role": "partner_admin"}, headers=admin_headers
    )
    assert r.status_code == 422


@pytest.mark.parametrize("body", [{"name": None}, {"role": None}, {"name": ""}, {"email": "x@y.z"}])
async def test_patch_refuses_nulls_and_unknown_fields(client, factory, admin_headers, body):
    user = await factory.user(role="channel_manager", name="Keep Me")
    r = await client.patch(f"/v1/users/{user.id}", json=body, headers=admin_headers)
    assert r.status_code == 422, r.text
    assert r.json()["errors"]
    r = await client.get(f"/v1/users/{user.id}", headers=admin_headers)
    assert r.json()["name"] == "Keep Me"
    assert r.json()["role"] == "channel_manager"


async def test_patch_without_changes_keeps_the_etag(client, factory, admin_headers):
    user = await factory.user(role="channel_manager", name="Same")
    r = await client.patch(f"/v1/users/{user.id}", json={"name": "Same"}, headers=admin_headers)
    assert r.status_code == 200
    assert r.headers["etag"] == '"1"'


async def test_nobody_changes_their_own_role(client, auth, factory):
    token = await auth.token("admin")
    headers = {"Authorization": f"Bearer {token}"}
    me = await _me(client, headers)
    r = await client.patch(
        f"/v1/users/{me['id']}", json={"role": "channel_manager"}, headers=headers
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "self_role_change"


async def test_patch_unknown_user_is_404(client, admin_headers):
    r = await client.patch(f"/v1/users/{uuid.uuid4()}", json={"name": "x"}, headers=admin_headers)
    assert r.status_code == 404


# --- deactivate / reactivate ------------------------------------------------------------------


async def test_deactivate_and_reactivate(client, factory, admin_headers):
    user = await factory.user(role="channel_manager")
    r = await client.post(
        f"/v1/users/{user.id}/deactivate", headers={**admin_headers, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["active"] is False
    assert body["deactivated_at"]
    assert r.headers["etag"] == '"2"'

    # Idempotent.
    again = await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    assert again.status_code == 200
    assert again.json()["deactivated_at"] == body["deactivated_at"]

    stale = await client.post(
        f"/v1/users/{user.id}/reactivate", headers={**admin_headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    r = await client.post(
        f"/v1/users/{user.id}/reactivate", headers={**admin_headers, "If-Match": '"2"'}
    )
    assert r.status_code == 200
    assert r.json()["active"] is True
    assert r.json()["deactivated_at"] is None


async def test_nobody_deactivates_themselves(client, auth):
    headers = await auth.headers("admin")
    me = await _me(client, headers)
    r = await client.post(f"/v1/users/{me['id']}/deactivate", headers=headers)
    assert r.status_code == 409
    assert r.json()["code"] == "self_deactivation"
    assert (await client.get("/v1/me", headers=headers)).status_code == 200


async def test_deactivate_unknown_user_is_404(client, admin_headers):
    r = await client.post(f"/v1/users/{uuid.uuid4()}/deactivate", headers=admin_headers)
    assert r.status_code == 404
    r = await client.post(f"/v1/users/{uuid.uuid4()}/reactivate", headers=admin_headers)
    assert r.status_code == 404


# --- who may do what --------------------------------------------------------------------------


async def test_channel_manager_reads_but_does_not_write(client, auth, factory):
    headers = await auth.headers("channel_manager")
    target = await factory.user(role="channel_manager", name="Target")
    assert (await client.get("/v1/users", headers=headers)).status_code == 200
    assert (await client.get(f"/v1/users/{target.id}", headers=headers)).status_code == 200
    for r in (
        await _create(client, headers),
        await client.patch(f"/v1/users/{target.id}", json={"name": "x"}, headers=headers),
        await client.post(f"/v1/users/{target.id}/deactivate", headers=headers),
        await client.post(f"/v1/users/{target.id}/reactivate", headers=headers),
    ):
        assert r.status_code == 403, r.text
        assert r.json()["code"] == "insufficient_scope"
        assert r.json()["required_scopes"] == ["users:write"]
    r = await client.get(f"/v1/users/{target.id}", headers=headers)
    assert r.json()["name"] == "Target" and r.json()["active"] is True


async def test_no_token_is_401_everywhere(client, factory):
    target = await factory.user()
    for r in (
        await client.get("/v1/users"),
        await client.get(f"/v1/users/{target.id}"),
        await _create(client, {}),
        await client.patch(f"/v1/users/{target.id}", json={"name": "x"}),
        await client.post(f"/v1/users/{target.id}/deactivate"),
    ):
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("as_client", [False, True], ids=["user", "client"])
async def test_partner_admin_cannot_see_or_change_vendor_staff(
    client, auth, factory, db, new_partner, as_client
):
    """partner_admin holds users:read/write for its own partner's users; vendor staff stay
    invisible (list 403, objects 404) and untouchable, and no vendor user can be created."""
    headers = await auth.headers(
        "partner_admin", partner_id=await new_partner(), as_client=as_client
    )
    staff = await factory.user(role="admin", name="Vendor Admin")

    r = await client.get("/v1/users", headers=headers)
    assert r.status_code == 403
    assert "Vendor Admin" not in r.text and staff.email not in r.text

    assert (await client.get(f"/v1/users/{staff.id}", headers=headers)).status_code == 404

    r = await _create(client, headers, role="admin", email="evil@partner.example")
    assert r.status_code == 403
    assert await db.scalar(select(User.id).where(User.email == "evil@partner.example")) is None

    for r in (
        await client.patch(f"/v1/users/{staff.id}", json={"name": "pwned"}, headers=headers),
        await client.patch(
            f"/v1/users/{staff.id}", json={"password": "attacker passphrase"}, headers=headers
        ),
        await client.post(f"/v1/users/{staff.id}/deactivate", headers=headers),
        await client.post(f"/v1/users/{staff.id}/reactivate", headers=headers),
    ):
        assert r.status_code == 404, r.text

    row = (
        await db.execute(select(User.name, User.active, User.version).where(User.id == staff.id))
    ).one()
    assert tuple(row) == ("Vendor Admin", True, 1)


async def test_partner_user_is_refused_too(client, auth, factory, new_partner):
    headers = await auth.headers("partner_user", partner_id=await new_partner())
    staff = await factory.user(role="admin")
    assert (await client.get("/v1/users", headers=headers)).status_code == 403
    assert (await client.get(f"/v1/users/{staff.id}", headers=headers)).status_code == 404
    r = await _create(client, headers)
    assert r.status_code == 403
    assert r.json()["code"] == "insufficient_scope"


# --- audit ------------------------------------------------------------------------------------


async def test_create_writes_an_audit_row_with_digests_only(client, admin_headers, store):
    me = await _me(client, admin_headers)
    r = await _create(
        client,
        admin_headers,
        email="hedy@vendor.example",
        name="Hedy Lamarr",
        role="channel_manager",
    )
    user_id = r.json()["id"]
    rows = await store.audit(user_id)
    assert [row.action for row in rows] == ["user.created"]
    row = rows[0]
    assert row.resource_type == "user"
    assert row.actor_type == "user"
    assert row.actor_id == me["id"]
    assert row.actor_role == "admin"
    assert row.client_id == "prm-first-party"
    assert row.request_id == r.headers["x-request-id"]
    assert row.changes["email"] == {"before": None, "after": digest("hedy@vendor.example")}
    assert row.changes["name"] == {"before": None, "after": digest("Hedy Lamarr")}
    assert row.changes["role"] == {"before": None, "after": "channel_manager"}
    assert row.changes["active"] == {"before": None, "after": True}


async def test_personal_values_never_reach_the_audit_table(client, factory, admin_headers, db):
    r = await _create(
        client,
        admin_headers,
        email="margaret@vendor.example",
        name="Margaret Hamilton",
        password="apollo guidance computer",
    )
    user_id = r.json()["id"]
    await client.patch(
        f"/v1/users/{user_id}",
        json={"name": "Margaret H. Hamilton", "password": "lunar module passphrase"},
        headers=admin_headers,
    )
    dump = (await db.execute(text("SELECT string_agg(a::text, '\n') FROM audit_events a"))).scalar()
    for secret in (
        "margaret@vendor.example",
        "Margaret Hamilton",
        "Margaret H. Hamilton",
        "apollo guidance computer",
        "lunar module passphrase",
        "$argon2",
    ):
        assert secret not in dump
    assert digest("Margaret H. Hamilton") in dump


async def test_every_change_is_audited(client, factory, admin_headers, store):
    user = await factory.user(role="channel_manager", name="Before")
    await client.patch(f"/v1/users/{user.id}", json={"name": "After"}, headers=admin_headers)
    await client.patch(f"/v1/users/{user.id}", json={"role": "admin"}, headers=admin_headers)
    await client.patch(
        f"/v1/users/{user.id}", json={"password": "fresh passphrase!"}, headers=admin_headers
    )
    await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)
    await client.post(f"/v1/users/{user.id}/deactivate", headers=admin_headers)  # no-op
    await client.post(f"/v1/users/{user.id}/reactivate", headers=admin_headers)

    rows = await store.audit(user.id)
    assert [r.action for r in rows] == [
        "user.created",
        "user.updated",
        "user.updated",
        "user.updated",
        "user.deactivated",
        "user.reactivated",
    ]
    assert rows[1].changes == {"name": {"before": digest("Before"), "after": digest("After")}}
    assert rows[2].changes == {"role": {"before": "channel_manager", "after": "admin"}}
    assert set(rows[3].changes) == {"password"}
    assert rows[4].changes == {"active": {"before": True, "after": False}}
    assert rows[5].changes == {"active": {"before": False, "after": True}}


async def test_refused_changes_write_no_audit_row(client, factory, auth, store, new_partner):
    user = await factory.user(role="channel_manager")
    cm = await auth.headers("channel_manager")
    partner = await auth.headers("partner_admin", partner_id=await new_partner())
    await client.patch(f"/v1/users/{user.id}", json={"name": "x"}, headers=cm)
    await client.patch(f"/v1/users/{user.id}", json={"name": "x"}, headers=partner)
    await client.patch(
        f"/v1/users/{user.id}", json={"name": "x"}, headers={**cm, "If-Match": '"9"'}
    )
    assert [r.action for r in await store.audit(user.id)] == ["user.created"]


async def test_audit_trail_is_readable_and_verifies(client, admin_headers):
    r = await _create(client, admin_headers)
    user_id = r.json()["id"]
    await client.post(f"/v1/users/{user_id}/deactivate", headers=admin_headers)
    r = await client.get(f"/v1/audit-events?resource_id={user_id}", headers=admin_headers)
    assert r.status_code == 200, r.text
    events = r.json()["data"]
    assert [e["action"] for e in events] == ["user.deactivated", "user.created"]
    assert events[1]["changes"]["email"]["after"].startswith("sha256:")
    r = await client.get("/v1/audit-events/verify", headers=admin_headers)
    assert r.json()["ok"] is True
