"""A real HTTP receiver on 127.0.0.1 for webhook tests (a thread running ``http.server``),
and shortcuts for the webhook API.

Scripted: queue responses (status, headers, body, delay, a body trickled byte by byte) and
read back every request with its headers, body, arrival time, and how many requests were in
flight at that moment (with the same ``webhook-id``, and in all). ``stop()`` takes it down
for real (kept-alive connections are cut too); ``Receiver(port=...)`` brings it back up.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"
    delay_s: float = 0.0
    # Seconds between the body's bytes (a receiver that keeps the connection busy).
    trickle_s: float = 0.0


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float
    inflight_same_id: int  # requests with this webhook-id in flight when this one arrived


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) overflows when two workers open 16 connections at once.
    request_queue_size = 128


class Receiver:
    """``Receiver(port)`` listens on 127.0.0.1 (``port=0``: any free port). A stopped receiver's
    port can be listened on again by a new ``Receiver(port=old.port)`` (receiver back up)."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Received] = []
        # Set by stop(): replies still sleeping out their delay return at once.
        self.closing = threading.Event()
        self.connections: set[socket.socket] = set()
        self.accepted = 0  # connections accepted (a refused send must not even connect)
        self.script: list[Reply] = []
        self.default = Reply()
        self.lock = threading.Lock()
        self.inflight: dict[str, int] = {}
        self.max_inflight_same_id = 0
        self.inflight_total = 0
        self.max_inflight = 0  # most requests in flight at once, whatever their webhook-id
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def handle(self) -> None:
                # Tracked so stop() can cut kept-alive connections too (a receiver that is
                # down answers nothing, not even on a connection opened before).
                with receiver.lock:
                    receiver.accepted += 1
                    receiver.connections.add(self.connection)
                try:
                    super().handle()
                except OSError:
                    pass
                finally:
                    with receiver.lock:
                        receiver.connections.discard(self.connection)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                msg_id = headers.get("webhook-id", "")
                with receiver.lock:
                    receiver.inflight_total += 1
                    receiver.max_inflight = max(receiver.max_inflight, receiver.inflight_total)
                    receiver.inflight[msg_id] = receiver.inflight.get(msg_id, 0) + 1
                    now_inflight = receiver.inflight[msg_id]
                    receiver.max_inflight_same_id = max(receiver.max_inflight_same_id, now_inflight)
                    reply = receiver.script.pop(0) if receiver.script else receiver.default
                    receiver.requests.append(
                        Received(self.path, headers, body, time.monotonic(), now_inflight)
                    )
                try:
                    if reply.delay_s:
                        receiver.closing.wait(reply.delay_s)
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("content-length", str(len(reply.body)))
                    self.end_headers()
                    if reply.trickle_s:
                        for i in range(len(reply.body)):
                            self.wfile.write(reply.body[i : i + 1])
                            self.wfile.flush()
                            if receiver.closing.wait(reply.trickle_s):
                                break
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with receiver.lock:
                        receiver.inflight[msg_id] -= 1
                        receiver.inflight_total -= 1

        self.server = _Server(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        # A short poll interval: stop() (server.shutdown) returns within 50 ms, not 0.5 s.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.closing.set()
        self.server.shutdown()
        with self.lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        self.server.server_close()

    def by_type(self, event_type: str) -> list[Received]:
        import json

        return [r for r in self.requests if json.loads(r.body).get("type") == event_type]


async def wait_for(predicate: Callable[[], object], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


async def eventually(check: Callable[[], Awaitable[T]], within: float = 10.0) -> T:
    """Await ``check()`` until it returns something truthy (polled); return that value."""
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met in {within} s (last value: {value!r})")
        await asyncio.sleep(0.05)


def free_port() -> int:
    """A port nothing listens on (for a receiver that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- API shortcuts ---------------------------------------------------------------------------


async def create_endpoint(client, headers: dict[str, str], url: str, **body: Any) -> dict:
    """POST /v1/webhook-endpoints; returns the created endpoint (with its secret)."""
    r = await client.post("/v1/webhook-endpoints", headers=headers, json={"url": url, **body})
    assert r.status_code == 201, r.text
    return r.json()


async def ping(client, headers: dict[str, str], endpoint_id: str) -> dict:
    """POST …/test; returns ``{"event_id", "delivery_id"}``."""
    r = await client.post(f"/v1/webhook-endpoints/{endpoint_id}/test", headers=headers)
    assert r.status_code == 202, r.text
    return r.json()


async def deliveries(client, headers: dict[str, str], endpoint_id: str, **params: Any) -> list:
    """Every delivery of the endpoint (all pages), newest first."""
    out: list[dict] = []
    params = {"limit": 100, **params}
    while True:
        r = await client.get(
            f"/v1/webhook-endpoints/{endpoint_id}/deliveries", headers=headers, params=params
        )
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["data"]
        if not body["has_more"]:
            return out
        params["cursor"] = body["next_cursor"]


async def delivery(client, headers: dict[str, str], delivery_id: str) -> dict:
    r = await client.get(f"/v1/webhook-deliveries/{delivery_id}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def delivery_done(client, headers: dict[str, str], delivery_id: str, status: str = "succeeded"):
    """For :func:`eventually`: the delivery once it has ``status`` (else None)."""

    async def check() -> dict | None:
        d = await delivery(client, headers, delivery_id)
        return d if d["status"] == status else None

    return check


async def create_tier(client, headers: dict[str, str], n: int) -> dict:
    """A business change that records ``tier.created``."""
    r = await client.post(
        "/v1/tiers", headers=headers, json={"key": f"tier_{n}", "name": f"Tier {n}", "rank": n}
    )
    assert r.status_code == 201, r.text
    return r.json()
