"""kit.batches.in_batches: a transaction per batch, until a batch claims fewer rows than the
limit; the rows done are summed, claimed-but-skipped rows are not; a failing batch rolls back
alone (the ones before it stay)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from prm_api.kit.batches import in_batches
from prm_api.models import Tier


async def test_batches_until_a_short_one_each_committed_alone(sessionmaker):
    results = iter([(3, 3), (3, 2), 3, (1, 1), (9, 9)])
    seen = []

    async def batch(session):
        key = f"batch-{uuid.uuid4().hex[:8]}"
        seen.append(key)
        session.add(Tier(key=key, name=key, rank=1000 + len(seen)))
        await session.flush()
        return next(results)

    assert await in_batches(sessionmaker, batch, 3, "test batches") == 3 + 2 + 3 + 1
    assert len(seen) == 4  # the fourth claimed 1 < 3: the last one
    async with sessionmaker() as session:
        stored = await session.scalar(select(func.count()).where(Tier.key.in_(seen)))
    assert stored == 4


async def test_a_failing_batch_rolls_back_alone(sessionmaker):
    calls = []

    async def batch(session):
        calls.append(1)
        key = f"fail-{len(calls)}-{uuid.uuid4().hex[:6]}"
        session.add(Tier(key=key, name=key, rank=2000 + len(calls)))
        await session.flush()
        if len(calls) == 2:
            raise RuntimeError("boom")
        return 5

    with pytest.raises(RuntimeError):
        await in_batches(sessionmaker, batch, 5, "test batches")
    async with sessionmaker() as session:
        stored = await session.scalar(select(func.count()).where(Tier.key.like("fail-%")))
    assert stored == 1
