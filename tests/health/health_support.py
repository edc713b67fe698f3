"""Rows the health and recommendation tests arrange directly (raw records: the rollup
triggers turn them into the figures ``partner_totals`` reads)."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from prm_api.audience.rules import columns_of
from prm_api.audience.schemas import Audience
from prm_api.kit.time import utcnow
from prm_api.models import (
    AssetDownload,
    Certification,
    CertificationProgram,
    Course,
    Enrollment,
)
from prm_api.program.repository import settings_row


async def set_weights(sessionmaker: Any, weights: dict[str, Any]) -> None:
    """``ProgramSettings.health_weights``, written on the settings row."""
    async with sessionmaker() as session, session.begin():
        row = await settings_row(session, for_update=True)
        row.health_weights = weights


async def set_setting(sessionmaker: Any, **values: Any) -> None:
    async with sessionmaker() as session, session.begin():
        row = await settings_row(session, for_update=True)
        for key, value in values.items():
            setattr(row, key, value)


async def course(
    store: Any, title: str, *, audience: dict[str, Any] | None = None, status: str = "published"
) -> Course:
    return await store._add(
        Course(
            title=title,
            status=status,
            published_at=utcnow() if status == "published" else None,
            **columns_of(
                Audience.model_validate({"everyone": True} if audience is None else audience)
            ),
        )
    )


async def program(
    store: Any, name: str, course_ids: list[uuid.UUID], *, status: str = "active"
) -> CertificationProgram:
    return await store._add(
        CertificationProgram(
            name=name,
            course_ids=course_ids,
            validity_months=12,
            renewal_window_days=60,
            expiring_notice_days=30,
            status=status,
            external_ids={},
        )
    )


async def certification(
    store: Any,
    program_id: uuid.UUID,
    user_id: uuid.UUID,
    partner_id: uuid.UUID,
    *,
    expires_at: datetime | None = None,
    status: str = "active",
    **values: Any,
) -> Certification:
    now = utcnow()
    return await store._add(
        Certification(
            program_id=program_id,
            user_id=user_id,
            partner_id=partner_id,
            number=f"CERT-T-{secrets.token_hex(4)}",
            status=status,
            issued_at=now - timedelta(days=300),
            expires_at=expires_at or now + timedelta(days=300),
            verification_code=secrets.token_hex(16),
            **values,
        )
    )


async def download(store: Any, asset_id: uuid.UUID, partner_id: uuid.UUID, **values: Any) -> None:
    await store._add(
        AssetDownload(
            asset_id=asset_id,
            version_number=1,
            partner_id=partner_id,
            actor_type="user",
            actor_id="tests",
            **values,
        )
    )


async def completion(
    store: Any, course_id: uuid.UUID, user_id: uuid.UUID, partner_id: uuid.UUID
) -> None:
    now = utcnow()
    await store._add(
        Enrollment(
            course_id=course_id,
            user_id=user_id,
            partner_id=partner_id,
            status="completed",
            course_version=1,
            started_at=now - timedelta(days=1),
            completed_at=now,
        )
    )
