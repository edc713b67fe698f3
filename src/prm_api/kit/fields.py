"""Field types shared by several domains: a partner's identity as deals and rules see it.

Partners, deals and the program rules all speak of partner types, external ids and
domains; they import these from here so no domain's schemas import another's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, WithJsonSchema

from prm_api.kit.idn import IDN_CLASS


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
_EXTERNAL_IDS_SCHEMA = {
    "type": "object",
    "maxProperties": 20,
    "propertyNames": {"pattern": EXTERNAL_SYSTEM_PATTERN},
    "additionalProperties": {
        "type": "string",
        "minLength": 1,
        "maxLength": 255,
        "pattern": "^[^\\u0000]+$",
    },
}
#: The example id of a CRM record, in bodies and in the upsert path alike.
EXTERNAL_ID_EXAMPLE = "0015g00000XyZabAAB"
ExternalIds = Annotated[
    dict[ExternalSystem, ExternalId],
    WithJsonSchema({**_EXTERNAL_IDS_SCHEMA, "examples": [{"salesforce": EXTERNAL_ID_EXAMPLE}]}),
]
#: ``external_ids`` in the body of ``PUT /v1/<resources>/external/{system}/{external_id}``:
#: the path already names one id, so the body's entry for that system, if any, must repeat it
#: (a JSON Schema cannot compare a body with the path: the description says it).
UpsertExternalIds = Annotated[
    dict[ExternalSystem, ExternalId],
    WithJsonSchema(
        {
            **_EXTERNAL_IDS_SCHEMA,
            "description": "The resource's ids in other systems. The path's `{system}` is set "
            "from the path: leave it out, or give it the path's `{external_id}` (any other "
            "value is a 422 `mismatch`).",
            "examples": [{"hubspot": "18237456"}],
        }
    ),
]
# A host name in any script (IDNA 2008 / UTS #46, checked by :mod:`kit.domains`): a label is
# either plain LDH (letters, digits, inner hyphens, at most 63) or holds at least one letter of
# another script (:data:`kit.idn.IDN_CLASS`). Such a label's length limit (63 once encoded as
# punycode), its context and bidi rules and mixed scripts are beyond a regular expression:
# the server refuses them with 422 ``invalid_domain`` and says why.
_ALNUM = "A-Za-z0-9"
_ASCII_LABEL = rf"[{_ALNUM}](?:[{_ALNUM}-]{{0,61}}[{_ALNUM}])?"
_IDN_LABEL = rf"(?:[{_ALNUM}]+-+)*[{_ALNUM}]*[{IDN_CLASS}](?:-*[{_ALNUM}{IDN_CLASS}])*"
_TLD = rf"(?:[A-Za-z]{{2,63}}|[Xx][Nn]--[{_ALNUM}](?:[{_ALNUM}-]{{0,57}}[{_ALNUM}])?|{_IDN_LABEL})"
_HOST = rf"(?:(?:{_ASCII_LABEL}|{_IDN_LABEL})\.)+{_TLD}\.?"


# No ``minLength``/``maxLength`` beside the host pattern: the pattern implies the minimum
# (``a.bc``), and the maximum is a DNS limit the server measures on the encoded name
# (:mod:`kit.domains`, 422 ``invalid_domain``; a website's own limit in
# ``partners.validation.check_website``). A length bound next to this pattern makes
# schema-driven generators (schemathesis's coverage phase) search for strings that match it
# at exactly the bound: minutes per operation for a constraint the server checks anyway.
#: A domain name such as ``northwind.example`` or ``żółw.pl`` (a `www.` prefix or trailing dot
#: is fine). Stored and returned as its A-label, lowercase: ``xn--w-uga1v8h.pl``.
DomainName = Annotated[
    str,
    StringConstraints(pattern=rf"^{_HOST}$"),
    Field(
        description=(
            "A domain in any script (253 characters at most, once encoded): "
            "`northwind.example`, `żółw.pl`, `пример.рф`, `例子.中国`. Stored and returned as "
            "its ASCII form (IDNA A-label, lowercase, no `www.`): `żółw.pl` comes back as "
            "`xn--w-uga1v8h.pl`, and either spelling names the same domain. Refused with 422 "
            "`invalid_domain`: a label longer than 63 characters once encoded, a name longer "
            "than 253, labels IDNA 2008 forbids (a leading combining mark, mixed writing "
            "directions) and Latin, Cyrillic and Greek letters mixed in one label (look-alikes)."
        ),
        examples=["northwind.example"],
    ),
]
# Classes spelled out rather than ``\s`` and ``\d``: the OpenAPI document's regex dialect
# (ECMA-262) and the server's engine disagree on them (U+0085 is whitespace to the server,
# U+FEFF to ECMA-262; the server's ``\d`` takes any script's digits), and every string one
# side takes must pass the other.
_NOT_SPACE = (
    r"[^\x00\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
#: NUL and every whitespace character of either regex dialect, for use inside ``[^…]``.
SPACE_AND_NUL = _NOT_SPACE[2:-1]
#: A web address: ``https://northwind.example/…`` or a bare host.
Website = Annotated[
    str,
    StringConstraints(
        pattern=rf"^(?:[Hh][Tt][Tt][Pp][Ss]?://)?{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_NOT_SPACE}*)?$",
    ),
    Field(
        description="An http(s) address or a bare host name, at most 2,048 characters "
        "(422 `string_too_long` beyond)."
    ),
]
