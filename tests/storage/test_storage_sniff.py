"""Content types from the bytes, and the policy that refuses executables."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from prm_api.config import Settings
from prm_api.storage import ContentTypeRefused, TypePolicy, asset_type_policy, sniff_content_type
from prm_api.storage.sniff import parse_types


def png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def zip_of(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "content")
    return out.getvalue()


def ole(clsid: bytes = bytes(16)) -> bytes:
    """An OLE compound file header whose root directory entry (sector 0) has ``clsid``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1E:0x20] = struct.pack("<H", 9)  # 512-byte sectors
    header[0x30:0x34] = struct.pack("<I", 0)  # directory starts at sector 0
    directory = bytearray(512)
    directory[0:10] = "Root".encode("utf-16-le") + b"\x00\x00"
    directory[0x50:0x60] = clsid
    return bytes(header + directory)


MSI_CLSID = bytes.fromhex("84100c0000000000c000000000000046")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64)
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + bytes(64)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(120)
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00" + bytes(64)
FAT_MACH_O = b"\xca\xfe\xba\xbe\x00\x00\x00\x02" + bytes(64)
JAVA_CLASS = b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + bytes(64)
SVG = b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (PDF, "deck.pdf", "application/pdf"),
        (png(), "logo.png", "image/png"),
        (JPEG, "photo.jpg", "image/jpeg"),
        (b"GIF89a" + bytes(20), None, "image/gif"),
        (MP4, "demo.mp4", "video/mp4"),
        (zip_of("a.txt"), "kit.zip", "application/zip"),
        (
            zip_of("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"),
            "pitch.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        # Bytes win over the name and over whatever type the client declared.
        (png(), "report.pdf", "image/png"),
        (PDF, "notes.txt", "application/pdf"),
        (b"", None, "text/plain"),
        (bytes(range(256)), "data.bin", "application/octet-stream"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_documents_and_media(data: bytes, filename: str | None, expected: str) -> None:
    assert sniff_content_type(data, filename) == expected


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (EXE, "invoice.pdf", "application/x-msdownload"),
        (EXE, None, "application/x-msdownload"),
        (ELF, "readme.txt", "application/x-executable"),
        (MACH_O, "deck.key", "application/x-mach-binary"),
        (FAT_MACH_O, None, "application/x-mach-binary"),
        (JAVA_CLASS, None, "application/java-vm"),
        (b"#!/bin/sh\nrm -rf /\n", "notes.txt", "text/x-shellscript"),
        (b"#!/usr/bin/env python3\nprint(1)\n", "x.csv", "text/x-python"),
        (b"#!/usr/bin/perl -w\n", None, "text/x-perl"),
        (b"L\x00\x00\x00\x01\x14\x02\x00" + bytes(60), "link.pdf", "application/x-ms-shortcut"),
        (ole(MSI_CLSID), "setup.doc", "application/x-msi"),
        (ole(), "setup.msi", "application/x-msi"),
        (ole(), "old.doc", "application/x-ole-storage"),
        (b"Write-Host 'hi'\n", "run.ps1", "text/x-powershell"),
        (b"@echo off\r\ndel *\r\n", "run.BAT", "application/x-bat"),
        (b"WScript.Echo 1\n", "x.vbs", "text/vbscript"),
        (b"alert(1)\n", "x.js", "text/javascript"),
        (zip_of("META-INF/MANIFEST.MF"), "tool.jar", "application/java-archive"),
        (zip_of("AndroidManifest.xml"), "app.apk", "application/vnd.android.package-archive"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_executables_whatever_their_name(data: bytes, filename: str | None, expected: str) -> None:
    assert sniff_content_type(data, filename) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SVG, "image/svg+xml"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        (b"<!-- made by hand -->\n<svg viewBox='0 0 1 1'></svg>", "image/svg+xml"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n'
            b"<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>",
            "image/svg+xml",
        ),
        (b"<!DOCTYPE html>\n<html><body>hi</body></html>", "text/html"),
        (b"\xef\xbb\xbf  <HTML><HEAD><TITLE>x</TITLE>", "text/html"),
        (b"<script>document.cookie</script>", "text/html"),
        (b"<p>Hello</p>", "text/html"),
        (b"<note><to>x</to><script>alert(1)</script></note>", "text/html"),
        (
            b'<?xml version="1.0"?><x><h:script xmlns:h="http://www.w3.org/1999/xhtml">'
            b"alert(1)</h:script></x>",
            "text/html",
        ),
        (b'<?xml version="1.0"?><catalog><item/></catalog>', "application/xml"),
        ("<html><body>zażółć</body></html>".encode("utf-16"), "text/html"),
    ],
)
def test_markup_that_a_browser_would_run_is_recognised(data: bytes, expected: str) -> None:
    assert sniff_content_type(data, "innocent.txt") == expected


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"name,tier\nAcme,gold\n", "partners.csv", "text/csv"),
        (b"name\ttier\n", "partners.tsv", "text/tab-separated-values"),
        (b"# Title\n", "README.md", "text/markdown"),
        (b'{"a": 1}', "data.json", "application/json"),
        (b"plain words\n", "notes.txt", "text/plain"),
        (b"plain words\n", None, "text/plain"),
        ("zażółć gęślą jaźń\n".encode(), "pl.txt", "text/plain"),
        ("Preisliste\n".encode("utf-16"), "prices.csv", "text/csv"),
        (b"a < b\n", "math.txt", "text/plain"),
        (b"<not a tag", "x.txt", "text/plain"),
    ],
)
def test_text(data: bytes, filename: str | None, expected: str) -> None:
    assert sniff_content_type(data, filename) == expected


def test_default_policy_refuses_executables_and_scripts() -> None:
    policy = asset_type_policy(Settings(_env_file=None))  # type: ignore[call-arg]
    for data, name in [
        (EXE, "a.pdf"),
        (ELF, None),
        (MACH_O, None),
        (FAT_MACH_O, None),
        (JAVA_CLASS, None),
        (ole(MSI_CLSID), None),
        (b"#!/bin/bash\n", None),
        (b"echo", "x.ps1"),
        (b"echo", "x.bat"),
        (zip_of("META-INF/MANIFEST.MF"), "x.jar"),
    ]:
        content_type = sniff_content_type(data, name)
        with pytest.raises(ContentTypeRefused) as caught:
            policy.check(content_type)
        assert caught.value.status == 422 and caught.value.code == "content_type_refused"
    for data, name in [
        (PDF, None),
        (png(), None),
        (MP4, None),
        (zip_of("a"), None),
        (SVG, None),
        (b"a,b", "x.csv"),
    ]:
        policy.check(sniff_content_type(data, name))


def test_allowed_types_and_patterns() -> None:
    policy = TypePolicy.from_settings(denied="image/svg+xml", allowed=" image/* , application/pdf")
    assert policy.permits("image/png") and policy.permits("IMAGE/JPEG")
    assert policy.permits("application/pdf")
    assert not policy.permits("image/svg+xml")  # denied wins over an allowed pattern
    assert not policy.permits("video/mp4")
    assert not TypePolicy(denied=("video/*",)).permits("video/mp4")
    assert TypePolicy(denied=()).permits("application/x-msdownload")


def test_settings_lists() -> None:
    assert parse_types(" a/b, ,C/D ,") == ("a/b", "c/d")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, asset_denied_types="application/pdf", asset_allowed_types=""
    )
    assert not asset_type_policy(settings).permits("application/pdf")
    assert asset_type_policy(settings).permits("application/x-msdownload")
