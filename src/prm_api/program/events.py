"""Event types of the program's deal rules and settings."""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.program.schemas import DealRuleOut, ProgramSettingsOut

_RULE = define_verbs(
    "deal_rule",
    DealRuleOut,
    {
        "created": "An auto-approval rule was added.",
        "updated": "An auto-approval rule changed.",
        "deleted": "An auto-approval rule was deleted.",
    },
)
DEAL_RULE_CREATED = _RULE["created"]
DEAL_RULE_UPDATED = _RULE["updated"]
DEAL_RULE_DELETED = _RULE["deleted"]
PROGRAM_SETTINGS_UPDATED = define(
    "program_settings.updated",
    "Program settings (protection period, extensions, conflict threshold) changed.",
    ProgramSettingsOut,
)
