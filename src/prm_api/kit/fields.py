"""Field types shared by several domains: a partner's identity as deals and rules see it.

Partners, deals and the program rules all speak of partner types, external ids and
domains; they import these from here so no domain's schemas import another's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints, WithJsonSchema


class PartnerType(StrEnum):
    reseller = "reseller"
    distributor = "distributor"
    referral = "referral"
    affiliate = "affiliate"
    msp = "msp"
    technology = "technology"


EXTERNAL_SYSTEM_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"
ExternalSystem = Annotated[str, StringConstraints(pattern=EXTERNAL_SYSTEM_PATTERN)]
ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[^\x00]+$")]
#: `{"salesforce": "001…"}`: keys are lowercase system names, values the ids there.
ExternalIds = Annotated[
    dict[ExternalSystem, ExternalId],
    WithJsonSchema(
        {
            "type": "object",
            "maxProperties": 20,
            "propertyNames": {"pattern": EXTERNAL_SYSTEM_PATTERN},
            "additionalProperties": {
                "type": "string",
                "minLength": 1,
                "maxLength": 255,
                "pattern": "^[^\\u0000]+$",
            },
            "examples": [{"salesforce": "0015g00000XyZabAAB"}],
        }
    ),
]
# A label: ASCII or Latin-1 letters, digits, inner hyphens; other IDNs come as punycode.
_CHAR = "A-Za-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff"
_LABEL = rf"[{_CHAR}](?:[{_CHAR}-]{{0,61}}[{_CHAR}])?"
_TLD = (
    r"(?:[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]{2,63}"
    r"|[Xx][Nn]--[A-Za-z0-9](?:[A-Za-z0-9-]{0,57}[A-Za-z0-9])?)"
)
_HOST = rf"(?:{_LABEL}\.)+{_TLD}\.?"
#: A domain name such as ``northwind.example`` (a `www.` prefix or trailing dot is fine).
DomainName = Annotated[str, StringConstraints(min_length=4, max_length=253, pattern=rf"^{_HOST}$")]
# Classes spelled out rather than ``\s`` and ``\d``: the OpenAPI document's regex dialect
# (ECMA-262) and the server's engine disagree on them (U+0085 is whitespace to the server,
# U+FEFF to ECMA-262; the server's ``\d`` takes any script's digits), and every string one
# side takes must pass the other.
_NOT_SPACE = (
    r"[^\x00\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
#: A web address: ``https://northwind.example/…`` or a bare host.
Website = Annotated[
    str,
    StringConstraints(
        min_length=4,
        max_length=2048,
        pattern=rf"^(?:[Hh][Tt][Tt][Pp][Ss]?://)?{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_NOT_SPACE}*)?$",
    ),
]
