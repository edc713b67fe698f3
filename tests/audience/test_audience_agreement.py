"""The audience's SQL predicate (what lists and gets apply) and its explanation (what the
explain endpoint answers) are the same rules: over a matrix of partners × audiences both give
the same answer, and the explanation names the deciding rule."""

from __future__ import annotations

import itertools
import uuid

from sqlalchemy import select

from prm_api.audience.rules import PartnerFacts, admits, audience_of, explain
from prm_api.audience.schemas import Audience
from prm_api.auth.principal import Principal
from prm_api.models import Asset


def partner_principal(partner_id: uuid.UUID) -> Principal:
    return Principal(
        subject_type="user",
        subject_id="tests",
        client_id="tests",
        role="partner_user",
        scopes=frozenset({"assets:read"}),
        partner_id=partner_id,
    )


async def test_sql_and_explain_agree_over_a_matrix(store, sessionmaker):
    gold, silver = await store.tier("gold", 1), await store.tier("silver", 2)
    attributes = [
        {"tier_id": gold.id, "type": "reseller", "country": "DE", "region": "DACH"},
        {"tier_id": gold.id, "type": "distributor", "country": "PL", "region": "CEE"},
        {"tier_id": silver.id, "type": "reseller", "country": "AT", "region": "DACH"},
        {"tier_id": None, "type": "msp", "country": None, "region": None},
        {"tier_id": silver.id, "type": "referral", "country": "CH", "region": None},
    ]
    partners = [await store.partner(**values) for values in attributes]
    named, excluded = partners[3], partners[0]
    audiences = [
        {},
        {"everyone": True},
        {"tier_ids": [gold.id]},
        {"tier_ids": [gold.id, silver.id], "partner_types": ["reseller"]},
        {"countries": ["DE", "AT", "CH"]},
        {"countries": ["DE", "AT", "CH"], "tier_ids": [silver.id]},
        {"regions": ["DACH"]},
        {"regions": ["DACH"], "partner_types": ["reseller"], "countries": ["AT"]},
        {"partner_types": ["msp"]},
        {"partner_ids": [named.id]},
        {"partner_ids": [named.id], "tier_ids": [gold.id]},
        {"everyone": True, "excluded_partner_ids": [excluded.id]},
        {"partner_ids": [excluded.id], "excluded_partner_ids": [excluded.id]},
        {"tier_ids": [gold.id], "excluded_partner_ids": [partners[1].id]},
    ]
    assets = [await store.asset(audience=a, title=f"a{i}") for i, a in enumerate(audiences)]
    decided: set[str] = set()
    async with sessionmaker() as session:
        for partner_id in [p.id for p in partners]:
            partner = await store.get_partner(partner_id)
            stmt = select(Asset.id).where(admits(Asset, partner_principal(partner_id)))
            in_sql = set((await session.scalars(stmt)).all())
            for asset in assets:
                explained = explain(audience_of(asset), PartnerFacts.of(partner))
                decided.add(explained.decided_by.value)
                assert explained.visible == (asset.id in in_sql), (
                    partner.type,
                    partner.country,
                    audience_of(asset),
                    explained,
                )
    # Every rule decided at least once: the matrix exercises all of them.
    assert decided == {
        "excluded",
        "named_partner",
        "everyone",
        "criteria",
        "no_matching_rule",
        "vendor_only",
    }


def test_explain_names_the_rule_and_the_dimensions():
    partner = PartnerFacts(uuid.uuid4(), uuid.uuid4(), "reseller", "DE", None)
    other_tier = uuid.uuid4()
    audience = Audience(
        tier_ids=[other_tier, partner.tier_id], partner_types=["reseller"], regions=["DACH"]
    )
    result = explain(audience, partner)
    assert (result.visible, result.decided_by) == (False, "no_matching_rule")
    by_dimension = {d.dimension.value: d for d in result.dimensions}
    assert set(by_dimension) == {"tier", "partner_type", "region"}
    assert by_dimension["tier"].matched and by_dimension["partner_type"].matched
    assert by_dimension["region"].partner_value is None
    assert not by_dimension["region"].matched
    # An exclusion beats a naming, which beats everything else.
    both = Audience(partner_ids=[partner.id], excluded_partner_ids=[partner.id], everyone=True)
    assert explain(both, partner).decided_by == "excluded"
    named = Audience(partner_ids=[partner.id], countries=["PL"])
    assert (explain(named, partner).visible, explain(named, partner).decided_by) == (
        True,
        "named_partner",
    )
    assert explain(Audience(), partner).decided_by == "vendor_only"


def test_vendors_are_not_filtered():
    vendor = Principal("user", "x", "c", "admin", frozenset())
    assert str(admits(Asset, vendor)) == "true"


def test_repeats_are_dropped_in_order():
    ids = [uuid.uuid4() for _ in range(2)]
    audience = Audience(partner_ids=[ids[1], ids[0], ids[1]], countries=["DE", "DE"])
    clean = audience.normalized()
    assert clean.partner_ids == [ids[1], ids[0]]
    assert list(itertools.chain(clean.countries)) == ["DE"]
