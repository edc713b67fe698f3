"""The category tree: vendor roles shape it (at most 4 levels, no cycles, only empty
categories deleted), every reader sees it, and filtering assets by a category includes its
descendants."""

from __future__ import annotations

from factories import assert_problem

from prm_api.models import AssetCategory


async def _create(client, headers, name, parent=None, **extra):
    body = {"name": name, "slug": name.lower(), **extra}
    if parent is not None:
        body["parent_id"] = parent
    return await client.post("/v1/asset-categories", json=body, headers=headers)


async def test_tree_depth_cycles_and_slugs(client, store, admin_headers):
    ids = []
    parent = None
    for level in range(4):
        r = await _create(client, admin_headers, f"L{level}", parent)
        assert r.status_code == 201, r.text
        parent = r.json()["id"]
        ids.append(parent)
    before = await store.count(AssetCategory)
    r = await _create(client, admin_headers, "L4", parent)
    problem = assert_problem(r, 422, "validation_error")
    assert problem["errors"][0] == {
        **problem["errors"][0],
        "field": "parent_id",
        "code": "too_deep",
    }
    r = await _create(client, admin_headers, "l0")
    assert_problem(r, 409, "category_slug_taken")
    assert await store.count(AssetCategory) == before

    # Moving the root under its own grandchild would make a cycle.
    r = await client.patch(
        f"/v1/asset-categories/{ids[0]}", json={"parent_id": ids[2]}, headers=admin_headers
    )
    assert assert_problem(r, 422, "validation_error")["errors"][0]["code"] == "cycle"
    # A two-level subtree moved under a level-3 category would reach level 5.
    other = (await _create(client, admin_headers, "Other")).json()["id"]
    r = await client.patch(
        f"/v1/asset-categories/{ids[2]}", json={"parent_id": other}, headers=admin_headers
    )
    assert r.status_code == 200, r.text  # other is level 1: L2 + L3 become levels 2–3
    r = await client.patch(
        f"/v1/asset-categories/{other}", json={"parent_id": ids[1]}, headers=admin_headers
    )
    assert assert_problem(r, 422, "validation_error")["errors"][0]["code"] == "too_deep"
    r = await client.patch(
        f"/v1/asset-categories/{ids[3]}",
        json={"name": "Renamed"},
        headers={**admin_headers, "If-Match": '"7"'},
    )
    assert_problem(r, 412, "precondition_failed")


async def test_delete_only_empty_categories(client, store, admin_headers):
    root = await store.asset_category("Root")
    child = await store.asset_category("Child", parent_id=root.id)
    r = await client.delete(f"/v1/asset-categories/{root.id}", headers=admin_headers)
    assert "children" in assert_problem(r, 409, "category_in_use")["detail"]
    await store.asset(category_id=child.id)
    r = await client.delete(f"/v1/asset-categories/{child.id}", headers=admin_headers)
    assert "assets" in assert_problem(r, 409, "category_in_use")["detail"]
    empty = await store.asset_category("Empty")
    mark = await store.mark()
    r = await client.delete(f"/v1/asset-categories/{empty.id}", headers=admin_headers)
    assert r.status_code == 204
    await store.one_since(mark, "asset_category.deleted")
    r = await client.get(f"/v1/asset-categories/{empty.id}", headers=admin_headers)
    assert_problem(r, 404, "not_found")


async def test_partners_read_the_tree_but_cannot_change_it(client, store, auth):
    root = await store.asset_category("Root")
    await store.asset_category("Child", parent_id=root.id)
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    r = await client.get("/v1/asset-categories", headers=headers)
    assert r.status_code == 200
    assert len(r.json()["data"]) == 2
    r = await client.get("/v1/asset-categories?top_level=true", headers=headers)
    assert [c["name"] for c in r.json()["data"]] == ["Root"]
    r = await client.get(f"/v1/asset-categories?parent_id={root.id}", headers=headers)
    assert [c["name"] for c in r.json()["data"]] == ["Child"]
    r = await _create(client, headers, "Mine")
    assert_problem(r, 403, "insufficient_scope")


async def test_filtering_by_category_includes_descendants(client, store, admin_headers):
    root = await store.asset_category("Sales")
    child = await store.asset_category("Decks", parent_id=root.id)
    grandchild = await store.asset_category("Old decks", parent_id=child.id)
    other = await store.asset_category("Legal")
    in_root = await store.asset(category_id=root.id)
    in_grandchild = await store.asset(category_id=grandchild.id)
    await store.asset(category_id=other.id)
    await store.asset()
    r = await client.get(f"/v1/assets?category_id={root.id}", headers=admin_headers)
    assert {a["id"] for a in r.json()["data"]} == {str(in_root.id), str(in_grandchild.id)}
    r = await client.get(f"/v1/assets?category_id={child.id}", headers=admin_headers)
    assert [a["id"] for a in r.json()["data"]] == [str(in_grandchild.id)]
