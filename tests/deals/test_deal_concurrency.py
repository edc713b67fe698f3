"""Two partners submitting one customer at the same moment: exactly the second is flagged."""

from __future__ import annotations

import asyncio

import pytest
from factories import deal_body


@pytest.mark.parametrize(
    ("name_a", "domain_a", "name_b", "domain_b"),
    [
        ("Acme Sp. z o.o.", "acme.example", "ACME", "www.acme.example"),  # domain and name
        ("Acme Sp. z o.o.", None, "ACME Inc.", None),  # name only
        ("Alpha Books", "books.example", "Zeta Reading", "Books.Example."),  # domain only
        ("Contoso Pharma", None, "Contoso Pharmacy", None),  # similar, not equal, names
    ],
)
async def test_concurrent_submissions_flag_exactly_the_second(
    client, auth, store, name_a, domain_a, name_b, domain_b
):
    a = await store.partner()
    b = await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_admin", partner_id=b.id)
    for _round in range(3):
        r1 = await client.post("/v1/deals", headers=ha, json=deal_body(name_a, domain_a))
        r2 = await client.post("/v1/deals", headers=hb, json=deal_body(name_b, domain_b))
        d1, d2 = r1.json()["id"], r2.json()["id"]

        s1, s2 = await asyncio.gather(
            client.post(f"/v1/deals/{d1}/submit", headers=ha),
            client.post(f"/v1/deals/{d2}/submit", headers=hb),
        )

        assert s1.status_code == 200, s1.text
        assert s2.status_code == 200, s2.text
        flags = {d1: s1.json()["has_conflicts"], d2: s2.json()["has_conflicts"]}
        assert sorted(flags.values()) == [False, True], flags
        first, second = (d1, d2) if flags[d2] else (d2, d1)
        one, two = await store.get_deal(first), await store.get_deal(second)
        assert one.submitted_at <= two.submitted_at
        # Both sides of the recorded pair are flagged: each deal's has_conflicts agrees
        # with its /conflicts list, which shows the pair from both sides.
        assert one.has_conflicts is True and two.has_conflicts is True
        [c] = await store.conflicts(second)
        assert str(c.other_deal_id) == first
        assert await store.conflicts(first) == []
        # Clear the way for the next round: both registrations leave the open set.
        for deal_id, headers in ((d1, ha), (d2, hb)):
            r = await client.post(f"/v1/deals/{deal_id}/withdraw", headers=headers)
            assert r.status_code == 200, r.text
