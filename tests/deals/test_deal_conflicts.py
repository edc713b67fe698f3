"""Conflict detection at submit, and what each side may learn about a conflict."""

from __future__ import annotations

import pytest
from factories import DEAL_STATUSES, deal_body


async def _register(client, headers, customer, domain=None, **extra):
    r = await client.post("/v1/deals", headers=headers, json=deal_body(customer, domain, **extra))
    assert r.status_code == 201, r.text
    return r.json()


async def _submit(client, headers, deal_id):
    r = await client.post(f"/v1/deals/{deal_id}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture
async def two(auth, store):
    """Two active partners and a partner_user token for each."""
    a = await store.partner()
    b = await store.partner()
    return (
        a,
        b,
        await auth.headers("partner_user", partner_id=a.id),
        await auth.headers("partner_user", partner_id=b.id),
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("acme.example", "ACME.Example"),
        ("acme.example", "www.acme.example"),
        ("www.acme.example.", "acme.example"),
        ("acme.example.", "Acme.Example"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "WWW.BÜCHER.EXAMPLE."),
    ],
)
async def test_domain_variants_match(client, store, two, first, second):
    _, _, ha, hb = two
    d1 = await _register(client, ha, "Alpha Books", first)
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, hb, "Zeta Reading", second)
    assert d2["customer"]["domain"] == d1["customer"]["domain"]
    assert d2["customer"]["domain"] in ("acme.example", "xn--bcher-kva.example")
    body = await _submit(client, hb, d2["id"])
    assert body["has_conflicts"] is True
    [c] = await store.conflicts(d2["id"])
    assert (str(c.other_deal_id), c.reason, c.score) == (d1["id"], "domain", 1.0)


@pytest.mark.parametrize("domain", ["gmail.com", "GMail.com", "www.gmail.com", "outlook.com"])
async def test_free_mail_domains_never_match(client, store, two, domain):
    _, _, ha, hb = two
    d1 = await _register(client, ha, "Alpha Books", domain)
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, hb, "Zeta Reading", domain)
    body = await _submit(client, hb, d2["id"])
    assert body["has_conflicts"] is False
    assert await store.conflicts(d2["id"]) == []


async def test_names_match_without_legal_suffixes(client, store, two):
    _, _, ha, hb = two
    d1 = await _register(client, ha, "Acme Sp. z o.o.")
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, hb, "ACME")
    body = await _submit(client, hb, d2["id"])
    assert body["has_conflicts"] is True
    [c] = await store.conflicts(d2["id"])
    assert (str(c.other_deal_id), c.reason, c.score) == (d1["id"], "name", 1.0)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Stark Industries GmbH", "Stark Industries"), ("Tyrell Corp.", "Tyrell, Inc.")],
)
async def test_more_legal_forms(client, store, two, first, second):
    _, _, ha, hb = two
    d1 = await _register(client, ha, first)
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, hb, second)
    assert (await _submit(client, hb, d2["id"]))["has_conflicts"] is True


async def test_names_below_threshold_do_not_match(client, store, two, auth):
    _, _, ha, hb = two
    d1 = await _register(client, ha, "Umbrella Corporation")
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, hb, "Umbrella Health")  # similarity ≈ 0.56 < 0.6
    assert (await _submit(client, hb, d2["id"]))["has_conflicts"] is False
    d3 = await _register(client, hb, "Globex")
    assert (await _submit(client, hb, d3["id"]))["has_conflicts"] is False

    # A lower program threshold applies to the next submission.
    admin = await auth.headers("admin")
    r = await client.patch("/v1/program/settings", headers=admin, json={"conflict_threshold": 0.5})
    assert r.status_code == 200, r.text
    d4 = await _register(client, hb, "Umbrella Health")
    assert (await _submit(client, hb, d4["id"]))["has_conflicts"] is True
    reasons = {(str(c.other_deal_id), c.reason) for c in await store.conflicts(d4["id"])}
    assert (d1["id"], "name") in reasons
    scores = [c.score for c in await store.conflicts(d4["id"]) if str(c.other_deal_id) == d1["id"]]
    assert 0.5 <= scores[0] < 0.6


@pytest.mark.parametrize("status", DEAL_STATUSES)
async def test_only_open_registrations_count(client, store, two, status):
    a, _, _, hb = two
    other = await store.deal(a.id, status, customer="Acme Sp. z o.o.", domain="acme.example")
    d2 = await _register(client, hb, "ACME", "acme.example")
    body = await _submit(client, hb, d2["id"])
    expected = status in ("submitted", "approved")
    assert body["has_conflicts"] is expected
    found = await store.conflicts(d2["id"])
    assert [str(c.other_deal_id) for c in found] == ([str(other.id)] if expected else [])


async def test_own_other_deals_count_too(client, store, two):
    """Any partner: a second registration of one customer by the same partner is flagged."""
    _, _, ha, _ = two
    d1 = await _register(client, ha, "Acme", "acme.example")
    await _submit(client, ha, d1["id"])
    d2 = await _register(client, ha, "Acme Ltd", "acme.example")
    assert (await _submit(client, ha, d2["id"]))["has_conflicts"] is True


async def test_partner_never_learns_the_other_registration(client, auth, store, two):
    a, b, ha, hb = two
    other = await store.deal(
        a.id,
        "approved",
        customer="Initech Holdings Sp. z o.o.",
        domain="initech.example",
        title="Initech secret expansion",
    )
    secrets = [str(a.id), str(other.id), "Initech Holdings", "Initech secret", a.name]
    texts: list[str] = []

    async def call(method, url, **kw):
        r = await client.request(method, url, headers=hb, **kw)
        texts.append(r.text)
        return r

    r = await call("POST", "/v1/deals", json=deal_body("Initrode", "WWW.Initech.Example"))
    mine = r.json()["id"]
    r = await call("POST", f"/v1/deals/{mine}/submit")
    assert r.status_code == 200 and r.json()["has_conflicts"] is True, r.text
    r = await call("GET", f"/v1/deals/{mine}/conflicts")
    assert r.status_code == 200, r.text
    [c] = r.json()["data"]
    assert c["reason"] == "domain" and c["score"] == 1.0
    assert all(c[k] is None for k in c if k.startswith("other_"))
    await call("GET", f"/v1/deals/{mine}")
    for query in (
        "",
        "?q=Initech",
        "?q=Initech%20Holdings",
        "?customer_domain=initech.example",
        "?status=approved",
        f"?partner_id={a.id}",
        "?sort=-amount",
    ):
        r = await call("GET", f"/v1/deals{query}")
        assert r.status_code == 200, r.text
        assert [d["id"] for d in r.json()["data"]] in ([mine], []), query
    # Error bodies on the partner's own deal.
    r = await call("POST", f"/v1/deals/{mine}/submit")
    assert r.status_code == 409
    r = await call("POST", f"/v1/deals/{mine}/close", json={"outcome": "won"})
    assert r.status_code == 403
    r = await call("POST", f"/v1/deals/{mine}/approve")
    assert r.status_code == 403
    r = await call("PATCH", f"/v1/deals/{mine}", json={"status": "approved"})
    assert r.status_code == 422
    r = await call("PATCH", f"/v1/deals/{mine}", json={"title": "Initrode network"})
    assert r.status_code == 200
    r = await call("POST", f"/v1/deals/{mine}/withdraw")
    assert r.status_code == 200
    r = await call("PATCH", f"/v1/deals/{mine}", json={"title": "again"})
    assert r.status_code == 409
    r = await call("GET", f"/v1/deals/{mine}/conflicts")
    assert r.status_code == 200
    for text in texts:
        for secret in secrets:
            assert secret not in text, (secret, text)

    # The first registrant (A) sees that someone conflicts with it, not who.
    ha = await auth.headers("partner_admin", partner_id=a.id)
    r = await client.get(f"/v1/deals/{other.id}/conflicts", headers=ha)
    assert r.status_code == 200, r.text
    [c] = r.json()["data"]
    assert c["reason"] == "domain" and c["other_deal_id"] is None
    for secret in (str(b.id), mine, "Initrode", b.name):
        assert secret not in r.text

    # Vendor roles see the whole picture, from either side.
    cm = await auth.headers("channel_manager")
    r = await client.get(f"/v1/deals/{mine}/conflicts", headers=cm)
    [c] = r.json()["data"]
    assert c["other_deal_id"] == str(other.id)
    assert c["other_partner_id"] == str(a.id)
    assert c["other_customer_name"] == "Initech Holdings Sp. z o.o."
    assert c["other_status"] == "approved"
    r = await client.get(f"/v1/deals/{other.id}/conflicts", headers=cm)
    [c] = r.json()["data"]
    assert c["other_deal_id"] == mine and c["other_partner_id"] == str(b.id)


async def test_conflicts_need_a_visible_deal(client, auth, store, two):
    a, _, _, hb = two
    other = await store.deal(a.id, "submitted")
    r = await client.get(f"/v1/deals/{other.id}/conflicts", headers=hb)
    assert r.status_code == 404, r.text
    r = await client.get(f"/v1/deals/{other.id}/conflicts", headers=await auth.headers("admin"))
    assert r.status_code == 200 and r.json() == {"data": []}


# --- a customer changed after submit -------------------------------------------------------


async def _events(client, headers, deal_id, type_):
    r = await client.get(
        "/v1/events", headers=headers, params={"resource_id": deal_id, "type": type_}
    )
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def test_renaming_a_submitted_deal_to_a_contested_customer_flags_it(client, auth, store, two):
    """Submitted under a harmless name, renamed afterwards: checked again, as at submit."""
    a, _, _, hb = two
    contested = await store.deal(
        a.id, "approved", customer="Globex Corporation", domain="globex.example"
    )
    mine = await _register(client, hb, "Placeholder Trading", "placeholder.example")
    assert (await _submit(client, hb, mine["id"]))["has_conflicts"] is False

    r = await client.patch(
        f"/v1/deals/{mine['id']}", headers=hb, json={"customer": {"name": "Globex Corp."}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["has_conflicts"] is True
    [c] = await store.conflicts(mine["id"])
    assert (c.other_deal_id, c.reason) == (contested.id, "name")

    # The partner learns that, not who; the audit row and the event say what was found.
    r = await client.get(f"/v1/deals/{mine['id']}/conflicts", headers=hb)
    [shown] = r.json()["data"]
    assert shown["reason"] == "name" and shown["other_deal_id"] is None
    assert "Globex Corporation" not in r.text and str(a.id) not in r.text
    [row] = await store.audit(mine["id"], "deal.updated")
    assert row.changes["conflicts"] == [{"reason": "name", "score": c.score}]
    [event] = await _events(client, hb, mine["id"], "deal.conflict_detected")
    assert event["data"]["object"]["other_deal_id"] is None
    vendor = await auth.headers("channel_manager")
    [event] = await _events(client, vendor, mine["id"], "deal.conflict_detected")
    assert event["data"]["object"]["other_deal_id"] == str(contested.id)


async def test_changing_the_domain_of_a_submitted_deal_is_checked_too(client, store, two):
    a, _, _, hb = two
    contested = await store.deal(a.id, "submitted", customer="Umbrella", domain="umbrella.example")
    mine = await _register(client, hb, "Quiet Harbour Foods", "quiet-harbour.example")
    await _submit(client, hb, mine["id"])
    r = await client.patch(
        f"/v1/deals/{mine['id']}", headers=hb, json={"customer": {"domain": "WWW.Umbrella.Example"}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["has_conflicts"] is True
    [c] = await store.conflicts(mine["id"])
    assert (c.other_deal_id, c.reason, c.score) == (contested.id, "domain", 1.0)


async def test_a_recheck_records_each_pair_once_and_keeps_earlier_findings(client, store, two):
    a, _, _, hb = two
    first = await store.deal(a.id, "approved", customer="Hooli", domain="hooli.example")
    mine = await _register(client, hb, "Hooli", "other.example")
    assert (await _submit(client, hb, mine["id"]))["has_conflicts"] is True
    # Renamed away from the contested name: the conflict found at submit stays on record.
    r = await client.patch(
        f"/v1/deals/{mine['id']}", headers=hb, json={"customer": {"name": "Hooli Inc."}}
    )
    assert r.status_code == 200, r.text
    r = await client.patch(
        f"/v1/deals/{mine['id']}", headers=hb, json={"customer": {"name": "Pied Piper"}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["has_conflicts"] is True
    assert [c.other_deal_id for c in await store.conflicts(mine["id"])] == [first.id]
    assert len(await _events(client, hb, mine["id"], "deal.conflict_detected")) == 1


async def test_other_edits_and_drafts_are_not_checked(client, store, two):
    a, _, _, hb = two
    await store.deal(a.id, "approved", customer="Initech", domain="initech.example")
    draft = await _register(client, hb, "Somebody", "somebody.example")
    r = await client.patch(
        f"/v1/deals/{draft['id']}", headers=hb, json={"customer": {"name": "Initech"}}
    )
    assert r.status_code == 200 and r.json()["has_conflicts"] is False  # checked at submit
    submitted = await _register(client, hb, "Nobody", "nobody.example")
    await _submit(client, hb, submitted["id"])
    r = await client.patch(
        f"/v1/deals/{submitted['id']}", headers=hb, json={"title": "Initech renewal"}
    )
    assert r.status_code == 200 and r.json()["has_conflicts"] is False
    assert await store.conflicts(submitted["id"]) == []


async def test_a_recheck_does_not_record_a_pair_found_from_the_other_side(client, store, two):
    """B's submit recorded B→A; when A's customer changes, A→B is not recorded again."""
    _, _, ha, hb = two
    first = await _register(client, ha, "Vandelay Industries", "vandelay.example")
    await _submit(client, ha, first["id"])
    second = await _register(client, hb, "Vandelay Industries", "vandelay.example")
    assert (await _submit(client, hb, second["id"]))["has_conflicts"] is True
    r = await client.patch(
        f"/v1/deals/{first['id']}", headers=ha, json={"customer": {"name": "Vandelay Ind."}}
    )
    assert r.status_code == 200, r.text
    assert await store.conflicts(first["id"]) == []  # only B→A, recorded at B's submit
    r = await client.get(f"/v1/deals/{first['id']}/conflicts", headers=ha)
    assert len(r.json()["data"]) == 1, r.text
