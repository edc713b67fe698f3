"""``db.gather_reads``: one request's reads run at the same time on connections of their own
(at most half the pool), one after another on the request's session while another request's
are doing so — under load spreading only adds work, and requests holding a connection while
they wait for more must never take the whole pool."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from prm_api.db import create_engine, create_sessionmaker
from prm_api.kit.alongside import gather_reads


async def backend(session) -> int:
    await asyncio.sleep(0.05)  # long enough for the others to run meanwhile
    return (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()


async def test_reads_run_on_their_own_connections_while_the_pool_has_room(database_url, settings):
    engine = create_engine(database_url, settings.model_copy(update={"db_pool_size": 6}))
    try:
        sessions = create_sessionmaker(engine)
        async with sessions() as mine:
            own = await backend(mine)
            # Three (half of six): on connections of their own, at once.
            found = await gather_reads(mine, backend, backend, backend)
            assert len(set(found)) == 3 and own not in found
            # Four are more than half the pool: one after another on the request's session.
            assert await gather_reads(mine, backend, backend, backend, backend) == [own] * 4
            # Two requests at once: the first spreads, the second reads on its own session.
            async with sessions() as other:
                theirs = await backend(other)
                first, second = await asyncio.gather(
                    gather_reads(mine, backend, backend, backend),
                    gather_reads(other, backend, backend),
                )
                assert own not in first and second == [theirs, theirs]
            # Once they are done, the next one spreads again.
            assert own not in await gather_reads(mine, backend, backend)
    finally:
        await engine.dispose()


async def test_after_a_failing_read_the_next_spreads_again(database_url, settings):
    engine = create_engine(database_url, settings.model_copy(update={"db_pool_size": 4}))
    try:

        async def fails(session) -> None:
            await session.execute(text("SELECT 1/0"))

        async with create_sessionmaker(engine)() as mine:
            own = await backend(mine)
            for _ in range(3):
                try:
                    await gather_reads(mine, backend, fails)
                except Exception as exc:
                    assert "division by zero" in str(exc)
                else:
                    raise AssertionError("the failing read did not fail")
            assert own not in await gather_reads(mine, backend, backend)
    finally:
        await engine.dispose()
