"""Helpers shared by the asset file tests: a storage directory per test, uploads."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx

PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 20 + b"%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64
EXE = b"MZ" + b"\x90\x00" * 30 + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200


def stored_files(root: Path) -> list[str]:
    """Every file under a local storage root (temporary and staged ones included)."""
    if not root.exists():
        return []
    return sorted(
        os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs
    )


async def upload(
    client: httpx.AsyncClient,
    asset_id: Any,
    headers: dict[str, str],
    content: bytes,
    filename: str = "deck.pdf",
    *,
    note: str | None = None,
    content_type: str = "application/pdf",
) -> httpx.Response:
    data = {"note": note} if note is not None else None
    return await client.post(
        f"/v1/assets/{asset_id}/versions",
        headers=headers,
        files={"file": (filename, content, content_type)},
        data=data,
    )


async def raw_upload(
    client: httpx.AsyncClient, asset_id: Any, headers: dict[str, str], filename: str, content: bytes
) -> httpx.Response:
    """An upload whose part header carries ``filename`` byte for byte (UTF-8), control
    characters included (httpx would percent-encode them)."""
    boundary = "b0undary7x"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    return await client.post(
        f"/v1/assets/{asset_id}/versions",
        headers={**headers, "content-type": f"multipart/form-data; boundary={boundary}"},
        content=head + content + f"\r\n--{boundary}--\r\n".encode(),
    )
