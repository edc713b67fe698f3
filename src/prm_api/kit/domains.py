"""Company domain normalization, shared by partner de-duplication and deal conflict checks.

``https://WWW.Bücher.Example./shop`` → ``xn--bcher-kva.example``: lowercase, no scheme, path,
port, credentials or ``www.``, no trailing dot, IDN as punycode (IDNA 2008 / UTS #46). Domains
in any script are accepted; the A-label is what is stored, compared and returned.
"""

from __future__ import annotations

import re
import unicodedata
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


#: Scripts whose letters pass for one another (Latin ``a``, Cyrillic ``а``, Greek ``α``).
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _lookalike_scripts(label: str) -> list[str]:
    found = {
        name.split(" ", 1)[0]
        for ch in label
        if unicodedata.category(ch).startswith("L")
        and (name := unicodedata.name(ch, "")).startswith(_LOOKALIKE_SCRIPTS)
    }
    return sorted(found)


def _to_ascii(label: str, value: str) -> str:
    """One label as stored: LDH and punycode labels as given; a Unicode label as its A-label."""
    if label.isascii():
        if len(label) > 63:
            raise InvalidDomain(f"“{value}”: the label “{label}” is longer than 63 characters")
        if label.startswith("-") or label.endswith("-"):
            raise InvalidDomain(f"“{value}”: a label cannot start or end with a hyphen")
        if not _LABEL.match(label):
            raise InvalidDomain(
                f"“{value}”: the label “{label}” may hold only letters, digits and hyphens"
            )
        return label
    # Latin, Cyrillic and Greek letters mixed in one label are the homograph trick
    # ("pаypal" with a Cyrillic а): the look-alike of a name would slip past de-duplication
    # and deal conflict detection. Browsers refuse to show such labels as text, for the same
    # reason; IDNA 2008 itself allows them.
    scripts = _lookalike_scripts(label)
    if len(scripts) > 1:
        raise InvalidDomain(
            f"“{value}”: the label “{label}” mixes {' and '.join(s.title() for s in scripts)}"
            " letters (a look-alike of another name)"
        )
    try:
        encoded = idna.encode(label, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        encoded = "xn--" + label.encode("punycode").decode("ascii")
        if len(encoded) > 63:  # idna says only "Label too long"
            raise InvalidDomain(
                f"“{value}”: the label “{label}” is {len(encoded)} characters once encoded"
                " as punycode; the limit is 63"
            ) from None
        # Raw value, not its repr: the message names the very characters refused.
        raise InvalidDomain(f"“{value}” is not a valid internationalized domain: {exc}") from None
    return encoded


def normalize_domain(value: str) -> str:
    """Normalize a domain, URL or email address to its registrable host form: lowercase,
    IDNs as A-labels (``żółw.pl`` and ``xn--w-uga1v8h.pl`` are one domain)."""
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
        raise InvalidDomain(f"“{value}” is not a valid domain name: {exc}") from None
    host = host.rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host or "." not in host:
        raise InvalidDomain(f"“{value}” is not a domain name")
    if any(not label for label in host.split(".")):
        raise InvalidDomain(f"“{value}” has an empty label")
    # Label by label: plain LDH labels (and punycode as given) are checked by the label rule;
    # only Unicode labels go through IDNA 2008 / UTS #46.
    labels = [_to_ascii(label, value) for label in host.split(".")]
    ascii_host = ".".join(labels)
    if len(ascii_host) > 253:
        raise InvalidDomain(
            f"“{value}” is {len(ascii_host)} characters once encoded; the limit is 253"
        )
    if labels[-1].isdigit():
        raise InvalidDomain(f"“{value}” is an IP address, not a domain name")
    if not _TLD.match(labels[-1]):
        raise InvalidDomain(f"“{value}” does not end in a top-level domain")
    return ascii_host


def is_free_mail(domain: str | None) -> bool:
    return domain is not None and domain in FREE_MAIL_DOMAINS
