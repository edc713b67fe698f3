from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.deal_stage import DealStage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_patch import CustomerPatch
    from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0
    from ..models.money import Money


T = TypeVar("T", bound="DealUpdate")


@_attrs_define
class DealUpdate:
    """Only the fields sent change. Partner tokens edit drafts and submitted deals; on an
    approved deal only `stage` and `amount`.

        Attributes:
            customer (CustomerPatch | None | Unset):
            title (str | Unset):
            description (None | str | Unset):
            products (list[str] | None | Unset):
            notes (None | str | Unset):
            amount (Money | Unset):
            expected_close_date (datetime.date | None | Unset):
            stage (DealStage | Unset):
            external_ids (DealUpdateExternalIdsType0 | None | Unset):
    """

    customer: CustomerPatch | None | Unset = UNSET
    title: str | Unset = UNSET
    description: None | str | Unset = UNSET
    products: list[str] | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    amount: Money | Unset = UNSET
    expected_close_date: datetime.date | None | Unset = UNSET
    stage: DealStage | Unset = UNSET
    external_ids: DealUpdateExternalIdsType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.customer_patch import CustomerPatch  # noqa: PLC0415
        from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0  # noqa: PLC0415

        customer: dict[str, Any] | None | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        elif isinstance(self.customer, CustomerPatch):
            customer = self.customer.to_dict()
        else:
            customer = self.customer

        title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        products: list[str] | None | Unset
        if isinstance(self.products, Unset):
            products = UNSET
        elif isinstance(self.products, list):
            products = self.products

        else:
            products = self.products

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        amount: dict[str, Any] | Unset = UNSET
        if not isinstance(self.amount, Unset):
            amount = self.amount.to_dict()

        expected_close_date: None | str | Unset
        if isinstance(self.expected_close_date, Unset):
            expected_close_date = UNSET
        elif isinstance(self.expected_close_date, datetime.date):
            expected_close_date = self.expected_close_date.isoformat()
        else:
            expected_close_date = self.expected_close_date

        stage: str | Unset = UNSET
        if not isinstance(self.stage, Unset):
            stage = self.stage.value

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, DealUpdateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if customer is not UNSET:
            field_dict["customer"] = customer
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if products is not UNSET:
            field_dict["products"] = products
        if notes is not UNSET:
            field_dict["notes"] = notes
        if amount is not UNSET:
            field_dict["amount"] = amount
        if expected_close_date is not UNSET:
            field_dict["expected_close_date"] = expected_close_date
        if stage is not UNSET:
            field_dict["stage"] = stage
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_patch import CustomerPatch  # noqa: PLC0415
        from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_customer(data: object) -> CustomerPatch | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_type_0 = CustomerPatch.from_dict(data)

                return customer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerPatch | None | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))

        title = d.pop("title", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_products(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                products_type_0 = cast(list[str], data)

                return products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        products = _parse_products(d.pop("products", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        _amount = d.pop("amount", UNSET)
        amount: Money | Unset
        if isinstance(_amount, Unset):
            amount = UNSET
        else:
            amount = Money.from_dict(_amount)

        def _parse_expected_close_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_close_date_type_0 = datetime.date.fromisoformat(data)

                return expected_close_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expected_close_date = _parse_expected_close_date(d.pop("expected_close_date", UNSET))

        _stage = d.pop("stage", UNSET)
        stage: DealStage | Unset
        if isinstance(_stage, Unset):
            stage = UNSET
        else:
            stage = DealStage(_stage)

        def _parse_external_ids(data: object) -> DealUpdateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = DealUpdateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealUpdateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        deal_update = cls(
            customer=customer,
            title=title,
            description=description,
            products=products,
            notes=notes,
            amount=amount,
            expected_close_date=expected_close_date,
            stage=stage,
            external_ids=external_ids,
        )

        return deal_update
