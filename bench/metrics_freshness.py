"""Rollup freshness under a steady stream of deal changes (``bench/metrics.py``).

A writer changes deals through the API at a steady rate — approves a submitted deal, or
closes an approved one as won — each change on a partner no other change in flight touches.
For each change, a reader first reads the partner's figures (``POST /v1/metrics/query``:
``won_deals`` and ``pipeline`` over 30 days, filtered to the partner), then, once the change
is sent, polls the same query every 20 ms until they differ. The figure is the time from
sending the change to the first read that shows it (the change's own latency included: an
upper bound of what a client waits).
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field

import asyncpg
import httpx
from deals_scale import percentile, pg_params

GIVE_UP_S = 30
QUERY = "POST /v1/metrics/query"


class NotAvailable(Exception):
    """The metrics query is not there (404/405) or fails: nothing to measure with."""


@dataclass
class Freshness:
    visible_ms: list[float] = field(default_factory=list)  # change sent → seen
    after_ack_ms: list[float] = field(default_factory=list)  # change answered → seen
    sent: int = 0
    seconds: float = 0.0
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_seen: int = 0

    def note(self) -> str:
        rate = self.sent / max(self.seconds, 1e-3)
        text = f"{self.sent} changes in {self.seconds:.1f}s ({rate:.1f}/s)"
        if self.after_ack_ms:
            text += (
                f"; answered → seen p50 {statistics.median(self.after_ack_ms):.1f} ms,"
                f" p99 {percentile(self.after_ack_ms, 0.99):.1f} ms"
            )
        if self.refused or self.failed or self.not_seen:
            text += (
                f"; {len(self.refused)} refused, {len(self.failed)} failed,"
                f" {self.not_seen} not seen within {GIVE_UP_S} s"
            )
            for problem in (self.refused + self.failed)[:3]:
                text += f"\n      {problem}"
        return text


async def changes_to_make(url: str, n: int) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """Open deals of active partners (up to 3 each), in rounds of every partner once
    (shuffled): a partner comes back only after all the others, long after its last change."""
    conn = await asyncpg.connect(**pg_params(url))
    try:
        rows = await conn.fetch(
            """
            SELECT id, partner_id, status, k FROM (
              SELECT d.id, d.partner_id, d.status,
                     row_number() OVER (PARTITION BY d.partner_id ORDER BY d.id) AS k
                FROM deals d JOIN partners p ON p.id = d.partner_id
               WHERE p.status = 'active' AND d.status IN ('submitted', 'approved')) x
             WHERE k <= 3 ORDER BY k, partner_id
            """
        )
    finally:
        await conn.close()
    rows = list(rows)
    random.Random(15).shuffle(rows)
    rows.sort(key=lambda r: r["k"])  # stable: the shuffle holds within each round
    return [(r["id"], r["partner_id"], r["status"]) for r in rows[:n]]


async def measure(
    base: str, headers: dict[str, str], url: str, rate: float, seconds: float
) -> Freshness:
    """``rate × seconds`` changes with a vendor admin's ``headers``."""
    todo = await changes_to_make(url, int(rate * seconds))
    if not todo:
        raise NotAvailable("skipped: no submitted or approved deals left to change")
    out = Freshness()
    limits = httpx.Limits(max_connections=200)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def figures(partner: uuid.UUID) -> str:
            body = {
                "metrics": ["won_deals", "pipeline"],
                "date_range": "30d",
                "filters": {"partner_id": [str(partner)]},
            }
            r = await client.post(QUERY.split()[1], headers=headers, json=body)
            if r.status_code in (404, 405):
                raise NotAvailable(f"skipped: {QUERY} not available ({r.status_code})")
            if r.status_code != 200:
                raise NotAvailable(f"error: {QUERY}: {r.status_code} {r.text[:200]}")
            return json.dumps(r.json()["totals"], sort_keys=True)

        async def change(deal: uuid.UUID, partner: uuid.UUID, status: str) -> None:
            before = await figures(partner)
            t = time.perf_counter()
            if status == "submitted":
                r = await client.post(f"/v1/deals/{deal}/approve", headers=headers)
            else:
                close = {"outcome": "won"}
                r = await client.post(f"/v1/deals/{deal}/close", headers=headers, json=close)
            if r.status_code != 200:
                out.refused.append(f"{status} → {r.status_code} {r.text[:150]}")
                return
            answered = time.perf_counter()
            while await figures(partner) == before:
                if time.perf_counter() - t > GIVE_UP_S:
                    out.not_seen += 1
                    return
                await asyncio.sleep(0.02)
            seen = time.perf_counter()
            out.visible_ms.append((seen - t) * 1000)
            out.after_ack_ms.append((seen - answered) * 1000)

        await figures(todo[0][1])  # is the query there at all?
        start, tasks = time.perf_counter(), []
        for i, item in enumerate(todo):
            await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(change(*item)))
        out.sent, out.seconds = len(todo), time.perf_counter() - start
        for result in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(result, BaseException):
                out.failed.append(repr(result)[:200])
    return out
