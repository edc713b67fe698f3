"""A believable demo program for `prm-api serve --demo`: tiers, ~50 partners in every status,
their people and vendor staff. Loaded through the services, so the audit trail covers it.
Loading twice does nothing the second time."""

from __future__ import annotations

import random
import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.models import InstanceState
from prm_api.partners import lifecycle, service, tiers
from prm_api.users.service import create_user

DEMO_KEY = "demo"
DEMO_PASSWORD = "demo-password-2026"

DEMO = Principal(
    subject_type="system", subject_id="demo", client_id="demo", role="admin", scopes=ALL_SCOPES
)

TIERS = [
    {
        "key": "registered",
        "name": "Registered",
        "rank": 10,
        "benefits": "Deal registration, partner portal, self-paced training.",
    },
    {
        "key": "silver",
        "name": "Silver",
        "rank": 20,
        "benefits": "10% margin, co-branded assets.",
        "min_won_revenue": {"amount": "50000.00", "currency": "USD"},
        "min_won_deals": 3,
        "min_certified_users": 1,
    },
    {
        "key": "gold",
        "name": "Gold",
        "rank": 30,
        "benefits": "18% margin, MDF, named channel manager.",
        "min_won_revenue": {"amount": "250000.00", "currency": "USD"},
        "min_won_deals": 10,
        "min_certified_users": 3,
    },
    {
        "key": "platinum",
        "name": "Platinum",
        "rank": 40,
        "benefits": "25% margin, joint business plan, early access.",
        "min_won_revenue": {"amount": "1000000.00", "currency": "USD"},
        "min_won_deals": 25,
        "min_certified_users": 8,
    },
]

_PREFIX = [
    "North",
    "Blue",
    "Bright",
    "Iron",
    "Silver",
    "Cloud",
    "Apex",
    "Nova",
    "Delta",
    "Summit",
    "Harbor",
    "Pixel",
    "Quantum",
    "Vertex",
    "Cedar",
    "Atlas",
    "Orbit",
    "Falcon",
    "Granite",
    "Lumen",
    "Maple",
    "Meridian",
    "Nimbus",
    "Pioneer",
    "Redwood",
]
_SUFFIX = ["wind", "stone", "path", "bridge", "field", "works", "logic", "point", "gate", "line"]
_KIND = ["Systems", "Solutions", "IT", "Consulting", "Networks", "Partners", "Digital", "Group"]
_LEGAL = {
    "DE": "GmbH",
    "PL": "Sp. z o.o.",
    "GB": "Ltd",
    "US": "Inc.",
    "FR": "SAS",
    "NL": "B.V.",
    "SE": "AB",
    "ES": "S.L.",
    "IT": "S.r.l.",
    "CA": "Inc.",
    "AU": "Pty Ltd",
    "JP": "K.K.",
}
_REGION = {
    "DE": "EMEA",
    "PL": "EMEA",
    "GB": "EMEA",
    "FR": "EMEA",
    "NL": "EMEA",
    "SE": "EMEA",
    "ES": "EMEA",
    "IT": "EMEA",
    "US": "AMER",
    "CA": "AMER",
    "AU": "APAC",
    "JP": "APAC",
}
_TYPES = [
    "reseller",
    "reseller",
    "reseller",
    "distributor",
    "referral",
    "affiliate",
    "msp",
    "msp",
    "technology",
]
# Status mix of a living program; the actions that lead there from `applied`.
_PATHS = {
    "applied": [],
    "onboarding": ["approve"],
    "active": ["approve", "activate"],
    "suspended": ["approve", "activate", "suspend"],
    "declined": ["decline"],
    "terminated": ["approve", "activate", "terminate"],
}
_STATUS_MIX = (
    ["active"] * 26
    + ["onboarding"] * 8
    + ["applied"] * 7
    + ["suspended"] * 3
    + ["declined"] * 3
    + ["terminated"] * 3
)
_FIRST = [
    "Anna",
    "Ben",
    "Chloe",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kasia",
    "Liam",
    "Maya",
    "Noah",
    "Olga",
    "Piotr",
    "Rosa",
    "Sven",
    "Tara",
    "Yuki",
]
_LAST = [
    "Berg",
    "Nowak",
    "Smith",
    "Dubois",
    "Jansen",
    "Rossi",
    "Garcia",
    "Tanaka",
    "Kowalski",
    "Muller",
    "Brown",
    "Larsen",
]


async def load_demo(session: AsyncSession) -> bool:
    """Load the demo program once. Returns False when it was already there."""
    if await session.scalar(select(InstanceState.key).where(InstanceState.key == DEMO_KEY)):
        return False
    rng = random.Random(2026)
    actor = DEMO.actor
    managers = [
        await create_user(
            session,
            actor,
            email="demo-admin@prm.example",
            name="Dana Admin",
            role="admin",
            password=DEMO_PASSWORD,
        ),
        await create_user(
            session,
            actor,
            email="cm.emea@prm.example",
            name="Erik Lind",
            role="channel_manager",
            password=DEMO_PASSWORD,
        ),
        await create_user(
            session,
            actor,
            email="cm.amer@prm.example",
            name="Alicia Reyes",
            role="channel_manager",
            password=DEMO_PASSWORD,
        ),
    ]
    tier_rows = [await tiers.create_tier(session, DEMO, t) for t in TIERS]
    names: set[str] = set()
    partner_logins: list[str] = []
    for i, status in enumerate(_STATUS_MIX):
        while True:
            base = f"{rng.choice(_PREFIX)}{rng.choice(_SUFFIX)}"
            if base not in names:
                names.add(base)
                break
        country = rng.choice(list(_LEGAL))
        domain = f"{base.lower()}.example"
        partner = await service.create_partner(
            session,
            actor,
            {
                "name": f"{base} {rng.choice(_KIND)}",
                "legal_name": f"{base} {_LEGAL[country]}",
                "website": f"https://www.{domain}",
                "type": rng.choice(_TYPES),
                "country": country,
                "region": _REGION[country],
                "description": "Demo partner.",
                "contact": {
                    "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                    "email": f"partners@{domain}",
                },
                "manager_id": managers[1 + (i % 2)].id if status != "applied" else None,
                "tags": rng.sample(
                    [
                        "cloud",
                        "security",
                        "smb",
                        "enterprise",
                        "public-sector",
                        "healthcare",
                        "retail",
                    ],
                    k=2,
                ),
                "external_ids": {"salesforce": f"001DEMO{i:08d}"},
            },
            status="applied",
            source="application",
        )
        for action in _PATHS[status]:
            await lifecycle.transition(
                session, DEMO, partner.id, action, reason="demo", if_match=None
            )
        if status in ("active", "suspended"):
            tier = tier_rows[min(3, rng.choice([0, 0, 1, 1, 1, 2, 2, 3]))]
            await service.assign_tier(
                session, DEMO, partner.id, tier.id, reason="demo", if_match=None
            )
        if status in ("active", "onboarding", "suspended"):
            email = f"admin@{domain}"
            await create_user(
                session,
                actor,
                email=email,
                name=f"{base} Admin",
                role="partner_admin",
                partner_id=partner.id,
                password=DEMO_PASSWORD if len(partner_logins) < 3 else None,
            )
            if len(partner_logins) < 3 and status == "active":
                partner_logins.append(email)
            for _ in range(rng.randint(0, 3)):
                first, last = rng.choice(_FIRST), rng.choice(_LAST)
                await create_user(
                    session,
                    actor,
                    email=f"{first.lower()}.{last.lower()}.{uuid.uuid4().hex[:4]}@{domain}",
                    name=f"{first} {last}",
                    role="partner_user",
                    partner_id=partner.id,
                    password=None,
                )
    await session.execute(
        insert(InstanceState)
        .values(key=DEMO_KEY, value={"password": "see README", "partner_logins": partner_logins})
        .on_conflict_do_nothing()
    )
    return True
