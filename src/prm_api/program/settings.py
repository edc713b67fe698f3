"""Program settings for deal registration (one row). Changes apply to new decisions only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import Forbidden
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.models import ProgramSettings
from prm_api.program import repository
from prm_api.program.events import PROGRAM_SETTINGS_UPDATED
from prm_api.program.schemas import ProgramSettingsOut

FIELDS = (
    "protection_days",
    "extension_days",
    "max_extensions",
    "conflict_threshold",
    "onboarding_auto_activate",
)


async def get_settings(session: AsyncSession, *, for_update: bool = False) -> ProgramSettings:
    """The settings row, created with the defaults on first use."""
    return await repository.settings_row(session, for_update=for_update)


async def read_settings(session: AsyncSession, principal: Principal) -> ProgramSettings:
    require_vendor(principal, "read program settings")
    return await get_settings(session)


async def update_settings(
    session: AsyncSession, principal: Principal, changes: dict[str, Any], *, if_match: str | None
) -> ProgramSettings:
    if principal.role != "admin":
        raise Forbidden("Only vendor admins change program settings.", code="admin_only")
    row = await get_settings(session, for_update=True)
    check_if_match(if_match, row.version)
    shown_before = ProgramSettingsOut.model_validate(row)
    values = {key: value for key, value in changes.items() if value is not None}
    delta = audit.apply_and_diff(row, values, FIELDS)
    if delta:
        await session.flush()
        await record_change(
            session,
            principal.actor,
            PROGRAM_SETTINGS_UPDATED,
            ProgramSettingsOut.model_validate(row),
            resource_id="1",
            changes=delta,
            before=shown_before,
        )
    return row
