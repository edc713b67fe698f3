from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.course_level import CourseLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience import Audience
    from ..models.course_update_external_ids_type_0 import CourseUpdateExternalIdsType0


T = TypeVar("T", bound="CourseUpdate")


@_attrs_define
class CourseUpdate:
    """Only the fields sent change; `audience` is replaced whole. `status` changes through
    `/publish` and `/archive`, modules through their own operations.

        Attributes:
            title (str | Unset):
            description (str | Unset):
            level (CourseLevel | Unset):
            language (None | str | Unset):
            estimated_minutes (int | None | Unset):
            allow_review (bool | Unset):
            audience (Audience | Unset): Who among the partners sees the item. Rules, in order:

                1. a partner in `excluded_partner_ids` never sees it;
                2. a partner in `partner_ids` always sees it (named partners);
                3. with `everyone`, every partner sees it;
                4. otherwise a partner sees it when it satisfies **every dimension that is given**
                   (`tier_ids`, `partner_types`, `countries`, `regions`): any value within a dimension,
                   all dimensions together — e.g. tiers Gold or Platinum, type reseller, countries DE, AT
                   or CH is "Gold or Platinum resellers in the DACH countries";
                5. an audience with no rule at all (and not `everyone`) is seen by vendor staff only.

                A partner's current tier, type, country and region decide: a tier change changes what
                it sees at once.
            external_ids (CourseUpdateExternalIdsType0 | None | Unset):
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    level: CourseLevel | Unset = UNSET
    language: None | str | Unset = UNSET
    estimated_minutes: int | None | Unset = UNSET
    allow_review: bool | Unset = UNSET
    audience: Audience | Unset = UNSET
    external_ids: CourseUpdateExternalIdsType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.course_update_external_ids_type_0 import CourseUpdateExternalIdsType0  # noqa: PLC0415

        title = self.title

        description = self.description

        level: str | Unset = UNSET
        if not isinstance(self.level, Unset):
            level = self.level.value

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        estimated_minutes: int | None | Unset
        if isinstance(self.estimated_minutes, Unset):
            estimated_minutes = UNSET
        else:
            estimated_minutes = self.estimated_minutes

        allow_review = self.allow_review

        audience: dict[str, Any] | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.to_dict()

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, CourseUpdateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if level is not UNSET:
            field_dict["level"] = level
        if language is not UNSET:
            field_dict["language"] = language
        if estimated_minutes is not UNSET:
            field_dict["estimated_minutes"] = estimated_minutes
        if allow_review is not UNSET:
            field_dict["allow_review"] = allow_review
        if audience is not UNSET:
            field_dict["audience"] = audience
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience import Audience  # noqa: PLC0415
        from ..models.course_update_external_ids_type_0 import CourseUpdateExternalIdsType0  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        _level = d.pop("level", UNSET)
        level: CourseLevel | Unset
        if isinstance(_level, Unset):
            level = UNSET
        else:
            level = CourseLevel(_level)

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_estimated_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        estimated_minutes = _parse_estimated_minutes(d.pop("estimated_minutes", UNSET))

        allow_review = d.pop("allow_review", UNSET)

        _audience = d.pop("audience", UNSET)
        audience: Audience | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = Audience.from_dict(_audience)

        def _parse_external_ids(data: object) -> CourseUpdateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = CourseUpdateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourseUpdateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        course_update = cls(
            title=title,
            description=description,
            level=level,
            language=language,
            estimated_minutes=estimated_minutes,
            allow_review=allow_review,
            audience=audience,
            external_ids=external_ids,
        )

        return course_update
