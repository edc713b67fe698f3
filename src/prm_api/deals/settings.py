"""Program settings for deal registration (one row). Changes apply to new decisions only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import Principal
from prm_api.deals.schemas import ProgramSettingsOut
from prm_api.errors import Forbidden
from prm_api.events import service as events
from prm_api.kit.etag import check_if_match
from prm_api.models import ProgramSettings

FIELDS = ("protection_days", "extension_days", "max_extensions", "conflict_threshold")


async def get_settings(session: AsyncSession, *, for_update: bool = False) -> ProgramSettings:
    """The settings row, created with the defaults on first use."""
    row = await session.get(ProgramSettings, 1, with_for_update=for_update)
    if row is None:  # first use: create the row with the defaults (once, race-free)
        await session.execute(insert(ProgramSettings).values(id=1).on_conflict_do_nothing())
        row = await session.get(
            ProgramSettings, 1, with_for_update=for_update, populate_existing=True
        )
    assert row is not None
    return row


async def update_settings(
    session: AsyncSession, principal: Principal, changes: dict[str, Any], *, if_match: str | None
) -> ProgramSettings:
    if principal.role != "admin":
        raise Forbidden("Only vendor admins change program settings.", code="admin_only")
    row = await get_settings(session, for_update=True)
    check_if_match(if_match, row.version)
    before = audit.snapshot(row, FIELDS)
    shown_before = ProgramSettingsOut.model_validate(row)
    for key, value in changes.items():
        if value is not None:
            setattr(row, key, value)
    delta = audit.diff(before, audit.snapshot(row, FIELDS))
    if delta:
        await session.flush()
        await events.emit(
            session,
            principal.actor,
            "program_settings.updated",
            ProgramSettingsOut.model_validate(row),
            resource_id="1",
            before=shown_before,
        )
        await audit.record(
            session,
            principal.actor,
            "program_settings.updated",
            "program_settings",
            "1",
            changes=delta,
        )
    return row
