from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditVerification")


@_attrs_define
class AuditVerification:
    """
    Attributes:
        ok (bool): True when every link of the chain verifies and the checkpoint's row (if any) still has the
            checkpoint's hash.
        checked (int): Rows verified before the first broken link (or all).
        first_broken_seq (int | None | Unset):
        first_broken_id (None | Unset | UUID):
        reason (None | str | Unset):
        last_hash (None | str | Unset): Head of the chain when intact.
        last_seq (int | None | Unset): `seq` of the head when intact.
        checkpoint_id (None | Unset | UUID): The checkpoint the chain was checked against: the newest stored one
            (`GET`), or the one sent (`POST`, when a JWS). Null: none.
        checkpoint_seq (int | None | Unset): The `seq` that checkpoint anchors.
    """

    ok: bool
    checked: int
    first_broken_seq: int | None | Unset = UNSET
    first_broken_id: None | Unset | UUID = UNSET
    reason: None | str | Unset = UNSET
    last_hash: None | str | Unset = UNSET
    last_seq: int | None | Unset = UNSET
    checkpoint_id: None | Unset | UUID = UNSET
    checkpoint_seq: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        checked = self.checked

        first_broken_seq: int | None | Unset
        if isinstance(self.first_broken_seq, Unset):
            first_broken_seq = UNSET
        else:
            first_broken_seq = self.first_broken_seq

        first_broken_id: None | str | Unset
        if isinstance(self.first_broken_id, Unset):
            first_broken_id = UNSET
        elif isinstance(self.first_broken_id, UUID):
            first_broken_id = str(self.first_broken_id)
        else:
            first_broken_id = self.first_broken_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        last_hash: None | str | Unset
        if isinstance(self.last_hash, Unset):
            last_hash = UNSET
        else:
            last_hash = self.last_hash

        last_seq: int | None | Unset
        if isinstance(self.last_seq, Unset):
            last_seq = UNSET
        else:
            last_seq = self.last_seq

        checkpoint_id: None | str | Unset
        if isinstance(self.checkpoint_id, Unset):
            checkpoint_id = UNSET
        elif isinstance(self.checkpoint_id, UUID):
            checkpoint_id = str(self.checkpoint_id)
        else:
            checkpoint_id = self.checkpoint_id

        checkpoint_seq: int | None | Unset
        if isinstance(self.checkpoint_seq, Unset):
            checkpoint_seq = UNSET
        else:
            checkpoint_seq = self.checkpoint_seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "checked": checked,
            }
        )
        if first_broken_seq is not UNSET:
            field_dict["first_broken_seq"] = first_broken_seq
        if first_broken_id is not UNSET:
            field_dict["first_broken_id"] = first_broken_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if last_hash is not UNSET:
            field_dict["last_hash"] = last_hash
        if last_seq is not UNSET:
            field_dict["last_seq"] = last_seq
        if checkpoint_id is not UNSET:
            field_dict["checkpoint_id"] = checkpoint_id
        if checkpoint_seq is not UNSET:
            field_dict["checkpoint_seq"] = checkpoint_seq

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ok = d.pop("ok")

        checked = d.pop("checked")

        def _parse_first_broken_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_broken_seq = _parse_first_broken_seq(d.pop("first_broken_seq", UNSET))

        def _parse_first_broken_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_broken_id_type_0 = UUID(data)

                return first_broken_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        first_broken_id = _parse_first_broken_id(d.pop("first_broken_id", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_last_hash(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_hash = _parse_last_hash(d.pop("last_hash", UNSET))

        def _parse_last_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_seq = _parse_last_seq(d.pop("last_seq", UNSET))

        def _parse_checkpoint_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checkpoint_id_type_0 = UUID(data)

                return checkpoint_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        checkpoint_id = _parse_checkpoint_id(d.pop("checkpoint_id", UNSET))

        def _parse_checkpoint_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        checkpoint_seq = _parse_checkpoint_seq(d.pop("checkpoint_seq", UNSET))

        audit_verification = cls(
            ok=ok,
            checked=checked,
            first_broken_seq=first_broken_seq,
            first_broken_id=first_broken_id,
            reason=reason,
            last_hash=last_hash,
            last_seq=last_seq,
            checkpoint_id=checkpoint_id,
            checkpoint_seq=checkpoint_seq,
        )

        audit_verification.additional_properties = d
        return audit_verification

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
