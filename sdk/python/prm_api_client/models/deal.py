from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deal_stage import DealStage
from ..models.deal_status import DealStatus

if TYPE_CHECKING:
    from ..models.customer import Customer
    from ..models.deal_external_ids import DealExternalIds
    from ..models.decision import Decision
    from ..models.money import Money


T = TypeVar("T", bound="Deal")


@_attrs_define
class Deal:
    """
    Attributes:
        id (UUID):
        partner_id (UUID):
        registered_by (None | str): The user or client that created the deal.
        customer (Customer):
        title (str):
        description (None | str):
        products (list[str]):
        notes (None | str):
        amount (Money):
        expected_close_date (datetime.date | None):
        stage (DealStage):
        status (DealStatus):
        submitted_at (datetime.datetime | None):
        protection_expires_at (datetime.datetime | None): End of the partner's protection (approved deals).
        decision (Decision):
        extensions_used (int):
        closed_at (datetime.date | None): Close date of a won or lost deal.
        close_reason (None | str):
        has_conflicts (bool): Another open registration claims this customer.
        external_ids (DealExternalIds):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    partner_id: UUID
    registered_by: None | str
    customer: Customer
    title: str
    description: None | str
    products: list[str]
    notes: None | str
    amount: Money
    expected_close_date: datetime.date | None
    stage: DealStage
    status: DealStatus
    submitted_at: datetime.datetime | None
    protection_expires_at: datetime.datetime | None
    decision: Decision
    extensions_used: int
    closed_at: datetime.date | None
    close_reason: None | str
    has_conflicts: bool
    external_ids: DealExternalIds
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        partner_id = str(self.partner_id)

        registered_by: None | str
        registered_by = self.registered_by

        customer = self.customer.to_dict()

        title = self.title

        description: None | str
        description = self.description

        products = self.products

        notes: None | str
        notes = self.notes

        amount = self.amount.to_dict()

        expected_close_date: None | str
        if isinstance(self.expected_close_date, datetime.date):
            expected_close_date = self.expected_close_date.isoformat()
        else:
            expected_close_date = self.expected_close_date

        stage = self.stage.value

        status = self.status.value

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        protection_expires_at: None | str
        if isinstance(self.protection_expires_at, datetime.datetime):
            protection_expires_at = self.protection_expires_at.isoformat()
        else:
            protection_expires_at = self.protection_expires_at

        decision = self.decision.to_dict()

        extensions_used = self.extensions_used

        closed_at: None | str
        if isinstance(self.closed_at, datetime.date):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        close_reason: None | str
        close_reason = self.close_reason

        has_conflicts = self.has_conflicts

        external_ids = self.external_ids.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner_id": partner_id,
                "registered_by": registered_by,
                "customer": customer,
                "title": title,
                "description": description,
                "products": products,
                "notes": notes,
                "amount": amount,
                "expected_close_date": expected_close_date,
                "stage": stage,
                "status": status,
                "submitted_at": submitted_at,
                "protection_expires_at": protection_expires_at,
                "decision": decision,
                "extensions_used": extensions_used,
                "closed_at": closed_at,
                "close_reason": close_reason,
                "has_conflicts": has_conflicts,
                "external_ids": external_ids,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer import Customer  # noqa: PLC0415
        from ..models.deal_external_ids import DealExternalIds  # noqa: PLC0415
        from ..models.decision import Decision  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner_id = UUID(d.pop("partner_id"))

        def _parse_registered_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registered_by = _parse_registered_by(d.pop("registered_by"))

        customer = Customer.from_dict(d.pop("customer"))

        title = d.pop("title")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        products = cast(list[str], d.pop("products"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        amount = Money.from_dict(d.pop("amount"))

        def _parse_expected_close_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_close_date_type_0 = datetime.date.fromisoformat(data)

                return expected_close_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        expected_close_date = _parse_expected_close_date(d.pop("expected_close_date"))

        stage = DealStage(d.pop("stage"))

        status = DealStatus(d.pop("status"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        def _parse_protection_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                protection_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return protection_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        protection_expires_at = _parse_protection_expires_at(d.pop("protection_expires_at"))

        decision = Decision.from_dict(d.pop("decision"))

        extensions_used = d.pop("extensions_used")

        def _parse_closed_at(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.date.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_close_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        close_reason = _parse_close_reason(d.pop("close_reason"))

        has_conflicts = d.pop("has_conflicts")

        external_ids = DealExternalIds.from_dict(d.pop("external_ids"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        deal = cls(
            id=id,
            partner_id=partner_id,
            registered_by=registered_by,
            customer=customer,
            title=title,
            description=description,
            products=products,
            notes=notes,
            amount=amount,
            expected_close_date=expected_close_date,
            stage=stage,
            status=status,
            submitted_at=submitted_at,
            protection_expires_at=protection_expires_at,
            decision=decision,
            extensions_used=extensions_used,
            closed_at=closed_at,
            close_reason=close_reason,
            has_conflicts=has_conflicts,
            external_ids=external_ids,
            created_at=created_at,
            updated_at=updated_at,
        )

        deal.additional_properties = d
        return deal

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
