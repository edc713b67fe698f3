"""A believable demo program for `prm-api serve --demo`: tiers, ~50 partners in every status,
their people, vendor staff, deals in every state, and a content library with real files and
months of downloads (``demo_assets.py``). Loaded through the services, so the
audit trail and the event log cover it. Loading twice does nothing the second time.

The names, mixes and amounts live in ``demo_data.json`` next to this module; this module
decides how they combine. One seeded random generator drives every choice, so a fresh
database always gets the same program (bar the random parts of user e-mail addresses).

The demo password is generated once per data directory (``demo-password`` there), never a
fixed one, and printed with every login that uses it. Timestamps are spread over the past
year (partners joined over months, deals were registered after their partner started), so
lists and date filters look like a real program's.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.auth.scopes import ALL_SCOPES
from prm_api.deals import lifecycle as deal_lifecycle
from prm_api.deals import service as deals
from prm_api.deals.expiry import expire_batch
from prm_api.demo_assets import load_demo_assets
from prm_api.demo_certifications import load_demo_certifications
from prm_api.demo_history import load_demo_history
from prm_api.demo_onboarding import load_demo_onboarding
from prm_api.demo_timeline import spread_over_past_year
from prm_api.demo_trainings import load_demo_trainings
from prm_api.kit.time import utcnow
from prm_api.metrics.rebuild import rebuild_all
from prm_api.models import Deal, InstanceState, Partner, Tier, User
from prm_api.partners import lifecycle
from prm_api.partners import service as partners
from prm_api.program import rules as deal_rules
from prm_api.storage import Storage, get_storage
from prm_api.tiers import service as tiers
from prm_api.users.service import create_user

DEMO_KEY = "demo"
PASSWORD_FILE = "demo-password"

DEMO = Principal(
    subject_type="system", subject_id="demo", client_id="demo", role="admin", scopes=ALL_SCOPES
)

#: The lifecycle actions that lead from ``applied`` to each status.
_PATHS: dict[str, list[str]] = {
    "applied": [],
    "onboarding": ["approve"],
    "active": ["approve", "activate"],
    "suspended": ["approve", "activate", "suspend"],
    "declined": ["decline"],
    "terminated": ["approve", "activate", "terminate"],
}
#: How many partners (the first ones, all active) get a password to sign in with.
_PARTNER_LOGINS = 3

Data = dict[str, Any]


@dataclass(frozen=True)
class Login:
    email: str
    description: str


def demo_password(data_dir: Path) -> str:
    """This data directory's demo password: read from ``demo-password``, created on first use."""
    path = Path(data_dir) / PASSWORD_FILE
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    password = f"demo-{secrets.token_urlsafe(12)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only, like the embedded database next to it; O_EXCL: two first starts agree.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as out:
        out.write(password + "\n")
    return password


def _digest(password: str) -> str:
    # Lets a restart tell whether the password it holds is the one the demo was loaded with
    # (another data directory may have loaded it into a shared database).
    return hashlib.sha256(f"prm-demo:{password}".encode()).hexdigest()


async def demo_logins(session: AsyncSession, password: str) -> tuple[list[Login], bool]:
    """Every login of the loaded demo, and whether ``password`` is theirs."""
    state = await session.scalar(select(InstanceState.value).where(InstanceState.key == DEMO_KEY))
    if not state:
        return [], False
    logins = [Login(**login) for login in state.get("logins", [])]
    return logins, state.get("password_digest") == _digest(password)


def _data() -> Data:
    return dict(json.loads(resources.files("prm_api").joinpath("demo_data.json").read_text()))


def _weighted(mix: dict[str, int]) -> list[str]:
    """``{"a": 2, "b": 1}`` → ``["a", "a", "b"]``: ``rng.choice`` then follows the mix."""
    return [key for key, count in mix.items() for _ in range(count)]


def _person(rng: random.Random, people: Data) -> tuple[str, str]:
    return rng.choice(people["first_names"]), rng.choice(people["last_names"])


async def load_demo(
    session: AsyncSession, password: str | None = None, *, storage: Storage | None = None
) -> bool:
    """Load the demo program once (every login gets ``password``, random when not given);
    the content library's files go to ``storage`` (default: the configured one).

    Returns False when it was already there.
    """
    if await session.scalar(select(InstanceState.key).where(InstanceState.key == DEMO_KEY)):
        return False
    password = password or secrets.token_urlsafe(16)
    loaded_from = utcnow()
    data = _data()
    rng = random.Random(2026)
    staff = [
        await create_user(session, DEMO.actor, **person, password=password)
        for person in data["staff"]
    ]
    logins = [Login(user.email, f"vendor {user.role}") for user in staff]
    managers = [user for user in staff if user.role == "channel_manager"]
    tier_rows = {t["key"]: await tiers.create_tier(session, DEMO, t) for t in data["tiers"]}
    logins += await _load_partners(session, rng, data, managers, tier_rows, password)
    await _load_deals(session, rng, data, tier_rows)
    await spread_over_past_year(session, rng, loaded_from)
    await load_demo_assets(
        session, rng, DEMO, storage or get_storage(), loaded_from, data["assets"]
    )
    await load_demo_certifications(session, rng, DEMO, loaded_from)
    await load_demo_onboarding(session, rng, DEMO, loaded_from)
    await load_demo_trainings(session, rng, DEMO, loaded_from)
    await load_demo_history(session, data)
    await rebuild_all(session)  # the metric rollups, from every raw record just written
    state = {
        "logins": [vars(login) for login in logins],
        "password_digest": _digest(password),
    }
    await session.execute(
        insert(InstanceState).values(key=DEMO_KEY, value=state).on_conflict_do_nothing()
    )
    return True


async def _load_partners(
    session: AsyncSession,
    rng: random.Random,
    data: Data,
    managers: list[User],
    tier_rows: dict[str, Tier],
    password: str,
) -> list[Login]:
    """Partners in every status with their people; returns the partner admins who may sign in."""
    mix = data["partners"]
    names: set[str] = set()
    partner_logins: list[Login] = []
    for i, status in enumerate(_weighted(mix["status_mix"])):
        while True:
            base = f"{rng.choice(mix['name_prefixes'])}{rng.choice(mix['name_suffixes'])}"
            if base not in names:
                names.add(base)
                break
        country = rng.choice(list(mix["countries"]))
        domain = f"{base.lower()}.example"
        # Drawn in a fixed order: the seeded generator then builds the same program each time.
        name = f"{base} {rng.choice(mix['name_kinds'])}"
        partner_type = rng.choice(_weighted(mix["type_mix"]))
        first, last = _person(rng, data["people"])
        tags = rng.sample(mix["tags"], k=2)
        partner = await partners.create_partner(
            session,
            DEMO.actor,
            {
                "name": name,
                "legal_name": f"{base} {mix['countries'][country]['legal_form']}",
                "website": f"https://www.{domain}",
                "type": partner_type,
                "country": country,
                "region": mix["countries"][country]["region"],
                "description": "Demo partner.",
                "contact": {"name": f"{first} {last}", "email": f"partners@{domain}"},
                "manager_id": managers[i % len(managers)].id if status != "applied" else None,
                "tags": tags,
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
            tier = tier_rows[rng.choice(_weighted(mix["tier_mix"]))]
            await partners.assign_tier(
                session, DEMO, partner.id, tier.id, reason="demo", if_match=None
            )
        if status in ("active", "onboarding", "suspended"):
            email = f"admin@{domain}"
            may_sign_in = status == "active" and len(partner_logins) < _PARTNER_LOGINS
            await create_user(
                session,
                DEMO.actor,
                email=email,
                name=f"{base} Admin",
                role="partner_admin",
                partner_id=partner.id,
                password=password if may_sign_in else None,
            )
            if may_sign_in:
                partner_logins.append(Login(email, f"partner_admin of {name}"))
            for _ in range(rng.randint(0, 3)):
                first, last = _person(rng, data["people"])
                await create_user(
                    session,
                    DEMO.actor,
                    email=f"{first.lower()}.{last.lower()}.{uuid.uuid4().hex[:4]}@{domain}",
                    name=f"{first} {last}",
                    role="partner_user",
                    partner_id=partner.id,
                    password=None,
                )
    return partner_logins


async def _load_deals(
    session: AsyncSession, rng: random.Random, data: Data, tier_rows: dict[str, Tier]
) -> None:
    """~250 deals across the active partners, in every status; shared customers conflict."""
    mix = data["deals"]
    rule = mix["auto_approval_rule"]
    await deal_rules.create_rule(
        session,
        DEMO,
        {
            "name": rule["name"],
            "position": rule["position"],
            "enabled": True,
            "max_amount": {**rule["max_amount"], "amount": Decimal(rule["max_amount"]["amount"])},
            "partner_tier_ids": [tier_rows[key].id for key in rule["partner_tiers"]],
            "partner_types": [],
            "action": "auto_approve",
        },
    )
    outcomes = _weighted(mix["outcome_mix"])
    active = await session.scalars(
        select(Partner).where(Partner.status == "active").order_by(Partner.name)
    )
    today = utcnow().date()
    for partner in active.all():
        as_partner = Principal(
            subject_type="user",
            subject_id=f"demo-{partner.id}",
            client_id="demo",
            role="partner_admin",
            scopes=ALL_SCOPES,
            partner_id=partner.id,
        )
        for _ in range(rng.randint(7, 12)):
            customer = rng.choice(mix["customers"])
            amount = rng.choice(mix["amounts_usd"])
            # Drawn in a fixed order (see _load_partners).
            first, last = _person(rng, data["people"])
            title = f"{customer['name'].split()[0]} {rng.choice(mix['products'])} rollout"
            products = rng.sample(mix["products"], k=2)
            close_in = timedelta(days=rng.randint(10, 180))
            stage = rng.choice(mix["stages"])
            deal = await deals.create_deal(
                session,
                as_partner,
                {
                    "customer": {
                        "name": customer["name"],
                        "domain": customer["domain"],
                        "country": partner.country,
                        "contact_name": f"{first} {last}",
                    },
                    "title": title,
                    "products": products,
                    "amount": {"amount": Decimal(amount), "currency": "USD"},
                    "expected_close_date": today + close_in,
                    "stage": stage,
                },
            )
            await _drive_deal(session, rng, as_partner, deal, rng.choice(outcomes))
    await expire_batch(session, limit=10_000)


async def _drive_deal(
    session: AsyncSession, rng: random.Random, as_partner: Principal, deal: Deal, target: str
) -> None:
    """Take a draft deal towards ``target`` as the partner and the vendor would.

    An auto-approval rule may approve on submit: such a deal cannot be rejected any more
    and stays approved instead.
    """
    if target == "draft":
        return
    deal = await deal_lifecycle.submit(session, as_partner, deal.id, if_match=None)
    if target == "submitted" or (target == "rejected" and deal.status != "submitted"):
        return
    if target == "rejected":
        await deal_lifecycle.reject(
            session, DEMO, deal.id, reason="Customer is a direct account.", if_match=None
        )
        return
    if target == "withdrawn":
        await deal_lifecycle.withdraw(
            session, as_partner, deal.id, reason="Lost interest.", if_match=None
        )
        return
    if deal.status == "submitted":
        await deal_lifecycle.approve(session, DEMO, deal.id, reason=None, if_match=None)
    if target in ("won", "lost"):
        await deal_lifecycle.close(
            session,
            DEMO,
            deal.id,
            outcome=target,
            closed_at=utcnow().date() - timedelta(days=rng.randint(0, 300)),
            reason="Demo.",
            if_match=None,
        )
    elif target == "expired":
        # Its protection ran out yesterday; the expiry job at the end finds it.
        await session.execute(
            update(Deal)
            .where(Deal.id == deal.id)
            .values(protection_expires_at=utcnow() - timedelta(days=1))
        )
