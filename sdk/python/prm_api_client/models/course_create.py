from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.course_level import CourseLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audience import Audience
    from ..models.course_create_external_ids import CourseCreateExternalIds
    from ..models.course_module_create import CourseModuleCreate


T = TypeVar("T", bound="CourseCreate")


@_attrs_define
class CourseCreate:
    """
    Attributes:
        title (str):
        description (str | Unset):  Default: ''.
        level (CourseLevel | Unset):
        language (None | str | Unset):
        estimated_minutes (int | None | Unset):
        allow_review (bool | Unset):  Default: False.
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
        modules (list[CourseModuleCreate] | Unset): Modules, in order.
        external_ids (CourseCreateExternalIds | Unset):
    """

    title: str
    description: str | Unset = ""
    level: CourseLevel | Unset = UNSET
    language: None | str | Unset = UNSET
    estimated_minutes: int | None | Unset = UNSET
    allow_review: bool | Unset = False
    audience: Audience | Unset = UNSET
    modules: list[CourseModuleCreate] | Unset = UNSET
    external_ids: CourseCreateExternalIds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        modules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.modules, Unset):
            modules = []
            for modules_item_data in self.modules:
                modules_item = modules_item_data.to_dict()
                modules.append(modules_item)

        external_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = self.external_ids.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
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
        if modules is not UNSET:
            field_dict["modules"] = modules
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience import Audience  # noqa: PLC0415
        from ..models.course_create_external_ids import CourseCreateExternalIds  # noqa: PLC0415
        from ..models.course_module_create import CourseModuleCreate  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

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

        _modules = d.pop("modules", UNSET)
        modules: list[CourseModuleCreate] | Unset = UNSET
        if _modules is not UNSET:
            modules = []
            for modules_item_data in _modules:
                modules_item = CourseModuleCreate.from_dict(modules_item_data)

                modules.append(modules_item)

        _external_ids = d.pop("external_ids", UNSET)
        external_ids: CourseCreateExternalIds | Unset
        if isinstance(_external_ids, Unset):
            external_ids = UNSET
        else:
            external_ids = CourseCreateExternalIds.from_dict(_external_ids)

        course_create = cls(
            title=title,
            description=description,
            level=level,
            language=language,
            estimated_minutes=estimated_minutes,
            allow_review=allow_review,
            audience=audience,
            modules=modules,
            external_ids=external_ids,
        )

        return course_create
