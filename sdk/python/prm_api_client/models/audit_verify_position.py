from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AuditVerifyPosition")


@_attrs_define
class AuditVerifyPosition:
    """Verify against a position the caller wrote down (no signature to check).

    Attributes:
        seq (int):
        hash_ (str): The chain hash at `seq`.
    """

    seq: int
    hash_: str

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        hash_ = self.hash_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "seq": seq,
                "hash": hash_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seq = d.pop("seq")

        hash_ = d.pop("hash")

        audit_verify_position = cls(
            seq=seq,
            hash_=hash_,
        )

        return audit_verify_position
