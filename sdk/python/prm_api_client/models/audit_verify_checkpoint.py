from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AuditVerifyCheckpoint")


@_attrs_define
class AuditVerifyCheckpoint:
    """Verify against a checkpoint JWS kept outside the service.

    Attributes:
        checkpoint (str): The `jws` of a checkpoint (from its `audit.checkpoint_created` event or `GET /v1/audit-
            events/checkpoints`).
    """

    checkpoint: str

    def to_dict(self) -> dict[str, Any]:
        checkpoint = self.checkpoint

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "checkpoint": checkpoint,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checkpoint = d.pop("checkpoint")

        audit_verify_checkpoint = cls(
            checkpoint=checkpoint,
        )

        return audit_verify_checkpoint
