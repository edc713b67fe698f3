"""The certification event types (``certification_program.*``, ``certification.*``).

A certification's events carry its partner's id (its partner's webhooks receive them);
programs belong to no partner (vendor staff receive their events)."""

from __future__ import annotations

from prm_api.events.registry import define_verbs
from prm_api.trainings.certification_schemas import Certification, CertificationProgram

CERTIFICATION_PROGRAM = define_verbs(
    "certification_program",
    CertificationProgram,
    {
        "created": "A certification program was created.",
        "updated": "A certification program's rules, courses or status changed.",
    },
)
CERTIFICATION = define_verbs(
    "certification",
    Certification,
    {
        "issued": "A user completed a program's courses and was certified (or renewed).",
        "expiring": "A certification enters its program's notice period before expiry (once).",
        "expired": "A certification reached its expiry date.",
        "revoked": "Vendor staff revoked a certification (with a reason).",
    },
)
