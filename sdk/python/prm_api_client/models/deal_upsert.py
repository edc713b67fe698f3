from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.deal_stage import DealStage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_in import CustomerIn
    from ..models.deal_upsert_external_ids import DealUpsertExternalIds
    from ..models.money import Money


T = TypeVar("T", bound="DealUpsert")


@_attrs_define
class DealUpsert:
    """CRM sync body: `partner_id` is required when the deal does not exist yet.

    Attributes:
        customer (CustomerIn):
        title (str):
        amount (Money):
        partner_id (None | Unset | UUID): Vendor roles: the partner registering. Partner tokens must omit it.
        description (None | str | Unset):
        products (list[str] | Unset):
        notes (None | str | Unset):
        expected_close_date (datetime.date | None | Unset):
        stage (DealStage | Unset):
        external_ids (DealUpsertExternalIds | Unset): The resource's ids in other systems. The path's `{system}` is set
            from the path: leave it out, or give it the path's `{external_id}` (any other value is a 422 `mismatch`).
    """

    customer: CustomerIn
    title: str
    amount: Money
    partner_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    products: list[str] | Unset = UNSET
    notes: None | str | Unset = UNSET
    expected_close_date: datetime.date | None | Unset = UNSET
    stage: DealStage | Unset = UNSET
    external_ids: DealUpsertExternalIds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer.to_dict()

        title = self.title

        amount = self.amount.to_dict()

        partner_id: None | str | Unset
        if isinstance(self.partner_id, Unset):
            partner_id = UNSET
        elif isinstance(self.partner_id, UUID):
            partner_id = str(self.partner_id)
        else:
            partner_id = self.partner_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        products: list[str] | Unset = UNSET
        if not isinstance(self.products, Unset):
            products = self.products

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

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

        external_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = self.external_ids.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer": customer,
                "title": title,
                "amount": amount,
            }
        )
        if partner_id is not UNSET:
            field_dict["partner_id"] = partner_id
        if description is not UNSET:
            field_dict["description"] = description
        if products is not UNSET:
            field_dict["products"] = products
        if notes is not UNSET:
            field_dict["notes"] = notes
        if expected_close_date is not UNSET:
            field_dict["expected_close_date"] = expected_close_date
        if stage is not UNSET:
            field_dict["stage"] = stage
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_in import CustomerIn  # noqa: PLC0415
        from ..models.deal_upsert_external_ids import DealUpsertExternalIds  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        customer = CustomerIn.from_dict(d.pop("customer"))

        title = d.pop("title")

        amount = Money.from_dict(d.pop("amount"))

        def _parse_partner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                partner_id_type_0 = UUID(data)

                return partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        partner_id = _parse_partner_id(d.pop("partner_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        products = cast(list[str], d.pop("products", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

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

        _external_ids = d.pop("external_ids", UNSET)
        external_ids: DealUpsertExternalIds | Unset
        if isinstance(_external_ids, Unset):
            external_ids = UNSET
        else:
            external_ids = DealUpsertExternalIds.from_dict(_external_ids)

        deal_upsert = cls(
            customer=customer,
            title=title,
            amount=amount,
            partner_id=partner_id,
            description=description,
            products=products,
            notes=notes,
            expected_close_date=expected_close_date,
            stage=stage,
            external_ids=external_ids,
        )

        return deal_upsert
