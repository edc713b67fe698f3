from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ModuleOrder")


@_attrs_define
class ModuleOrder:
    """
    Attributes:
        module_ids (list[UUID]): Every module of the course, once each, in the new order.
    """

    module_ids: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        module_ids = []
        for module_ids_item_data in self.module_ids:
            module_ids_item = str(module_ids_item_data)
            module_ids.append(module_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "module_ids": module_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        module_ids = []
        _module_ids = d.pop("module_ids")
        for module_ids_item_data in _module_ids:
            module_ids_item = UUID(module_ids_item_data)

            module_ids.append(module_ids_item)

        module_order = cls(
            module_ids=module_ids,
        )

        return module_order
