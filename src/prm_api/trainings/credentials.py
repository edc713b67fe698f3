"""Certifications as Open Badges 3.0 credentials, secured as VC-JWT.

The credential follows the W3C Verifiable Credentials data model 2.0 with the Open Badges 3.0
context: an ``OpenBadgeCredential`` whose ``credentialSubject`` is an ``AchievementSubject``
holding the program as its ``Achievement``. As OB 3.0 §8.2 (VC-JWT) and VC-JOSE-COSE put it,
the JWT payload **is** the credential (no ``vc`` wrapper), with the registered claims mapped
from it: ``iss`` = issuer id, ``jti`` = credential id, ``sub`` = subject id, ``nbf`` =
``validFrom``, ``exp`` = ``validUntil``. The JOSE header is ``typ: vc+jwt`` with the ``kid``
of the service's signing key: the same key ring that signs access tokens and is published at
``/.well-known/jwks.json``, so anyone verifies a credential with the JWKS alone.

Nothing signed is stored: the credential is signed when downloaded, from the certification
as it stands (so ``validUntil`` and ``credentialStatus`` are current); a revoked one is still
served, and its ``credentialStatus`` points at the public verification, which says revoked.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from joserfc import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.keys import KeyRing
from prm_api.auth.principal import Principal
from prm_api.models import Certification, CertificationProgram, User
from prm_api.trainings import certifications
from prm_api.trainings.certification_schemas import VERIFY_PATH

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VC_JWT_TYP = "vc+jwt"
MEDIA_TYPE = "application/vc+jwt"


def _iso(moment: Any) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def open_badge(
    certification: Certification,
    program: CertificationProgram,
    holder: User,
    *,
    issuer: str,
    issuer_name: str,
) -> dict[str, Any]:
    """The unsigned ``OpenBadgeCredential`` of ``certification``. The holder is identified by
    a salted hash of their email (OB 3.0 ``IdentityObject``), never the address itself."""
    base = issuer.rstrip("/")
    salt = certification.id.hex
    email_hash = hashlib.sha256(f"{holder.email.lower()}{salt}".encode()).hexdigest()
    criteria = (
        f"Complete every course of the program ({len(program.course_ids)}): "
        + ", ".join(f"{base}/v1/courses/{c}" for c in program.course_ids)
        + f". Valid {program.validity_months} months; renewed by completing them again."
    )
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{certification.id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": program.name,
        "issuer": {"id": base, "type": ["Profile"], "name": issuer_name, "url": base},
        "validFrom": _iso(certification.issued_at),
        "validUntil": _iso(certification.expires_at),
        "credentialSubject": {
            "id": f"urn:uuid:{certification.user_id}",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": f"sha256${email_hash}",
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": f"{base}/v1/certification-programs/{program.id}",
                "type": ["Achievement"],
                "name": program.name,
                "description": program.description or program.name,
                "criteria": {"narrative": criteria},
                "achievementType": "Certification",
            },
        },
        "credentialStatus": {
            "id": f"{base}{VERIFY_PATH}{certification.verification_code}",
            "type": "PrmCertificationStatus",
        },
        "awardedDate": _iso(certification.issued_at),
    }


def sign(credential: dict[str, Any], ring: KeyRing) -> str:
    """``credential`` as a compact VC-JWT signed with the ring's active key."""
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": _epoch(credential["validFrom"]),
        "exp": _epoch(credential["validUntil"]),
    }
    header = {"alg": ring.alg, "kid": ring.kid, "typ": VC_JWT_TYP}
    return jwt.encode(header, claims, ring.signing_key, algorithms=[ring.alg])


def _epoch(iso: str) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


async def credential(
    session: AsyncSession,
    principal: Principal,
    certification_id: uuid.UUID,
    ring: KeyRing,
    issuer: str,
) -> dict[str, Any]:
    """``{"jwt", "credential"}`` of a certification the principal may see (404 otherwise)."""
    certification = await certifications.get_certification(session, principal, certification_id)
    program = await session.get(CertificationProgram, certification.program_id)
    holder = await session.get(User, certification.user_id)
    assert program is not None and holder is not None
    host = urlsplit(issuer).hostname or issuer
    badge = open_badge(
        certification, program, holder, issuer=issuer, issuer_name=f"Partner program ({host})"
    )
    return {"jwt": sign(badge, ring), "credential": badge}
