"""Content type from the bytes, and the policy that refuses some types.

A client's ``Content-Type`` and file extension are claims; the first bytes are evidence. The
type stored with a file (and sent back on download) is what :func:`sniff_content_type` finds:

1. executables first, by their magic numbers (PE, ELF, Mach-O, Java classes, Windows
   shortcuts, MSI installers, ``#!`` scripts) — the checks a refusal depends on are ours, not
   a guess a library may change;
2. then the ``filetype`` library's signatures (PDF, images, video, audio, archives, Office);
3. then text: HTML and SVG are recognised as such (a download can only sandbox what it
   knows), other text is ``text/plain`` unless the extension names a more specific text type
   (``.csv``, ``.md``, …) or a script (``.ps1``, ``.bat``, ``.js``, …);
4. anything else is ``application/octet-stream``.

The extension only ever narrows a type within what the bytes already showed (text → CSV, a
ZIP → a Java archive, an OLE file → an MSI); it never turns bytes into something they are not,
so an executable renamed ``.pdf`` is still an executable.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

import filetype  # type: ignore[import-untyped]

from prm_api.storage.errors import ContentTypeRefused

#: How many leading bytes the sniffer looks at (and :class:`StoredBlob.head` keeps).
SNIFF_BYTES = 64 * 1024

OCTET_STREAM = "application/octet-stream"

# -- executables ---------------------------------------------------------------------------

PE = "application/x-msdownload"
ELF = "application/x-executable"
MACH_O = "application/x-mach-binary"
JAVA_CLASS = "application/java-vm"
MSI = "application/x-msi"
SHORTCUT = "application/x-ms-shortcut"
OLE = "application/x-ole-storage"

_MACH_O_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Root-storage CLSIDs of Windows Installer files (.msi, .msp patches, .mst transforms),
# {000C1084/1086/1082-0000-0000-C000-000000000046} as stored (little-endian GUID).
_MSI_CLSIDS = {bytes.fromhex(f"{n:02x}100c0000000000c000000000000046") for n in (0x84, 0x86, 0x82)}

_INTERPRETERS = {
    "python": "text/x-python",
    "perl": "text/x-perl",
    "ruby": "text/x-ruby",
    "node": "text/javascript",
    "pwsh": "text/x-powershell",
}
SHELL_SCRIPT = "text/x-shellscript"

# Text whose extension says it is run, not read (double-clicked on Windows, or by a shell).
_SCRIPT_EXTENSIONS = {
    "sh": SHELL_SCRIPT,
    "bash": SHELL_SCRIPT,
    "zsh": SHELL_SCRIPT,
    "command": SHELL_SCRIPT,
    "py": "text/x-python",
    "pyw": "text/x-python",
    "pl": "text/x-perl",
    "rb": "text/x-ruby",
    "ps1": "text/x-powershell",
    "psm1": "text/x-powershell",
    "bat": "application/x-bat",
    "cmd": "application/x-bat",
    "vbs": "text/vbscript",
    "vbe": "text/vbscript",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "jse": "text/javascript",
    "wsf": "application/x-wsf",
    "wsh": "application/x-wsf",
    "hta": "application/hta",
    "reg": "text/x-ms-regedit",
    "desktop": "application/x-desktop",
}
_TEXT_EXTENSIONS = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "md": "text/markdown",
    "markdown": "text/markdown",
    "json": "application/json",
    "ics": "text/calendar",
    "vcf": "text/vcard",
    "vtt": "text/vtt",
}
_ZIP_EXTENSIONS = {
    "jar": "application/java-archive",
    "war": "application/java-archive",
    "ear": "application/java-archive",
    "apk": "application/vnd.android.package-archive",
}
_OLE_EXTENSIONS = {"msi": MSI, "msp": MSI, "mst": MSI}

# -- text ----------------------------------------------------------------------------------

HTML = "text/html"
SVG = "image/svg+xml"
XML = "application/xml"
TEXT = "text/plain"

# WHATWG MIME sniffing's "binary data bytes": a text file has none of them.
_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Elements that make a browser treat a document as HTML (WHATWG's sniffing list and a few
# more that start real pages).
_HTML_ELEMENTS = frozenset(
    [
        "html",
        "head",
        "body",
        "script",
        "iframe",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "font",
        "table",
        "a",
        "style",
        "title",
        "b",
        "br",
        "p",
        "meta",
        "link",
        "img",
        "form",
        "span",
        "object",
        "embed",
        "frameset",
    ]
)
_ELEMENT = re.compile(rb"<([a-zA-Z][a-zA-Z0-9:._-]*)")
_ACTIVE_MARKERS = (b"<script", b"<iframe", b"<html", b"<object", b"<embed", b"1999/xhtml")


def extension(filename: str | None) -> str:
    """The lower-cased extension without its dot ('' when there is none)."""
    if not filename or "." not in filename:
        return ""
    return filename.rsplit(".", 1)[1].lower()


def sniff_content_type(head: bytes, filename: str | None = None) -> str:
    """The media type of a file whose first bytes are ``head`` (see the module docstring).

    ``filename`` (the client's, sanitized or not) only refines a type the bytes support.
    """
    head = bytes(head[:SNIFF_BYTES])
    ext = extension(filename)
    found = _executable(head, ext)
    if found:
        return found
    kind = filetype.guess_mime(head) if head else None
    if kind == "application/zip":
        return _ZIP_EXTENSIONS.get(ext, kind)
    if kind:
        return str(kind)
    if head.startswith(_CFB_MAGIC):
        # Word/Excel 97 files filetype did not place, or an installer whose directory lies
        # past the first bytes: the extension decides between them (MSI refused, OLE kept).
        return _OLE_EXTENSIONS.get(ext, OLE)
    text = _as_text(head)
    if text is None:
        return OCTET_STREAM
    return _text_type(text, ext)


def _executable(head: bytes, ext: str) -> str | None:
    if head.startswith(b"MZ"):
        return PE
    if head.startswith(b"\x7fELF"):
        return ELF
    if head[:4] in _MACH_O_MAGICS:
        return MACH_O
    if head.startswith(b"\xca\xfe\xba\xbe") and len(head) >= 8:
        # Shared by Java classes and universal (fat) Mach-O binaries: a fat binary's next
        # word counts its architectures (a handful), a class file's is its version (>= 45).
        (word,) = struct.unpack(">I", head[4:8])
        return MACH_O if word < 45 else JAVA_CLASS
    if head.startswith(b"L\x00\x00\x00\x01\x14\x02\x00"):
        return SHORTCUT
    if head.startswith(_CFB_MAGIC) and _cfb_root_clsid(head) in _MSI_CLSIDS:
        return MSI
    if head.startswith(b"#!"):
        return _shebang(head)
    return None


def _cfb_root_clsid(head: bytes) -> bytes | None:
    """The CLSID of an OLE compound file's root storage, when it lies within ``head``."""
    if len(head) < 0x34:
        return None
    (shift,) = struct.unpack("<H", head[0x1E:0x20])
    (first_dir_sector,) = struct.unpack("<I", head[0x30:0x34])
    if shift not in (9, 12) or first_dir_sector >= 0xFFFFFFFA:
        return None
    entry = (first_dir_sector + 1) << shift
    clsid = head[entry + 0x50 : entry + 0x60]
    return clsid if len(clsid) == 16 else None


def _shebang(head: bytes) -> str:
    line = head[2:].split(b"\n", 1)[0].decode("latin-1").strip().split()
    if not line:
        return SHELL_SCRIPT
    program = line[0].rsplit("/", 1)[-1]
    if program == "env" and len(line) > 1:
        program = next((word for word in line[1:] if not word.startswith("-")), program)
    for name, media_type in _INTERPRETERS.items():
        if program.startswith(name):
            return media_type
    return SHELL_SCRIPT


def _as_text(head: bytes) -> bytes | None:
    """``head`` as UTF-8-ish bytes when it is text, else None (BOMs handled)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        # A cut at the end of head may split a code unit: ignore that, not the file.
        head = head[2:].decode(encoding, errors="ignore").encode()
    if _BINARY_BYTE.search(head):
        return None
    return head


def _text_type(text: bytes, ext: str) -> str:
    stripped = text.lstrip(b" \t\r\n\x0c")
    if stripped.startswith(b"<"):
        markup = _markup_type(stripped)
        if markup:
            return markup
    if ext in _SCRIPT_EXTENSIONS:
        return _SCRIPT_EXTENSIONS[ext]
    return _TEXT_EXTENSIONS.get(ext, TEXT)


def _markup_type(text: bytes) -> str | None:
    """HTML, SVG or XML for a text that starts with ``<``; None for a text that merely does."""
    lower = text.lower()
    is_xml = lower.startswith(b"<?xml")
    position = 0
    # Skip the prolog: XML declaration, processing instructions, comments, a doctype.
    while True:
        while position < len(lower) and lower[position : position + 1].isspace():
            position += 1
        rest = lower[position:]
        if rest.startswith(b"<?"):
            terminator = b"?>"
        elif rest.startswith(b"<!--"):
            terminator = b"-->"
        elif rest.startswith(b"<!doctype"):
            terminator = b">"
            doctype = rest.split(b">", 1)[0]
            if b"html" in doctype[:256]:
                return HTML
        else:
            break
        end = rest.find(terminator)
        if end < 0:
            break
        position += end + len(terminator)
    element = _ELEMENT.match(lower, position)
    name = element.group(1).rsplit(b":", 1)[-1].decode() if element else ""
    if name == "svg":
        return SVG
    if name in _HTML_ELEMENTS:
        return HTML
    if any(marker in lower for marker in _ACTIVE_MARKERS):
        # Not a page by its first element, yet something a browser could run: treat it as
        # HTML so that it is served sandboxed.
        return HTML
    if b"<svg" in lower:
        return SVG
    return XML if is_xml else None


# -- policy --------------------------------------------------------------------------------


def parse_types(value: str) -> tuple[str, ...]:
    """A comma-separated settings value as lower-cased media types or ``type/*`` patterns."""
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


def _matches(content_type: str, patterns: tuple[str, ...]) -> bool:
    family = content_type.split("/", 1)[0] + "/*"
    return content_type in patterns or family in patterns


@dataclass(frozen=True, slots=True)
class TypePolicy:
    """Which sniffed types a store accepts: none that is ``denied``; and, when ``allowed`` is
    not empty, only those it lists. Entries are media types or ``type/*`` patterns."""

    denied: tuple[str, ...]
    allowed: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, denied: str, allowed: str = "") -> TypePolicy:
        """From ``PRM_ASSET_DENIED_TYPES`` / ``PRM_ASSET_ALLOWED_TYPES`` style values."""
        return cls(parse_types(denied), parse_types(allowed))

    def permits(self, content_type: str) -> bool:
        content_type = content_type.lower()
        if _matches(content_type, self.denied):
            return False
        return not self.allowed or _matches(content_type, self.allowed)

    def check(self, content_type: str) -> None:
        """Raise :class:`ContentTypeRefused` (422) for a type this policy refuses."""
        if not self.permits(content_type):
            raise ContentTypeRefused(content_type)
