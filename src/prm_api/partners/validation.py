"""What a partner's fields must satisfy before they are stored.

A usable website and domain, a manager who is active vendor staff, and the identities that
name one partner only: its live domain (de-duplication, deal conflicts) and its external ids
(the CRM upsert and the ``external_id`` filter).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.roles import VENDOR_ROLES
from prm_api.db import flush_unique
from prm_api.errors import Conflict, ValidationFailed, field_error
from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.models import Partner
from prm_api.partners import repository


def resolve_domain(website: str | None, domain: str | None) -> str | None:
    """The normalized primary domain: the explicit ``domain``, else the website's host."""
    source, field = (domain, "domain") if domain else (website, "website")
    if not source:
        return None
    try:
        return normalize_domain(source)
    except InvalidDomain as exc:
        raise ValidationFailed(
            f"{field} is not a usable domain.",
            errors=[field_error(field, "invalid_domain", str(exc))],
        ) from None


#: The ``website`` column's size; the document states it in words (see ``kit.fields.Website``).
WEBSITE_MAX_LENGTH = 2048


def check_website(website: str | None) -> None:
    """A website is an http(s) URL or a bare host, even when an explicit ``domain`` is given
    (portals render it as a link: no ``javascript:`` or other schemes)."""
    if website is None:
        return
    scheme = website.partition("://")[0].lower() if "://" in website else None
    if scheme not in (None, "http", "https"):
        raise ValidationFailed(
            "website must be an http(s) URL.",
            errors=[field_error("website", "invalid_url", "Use http:// or https://.")],
        )
    resolve_domain(website, None)
    if len(website) > WEBSITE_MAX_LENGTH:
        raise ValidationFailed(
            "website is too long.",
            errors=[
                field_error(
                    "website",
                    "string_too_long",
                    f"String should have at most {WEBSITE_MAX_LENGTH} characters",
                )
            ],
        )


def to_columns(data: dict[str, Any]) -> dict[str, Any]:
    """API shape → column values (``contact`` → ``contact_*``); checks the website."""
    out = dict(data)
    if "website" in out:
        check_website(out["website"])
    if "contact" in out:
        contact = out.pop("contact") or {}
        for key in ("name", "email", "phone"):
            out[f"contact_{key}"] = contact.get(key)
    return out


async def check_manager(session: AsyncSession, manager_id: uuid.UUID | None) -> None:
    if manager_id is None:
        return
    if await repository.active_user_role(session, manager_id) not in VENDOR_ROLES:
        raise ValidationFailed(
            "manager_id must be an active vendor user.",
            errors=[field_error("manager_id", "invalid_manager", "Not an active vendor user.")],
        )


def duplicate_partner(domain: str) -> Conflict:
    return Conflict(
        f"A partner or open application already exists for the domain {domain}.",
        code="duplicate_partner",
        domain=domain,
    )


async def ensure_domain_free(
    session: AsyncSession, domain: str | None, *, exclude: uuid.UUID | None = None
) -> None:
    if domain is not None and await repository.live_domain_taken(session, domain, exclude=exclude):
        raise duplicate_partner(domain)


async def ensure_external_ids_free(
    session: AsyncSession, external_ids: dict[str, str] | None, *, exclude: uuid.UUID | None = None
) -> None:
    """An external id names one partner: the CRM upsert and the filter rely on it."""
    for system, ext in sorted((external_ids or {}).items()):
        if await repository.external_id_taken(session, system, ext, exclude=exclude):
            raise Conflict(
                f"Another partner already has the external id {system}:{ext}.",
                code="external_id_taken",
                errors=[
                    field_error(f"external_ids.{system}", "taken", "Belongs to another partner.")
                ],
            )


#: Concurrent writers of one external id: the database's key (``partner_external_ids``,
#: kept by a trigger) lets exactly one win; the others get this.
EXTERNAL_ID_RACE_LOST = Conflict(
    "Another partner already has one of these external ids.", code="external_id_taken"
)


async def flush_guarding_domain(session: AsyncSession, partner: Partner) -> None:
    """Flush; a concurrent insert of the same live domain or external id loses with 409,
    not 500."""
    await flush_unique(
        session,
        partner,
        {
            "uq_partners_live_domain": duplicate_partner(partner.domain or ""),
            "pk_partner_external_ids": EXTERNAL_ID_RACE_LOST,
        },
    )
