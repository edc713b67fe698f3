from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.xapi_score import XapiScore


T = TypeVar("T", bound="XapiResult")


@_attrs_define
class XapiResult:
    """
    Attributes:
        score (None | Unset | XapiScore):
        success (bool | None | Unset):
        completion (bool | None | Unset):
    """

    score: None | Unset | XapiScore = UNSET
    success: bool | None | Unset = UNSET
    completion: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.xapi_score import XapiScore  # noqa: PLC0415

        score: dict[str, Any] | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        elif isinstance(self.score, XapiScore):
            score = self.score.to_dict()
        else:
            score = self.score

        success: bool | None | Unset
        if isinstance(self.success, Unset):
            success = UNSET
        else:
            success = self.success

        completion: bool | None | Unset
        if isinstance(self.completion, Unset):
            completion = UNSET
        else:
            completion = self.completion

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if score is not UNSET:
            field_dict["score"] = score
        if success is not UNSET:
            field_dict["success"] = success
        if completion is not UNSET:
            field_dict["completion"] = completion

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.xapi_score import XapiScore  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_score(data: object) -> None | Unset | XapiScore:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                score_type_0 = XapiScore.from_dict(data)

                return score_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | XapiScore, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_success(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        success = _parse_success(d.pop("success", UNSET))

        def _parse_completion(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        completion = _parse_completion(d.pop("completion", UNSET))

        xapi_result = cls(
            score=score,
            success=success,
            completion=completion,
        )

        xapi_result.additional_properties = d
        return xapi_result

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
