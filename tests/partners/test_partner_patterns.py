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
