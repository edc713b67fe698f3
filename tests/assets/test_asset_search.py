"""Finding assets: ``q`` over title, description, tags and file name, accents, case and typos
ignored, best matches first; and the list's other filters."""

from __future__ import annotations

from datetime import timedelta

from factories import assert_problem

from prm_api.kit.time import utcnow


async def _ids(client, headers, query):
    r = await client.get(f"/v1/assets?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [a["id"] for a in r.json()["data"]]


async def test_search_finds_accents_run_together_words_and_filenames(client, store, auth):
    partner = await store.partner()
    headers = await auth.headers("partner_user", partner_id=partner.id)
    deck = await store.asset(title="Prezentacja produktowa")
    prices = await store.asset(title="Price list 2027", description="For resellers")
    accented = await store.asset(title="Présentation générale")
    by_file = await store.asset(title="Q3 numbers", filename="zółta-kartka.pdf")
    by_tag = await store.asset(title="Untitled", tags=["webinar"])
    await store.asset(title="Logo pack")
    hidden = await store.asset("draft", title="Prezentacja draft")

    assert await _ids(client, headers, "q=prezentacja") == [str(deck.id)]
    assert await _ids(client, headers, "q=PREZENTACJA%20produktowa") == [str(deck.id)]
    assert await _ids(client, headers, "q=pricelist") == [str(prices.id)]
    assert await _ids(client, headers, "q=price%20lst") == [str(prices.id)]
    assert await _ids(client, headers, "q=presentation") == [str(accented.id)]
    assert await _ids(client, headers, "q=zolta") == [str(by_file.id)]
    assert await _ids(client, headers, "q=webinar") == [str(by_tag.id)]
    assert await _ids(client, headers, "q=nothing-like-it") == []
    admin = await auth.headers("admin")
    assert str(hidden.id) in await _ids(client, admin, "q=prezentacja")


async def test_relevance_puts_the_title_match_first_and_pages_by_cursor(client, store, auth):
    headers = await auth.headers("admin")
    exact = await store.asset(title="Pricing")
    starts = await store.asset(title="Pricing guide 2027")
    mentions = await store.asset(title="Guide", description="pricing tiers explained")
    r = await client.get("/v1/assets?q=pricing&limit=2", headers=headers)
    first = r.json()
    assert [a["id"] for a in first["data"]] == [str(exact.id), str(starts.id)]
    r = await client.get(
        f"/v1/assets?q=pricing&limit=2&cursor={first['next_cursor']}", headers=headers
    )
    assert [a["id"] for a in r.json()["data"]] == [str(mentions.id)]
    r = await client.get(
        f"/v1/assets?q=other&limit=2&cursor={first['next_cursor']}", headers=headers
    )
    assert_problem(r, 400, "invalid_cursor")


async def test_filters(client, store, auth):
    headers = await auth.headers("admin")
    video = await store.asset(kind="video", tags=["demo", "2027"], language="de-AT")
    link = await store.asset(kind="link", tags=["demo"], language="de", featured=True)
    draft = await store.asset("draft", kind="image", language="en-GB")
    assert set(await _ids(client, headers, "kind=video&kind=link")) == {
        str(video.id),
        str(link.id),
    }
    assert await _ids(client, headers, "tag=demo&tag=2027") == [str(video.id)]
    assert set(await _ids(client, headers, "language=de")) == {str(video.id), str(link.id)}
    assert await _ids(client, headers, "language=de-AT") == [str(video.id)]
    assert await _ids(client, headers, "featured=true") == [str(link.id)]
    assert await _ids(client, headers, "status=draft") == [str(draft.id)]
    later = (utcnow() + timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    assert await _ids(client, headers, f"updated_after={later}") == []
    r = await client.get("/v1/assets?language=klingon-x", headers=headers)
    assert_problem(r, 422, "validation_error")
    r = await client.get("/v1/assets?sort=size", headers=headers)
    assert_problem(r, 400, "invalid_sort")
    r = await client.get("/v1/assets?sort=title", headers=headers)
    assert r.status_code == 200
