from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuditCheckpoint")


@_attrs_define
class AuditCheckpoint:
    """The chain's head at one moment, signed: keep the `jws` outside this service.

    Attributes:
        id (UUID):
        seq (int): `seq` of the newest audit row the checkpoint covers.
        hash_ (str): That row's chain hash.
        count (int): Audit rows in the chain up to and including `seq`.
        created_at (datetime.datetime):
        kid (str): Key id of the signing key in `/.well-known/jwks.json`.
        jws (str): Compact JWS (header `typ: audit-checkpoint+jwt`, `alg` ES256 or RS256, `kid`) whose claims are `iss`,
            `iat`, `jti` (this id), `seq`, `hash`, `count` and `created_at`. Verify it with any JOSE library against
            `/.well-known/jwks.json`, or send it back to `POST /v1/audit-events/verify`.
        actor_type (str): `system` (the scheduled job), `user` or `client`.
        actor_id (None | str): `job:audit-checkpoint`, or who asked for it.
    """

    id: UUID
    seq: int
    hash_: str
    count: int
    created_at: datetime.datetime
    kid: str
    jws: str
    actor_type: str
    actor_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        seq = self.seq

        hash_ = self.hash_

        count = self.count

        created_at = self.created_at.isoformat()

        kid = self.kid

        jws = self.jws

        actor_type = self.actor_type

        actor_id: None | str
        actor_id = self.actor_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "seq": seq,
                "hash": hash_,
                "count": count,
                "created_at": created_at,
                "kid": kid,
                "jws": jws,
                "actor_type": actor_type,
                "actor_id": actor_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        seq = d.pop("seq")

        hash_ = d.pop("hash")

        count = d.pop("count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        kid = d.pop("kid")

        jws = d.pop("jws")

        actor_type = d.pop("actor_type")

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        audit_checkpoint = cls(
            id=id,
            seq=seq,
            hash_=hash_,
            count=count,
            created_at=created_at,
            kid=kid,
            jws=jws,
            actor_type=actor_type,
            actor_id=actor_id,
        )

        audit_checkpoint.additional_properties = d
        return audit_checkpoint

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
