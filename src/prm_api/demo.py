"""A believable demo program for `prm-api serve --demo`: tiers, ~50 partners in every status,
their people and vendor staff. Loaded through the services, so the audit trail covers it.
Loading twice does nothing the second time."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

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
    await _load_deals(session, rng, tier_rows)
    await session.execute(
        insert(InstanceState)
        .values(key=DEMO_KEY, value={"password": "see README", "partner_logins": partner_logins})
        .on_conflict_do_nothing()
    )
    return True


_CUSTOMERS = [
    ("Acme Sp. z o.o.", "acme.example"),
    ("Globex Corporation", "globex.example"),
    ("Initech GmbH", "initech.example"),
    ("Umbrella Ltd", "umbrella.example"),
    ("Stark Industries Inc.", "stark.example"),
    ("Wayne Enterprises", "wayne.example"),
    ("Hooli", "hooli.example"),
    ("Soylent AB", "soylent.example"),
    ("Tyrell S.A.", "tyrell.example"),
    ("Cyberdyne Systems", "cyberdyne.example"),
    ("Wonka Industries", "wonka.example"),
    ("Massive Dynamic", "massivedynamic.example"),
    ("Vandelay Industries", "vandelay.example"),
    ("Pied Piper Inc.", "piedpiper.example"),
    ("Oscorp", "oscorp.example"),
    ("Aperture Science", "aperture.example"),
    ("Black Mesa", "blackmesa.example"),
    ("Gringotts Bank plc", "gringotts.example"),
    ("Monarch Solutions", "monarch.example"),
    ("Duff Brewing Co.", "duff.example"),
    ("Nakatomi Trading K.K.", "nakatomi.example"),
    ("Sterling Cooper", "sterling.example"),
    ("Dunder Mifflin", "dundermifflin.example"),
    ("Prestige Worldwide", "prestige.example"),
    ("Bluth Company", "bluth.example"),
    ("Krusty Krab", "krustykrab.example"),
    ("Gekko & Co", "gekko.example"),
    ("Ollivanders Ltd", "ollivanders.example"),
    ("Los Pollos Hermanos S.A. de C.V.", "pollos.example"),
    ("Rekall Inc.", "rekall.example"),
]
_PRODUCTS = [
    "Firewall X1",
    "Cloud Backup",
    "SD-WAN Edge",
    "Endpoint Suite",
    "Support Plus",
    "Analytics Pro",
    "Identity Hub",
]
_OUTCOMES = (
    ["draft"] * 2
    + ["submitted"] * 3
    + ["approved"] * 4
    + ["rejected"] * 2
    + ["withdrawn"]
    + ["won"] * 3
    + ["lost"] * 2
    + ["expired"]
)


async def _load_deals(session: AsyncSession, rng: random.Random, tier_rows: list) -> None:
    """~250 deals across the active partners, in every status; shared customers conflict."""
    from datetime import timedelta

    from sqlalchemy import update

    from prm_api.auth.scopes import ALL_SCOPES
    from prm_api.deals import lifecycle as deal_lifecycle
    from prm_api.deals import rules as deal_rules
    from prm_api.deals import service as deals
    from prm_api.kit.time import utcnow
    from prm_api.models import Deal, Partner

    await deal_rules.create_rule(
        session,
        DEMO,
        {
            "name": "Gold and Platinum up to 25k USD",
            "position": 10,
            "enabled": True,
            "max_amount": {"amount": Decimal("25000.00"), "currency": "USD"},
            "partner_tier_ids": [t.id for t in tier_rows if t.key in ("gold", "platinum")],
            "partner_types": [],
            "action": "auto_approve",
        },
    )
    partners = (
        await session.scalars(
            select(Partner).where(Partner.status == "active").order_by(Partner.name)
        )
    ).all()
    today = utcnow().date()
    for partner in partners:
        as_partner = Principal(
            subject_type="user",
            subject_id=f"demo-{partner.id}",
            client_id="demo",
            role="partner_admin",
            scopes=ALL_SCOPES,
            partner_id=partner.id,
        )
        for _ in range(rng.randint(7, 12)):
            customer, domain = rng.choice(_CUSTOMERS)
            amount = rng.choice([4_500, 9_900, 18_000, 24_000, 48_000, 120_000, 310_000])
            deal = await deals.create_deal(
                session,
                as_partner,
                {
                    "customer": {
                        "name": customer,
                        "domain": domain,
                        "country": partner.country,
                        "contact_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                    },
                    "title": f"{customer.split()[0]} {rng.choice(_PRODUCTS)} rollout",
                    "products": rng.sample(_PRODUCTS, k=2),
                    "amount": {"amount": Decimal(amount), "currency": "USD"},
                    "expected_close_date": today + timedelta(days=rng.randint(10, 180)),
                    "stage": rng.choice(["qualification", "proposal", "negotiation", "commit"]),
                },
            )
            target = rng.choice(_OUTCOMES)
            if target == "draft":
                continue
            deal = await deal_lifecycle.submit(session, as_partner, deal.id, if_match=None)
            if target == "submitted" or (target == "rejected" and deal.status != "submitted"):
                continue
            if target == "rejected":
                await deal_lifecycle.reject(
                    session, DEMO, deal.id, reason="Customer is a direct account.", if_match=None
                )
                continue
            if target == "withdrawn":
                await deal_lifecycle.withdraw(
                    session, as_partner, deal.id, reason="Lost interest.", if_match=None
                )
                continue
            if deal.status == "submitted":
                await deal_lifecycle.approve(session, DEMO, deal.id, reason=None, if_match=None)
            if target in ("won", "lost"):
                await deal_lifecycle.close(
                    session,
                    DEMO,
                    deal.id,
                    outcome=target,
                    closed_at=today - timedelta(days=rng.randint(0, 300)),
                    reason="Demo.",
                    if_match=None,
                )
            elif target == "expired":
                await session.execute(
                    update(Deal)
                    .where(Deal.id == deal.id)
                    .values(protection_expires_at=utcnow() - timedelta(days=1))
                )
    from prm_api.deals.expiry import expire_batch

    await expire_batch(session, limit=10_000)
