"""Language tags (BCP 47, RFC 5646) as content carries them: ``pl``, ``en-GB``, ``zh-Hant-TW``,
``es-419``.

A tag is accepted when it is well formed for the common shape — language, optional script,
optional region, optional variants — and its language (ISO 639), script (ISO 15924) and
alphabetic region (ISO 3166-1) exist; it is stored in its canonical case (``en-GB``,
``zh-Hant-TW``). Extensions and private-use subtags are not content languages and are refused.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Language: 2–3 letters; script: 4 letters; region: 2 letters or 3 digits; variants: 5–8
# alphanumerics or a digit and 3 alphanumerics. [A-Za-z0-9], not \w: the document's regex
# dialect and the server's must agree.
LANGUAGE_TAG_PATTERN = (
    r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
_SHAPE = re.compile(
    r"^(?P<language>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?(?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)$",
    re.ASCII,
)


@cache
def _known() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    import pycountry

    languages = {lang.alpha_3 for lang in pycountry.languages} | {
        lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")
    }
    scripts = {script.alpha_4 for script in pycountry.scripts}
    regions = {country.alpha_2 for country in pycountry.countries}
    return frozenset(languages), frozenset(scripts), frozenset(regions)


def _unknown(message: str) -> PydanticCustomError:
    # Well formed, but not a registered subtag: a lookup in ISO registries, which no pattern
    # in the document can express (422 ``unknown_language``, like ``unknown_type``).
    return PydanticCustomError("unknown_language", message)


def canonical_language_tag(value: str) -> str:
    """``value`` in canonical case; ``ValueError`` when malformed, ``unknown_language`` (a
    ``PydanticCustomError``) when a subtag is not registered."""
    found = _SHAPE.match(value)
    if found is None:
        raise ValueError("must be a BCP 47 language tag such as pl, en-GB or zh-Hant-TW")
    languages, scripts, regions = _known()
    language = found["language"].lower()
    if language not in languages:
        raise _unknown(f"unknown language {found['language']!r} (ISO 639)")
    parts = [language]
    if found["script"]:
        script = found["script"].title()
        if script not in scripts:
            raise _unknown(f"unknown script {found['script']!r} (ISO 15924)")
        parts.append(script)
    if found["region"]:
        region = found["region"].upper()
        if region.isalpha() and region not in regions:
            raise _unknown(f"unknown region {found['region']!r} (ISO 3166-1)")
        parts.append(region)
    if found["variants"]:
        parts.extend(v.lower() for v in found["variants"].split("-")[1:])
    return "-".join(parts)


#: A BCP 47 language tag, validated and stored in canonical case.
LanguageTag = Annotated[
    str,
    StringConstraints(min_length=2, max_length=35, pattern=LANGUAGE_TAG_PATTERN),
    AfterValidator(canonical_language_tag),
    Field(
        description="BCP 47 language tag (language, optional script, region, variants), "
        "e.g. `pl`, `en-GB`, `zh-Hant-TW`, `es-419`; returned in canonical case.",
        examples=["en-GB"],
    ),
]
