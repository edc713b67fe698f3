"""``GET /v1/partners/{id}/recommendations``: each kind from hand-built records, what is
left out (and why), the order, and the audience and certification visibility rules."""

from __future__ import annotations

from datetime import timedelta

from health_support import certification, completion, course, download, program, set_setting

from prm_api.kit.time import utcnow
from prm_api.models import Certification


async def recommendations(client, partner_id, headers) -> list[dict]:
    r = await client.get(f"/v1/partners/{partner_id}/recommendations", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["has_more"], body["next_cursor"]) == (False, None)
    return body["data"]


def of_kind(found: list[dict], kind: str) -> list[dict]:
    return [r for r in found if r["kind"] == kind]


async def test_certification_programs_the_next_tier_needs(client, store, factory, admin_headers):
    silver = await store.tier("silver", 1, min_certified_users=1)
    gold = await store.tier("gold", 2, min_certified_users=3)
    await store.tier("platinum", 3, min_certified_users=10)  # not the next one
    partner = await store.partner(tier_id=silver.id)
    other = await store.partner()
    holder = await factory.user(role="partner_user", partner_id=partner.id)

    basics = await course(store, "Cloud basics")
    advanced = await course(store, "Cloud advanced")
    hidden = await course(store, "Insider course", audience={"excluded_partner_ids": [partner.id]})
    draft = await course(store, "Draft course", status="draft")
    cloud = await program(store, "Cloud Architect", [basics.id, advanced.id])
    await program(store, "Insider", [basics.id, hidden.id])  # a course it cannot see
    await program(store, "Unfinished", [draft.id])  # a course not published
    await program(store, "Retired", [basics.id], status="archived")
    await certification(store, cloud.id, holder.id, partner.id)  # 1 certified of 3

    found = of_kind(await recommendations(client, partner.id, admin_headers), "earn_certification")
    assert len(found) == 1
    [rec] = found
    assert rec["priority"] == "high"
    assert rec["target"] == {
        "type": "certification_program",
        "id": str(cloud.id),
        "name": "Cloud Architect",
        "href": f"/v1/certification-programs/{cloud.id}",
    }
    assert [c["id"] for c in rec["related"]] == [str(basics.id), str(advanced.id)]
    assert rec["figures"] == {
        "next_tier": "Gold",
        "required_certified_users": 3,
        "certified_users": 1,
        "missing_certified_users": 2,
        "courses": 2,
    }
    assert "Gold requires 3 certified users and you have 1" in rec["reason"]
    assert gold.id  # the next tier by rank

    # A partner without a tier aims at the lowest tier; one that meets it gets nothing.
    found = await recommendations(client, other.id, admin_headers)
    [rec] = of_kind(found, "earn_certification")
    assert rec["figures"]["next_tier"] == "Silver"
    await store.set_partner(partner.id, tier_id=gold.id)
    for user in [await factory.user(role="partner_user", partner_id=partner.id) for _ in range(9)]:
        await certification(store, cloud.id, user.id, partner.id)
    found = await recommendations(client, partner.id, admin_headers)
    assert of_kind(found, "earn_certification") == []


async def test_certifications_expiring_within_60_days(client, store, factory, auth, admin_headers):
    partner = await store.partner()
    ada = await factory.user(role="partner_user", partner_id=partner.id, name="Ada")
    bob = await factory.user(role="partner_user", partner_id=partner.id, name="Bob")
    cloud = await program(store, "Cloud", [])
    now = utcnow()
    soon = await certification(
        store, cloud.id, ada.id, partner.id, expires_at=now + timedelta(days=10)
    )
    later = await certification(
        store,
        cloud.id,
        bob.id,
        partner.id,
        expires_at=now + timedelta(days=40),
        status="expiring",
    )
    await certification(store, cloud.id, ada.id, partner.id, expires_at=now + timedelta(days=90))
    await certification(
        store, cloud.id, bob.id, partner.id, expires_at=now - timedelta(days=1), status="expired"
    )
    renewal = await certification(store, cloud.id, bob.id, partner.id)
    await certification(
        store,
        cloud.id,
        bob.id,
        partner.id,
        expires_at=now + timedelta(days=5),
        renewed_by_id=renewal.id,
    )

    found = of_kind(await recommendations(client, partner.id, admin_headers), "renew_certification")
    assert [(r["target"]["id"], r["priority"]) for r in found] == [
        (str(soon.id), "high"),
        (str(later.id), "medium"),
    ]
    assert found[0]["figures"]["days_left"] == 10
    assert found[0]["title"] == "Renew Cloud for Ada"
    assert found[0]["related"][0]["id"] == str(cloud.id)

    # A partner user sees its own certifications only (as on /v1/certifications).
    bobs = await auth.token("partner_user", partner_id=partner.id)
    headers = {"Authorization": f"Bearer {bobs}"}
    assert of_kind(await recommendations(client, partner.id, headers), "renew_certification") == []
    admin = await auth.headers("partner_admin", partner_id=partner.id)
    assert (
        len(of_kind(await recommendations(client, partner.id, admin), "renew_certification")) == 2
    )


async def test_approved_deals_whose_protection_ends_within_14_days(
    client, store, sessionmaker, admin_headers
):
    await set_setting(sessionmaker, max_extensions=2)
    partner, other = await store.partner(), await store.partner()
    now = utcnow()

    async def approved(owner, days, **values):
        return await store.deal(
            owner.id,
            "approved",
            protection_expires_at=now + timedelta(days=days, hours=-1),
            **values,
        )

    urgent = await approved(partner, 3, extensions_used=2, title="Urgent")
    soon = await approved(partner, 10, title="Soon")
    await approved(partner, 30)  # not yet
    await approved(other, 3)  # another partner's
    await store.deal(partner.id, "submitted", protection_expires_at=now + timedelta(days=2))

    found = of_kind(
        await recommendations(client, partner.id, admin_headers), "extend_deal_protection"
    )
    assert [r["target"]["id"] for r in found] == [str(urgent.id), str(soon.id)]
    first, second = found
    assert first["priority"] == "high" and second["priority"] == "medium"
    assert first["title"] == "Close “Urgent” before its protection ends"
    assert first["figures"]["extensions_left"] == 0
    assert first["figures"]["days_left"] == 3
    assert second["title"] == "Extend the protection of “Soon”"
    assert "2 of 2 extensions left" in second["reason"]
    assert second["target"]["href"] == f"/v1/deals/{soon.id}"


async def test_content_used_by_peers_that_win_more(client, store, factory, admin_headers, auth):
    silver = await store.tier("silver", 1)
    partner = await store.partner(tier_id=silver.id)
    better = await store.partner(tier_id=silver.id)
    worse = await store.partner(tier_id=silver.id)
    other_type = await store.partner(tier_id=silver.id, type="referral")
    for owner, outcomes in (
        (partner, ("won", "lost")),  # 50%
        (better, ("won", "won")),  # 100%
        (worse, ("won", "lost", "lost", "lost")),  # 25%
        (other_type, ("won",)),
    ):
        for status in outcomes:
            await store.deal(owner.id, status, currency="USD")
    people = {
        p.id: await factory.user(role="partner_user", partner_id=p.id)
        for p in (partner, better, worse, other_type)
    }

    popular = await store.asset(title="Battle card")
    also = await store.asset(title="Pricing sheet")
    not_for_me = await store.asset(
        title="Insider deck", audience={"excluded_partner_ids": [partner.id]}
    )
    mine_already = await store.asset(title="Already mine")
    from_worse = await store.asset(title="Worse partner's pick")
    from_other = await store.asset(title="Referral kit")
    for asset in (popular, popular, also, not_for_me, mine_already):
        await download(store, asset.id, better.id)
    await download(store, mine_already.id, partner.id)
    await download(store, from_worse.id, worse.id)
    await download(store, from_other.id, other_type.id)
    await download(store, also.id, better.id, at=utcnow() - timedelta(days=120))  # too old

    taken = await course(store, "Objection handling")
    hidden = await course(store, "Vendor only", audience={})
    await completion(store, taken.id, people[better.id].id, better.id)
    await completion(store, hidden.id, people[better.id].id, better.id)

    found = await recommendations(client, partner.id, admin_headers)
    assets = of_kind(found, "use_asset")
    assert [r["target"]["id"] for r in assets] == [str(popular.id), str(also.id)]
    assert assets[0]["figures"] == {
        "peers": 2,
        "peers_winning_more": 1,
        "peers_using": 1,
        "downloads": 2,
        "win_rate": 0.5,
        "window_days": 90,
    }
    assert assets[0]["priority"] == "low"
    assert assets[0]["target"]["href"] == f"/v1/assets/{popular.id}"
    assert str(better.id) not in str(found)  # peers are never named
    courses = of_kind(found, "take_course")
    assert [r["target"]["id"] for r in courses] == [str(taken.id)]
    assert courses[0]["figures"]["completions"] == 1

    # The same list whoever asks: the partner's own token gets exactly this.
    own = await auth.headers("partner_admin", partner_id=partner.id)
    assert await recommendations(client, partner.id, own) == found
    # The best partner has no one winning more: nothing from peers.
    found = await recommendations(client, better.id, admin_headers)
    assert of_kind(found, "use_asset") == of_kind(found, "take_course") == []


async def test_the_order_is_priority_then_kind(client, store, factory, admin_headers):
    await store.tier("silver", 1, min_certified_users=1)
    partner = await store.partner()
    now = utcnow()
    await store.deal(partner.id, "approved", protection_expires_at=now + timedelta(days=10))
    await store.deal(partner.id, "approved", protection_expires_at=now + timedelta(days=2))
    user = await factory.user(role="partner_user", partner_id=partner.id)
    basics = await course(store, "Basics")
    cloud = await program(store, "Cloud", [basics.id])
    held = await certification(
        store, cloud.id, user.id, partner.id, expires_at=now + timedelta(days=30)
    )
    found = await recommendations(client, partner.id, admin_headers)
    assert [(r["priority"], r["kind"]) for r in found] == [
        ("high", "extend_deal_protection"),
        ("medium", "extend_deal_protection"),
        ("medium", "renew_certification"),
    ]
    assert found[0]["figures"]["days_left"] == 2
    # The certification revoked: nothing to renew, and the next tier's need comes first.
    await store._set(Certification, held.id, {"status": "revoked"})
    found = await recommendations(client, partner.id, admin_headers)
    assert [(r["priority"], r["kind"]) for r in found] == [
        ("high", "earn_certification"),
        ("high", "extend_deal_protection"),
        ("medium", "extend_deal_protection"),
    ]


async def test_peer_win_rates_are_partner_totals_win_rates(store, sessionmaker):
    from prm_api.health.peers import win_rates
    from prm_api.metrics.totals import partner_totals

    partner = await store.partner()
    peers = [await store.partner() for _ in range(3)]
    await store.partner(type="referral")  # not a peer
    today = utcnow().date()
    outcomes = (("won", "lost", "lost"), ("won",), ("lost",), ())
    for owner, statuses in zip([partner, *peers], outcomes, strict=True):
        for status in statuses:
            await store.deal(owner.id, status, currency="USD")
    await store.deal(peers[0].id, "won", closed_at=today - timedelta(days=400))  # too old
    await store.deal(peers[1].id, "approved")
    async with sessionmaker() as session:
        start = today - timedelta(days=364)
        rates = await win_rates(session, partner, start, today)
        ids = [partner.id, *(p.id for p in peers)]
        totals = await partner_totals(session, start, today, ids)
    expected = {pid: t.win_rate for pid, t in totals.items() if t.won_deals + t.lost_deals}
    assert {pid: rate for pid, rate in rates.items() if rate is not None} == expected
    assert expected[partner.id] == 1 / 3
