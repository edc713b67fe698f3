"""Creating, editing and moving assets through their lifecycle: vendor roles only, every
refusal a problem that changes nothing, every change one event and one audit row."""

from __future__ import annotations

import uuid

import pytest
from factories import assert_problem

ASSET_COLUMNS = ("title", "status", "version", "audience_tier_ids", "url", "kind", "language")


async def _state(store, asset_id):
    asset = await store.get_asset(asset_id)
    return {k: getattr(asset, k) for k in ASSET_COLUMNS}


async def test_create_edit_publish_archive_unarchive(client, store, admin_headers):
    tier = await store.tier("gold", 1)
    mark = await store.mark()
    r = await client.post(
        "/v1/assets",
        json={
            "title": "Prezentacja produktowa",
            "kind": "link",
            "url": "https://videos.example/demo",
            "tags": ["pitch", "pitch"],
            "language": "PL-pl",
            "audience": {"tier_ids": [str(tier.id)], "countries": ["PL"]},
            "external_ids": {"hubspot": "42"},
        },
        headers=admin_headers,
    )
    assert r.status_code == 201, r.text
    asset = r.json()
    assert r.headers["ETag"] == '"1"'
    assert r.headers["Location"] == f"/v1/assets/{asset['id']}"
    assert asset["status"] == "draft"
    assert asset["language"] == "pl-PL"
    assert asset["current_version"] is None
    assert asset["audience"]["tier_ids"] == [str(tier.id)]
    assert asset["audience"]["everyone"] is False
    created = await store.one_since(mark, "asset.created")
    assert created.partner_id is None
    assert created.data["object"]["id"] == asset["id"]
    assert len(await store.audit(asset["id"], "asset.created")) == 1

    # The read path renders the same JSON as the write response.
    r = await client.get(f"/v1/assets/{asset['id']}", headers=admin_headers)
    assert r.json() == asset

    mark = await store.mark()
    url = f"/v1/assets/{asset['id']}"
    r = await client.patch(
        url, json={"title": "Nowa"}, headers={**admin_headers, "If-Match": '"9"'}
    )
    assert_problem(r, 412, "precondition_failed")
    r = await client.patch(
        url, json={"title": "Nowa"}, headers={**admin_headers, "If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["title"], r.headers["ETag"]) == ("Nowa", '"2"')
    updated = await store.one_since(mark, "asset.updated")
    assert updated.data["previous_attributes"] == {"title": "Prezentacja produktowa"}

    mark = await store.mark()
    r = await client.post(f"{url}/publish", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "published" and r.json()["published_at"]
    await store.one_since(mark, "asset.published")
    r = await client.post(f"{url}/publish", headers=admin_headers)
    problem = assert_problem(r, 409, "invalid_transition")
    assert problem["allowed_actions"] == ["archive"]

    mark = await store.mark()
    r = await client.post(f"{url}/archive", headers={**admin_headers, "If-Match": '"3"'})
    assert r.status_code == 200, r.text
    await store.one_since(mark, "asset.archived")
    r = await client.post(f"{url}/unarchive", headers=admin_headers)
    assert r.json()["status"] == "draft"
    r = await client.post(f"{url}/unarchive", headers=admin_headers)
    assert_problem(r, 409, "invalid_transition")


async def test_a_file_asset_is_published_only_with_a_version(client, store, admin_headers):
    bare = await store.asset("draft", with_version=False)
    before = await _state(store, bare.id)
    r = await client.post(f"/v1/assets/{bare.id}/publish", headers=admin_headers)
    problem = assert_problem(r, 409, "asset_has_no_version")
    assert "version" in problem["detail"]
    assert await _state(store, bare.id) == before
    ready = await store.asset("draft", filename="Price list.pdf")
    r = await client.post(f"/v1/assets/{ready.id}/publish", headers=admin_headers)
    assert r.status_code == 200, r.text
    assert r.json()["current_version"] == {
        "number": 1,
        "filename": "Price list.pdf",
        "content_type": "application/pdf",
        "size_bytes": 1234,
        "sha256": "ab" * 32,
        "uploaded_at": r.json()["current_version"]["uploaded_at"],
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x", "kind": "link"}, "url"),
        ({"title": "x", "kind": "document", "url": "https://a.example/x"}, "url"),
        ({"title": "x", "kind": "document", "status": "published"}, "status"),
        ({"title": "x", "kind": "document", "download_count": 5}, "download_count"),
        ({"title": "x", "kind": "document", "language": "xx-YY"}, "language"),
        ({"title": "x", "kind": "document", "category_id": str(uuid.uuid4())}, "category_id"),
        ({"title": "x", "kind": "document", "audience": {"tier_ids": [str(uuid.uuid4())]}}, None),
        (
            {"title": "x", "kind": "document", "audience": {"partner_ids": [str(uuid.uuid4())]}},
            "audience.partner_ids",
        ),
        ({"title": "x", "kind": "document", "audience": {"countries": ["XX"]}}, None),
        ({"title": "x", "kind": "document", "audience": {"everyone": "yes"}}, None),
        (
            {
                "title": "x",
                "kind": "document",
                "publish_at": "2031-01-02T00:00:00Z",
                "expires_at": "2031-01-01T00:00:00Z",
            },
            "expires_at",
        ),
    ],
)
async def test_invalid_creates_are_422_and_store_nothing(client, store, admin_headers, body, field):
    from prm_api.models import Asset, AuditEvent

    before = (await store.count(Asset), await store.count(AuditEvent))
    r = await client.post("/v1/assets", json=body, headers=admin_headers)
    problem = assert_problem(r, 422, "validation_error")
    fields = [e["field"] for e in problem["errors"]]
    if field is not None:
        assert any(f == field or f.endswith(f".{field}") for f in fields), fields
    if "tier_ids" in str(body):
        assert fields == ["audience.tier_ids"]
    assert (await store.count(Asset), await store.count(AuditEvent)) == before


async def test_invalid_edits_change_nothing(client, store, admin_headers):
    asset = await store.asset("draft", kind="link")
    before = await _state(store, asset.id)
    url = f"/v1/assets/{asset.id}"
    for body in ({"title": None}, {"url": None}, {"kind": "document", "url": "https://x.example"}):
        r = await client.patch(url, json=body, headers=admin_headers)
        assert_problem(r, 422, "validation_error")
    assert await _state(store, asset.id) == before
    # A link turned into a document drops its url.
    r = await client.patch(url, json={"kind": "document"}, headers=admin_headers)
    assert (r.json()["kind"], r.json()["url"]) == ("document", None)


async def test_scopes_and_roles(client, store, auth):
    partner = await store.partner()
    asset = await store.asset()
    reader = await auth.headers("admin", scopes=["assets:read"])
    r = await client.post("/v1/assets", json={"title": "x", "kind": "other"}, headers=reader)
    assert_problem(r, 403, "insufficient_scope")
    r = await client.post(f"/v1/assets/{asset.id}/archive", headers=reader)
    assert_problem(r, 403, "insufficient_scope")
    nothing = await auth.headers("admin", scopes=["deals:read"])
    r = await client.get("/v1/assets", headers=nothing)
    assert_problem(r, 403, "insufficient_scope")
    # Partner roles hold assets:read only: every write is refused before any lookup.
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    r = await client.patch(f"/v1/assets/{asset.id}", json={"title": "y"}, headers=pa)
    assert_problem(r, 403, "insufficient_scope")
    assert (await store.get_asset(asset.id)).title == asset.title
