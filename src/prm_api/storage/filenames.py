"""Client filenames made safe to keep, and the ``Content-Disposition`` that gives them back.

A filename arrives from a browser or script and leaves in a response header and, eventually,
on someone's disk: it must not carry a path (``../``, ``C:\\``), anything that could end or
fold a header (CR, LF, NUL and other controls), characters that reorder what a person reads
(bidi overrides make ``exe.pdf`` look like ``fdp.exe``), or names Windows will not create. It
keeps its Unicode and its extension: a Polish or Japanese title stays as written.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

#: Fallback when nothing usable is left of a name.
DEFAULT_FILENAME = "file"
#: Cap in UTF-8 bytes: most filesystems allow 255 per name; leave room for "(1)" suffixes.
MAX_FILENAME_BYTES = 200
#: An extension longer than this is not kept whole when the name must be shortened.
_MAX_EXTENSION_CHARS = 16

# Reserved by Windows (also with any extension): a download saved under one fails or worse.
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
# Not allowed in Windows names (the separators are gone already); quotes would also need
# escaping in the header's quoted-string.
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")


def _keep(char: str) -> bool:
    # Cc: C0/C1 controls incl. NUL, CR, LF, TAB (TAB becomes a space first). Cf: format
    # characters: bidi overrides and isolates, zero-width joiners/spaces, BOM. Cs: lone
    # surrogates (not encodable). Zl/Zp: line and paragraph separators.
    return unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Zl", "Zp", "Cn"}


def sanitize_filename(name: str | None, *, default: str = DEFAULT_FILENAME) -> str:
    """A name safe to store and send back: last path component only, no control, format or
    bidi characters, no Windows-forbidden characters or reserved names, no leading or trailing
    dots and spaces, at most :data:`MAX_FILENAME_BYTES` UTF-8 bytes with the extension kept.
    Unicode letters are kept (NFC). Returns ``default`` when nothing usable is left."""
    if not name:
        return default
    name = unicodedata.normalize("NFC", name)
    # Both separators: a name from Windows ("C:\\Users\\me\\deck.pptx") arrives with
    # backslashes, whatever the server's OS.
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch if _keep(ch) or ch == "\t" else "" for ch in name)
    name = _SPACES.sub(" ", name)
    name = _WINDOWS_FORBIDDEN.sub("_", name)
    # Leading dots hide files (and ".." is a directory); trailing dots and spaces are dropped
    # by Windows, which would change the extension.
    name = name.strip(" .")
    if not name:
        return default
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].lower() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return _shorten(stem, ext)


def _shorten(stem: str, ext: str) -> str:
    if len(ext) > _MAX_EXTENSION_CHARS:
        stem, ext = f"{stem}.{ext}", ""
    suffix = f".{ext}" if ext else ""
    budget = MAX_FILENAME_BYTES - len(suffix.encode())
    encoded = stem.encode()
    if len(encoded) > budget:
        # Cut on a character boundary, then drop what a cut left at the end (".", " ").
        stem = encoded[:budget].decode(errors="ignore").rstrip(" .") or DEFAULT_FILENAME
    return stem + suffix


def ascii_fallback(filename: str) -> str:
    """The ``filename=`` value for clients that ignore ``filename*``: accents folded
    (``Prezentacja–Łódź`` → ``Prezentacja-Lodz``), anything else non-ASCII as ``_``."""
    folded = unicodedata.normalize("NFKD", filename.replace("ł", "l").replace("Ł", "L"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("–", "-").replace("—", "-")
    out = "".join(ch if " " <= ch < "\x7f" and ch not in '"\\' else "_" for ch in folded)
    return out


def content_disposition(filename: str | None, *, disposition: str = "attachment") -> str:
    """An RFC 6266 header value: ``attachment; filename="<ASCII>"; filename*=UTF-8''<UTF-8>``.

    The name is sanitized here as well, so whatever a caller passes cannot inject into the
    header. ``filename*`` (RFC 8187) carries the real name; ``filename`` a readable ASCII
    stand-in for old clients.
    """
    name = sanitize_filename(filename)
    # attr-char of RFC 8187: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    encoded = quote(name, safe="!#$&+-.^_`|~", encoding="utf-8")
    return f"{disposition}; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{encoded}"
