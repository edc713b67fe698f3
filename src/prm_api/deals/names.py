"""Company-name keys for fuzzy conflict matching.

``"ACME Sp. z o.o."``, ``"Acme, Inc."`` and ``"acme"`` all become ``"acme"``: lowercase, accents
folded, punctuation dropped, and legal-form suffixes removed.
"""

from __future__ import annotations

import re
import unicodedata

# Legal forms, written as word sequences after punctuation is removed.
_LEGAL_FORMS = [
    "sp z o o",
    "sp zoo",
    "spolka z ograniczona odpowiedzialnoscia",
    "s a",
    "sa",
    "s p a",
    "spa",
    "s r l",
    "srl",
    "s l",
    "sl",
    "s a s",
    "sas",
    "sarl",
    "s a r l",
    "gmbh",
    "gmbh co kg",
    "co kg",
    "kg",
    "ag",
    "se",
    "ug",
    "ohg",
    "e k",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "l l c",
    "llp",
    "lp",
    "plc",
    "pty ltd",
    "pty",
    "bv",
    "b v",
    "nv",
    "n v",
    "ab",
    "as",
    "a s",
    "oy",
    "oyj",
    "aps",
    "kk",
    "k k",
    "pte ltd",
    "pte",
    "sro",
    "s r o",
    "kft",
    "zrt",
    "doo",
    "d o o",
    "ltda",
    "sa de cv",
    "s de rl",
    "group",
    "holding",
    "holdings",
]
_SUFFIXES = sorted({tuple(f.split()) for f in _LEGAL_FORMS}, key=len, reverse=True)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """The comparable form of a company name (never empty: falls back to the folded name)."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("&", " ")
    words = _NON_WORD.sub(" ", folded).split()
    base = list(words)
    changed = True
    while changed and len(words) > 1:
        changed = False
        for suffix in _SUFFIXES:
            n = len(suffix)
            if len(words) > n and tuple(words[-n:]) == suffix:
                words = words[:-n]
                changed = True
                break
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words or base)[:200] or name.lower()[:200]
