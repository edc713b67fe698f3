from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="AssetsVersionsCreateAssetVersionUpload")


@_attrs_define
class AssetsVersionsCreateAssetVersionUpload:
    """
    Attributes:
        file (File): The file (its name is kept, sanitized).
        note (str | Unset): What changed in this version.
    """

    file: File
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.note, Unset):
            files.append(("note", (None, str(self.note).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        note = d.pop("note", UNSET)

        assets_versions_create_asset_version_upload = cls(
            file=file,
            note=note,
        )

        return assets_versions_create_asset_version_upload
