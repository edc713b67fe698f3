from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AssetVersion")


@_attrs_define
class AssetVersion:
    """
    Attributes:
        id (UUID):
        asset_id (UUID):
        number (int):
        filename (str):
        content_type (str):
        size_bytes (int):
        sha256 (str):
        uploaded_by (None | str): The user or client that uploaded it.
        uploaded_at (datetime.datetime):
        note (None | str):
    """

    id: UUID
    asset_id: UUID
    number: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: None | str
    uploaded_at: datetime.datetime
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        asset_id = str(self.asset_id)

        number = self.number

        filename = self.filename

        content_type = self.content_type

        size_bytes = self.size_bytes

        sha256 = self.sha256

        uploaded_by: None | str
        uploaded_by = self.uploaded_by

        uploaded_at = self.uploaded_at.isoformat()

        note: None | str
        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "asset_id": asset_id,
                "number": number,
                "filename": filename,
                "content_type": content_type,
                "size_bytes": size_bytes,
                "sha256": sha256,
                "uploaded_by": uploaded_by,
                "uploaded_at": uploaded_at,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        asset_id = UUID(d.pop("asset_id"))

        number = d.pop("number")

        filename = d.pop("filename")

        content_type = d.pop("content_type")

        size_bytes = d.pop("size_bytes")

        sha256 = d.pop("sha256")

        def _parse_uploaded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uploaded_by = _parse_uploaded_by(d.pop("uploaded_by"))

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        asset_version = cls(
            id=id,
            asset_id=asset_id,
            number=number,
            filename=filename,
            content_type=content_type,
            size_bytes=size_bytes,
            sha256=sha256,
            uploaded_by=uploaded_by,
            uploaded_at=uploaded_at,
            note=note,
        )

        asset_version.additional_properties = d
        return asset_version

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
