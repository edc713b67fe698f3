"""Company domain normalization, shared by partner de-duplication and deal conflict checks.

``https://WWW.Bücher.Example./shop`` → ``xn--bcher-kva.example``: lowercase, no scheme, path,
port, credentials or ``www.``, no trailing dot, IDN as punycode (IDNA 2008 / UTS #46).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import idna

_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9](?:[a-z0-9-]{0,57}[a-z0-9])?)$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

#: Mailbox providers: a customer or partner on one of these has no company domain.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "ymail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "126.com",
        "zoho.com",
        "fastmail.com",
        "tutanota.com",
        "hey.com",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "interia.pl",
        "libero.it",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "t-online.de",
    }
)


class InvalidDomain(ValueError):
    pass


def normalize_domain(value: str) -> str:
    """Normalize a domain, URL or email address to its registrable host form."""
    raw = value.strip()
    if not raw:
        raise InvalidDomain("empty domain")
    at = raw.rfind("@")
    if at != -1 and "://" not in raw and not any(c in raw[:at] for c in "/?#"):
        raw = raw[at + 1 :]  # an email address: its domain
    if "://" not in raw:
        raw = "//" + raw
    try:
        host = urlsplit(raw).hostname or ""
    except ValueError as exc:
        raise InvalidDomain(str(exc)) from None
    try:
        # UTS #46 mapping first (case, width, ideographic full stops such as "。"), so the
        # trailing-dot and ``www.`` rules below see the same dots the encoder will.
        host = idna.uts46_remap(host.strip(), std3_rules=False, transitional=False)
    except idna.IDNAError as exc:
        raise InvalidDomain(f"{value!r} is not a valid domain name: {exc}") from None
    host = host.rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host or "." not in host:
        raise InvalidDomain(f"{value!r} is not a domain name")
    # Label by label: plain LDH labels (and punycode as given) are checked by the label rule
    # below; only Unicode labels go through IDNA 2008 / UTS #46.
    try:
        ascii_host = ".".join(
            label if label.isascii() else idna.encode(label, uts46=True).decode("ascii")
            for label in host.split(".")
        )
    except idna.IDNAError as exc:
        raise InvalidDomain(f"{value!r} is not a valid domain name: {exc}") from None
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise InvalidDomain(f"{value!r} is not a valid domain name")
    if labels[-1].isdigit():
        raise InvalidDomain(f"{value!r} is an IP address, not a domain name")
    if not _TLD.match(labels[-1]):
        raise InvalidDomain(f"{value!r} does not end in a top-level domain")
    return ascii_host


def is_free_mail(domain: str | None) -> bool:
    return domain is not None and domain in FREE_MAIL_DOMAINS
