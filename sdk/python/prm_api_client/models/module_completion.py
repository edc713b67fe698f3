from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModuleCompletion")


@_attrs_define
class ModuleCompletion:
    """
    Attributes:
        accepted (bool | None | Unset): Acknowledgements: `true`, the user accepts the text.
    """

    accepted: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        accepted: bool | None | Unset
        if isinstance(self.accepted, Unset):
            accepted = UNSET
        else:
            accepted = self.accepted

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if accepted is not UNSET:
            field_dict["accepted"] = accepted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_accepted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        accepted = _parse_accepted(d.pop("accepted", UNSET))

        module_completion = cls(
            accepted=accepted,
        )

        return module_completion
