"""Filename sanitizing and the RFC 6266 Content-Disposition builder."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from prm_api.storage import content_disposition, sanitize_filename
from prm_api.storage.filenames import MAX_FILENAME_BYTES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("deck.pdf", "deck.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("C:\\Users\\anna\\Desktop\\Cennik 2026.xlsx", "Cennik 2026.xlsx"),
        ("/abs/path/report.pdf", "report.pdf"),
        ("..", "file"),
        ("../", "file"),
        ("...", "file"),
        ("", "file"),
        (None, "file"),
        ("   ", "file"),
        (".htaccess", "htaccess"),
        ("report.pdf.", "report.pdf"),
        ("report.pdf   ", "report.pdf"),
        ("a\x00b.pdf", "ab.pdf"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ("tab\there.txt", "tab here.txt"),
        ("bell\x07\x1b[31m.txt", "bell[31m.txt"),
        ("c1\x85\x9b.txt", "c1.txt"),
        # Bidi override: "invoice\u202efdp.exe" displays as "invoiceexe.pdf".
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\u2066b\u2069c\u200f.pdf", "abc.pdf"),
        ("zero\u200bwidth\ufeff.pdf", "zerowidth.pdf"),
        ("sep\u2028arator.txt", "separator.txt"),
        ('what?<is>"this"|*:.pdf', "what__is__this____.pdf"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("com1.tar.gz", "_com1.tar.gz"),
        ("console.txt", "console.txt"),
        ("Prezentacja produktowa – Łódź.pptx", "Prezentacja produktowa – Łódź.pptx"),
        ("資料 2026.pdf", "資料 2026.pdf"),
        ("cafe\u0301.pdf", "café.pdf"),  # NFC
        ("многоточие…", "многоточие…"),
        ("a    b\u00a0\u00a0c.txt", "a b c.txt"),
    ],
)
def test_sanitize(raw: str | None, expected: str) -> None:
    assert sanitize_filename(raw) == expected


def test_long_names_keep_their_extension_and_whole_characters() -> None:
    name = sanitize_filename("ż" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode()) <= MAX_FILENAME_BYTES
    assert name[:-4] == "ż" * ((MAX_FILENAME_BYTES - 4) // 2)
    long_ext = sanitize_filename("a" * 300 + "." + "b" * 40)
    assert len(long_ext.encode()) <= MAX_FILENAME_BYTES
    assert sanitize_filename("x" * 500) == "x" * MAX_FILENAME_BYTES


def test_sanitize_is_idempotent() -> None:
    for raw in ["../a/b.pdf", "CON", "x" * 400 + ".txt", "\u202eevil.exe", " .hidden. "]:
        once = sanitize_filename(raw)
        assert sanitize_filename(once) == once


def test_content_disposition_ascii() -> None:
    assert content_disposition("deck.pdf") == (
        "attachment; filename=\"deck.pdf\"; filename*=UTF-8''deck.pdf"
    )


def test_content_disposition_unicode() -> None:
    value = content_disposition("Prezentacja – Łódź 2026.pptx")
    assert value.startswith('attachment; filename="Prezentacja - Lodz 2026.pptx"; ')
    encoded = value.split("filename*=UTF-8''", 1)[1]
    assert encoded == "Prezentacja%20%E2%80%93%20%C5%81%C3%B3d%C5%BA%202026.pptx"
    assert unquote(encoded) == "Prezentacja – Łódź 2026.pptx"
    cjk = content_disposition("資料.pdf")
    assert 'filename="__.pdf"' in cjk and "filename*=UTF-8''%E8%B3%87%E6%96%99.pdf" in cjk


def test_content_disposition_cannot_be_injected() -> None:
    value = content_disposition("evil\"; filename*=UTF-8''x.exe\r\nSet-Cookie: a=b.pdf")
    assert "\r" not in value and "\n" not in value
    assert value.count('"') == 2  # only the quoted-string's own quotes
    assert value.count("filename*=") == 1
    assert value.isascii()


def test_content_disposition_inline_and_fallback() -> None:
    assert content_disposition(None).startswith('attachment; filename="file"')
    assert content_disposition("a.png", disposition="inline").startswith("inline; ")
    # RFC 8187 attr-chars stay readable; the rest is percent-encoded.
    assert content_disposition("a+b (1)!.pdf").endswith("filename*=UTF-8''a+b%20%281%29!.pdf")
