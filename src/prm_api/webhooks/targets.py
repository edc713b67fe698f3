"""Where webhooks may go: the SSRF guard.

Targets must be ``https`` and every address their host resolves to must be public. The check
runs when an endpoint is saved and again before each send, and the send then connects to the
address that was checked (with the original host name for TLS and ``Host``), so a DNS answer
that changes between check and connect (rebinding) cannot steer a delivery inside.
``PRM_WEBHOOK_ALLOW_PRIVATE_TARGETS=true`` lifts the guard (and admits ``http``) for tests
and on-premise receivers.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


class TargetRefused(ValueError):
    """The URL may not receive webhooks; the message says why (safe to show the caller)."""


@dataclass(frozen=True)
class Target:
    url: str
    host: str
    port: int
    addresses: tuple[str, ...]  # every checked address, in resolver order

    @property
    def address(self) -> str:
        return self.addresses[0]

    def pinned_url(self, address: str | None = None) -> str:
        """``url`` with the host replaced by a checked address (the first by default)."""
        address = address or self.address
        parts = urlsplit(self.url)
        address = f"[{address}]" if ":" in address else address
        netloc = f"{address}:{self.port}"
        rest = parts.path or "/"
        if parts.query:
            rest += f"?{parts.query}"
        return f"{parts.scheme}://{netloc}{rest}"

    @property
    def host_header(self) -> str:
        parts = urlsplit(self.url)
        default = 443 if parts.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def parse(url: str, *, allow_private: bool) -> tuple[str, str, int]:
    """Syntax checks: scheme, host, no credentials, no fragment. Returns (scheme, host, port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"Not a valid URL: {exc}.") from exc
    scheme = parts.scheme.lower()
    allowed = ("https", "http") if allow_private else ("https",)
    if scheme not in allowed:
        raise TargetRefused("Webhook URLs must use https.")
    if not parts.hostname:
        raise TargetRefused("The URL has no host.")
    if parts.username or parts.password:
        raise TargetRefused("Credentials in the URL are not allowed; use the signing secret.")
    if parts.fragment:
        raise TargetRefused("The URL may not have a #fragment.")
    if any(ch.isspace() for ch in url):
        raise TargetRefused("The URL may not contain whitespace.")
    host = parts.hostname.rstrip(".").lower()
    if not host:
        raise TargetRefused("The URL has no host.")
    return scheme, host, port or (443 if scheme == "https" else 80)


# IPv6 forms that carry an IPv4 address inside: the embedded address must be public too.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# Deprecated site-local addresses (RFC 3879): private in practice, not flagged on every Python.
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _SITE_LOCAL or ip in _NAT64_LOCAL:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            ip = embedded
    # is_global excludes private, loopback, link-local (incl. 169.254.169.254), shared
    # (100.64/10), reserved, documentation and unspecified ranges.
    return ip.is_global and not ip.is_multicast


def _unusable_name(host: str) -> TargetRefused:
    """One answer whether the name does not resolve or resolves to a non-public address,
    and never the address: a refusal must not turn the API into a resolver of the
    server's internal names (which exist, and where they point)."""
    return TargetRefused(
        f"The host {host!r} does not resolve to public addresses only; webhooks only go to "
        "public addresses."
    )


async def resolve(url: str, *, allow_private: bool) -> Target:
    """Check ``url`` and resolve its host; raise :class:`TargetRefused` if it may not be used."""
    _, host, port = parse(url, allow_private=allow_private)
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as exc:
            raise _unusable_name(host) from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not addresses:
            raise _unusable_name(host)
    if not allow_private and not all(is_public(a) for a in addresses):
        if literal is not None:
            raise TargetRefused(
                f"The address {host} is not public; webhooks only go to public addresses."
            )
        raise _unusable_name(host)
    return Target(url=url, host=host.strip("[]"), port=port, addresses=tuple(addresses))
