from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event_changes import AuditEventChanges


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Attributes:
        id (UUID):
        seq (int): Position in the hash chain.
        occurred_at (datetime.datetime):
        actor_type (str): `user`, `client`, `system` or `anonymous`.
        actor_id (None | str):
        actor_role (None | str):
        actor_partner_id (None | UUID):
        client_id (None | str):
        action (str):
        resource_type (str):
        resource_id (None | str):
        partner_id (None | UUID):
        changes (AuditEventChanges): `{field: {before, after}}`; personal values appear only as `sha256:` digests.
        request_id (None | str):
        ip (None | str):
        prev_hash (str):
        hash_ (str):
    """

    id: UUID
    seq: int
    occurred_at: datetime.datetime
    actor_type: str
    actor_id: None | str
    actor_role: None | str
    actor_partner_id: None | UUID
    client_id: None | str
    action: str
    resource_type: str
    resource_id: None | str
    partner_id: None | UUID
    changes: AuditEventChanges
    request_id: None | str
    ip: None | str
    prev_hash: str
    hash_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        seq = self.seq

        occurred_at = self.occurred_at.isoformat()

        actor_type = self.actor_type

        actor_id: None | str
        actor_id = self.actor_id

        actor_role: None | str
        actor_role = self.actor_role

        actor_partner_id: None | str
        if isinstance(self.actor_partner_id, UUID):
            actor_partner_id = str(self.actor_partner_id)
        else:
            actor_partner_id = self.actor_partner_id

        client_id: None | str
        client_id = self.client_id

        action = self.action

        resource_type = self.resource_type

        resource_id: None | str
        resource_id = self.resource_id

        partner_id: None | str
        if isinstance(self.partner_id, UUID):
            partner_id = str(self.partner_id)
        else:
            partner_id = self.partner_id

        changes = self.changes.to_dict()

        request_id: None | str
        request_id = self.request_id

        ip: None | str
        ip = self.ip

        prev_hash = self.prev_hash

        hash_ = self.hash_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seq": seq,
                "occurred_at": occurred_at,
                "actor_type": actor_type,
                "actor_id": actor_id,
                "actor_role": actor_role,
                "actor_partner_id": actor_partner_id,
                "client_id": client_id,
                "action": action,
                "resource_type": resource_type,
                "resource_id": resource_id,
                "partner_id": partner_id,
                "changes": changes,
                "request_id": request_id,
                "ip": ip,
                "prev_hash": prev_hash,
                "hash": hash_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_changes import AuditEventChanges  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        seq = d.pop("seq")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        actor_type = d.pop("actor_type")

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        def _parse_actor_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_role = _parse_actor_role(d.pop("actor_role"))

        def _parse_actor_partner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_partner_id_type_0 = UUID(data)

                return actor_partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_partner_id = _parse_actor_partner_id(d.pop("actor_partner_id"))

        def _parse_client_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_id = _parse_client_id(d.pop("client_id"))

        action = d.pop("action")

        resource_type = d.pop("resource_type")

        def _parse_resource_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resource_id = _parse_resource_id(d.pop("resource_id"))

        def _parse_partner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                partner_id_type_0 = UUID(data)

                return partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        partner_id = _parse_partner_id(d.pop("partner_id"))

        changes = AuditEventChanges.from_dict(d.pop("changes"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        audit_event = cls(
            id=id,
            seq=seq,
            occurred_at=occurred_at,
            actor_type=actor_type,
            actor_id=actor_id,
            actor_role=actor_role,
            actor_partner_id=actor_partner_id,
            client_id=client_id,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            partner_id=partner_id,
            changes=changes,
            request_id=request_id,
            ip=ip,
            prev_hash=prev_hash,
            hash_=hash_,
        )

        audit_event.additional_properties = d
        return audit_event

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
