"""reads: the raw pool's own bookkeeping (its connections serve every authenticated request).

Against the test database, through ``raw_connection`` — the only way in — with a small pool.
"""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from prm_api.db import create_engine, dispose_engine
from prm_api.reads import raw_connection, raw_pool


@pytest.fixture
async def engine(settings, database_url):
    small = settings.model_copy(update={"db_raw_pool_size": 2, "db_pool_timeout_s": 0.3})
    engine = create_engine(database_url, small)
    yield engine
    await dispose_engine(engine)


async def backend_pid(engine) -> int:
    async with raw_connection(engine) as connection:
        return await connection.fetchval("SELECT pg_backend_pid()")


async def test_concurrent_uses_share_at_most_max_size_connections(engine):
    async def use() -> int:
        async with raw_connection(engine) as connection:
            await connection.fetchval("SELECT pg_sleep(0.02)")
            return await connection.fetchval("SELECT pg_backend_pid()")

    pids = await asyncio.gather(*(use() for _ in range(12)))
    assert len(set(pids)) == 2
    pool = raw_pool(engine)
    assert len(pool.connections()) == 2 and not pool.waiters


async def test_a_connection_is_reused_and_survives_a_server_error(engine):
    first = await backend_pid(engine)
    with pytest.raises(asyncpg.DivisionByZeroError):
        async with raw_connection(engine) as connection:
            await connection.fetchval("SELECT 1 / 0")
    # The server answered with an error and is ready: the same connection serves next.
    assert await backend_pid(engine) == first
    # So does a client's bad value (a NUL in a filter: the API's 422), refused by the server.
    with pytest.raises(asyncpg.CharacterNotInRepertoireError):
        async with raw_connection(engine) as connection:
            await connection.fetchval("SELECT $1::text", "a\x00b")
    assert await backend_pid(engine) == first


async def test_busy_pool_times_out_then_recovers(engine):
    async with raw_connection(engine), raw_connection(engine):
        with pytest.raises(PoolTimeoutError):
            await backend_pid(engine)
    pool = raw_pool(engine)
    assert not pool.waiters
    await backend_pid(engine)


async def test_a_waiter_gets_the_connection_released_first(engine):
    order: list[str] = []

    async def hold(name: str, seconds: float) -> None:
        async with raw_connection(engine) as connection:
            order.append(f"{name} in")
            await connection.fetchval("SELECT pg_sleep($1)", seconds)
        order.append(f"{name} out")

    await asyncio.gather(hold("a", 0.1), hold("b", 0.15), hold("c", 0.0))
    assert order.index("c in") > order.index("a out")  # c waited for a slot, then got one


async def test_a_cancelled_query_closes_its_connection_and_frees_its_slot(engine):
    pool = raw_pool(engine)

    async def slow() -> None:
        async with raw_connection(engine) as connection:
            await connection.fetchval("SELECT pg_sleep(5)")

    task = asyncio.create_task(slow())
    await asyncio.sleep(0.2)
    [busy] = pool.connections()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # Possibly mid-protocol: closed, not handed to the next request.
    assert busy.is_closed() and busy not in pool.connections()
    async with raw_connection(engine), raw_connection(engine):
        pass  # both slots are usable
    assert len(pool.connections()) == 2


async def test_a_cancelled_waiter_loses_no_slot(engine):
    pool = raw_pool(engine)
    async with raw_connection(engine), raw_connection(engine):
        waiting = asyncio.create_task(backend_pid(engine))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
    pids = await asyncio.gather(backend_pid(engine), backend_pid(engine))
    assert len(pool.connections()) == 2 and all(pids)


async def test_connections_the_server_closed_are_replaced(engine):
    await asyncio.gather(backend_pid(engine), backend_pid(engine))
    pool = raw_pool(engine)
    gone = {c.get_server_pid() for c in pool.connections()}
    assert len(gone) == 2
    killer = await asyncpg.connect(**pool.connect)
    try:
        for pid in gone:
            await killer.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await killer.close()
    await asyncio.sleep(0.2)  # the sockets' close reaches the event loop
    pids = set(await asyncio.gather(*(backend_pid(engine) for _ in range(4))))
    assert pids and not pids & gone
