"""Domains in any script (IDNA 2008 / UTS #46): the document's pattern and the server admit
them, they are stored and returned as their A-label, and either spelling names one domain for
partner de-duplication and deal conflict detection. Invalid ones are a clear 422."""

from __future__ import annotations

import unicodedata

import jsonschema_rs
import pytest
from factories import deal_body
from pydantic import TypeAdapter, ValidationError

from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.kit.fields import DomainName, Website
from prm_api.kit.idn import GAP, IDN_RANGES, compute_ranges

#: (as typed, as stored)
VALID = [
    ("żółw.pl", "xn--w-uga1v8h.pl"),
    ("ŻÓŁW.PL", "xn--w-uga1v8h.pl"),
    ("xn--w-uga1v8h.pl", "xn--w-uga1v8h.pl"),
    ("źdźbło-łąka.pl", "xn--dbo-ka-z0a99bc86cb.pl"),
    ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
    ("ПРИМЕР.РФ", "xn--e1afmkfd.xn--p1ai"),
    ("παράδειγμα.ελ", "xn--hxajbheg2az3al.xn--qxam"),
    ("例子.中国", "xn--fsqu00a.xn--fiqs8s"),
    ("テスト.jp", "xn--zckzah.jp"),
    ("한국.한국", "xn--3e0b707e.xn--3e0b707e"),
    ("مثال.السعودية", "xn--mgbh0fb.xn--mgberp4a5d4ar"),
    ("דוגמה.ישראל", "xn--6dbbec0c.xn--4dbrk0ce"),
    ("भारत.भारत", "xn--h2brj9c.xn--h2brj9c"),
    ("ไทย.ไทย", "xn--o3cw4h.xn--o3cw4h"),
    ("straße.de", "xn--strae-oqa.de"),  # IDNA 2008 keeps ß (IDNA 2003 made it "ss")
    ("bücher.example", "xn--bcher-kva.example"),
]

#: The pattern refuses these (both engines), so the server refuses them before anything else.
OUTSIDE_PATTERN = [
    "★.com",  # a symbol
    "\U0001f600.com",  # emoji
    "ü-.com",
    "-ü.com",
    "a\u200db.com",  # zero-width joiner
    "a b.com",
    "例子。中国",  # ideographic full stop (the pattern separates labels with "." only)
]

#: The pattern cannot see these (context, direction, encoded length, look-alikes): the
#: server answers 422 invalid_domain with the reason.
REFUSED_BY_IDNA = [
    ("\u0300abc.com", "combining"),
    ("مثالabc.com", "right-to-left"),
    ("pаypal.com", "mixes Cyrillic and Latin"),  # Cyrillic а
    ("αlpha.com", "mixes Greek and Latin"),
    ("ü" * 60 + ".com", "once encoded"),  # 60 characters, more than 63 as punycode
    (".".join(["żółw"] * 25) + ".pl", "the limit is 253"),
]


def _document(annotation) -> jsonschema_rs.Validator:
    pattern = TypeAdapter(annotation).json_schema()["pattern"]
    return jsonschema_rs.validator_for({"type": "string", "pattern": pattern})


def _server(annotation, value: str) -> bool:
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def test_the_pattern_admits_every_valid_idn_character():
    """Every BMP character IDNA 2008 + UTS #46 takes in a label is in the pattern's class; the
    gaps closed to keep the pattern short are few and hold no space, control, format
    character or dot."""
    exact = compute_ranges(gap=0)

    def inside(cp: int) -> bool:
        return any(a <= cp <= b for a, b in IDN_RANGES)

    assert all(inside(cp) for a, b in exact for cp in range(a, b + 1))
    exact_set = {cp for a, b in exact for cp in range(a, b + 1)}
    closed = [cp for a, b in IDN_RANGES for cp in range(a, b + 1) if cp not in exact_set]
    assert len(closed) < 1000
    assert not any(unicodedata.category(chr(cp)) in {"Cc", "Cf", "Zs", "Zl", "Zp"} for cp in closed)
    assert not {0x3002, 0xFF0E, 0xFF61} & set(closed)
    assert compute_ranges() == IDN_RANGES, "idna changed: paste compute_ranges() into kit/idn.py"
    assert GAP == 8


@pytest.mark.parametrize(("typed", "stored"), VALID)
def test_document_and_server_admit_domains_in_any_script(typed, stored):
    for annotation in (DomainName, Website):
        assert _document(annotation).is_valid(typed), (annotation, typed)
        assert _server(annotation, typed), (annotation, typed)
    assert _document(Website).is_valid(f"https://{typed}/a/b?c=d")
    assert normalize_domain(typed) == stored
    assert normalize_domain(f"https://www.{typed}/path") == stored


@pytest.mark.parametrize("value", OUTSIDE_PATTERN)
def test_document_and_server_refuse_what_is_not_a_label(value):
    for annotation in (DomainName, Website):
        assert not _document(annotation).is_valid(value), value
        assert not _server(annotation, value), value


@pytest.mark.parametrize(("value", "reason"), REFUSED_BY_IDNA)
def test_idna_rules_beyond_the_pattern_are_refused_with_the_reason(value, reason):
    with pytest.raises(InvalidDomain, match=reason):
        normalize_domain(value)


# --- through the API ----------------------------------------------------------------------


def _partner(domain: str | None = None, website: str | None = None) -> dict:
    body: dict = {"name": f"Partner {domain or website}", "type": "reseller"}
    if domain:
        body["domain"] = domain
    if website:
        body["website"] = website
    return body


async def test_partner_domain_in_polish_is_stored_as_a_label_and_deduplicated(
    client, admin_headers
):
    r = await client.post("/v1/partners", headers=admin_headers, json=_partner("żółw.pl"))
    assert r.status_code == 201, r.text
    assert r.json()["domain"] == "xn--w-uga1v8h.pl"
    got = await client.get(f"/v1/partners/{r.json()['id']}", headers=admin_headers)
    assert got.json()["domain"] == "xn--w-uga1v8h.pl"
    for other in (
        _partner("xn--w-uga1v8h.pl"),
        _partner("ŻÓŁW.PL"),
        _partner(website="https://www.Żółw.pl/o-nas"),
    ):
        r = await client.post("/v1/partners", headers=admin_headers, json=other)
        assert r.status_code == 409, r.text
        assert r.json()["code"] == "duplicate_partner"


@pytest.mark.parametrize(("typed", "stored"), VALID[4:14])
async def test_partner_domains_in_other_scripts_are_accepted(client, admin_headers, typed, stored):
    r = await client.post("/v1/partners", headers=admin_headers, json=_partner(typed))
    assert r.status_code == 201, r.text
    assert r.json()["domain"] == stored


@pytest.mark.parametrize(("value", "reason"), REFUSED_BY_IDNA)
async def test_invalid_idn_is_a_422_naming_the_reason(client, admin_headers, store, value, reason):
    from prm_api.models import Partner

    before = await store.count(Partner)
    r = await client.post("/v1/partners", headers=admin_headers, json=_partner(value))
    assert r.status_code == 422, r.text
    [error] = r.json()["errors"]
    assert (error["field"], error["code"]) == ("domain", "invalid_domain"), error
    assert reason in error["message"]
    assert await store.count(Partner) == before


@pytest.mark.parametrize("value", ["★.com", "ü-.com"])
async def test_outside_the_pattern_is_a_422(client, admin_headers, value):
    r = await client.post("/v1/partners", headers=admin_headers, json=_partner(value))
    assert r.status_code == 422, r.text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("xn--w-uga1v8h.pl", "www.ŻÓŁW.pl."),
        ("例子.中国", "例子.中国"),
    ],
)
async def test_deal_conflicts_match_either_spelling(client, auth, store, first, second):
    a, b = await store.partner(), await store.partner()
    ha = await auth.headers("partner_user", partner_id=a.id)
    hb = await auth.headers("partner_user", partner_id=b.id)
    r = await client.post("/v1/deals", headers=ha, json=deal_body("Alpha Customer", first))
    assert r.status_code == 201, r.text
    d1 = r.json()
    assert (await client.post(f"/v1/deals/{d1['id']}/submit", headers=ha)).status_code == 200
    r = await client.post("/v1/deals", headers=hb, json=deal_body("Omega Buyer", second))
    assert r.status_code == 201, r.text
    d2 = r.json()
    assert d2["customer"]["domain"] == d1["customer"]["domain"] == normalize_domain(first)
    r = await client.post(f"/v1/deals/{d2['id']}/submit", headers=hb)
    assert r.status_code == 200 and r.json()["has_conflicts"] is True, r.text
    [c] = await store.conflicts(d2["id"])
    assert (str(c.other_deal_id), c.reason) == (d1["id"], "domain")
    # The list filter takes either spelling too.
    admin = await auth.headers("admin")
    for spelling in (first, second):
        r = await client.get("/v1/deals", headers=admin, params={"customer_domain": spelling})
        assert {d["id"] for d in r.json()["data"]} == {d1["id"], d2["id"]}, spelling
