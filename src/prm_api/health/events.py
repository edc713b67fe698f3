"""The health event type: ``partner.health_changed`` (a partner's own resource, read with
``metrics:read``: see ``events/access.py``)."""

from __future__ import annotations

from prm_api.events.registry import define
from prm_api.health.schemas import PartnerHealthChange

PARTNER_HEALTH_CHANGED = define(
    "partner.health_changed",
    "A partner's daily health snapshot fell in another band (`healthy`, `at_risk`, "
    "`critical`) than its previous snapshot; the object carries both bands, the score and "
    "its explanation. A partner's first snapshot sets its band without an event.",
    PartnerHealthChange,
)
