"""Webhook delivery ids are UUIDv7 like every other id (README: "IDs are UUIDv7"): version
nibble 7, RFC 9562 variant, time-ordered (a later fan-out, or a later row of one fan-out,
gets a larger id), and the embedded time is the delivery's creation time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from webhook_support import create_endpoint, create_tier

from prm_api.models import WebhookDelivery
from prm_api.webhooks import repository


def _ms(delivery_id: uuid.UUID) -> int:
    return int.from_bytes(delivery_id.bytes[:6], "big")


async def _fan_out(sessionmaker) -> None:
    async with sessionmaker() as session, session.begin():
        await repository.fan_out(session, limit=100)


@pytest.mark.usefixtures("fast_settings")
async def test_delivery_ids_are_time_ordered_uuid7(client, admin_headers, sessionmaker):
    # Two endpoints: one fan-out makes several deliveries per event.
    for n in range(2):
        await create_endpoint(client, admin_headers, f"http://127.0.0.1:9/hook{n}")
    await _fan_out(sessionmaker)  # the endpoints' own events
    async with sessionmaker() as session:
        made = sorted((await session.execute(select(WebhookDelivery.id))).scalars())
    assert made and all(i.version == 7 for i in made)
    for n in range(4):
        await create_tier(client, admin_headers, n)
        await _fan_out(sessionmaker)
        async with sessionmaker() as session:
            rows = (
                await session.execute(
                    select(WebhookDelivery.id, WebhookDelivery.created_at).where(
                        WebhookDelivery.id.not_in(made)
                    )
                )
            ).all()
        assert len(rows) == 2, rows
        new = sorted(r.id for r in rows)
        for delivery_id, created_at in rows:
            assert delivery_id.version == 7, delivery_id
            assert delivery_id.variant == uuid.RFC_4122
            embedded = datetime.fromtimestamp(_ms(delivery_id) / 1000, UTC)
            assert abs(embedded - created_at) < timedelta(seconds=5), (embedded, created_at)
        # Each fan-out's ids come after every earlier one's.
        assert not made or new[0] > made[-1], (made, new)
        made += new
    assert made == sorted(made) and len(set(made)) == len(made)


async def test_uuid7_sql_orders_rows_of_one_statement(sessionmaker):
    """Rows made by one statement, a microsecond or more apart, get increasing ids (the
    12-bit sub-millisecond fraction), all of version 7."""
    expr = repository.uuid7_sql("t.at")
    sql = text(
        f"SELECT {expr} FROM (SELECT n, clock_timestamp() AS at FROM generate_series(1, 200) n"
        " ORDER BY n OFFSET 0) t ORDER BY t.n"
    )
    async with sessionmaker() as session:
        ids = list((await session.execute(sql)).scalars())
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)
    assert len(set(ids)) == 200
    # Rows in the same microsecond may come in either order; across microseconds, in order.
    stamps = [int.from_bytes(i.bytes[:8], "big") & ~0xF000 for i in ids]  # less the version
    assert stamps == sorted(stamps)
