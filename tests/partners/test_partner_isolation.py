"""A partner token sees only its own partner: everything of another partner is a 404."""

from __future__ import annotations

import uuid

import pytest

from prm_api.models import Invitation, User

ACTIONS = ["approve", "decline", "activate", "suspend", "reinstate", "terminate"]


@pytest.fixture
async def world(client, auth, store, factory):
    """Partners A and B, each with users and a pending invitation; A's admin token."""
    admin = await auth.headers("admin")
    a = await store.partner("active", name="Alpha Widgets", country="DE", tags=["gold"])
    b = await store.partner(
        "active",
        name="Beta Widgets",
        country="DE",
        tags=["gold"],
        external_ids={"salesforce": "B-1"},
    )
    a_admin = await auth.headers("partner_admin", partner_id=a.id)
    b_user = await factory.user(
        role="partner_user", partner_id=b.id, email="bob@beta.example", name="Bob Beta"
    )
    await factory.user(role="partner_admin", partner_id=b.id, email="bea@beta.example")
    r = await client.post(
        f"/v1/partners/{b.id}/invitations", headers=admin, json={"email": "new@beta.example"}
    )
    assert r.status_code == 201, r.text
    b_inv = r.json()["id"]
    r = await client.post(
        f"/v1/partners/{a.id}/invitations", headers=admin, json={"email": "new@alpha.example"}
    )
    assert r.status_code == 201, r.text
    return {
        "admin": admin,
        "a": a,
        "b": b,
        "a_admin": a_admin,
        "b_user": b_user,
        "b_inv": b_inv,
        "a_inv": r.json()["id"],
    }


def operations(pid, user_id, inv_id):
    """Every partner and partner-user/invitation operation, aimed at one partner."""
    ops = [
        ("GET", f"/v1/partners/{pid}", None),
        ("PATCH", f"/v1/partners/{pid}", {"description": "hijacked"}),
        ("POST", f"/v1/partners/{pid}/tier", {"tier_id": None, "reason": "x"}),
        ("GET", f"/v1/partners/{pid}/users", None),
        (
            "POST",
            f"/v1/partners/{pid}/users",
            {"email": f"{uuid.uuid4().hex[:8]}@evil.example", "name": "Evil"},
        ),
        ("GET", f"/v1/partners/{pid}/users/{user_id}", None),
        ("PATCH", f"/v1/partners/{pid}/users/{user_id}", {"name": "Renamed"}),
        ("POST", f"/v1/partners/{pid}/users/{user_id}/deactivate", None),
        ("POST", f"/v1/partners/{pid}/users/{user_id}/reactivate", None),
        ("GET", f"/v1/partners/{pid}/invitations", None),
        ("POST", f"/v1/partners/{pid}/invitations", {"email": "x@evil.example"}),
        ("POST", f"/v1/partners/{pid}/invitations/{inv_id}/revoke", None),
    ]
    ops += [("POST", f"/v1/partners/{pid}/{action}", None) for action in ACTIONS]
    return ops


async def _snapshot(client, world):
    b = world["b"]
    partner = await client.get(f"/v1/partners/{b.id}", headers=world["admin"])
    users = await client.get(f"/v1/partners/{b.id}/users", headers=world["admin"])
    invs = await client.get(f"/v1/partners/{b.id}/invitations", headers=world["admin"])
    return partner.json(), partner.headers["etag"], users.json(), invs.json()


@pytest.mark.parametrize("role", ["partner_admin", "partner_user"])
async def test_every_operation_on_another_partner_is_404(client, auth, store, world, role):
    if role == "partner_admin":
        headers = world["a_admin"]
    else:
        headers = await auth.headers(role, partner_id=world["a"].id)
    before = await _snapshot(client, world)
    audit_before = len(await store.audit())
    b = world["b"]
    for method, url, body in operations(b.id, world["b_user"].id, world["b_inv"]):
        r = await client.request(method, url, headers=headers, json=body)
        if role == "partner_user" and (method != "GET" or url.endswith("/invitations")):
            # partner_user lacks partners:write: refused before any lookup, for any id alike.
            assert r.status_code == 403, (method, url, r.status_code, r.text)
            assert r.json()["code"] == "insufficient_scope"
            continue
        assert r.status_code == 404, (method, url, r.status_code, r.text)
        assert r.json()["code"] == "not_found"
        # Nothing in the answer names B's objects.
        assert "Beta" not in r.text and "bob@" not in r.text
    assert await _snapshot(client, world) == before
    assert len(await store.audit()) == audit_before


async def test_a_missing_partner_and_another_partner_look_the_same(client, world):
    ghost = uuid.uuid4()
    for method, url, body in operations(ghost, uuid.uuid4(), uuid.uuid4()):
        r = await client.request(method, url, headers=world["a_admin"], json=body)
        assert r.status_code == 404, (method, url, r.text)


async def test_another_partners_user_or_invitation_through_own_path_is_404(client, world):
    a, a_admin = world["a"], world["a_admin"]
    b_user = world["b_user"].id
    for method, url, body in [
        ("GET", f"/v1/partners/{a.id}/users/{b_user}", None),
        ("PATCH", f"/v1/partners/{a.id}/users/{b_user}", {"name": "x"}),
        ("POST", f"/v1/partners/{a.id}/users/{b_user}/deactivate", None),
        ("POST", f"/v1/partners/{a.id}/users/{b_user}/reactivate", None),
        ("POST", f"/v1/partners/{a.id}/invitations/{world['b_inv']}/revoke", None),
    ]:
        r = await client.request(method, url, headers=a_admin, json=body)
        assert r.status_code == 404, (method, url, r.text)
    # The vendor can't cross the wires either: B's user is not A's user.
    r = await client.get(f"/v1/partners/{a.id}/users/{b_user}", headers=world["admin"])
    assert r.status_code == 404, r.text


async def test_lists_and_search_never_show_another_partner(client, world):
    a, b, a_admin = world["a"], world["b"], world["a_admin"]
    queries = [
        "",
        "?q=Beta",
        "?q=widgets",
        f"?q={b.domain}",
        "?status=active",
        "?country=DE",
        "?tag=gold",
        "?type=reseller",
        "?external_id=salesforce:B-1",
        "?sort=name",
        "?limit=1",
    ]
    for query in queries:
        r = await client.get(f"/v1/partners{query}", headers=a_admin)
        assert r.status_code == 200, (query, r.text)
        ids = {p["id"] for p in r.json()["data"]}
        assert str(b.id) not in ids, query
        assert ids <= {str(a.id)}, query
        assert r.json()["has_more"] is False, query
    r = await client.get("/v1/partners?q=widgets", headers=a_admin)
    assert [p["id"] for p in r.json()["data"]] == [str(a.id)]
    # The vendor sees both.
    r = await client.get("/v1/partners?q=widgets", headers=world["admin"])
    assert {p["id"] for p in r.json()["data"]} == {str(a.id), str(b.id)}


async def test_user_lists_are_per_partner(client, world, store):
    a, a_admin = world["a"], world["a_admin"]
    r = await client.get(f"/v1/partners/{a.id}/users", headers=a_admin)
    assert r.status_code == 200, r.text
    emails = {u["email"] for u in r.json()["data"]}
    assert all(u["partner_id"] == str(a.id) for u in r.json()["data"])
    assert not any(e.endswith("@beta.example") for e in emails)
    assert len(r.json()["data"]) == await store.count(User, User.partner_id == a.id)
    for q in ("bob", "beta", "Bob Beta"):
        r = await client.get(f"/v1/partners/{a.id}/users", headers=a_admin, params={"q": q})
        assert r.status_code == 200 and r.json()["data"] == [], (q, r.text)
    r = await client.get(f"/v1/partners/{a.id}/invitations", headers=a_admin)
    assert r.status_code == 200, r.text
    assert [i["id"] for i in r.json()["data"]] == [world["a_inv"]]
    assert await store.count(Invitation, Invitation.partner_id == world["b"].id) == 1


async def test_partner_user_lists_colleagues_but_cannot_change_them(client, auth, factory, world):
    a = world["a"]
    member = await auth.headers("partner_user", partner_id=a.id)
    colleague = await factory.user(role="partner_user", partner_id=a.id)
    r = await client.get(f"/v1/partners/{a.id}/users", headers=member)
    assert r.status_code == 200 and str(colleague.id) in {u["id"] for u in r.json()["data"]}
    r = await client.get(f"/v1/partners/{a.id}/users/{colleague.id}", headers=member)
    assert r.status_code == 200, r.text
    for method, url, body in [
        ("POST", f"/v1/partners/{a.id}/users", {"email": "n@alpha.example", "name": "N"}),
        ("PATCH", f"/v1/partners/{a.id}/users/{colleague.id}", {"name": "x"}),
        ("POST", f"/v1/partners/{a.id}/users/{colleague.id}/deactivate", None),
        ("POST", f"/v1/partners/{a.id}/users/{colleague.id}/reactivate", None),
        ("GET", f"/v1/partners/{a.id}/invitations", None),
        ("POST", f"/v1/partners/{a.id}/invitations", {"email": "n@alpha.example"}),
        ("POST", f"/v1/partners/{a.id}/invitations/{world['a_inv']}/revoke", None),
        ("PATCH", f"/v1/partners/{a.id}", {"description": "x"}),
    ]:
        r = await client.request(method, url, headers=member, json=body)
        assert r.status_code == 403, (method, url, r.text)
        assert r.json()["code"] == "insufficient_scope"


async def test_partner_admin_manages_own_users(client, factory, world, store):
    a, a_admin = world["a"], world["a_admin"]
    # Added by invitation (tests/partners/test_member_email_probe.py), or here directly.
    carol = await factory.user(role="partner_user", partner_id=a.id, email="carol@alpha.example")
    uid = str(carol.id)
    r = await client.get(f"/v1/partners/{a.id}/users/{uid}", headers=a_admin)
    assert r.status_code == 200, r.text
    assert r.json()["partner_id"] == str(a.id) and r.json()["role"] == "partner_user"
    r = await client.patch(
        f"/v1/partners/{a.id}/users/{uid}",
        headers={**a_admin, "If-Match": r.headers["etag"]},
        json={"role": "partner_admin", "name": "Carol A"},
    )
    assert r.status_code == 200 and r.json()["role"] == "partner_admin", r.text
    r = await client.post(f"/v1/partners/{a.id}/users/{uid}/deactivate", headers=a_admin)
    assert r.status_code == 200 and r.json()["active"] is False, r.text
    r = await client.post(f"/v1/partners/{a.id}/users/{uid}/reactivate", headers=a_admin)
    assert r.status_code == 200 and r.json()["active"] is True, r.text
    assert (await store.get_user(uid)).partner_id == a.id
