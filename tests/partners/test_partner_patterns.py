"""The OpenAPI document and the server read the same patterns the same way.

Patterns in the document are ECMA-262 (what frontends, generated SDKs and contract testers
use); the server checks them with its own engine. Where the two dialects differ (``\\s``,
``\\d``), a string one side takes and the other refuses is a 422 for valid input (or the
reverse), so every such string below must get the same answer from both."""

from __future__ import annotations

import jsonschema_rs
import pytest
from pydantic import TypeAdapter, ValidationError

from prm_api.kit.schemas import Amount
from prm_api.partners.schemas import DomainName, Phone, Website

EDGE_STRINGS = [
    "https://northwind.example",
    "https://northwind.example/a b",
    "https://northwind.example/\u0085x",  # NEL: whitespace to the server's engine only
    "https://northwind.example/\ufeffx",  # BOM: whitespace to ECMA-262 only
    "https://northwind.example/\u00a0x",
    "https://northwind.example/\u2028x",
    "https://northwind.example/\u3000x",
    "https://northwind.example/\x00x",
    "https://northwind.example:\u0661\u0662/",  # Arabic-Indic digits in the port
    "https://northwind.example:8080/path?q=1#top",
    "northwind.example/\u00df\U000c102c",
    "\u00dd\u00da\u00c9.8.\u00e5.h.\u00f3.Xn--v3/\u0085\u00df\U000c102c",  # found by schemathesis
    # Domains in every script (IDNA 2008 / UTS #46), and what neither side may take.
    "\u017c\u00f3\u0142w.pl",  # żółw.pl
    "https://\u017b\u00d3\u0141W.PL/oferta",  # upper case: UTS #46 maps it
    "xn--w-uga1v8h.pl",
    "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",  # пример.рф
    "\u041f\u0420\u0418\u041c\u0415\u0420.\u0420\u0424",  # ПРИМЕР.РФ
    "\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.\u03b5\u03bb",  # Greek
    "\u4f8b\u5b50.\u4e2d\u56fd",  # 例子.中国
    "\u30c6\u30b9\u30c8.jp",  # テスト.jp
    "\ud55c\uad6d.\ud55c\uad6d",  # 한국.한국
    "\u0645\u062b\u0627\u0644.\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629",  # Arabic
    "\u0645\u062b\u0627\u0644\u0663.com",  # Arabic-Indic digit
    "\u05d3\u05d5\u05d2\u05de\u05d4.\u05d9\u05e9\u05e8\u05d0\u05dc",  # Hebrew
    "\u092d\u093e\u0930\u0924.\u092d\u093e\u0930\u0924",  # भारत.भारत (vowel signs)
    "\u0e44\u0e17\u0e22.\u0e44\u0e17\u0e22",  # ไทย.ไทย
    "stra\u00dfe-m\u00fcller.de",
    "a-\u00fc.com",
    "https://\u4f8b\u5b50.\u4e2d\u56fd:8443/\u8def\u5f84",
    "\u00fc-.com",  # trailing hyphen
    "-\u00fc.com",  # leading hyphen
    "\u2605.com",  # a symbol, not a letter
    "\U0001f600.com",  # emoji (astral)
    "\U00020000.cn",  # CJK extension B (astral): outside the pattern on both sides
    "\u4f8b\u5b50\u3002\u4e2d\u56fd",  # ideographic full stop
    "a\u200db.com",  # zero-width joiner
    "a\u00a0b.com",
    "\u0430\u0431.c\u00f3m",
]


@pytest.mark.parametrize(
    "annotation", [Website, DomainName, Phone], ids=["website", "domain", "phone"]
)
@pytest.mark.parametrize("value", EDGE_STRINGS)
def test_document_and_server_agree(annotation, value):
    adapter = TypeAdapter(annotation)
    document = jsonschema_rs.validator_for(
        {"type": "string", "pattern": adapter.json_schema()["pattern"]}
    )
    try:
        adapter.validate_python(value)
        server = True
    except ValidationError:
        server = False
    assert document.is_valid(value) == server, (value, "document" if not server else "server")


@pytest.mark.parametrize(
    "value", ["1250.00", "7", "0.5", "\u0661\u0662\u0663", "12\u0663.00", "1e3", "１２"]
)
def test_amounts_agree(value):
    """Amounts are decimal strings of ASCII digits on both sides (Python's ``\\d`` and
    ``Decimal`` would take other scripts' digits)."""
    adapter = TypeAdapter(Amount)
    document = jsonschema_rs.validator_for(adapter.json_schema())
    try:
        adapter.validate_python(value)
        server = True
    except ValidationError:
        server = False
    assert document.is_valid(value) == server, value


def _domain_of_length(n: int) -> str:
    return "a." * ((n - 3) // 2) + "a" * ((n - 3) % 2) + "com"


async def test_length_limits_are_held_by_the_server_and_documented(client, admin_headers):
    """The limits are stated in words, not as ``maxLength`` (see ``kit.fields``): the server
    refuses one character more with a clear 422 and stores nothing; the limit itself passes."""
    assert "253 characters at most" in TypeAdapter(DomainName).json_schema()["description"]
    assert "at most 2,048" in TypeAdapter(Website).json_schema()["description"]
    cases = [
        ({"domain": _domain_of_length(254)}, "domain", "invalid_domain"),
        ({"website": "https://a.example/" + "p" * 2031}, "website", "string_too_long"),
    ]
    for extra, field, code in cases:
        body = {"name": "Longsite", "type": "reseller", **extra}
        r = await client.post("/v1/partners", json=body, headers=admin_headers)
        assert r.status_code == 422, r.text
        assert [(e["field"], e["code"]) for e in r.json()["errors"]] == [(field, code)]
    listed = await client.get("/v1/partners", params={"q": "Longsite"}, headers=admin_headers)
    assert listed.json()["data"] == []
    at_limit = {"domain": _domain_of_length(253), "website": "https://a.example/" + "p" * 2030}
    body = {"name": "Longsite", "type": "reseller", **at_limit}
    r = await client.post("/v1/partners", json=body, headers=admin_headers)
    assert r.status_code == 201, r.text
    assert (len(r.json()["domain"]), len(r.json()["website"])) == (253, 2048)
