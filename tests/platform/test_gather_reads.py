"""``db.gather_reads``: reads run at the same time on connections of their own while the pool
has room for them (at most half of it), one after another on the request's session otherwise
— never a request holding a connection while it waits for more the pool cannot give."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from prm_api.db import create_engine, create_sessionmaker, gather_reads


async def backend(session) -> int:
    await asyncio.sleep(0.05)  # long enough for the others to run meanwhile
    return (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()


async def test_reads_run_on_their_own_connections_while_the_pool_has_room(database_url, settings):
    engine = create_engine(database_url, settings.model_copy(update={"db_pool_size": 6}))
    try:
        sessions = create_sessionmaker(engine)
        async with sessions() as mine:
            own = await backend(mine)
            # Room for three (half of six): three on connections of their own, at once.
            found = await gather_reads(mine, backend, backend, backend)
            assert len(set(found)) == 3 and own not in found
            # Four are more than half the pool: one after another on the request's session.
            assert await gather_reads(mine, backend, backend, backend, backend) == [own] * 4
            # Two requests at once: the first takes the room, the second reads alone.
            async with sessions() as other:
                theirs = await backend(other)
                first, second = await asyncio.gather(
                    gather_reads(mine, backend, backend, backend),
                    gather_reads(other, backend, backend),
                )
                assert own not in first and second == [theirs, theirs]
            # The room is back once they are done.
            assert own not in await gather_reads(mine, backend, backend)
    finally:
        await engine.dispose()


async def test_a_failing_read_gives_its_room_back(database_url, settings):
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
