"""Program settings (one row): deal registration (changes apply to new decisions only) and
metrics (base currency, tier evaluation, health weights)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import Conflict, Forbidden
from prm_api.events.recording import record_change
from prm_api.exchange_rates import repository as exchange_rates
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
    "base_currency",
    "tier_evaluation_mode",
    "tier_window_months",
    "tier_downgrade_grace_days",
    "health_weights",
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
    values = {
        key: value.value if isinstance(value, Enum) else value
        for key, value in changes.items()
        if value is not None
    }
    base = values.get("base_currency")
    if base is not None and base != row.base_currency and await exchange_rates.any_rate(session):
        # Rates are relative to the base currency: under another one they would all be wrong.
        # (A rate being written holds the settings row FOR SHARE: this waits for it.)
        raise Conflict(
            f"Exchange rates are relative to the base currency {row.base_currency}; delete "
            "them before changing it, then import rates against the new one.",
            code="exchange_rates_exist",
        )
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
