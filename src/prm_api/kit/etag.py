"""ETags from row versions, and ``If-Match`` preconditions (412 on mismatch)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Response

from prm_api.errors import PreconditionFailed


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


async def parse_if_match(  # async: FastAPI would run a plain def in a worker thread
    if_match: str | None = Header(
        None,
        alias="If-Match",
        description="Only apply the change if the resource's current `ETag` matches (else 412).",
        max_length=256,
    ),
) -> str | None:
    return if_match


#: The ``If-Match`` request header of a conditional write (``if_match: IfMatch``).
IfMatch = Annotated[str | None, Depends(parse_if_match)]


def check_if_match(if_match: str | None, version: int) -> None:
    """``*`` or any listed ETag equal to the current one passes; weak tags compare by value."""
    if if_match is None:
        return
    current = etag_for(version)
    tags = [t.strip() for t in if_match.split(",") if t.strip()]
    for tag in tags:
        if tag == "*" or tag.removeprefix("W/") == current:
            return
    raise PreconditionFailed(
        f"The resource has changed (current ETag {current}); fetch it again and retry.",
        current_etag=current,
    )
