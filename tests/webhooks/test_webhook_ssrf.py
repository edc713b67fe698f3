"""The SSRF guard: private, loopback, link-local and metadata targets are refused when an
endpoint is saved and again before every send; redirects are never followed."""

from __future__ import annotations

import asyncio
import socket

import pytest
from webhook_support import (
    Receiver,
    Reply,
    create_endpoint,
    deliveries,
    delivery_done,
    eventually,
    ping,
)

from prm_api.models import Event, WebhookEndpoint
from prm_api.webhooks import targets
from prm_api.webhooks.targets import Target, TargetRefused, is_public, resolve

PUBLIC_URL = "https://93.184.216.34/hook"  # a public address literal: no DNS needed

REFUSED = [
    "http://127.0.0.1/x",
    "https://127.0.0.1/x",
    "https://127.1/x",
    "https://10.0.0.1/x",
    "https://172.16.5.4/x",
    "https://192.168.1.1/x",
    "https://169.254.169.254/latest",
    "https://[::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://[fd00::1]/x",
    "https://[fe80::1]/x",
    "https://localhost/x",  # a host name resolving to a private address
    "https://0.0.0.0/x",
    "https://100.64.0.1/x",
    "http://93.184.216.34/hook",  # public, but not https
    "https://user:pw@93.184.216.34/hook",
    "ftp://93.184.216.34/hook",
    "https:///nohost",
    "https://no-such-host.invalid/x",
]


@pytest.fixture
async def fake_dns(monkeypatch):
    """``fake_dns[name] = [addresses]``: what the event loop's resolver answers for ``name``
    (other names resolve normally)."""
    answers: dict[str, list[str]] = {}
    loop = asyncio.get_running_loop()
    real = loop.getaddrinfo

    async def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port or 443, 0, 0) if ":" in a else (a, port or 443),
                )
                for a in answers[host]
            ]
        return await real(host, port, *args, **kwargs)

    monkeypatch.setattr(loop, "getaddrinfo", getaddrinfo)
    return answers


async def _refused(r) -> None:
    assert r.status_code == 422, r.text
    body = r.json()
    assert [e["code"] for e in body["errors"]] == ["target_refused"], body
    assert body["errors"][0]["field"] == "url"


async def test_create_refuses_non_public_targets(client, admin_headers, store):
    """The app's own settings: the guard is on (no ``fast_settings`` here)."""
    for url in REFUSED:
        r = await client.post("/v1/webhook-endpoints", headers=admin_headers, json={"url": url})
        await _refused(r)
    assert await store.count(WebhookEndpoint) == 0
    assert await store.count(Event, Event.type.startswith("webhook_endpoint.")) == 0


async def test_update_refuses_non_public_targets(client, admin_headers, store):
    endpoint = await create_endpoint(client, admin_headers, PUBLIC_URL)
    for url in [
        "http://127.0.0.1/x",
        "https://10.0.0.1/x",
        "https://169.254.169.254/latest",
        "https://[::1]/x",
        "https://localhost/x",
        "https://0.0.0.0",
        "https://100.64.0.1",
    ]:
        r = await client.patch(
            f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers, json={"url": url}
        )
        await _refused(r)
    r = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=admin_headers)
    assert r.json()["url"] == PUBLIC_URL
    assert r.json()["updated_at"] == endpoint["updated_at"]
    assert await store.count(Event, Event.type == "webhook_endpoint.updated") == 0


async def test_refusals_do_not_reveal_internal_names_or_addresses(client, auth, store, fake_dns):
    """A partner admin learns neither where an internal name points nor whether it exists."""
    partner = await store.partner()
    pa = await auth.headers("partner_admin", partner_id=partner.id)
    fake_dns["db.corp.example"] = ["10.20.30.40"]
    fake_dns["v6.corp.example"] = ["fd00::42"]
    details = set()
    for host in ("db.corp.example", "v6.corp.example", "no-such-host.invalid"):
        r = await client.post(
            "/v1/webhook-endpoints", headers=pa, json={"url": f"https://{host}/x"}
        )
        await _refused(r)
        assert "10.20.30.40" not in r.text and "fd00::42" not in r.text, r.text
        details.add(r.json()["detail"].replace(host, "HOST"))
    assert len(details) == 1, details  # exists-and-private reads like does-not-exist


async def test_a_name_resolving_to_any_private_address_is_refused(client, admin_headers, fake_dns):
    fake_dns["intranet.example"] = ["10.1.2.3"]
    fake_dns["split.example"] = ["93.184.216.34", "192.168.0.10"]  # one bad answer is enough
    fake_dns["metadata.example"] = ["169.254.169.254"]
    fake_dns["v6.example"] = ["fd12::1"]
    fake_dns["fine.example"] = ["93.184.216.34", "2606:2800:220:1::1"]
    for host in ("intranet.example", "split.example", "metadata.example", "v6.example"):
        r = await client.post(
            "/v1/webhook-endpoints", headers=admin_headers, json={"url": f"https://{host}/x"}
        )
        await _refused(r)
    await create_endpoint(client, admin_headers, "https://fine.example/x")


async def test_dns_rebinding_is_caught_at_send_time(
    client, admin_headers, fake_dns, receiver, start_worker
):
    """Public when saved, the loopback receiver when sent: refused, nothing reaches it."""
    fake_dns["rebind.example"] = ["93.184.216.34"]
    url = f"https://rebind.example:{receiver.port}/hook"
    endpoint = await create_endpoint(client, admin_headers, url, event_types=["tier.*"])
    fake_dns["rebind.example"] = ["127.0.0.1"]
    start_worker(webhook_allow_private_targets=False, webhook_retry_schedule_s=[0, 0.1])
    sent = await ping(client, admin_headers, endpoint["id"])
    failed = await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))
    assert len(failed["attempts"]) == 2
    for attempt in failed["attempts"]:
        assert attempt["error"].startswith("target refused"), attempt
        # The delivery log (partner admins read it) names no resolved address either.
        assert "127.0.0.1" not in attempt["error"]
        assert "rebind.example" in attempt["error"]
        assert attempt["status_code"] is None
    assert receiver.requests == [] and receiver.accepted == 0  # not even a connection


async def test_the_send_connects_to_the_checked_address_with_the_original_host(
    client, admin_headers, fake_dns, receiver, start_worker
):
    """``crm.internal`` exists only in the fake resolver: the request can only arrive through
    the address that was checked, and it carries the name the endpoint was saved with."""
    fake_dns["crm.internal"] = ["127.0.0.1"]
    url = f"http://crm.internal:{receiver.port}/hook?src=prm"
    endpoint = await create_endpoint(client, admin_headers, url, event_types=["tier.*"])
    start_worker()
    sent = await ping(client, admin_headers, endpoint["id"])
    await eventually(delivery_done(client, admin_headers, sent["delivery_id"]))
    [got] = receiver.requests
    assert got.headers["host"] == f"crm.internal:{receiver.port}"
    assert got.path == "/hook?src=prm"


async def test_the_guard_is_checked_again_before_each_send(
    client, admin_headers, receiver, start_worker, fast_settings
):
    """Saved while private targets were allowed; the worker runs with the guard on."""
    endpoint = await create_endpoint(client, admin_headers, receiver.url, event_types=["tier.*"])
    start_worker(webhook_allow_private_targets=False, webhook_retry_schedule_s=[0])
    sent = await ping(client, admin_headers, endpoint["id"])
    failed = await eventually(delivery_done(client, admin_headers, sent["delivery_id"], "failed"))
    [attempt] = failed["attempts"]
    assert attempt["error"].startswith("target refused"), attempt
    assert attempt["succeeded"] is False and attempt["status_code"] is None
    assert receiver.requests == [] and receiver.accepted == 0


async def test_redirects_are_not_followed(client, admin_headers, receiver, start_worker):
    inner = Receiver().start()  # where a followed redirect would land
    try:
        receiver.script = [
            Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            Reply(307, headers={"Location": inner.url}),
            Reply(301, headers={"Location": "/elsewhere"}),
        ]
        endpoint = await create_endpoint(
            client, admin_headers, receiver.url, event_types=["tier.*"]
        )
        start_worker(webhook_retry_schedule_s=[0, 0.1, 0.1])
        sent = await ping(client, admin_headers, endpoint["id"])
        failed = await eventually(
            delivery_done(client, admin_headers, sent["delivery_id"], "failed")
        )
        attempts = failed["attempts"]
        assert [a["status_code"] for a in attempts] == [302, 307, 301]
        assert all(a["succeeded"] is False for a in attempts)
        assert attempts[0]["error"] == (
            "redirect not followed (Location: http://169.254.169.254/latest/meta-data/)"
        )
        assert attempts[1]["error"] == f"redirect not followed (Location: {inner.url})"
        assert [r.path for r in receiver.requests] == ["/hook"] * 3
        assert inner.requests == []
        [d] = await deliveries(client, admin_headers, endpoint["id"])
        assert d["status"] == "failed"
    finally:
        inner.stop()


# --- unit: targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.31.255.255", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("224.0.0.1", False),
        ("198.18.0.1", False),
        ("::1", False),
        ("::", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("::ffff:8.8.8.8", True),
        ("fd00::1", False),
        ("fe80::1", False),
        ("fe80::1%eth0", False),
        ("ff02::1", False),
        ("2001:db8::1", False),
    ],
)
def test_is_public(address, public):
    assert is_public(address) is public


@pytest.mark.parametrize(
    ("url", "allow_private", "address", "pinned", "host_header"),
    [
        (
            "https://93.184.216.34/hook?a=1",
            False,
            "93.184.216.34",
            "https://93.184.216.34:443/hook?a=1",
            "93.184.216.34",
        ),
        (
            "https://[2606:2800:220:1::1]:8443/h",
            False,
            "2606:2800:220:1::1",
            "https://[2606:2800:220:1::1]:8443/h",
            "[2606:2800:220:1::1]:8443",
        ),
        ("http://[::1]:8080", True, "::1", "http://[::1]:8080/", "[::1]:8080"),
        ("http://127.0.0.1:9/x", True, "127.0.0.1", "http://127.0.0.1:9/x", "127.0.0.1:9"),
    ],
)
async def test_resolve_literals_and_pinned_url(url, allow_private, address, pinned, host_header):
    target = await resolve(url, allow_private=allow_private)
    assert target.address == address
    assert target.pinned_url() == pinned
    assert target.host_header == host_header


async def test_resolve_pins_the_checked_address_of_a_name(fake_dns):
    fake_dns["crm.example"] = ["2606:2800:220:1::1", "93.184.216.34"]
    target = await resolve("https://CRM.example./in?x=1", allow_private=False)
    assert target.host == "crm.example"  # for SNI and Host
    assert target.address == "2606:2800:220:1::1"
    assert target.pinned_url() == "https://[2606:2800:220:1::1]:443/in?x=1"
    assert target.host_header == "crm.example"
    assert Target("https://h.example:8443/", "h.example", 8443, "::1").host_header == (
        "h.example:8443"
    )


@pytest.mark.parametrize("url", REFUSED)
async def test_resolve_refuses(url):
    with pytest.raises(TargetRefused):
        await resolve(url, allow_private=False)


async def test_allow_private_admits_http_and_private_addresses():
    assert (await resolve("http://127.0.0.1:8000/x", allow_private=True)).address == "127.0.0.1"
    assert (await resolve("https://10.0.0.1/x", allow_private=True)).address == "10.0.0.1"
    # Still refused whatever the setting: other schemes, credentials, fragments.
    for url in ("ftp://127.0.0.1/x", "http://u:p@127.0.0.1/x", "http://127.0.0.1/x#frag"):
        with pytest.raises(TargetRefused):
            await resolve(url, allow_private=True)
    assert targets.parse("HTTPS://Example.COM./x", allow_private=False) == (
        "https",
        "example.com",
        443,
    )


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("2002:0a00:0001::1", False),  # 6to4 around 10.0.0.1
        ("2002:0808:0808::1", True),  # 6to4 around 8.8.8.8
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("64:ff9b:1::1", False),  # local-use NAT64
        ("::10.0.0.1", False),  # IPv4-compatible
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("fec0::1", False),  # deprecated site-local
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo around 10.0.0.1
    ],
)
def test_ipv6_forms_embedding_ipv4_are_judged_by_the_embedded_address(address, public):
    assert is_public(address) is public
