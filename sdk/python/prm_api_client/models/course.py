from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.course_level import CourseLevel
from ..models.course_status import CourseStatus

if TYPE_CHECKING:
    from ..models.audience import Audience
    from ..models.course_external_ids import CourseExternalIds
    from ..models.course_module import CourseModule


T = TypeVar("T", bound="Course")


@_attrs_define
class Course:
    """
    Attributes:
        id (UUID):
        title (str):
        description (str):
        level (CourseLevel):
        language (None | str): BCP 47 language tag, e.g. `en-GB`.
        estimated_minutes (int | None):
        status (CourseStatus):
        content_version (int): 1 at the first publication, +1 at each publication after a module changed. Enrollments
            record the version they started on.
        allow_review (bool): After a quiz attempt partners see which questions they got right (never the right options).
        audience (Audience): Who among the partners sees the item. Rules, in order:

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
        modules (list[CourseModule]): In order.
        external_ids (CourseExternalIds):
        published_at (datetime.datetime | None):
        archived_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    title: str
    description: str
    level: CourseLevel
    language: None | str
    estimated_minutes: int | None
    status: CourseStatus
    content_version: int
    allow_review: bool
    audience: Audience
    modules: list[CourseModule]
    external_ids: CourseExternalIds
    published_at: datetime.datetime | None
    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        title = self.title

        description = self.description

        level = self.level.value

        language: None | str
        language = self.language

        estimated_minutes: int | None
        estimated_minutes = self.estimated_minutes

        status = self.status.value

        content_version = self.content_version

        allow_review = self.allow_review

        audience = self.audience.to_dict()

        modules = []
        for modules_item_data in self.modules:
            modules_item = modules_item_data.to_dict()
            modules.append(modules_item)

        external_ids = self.external_ids.to_dict()

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "description": description,
                "level": level,
                "language": language,
                "estimated_minutes": estimated_minutes,
                "status": status,
                "content_version": content_version,
                "allow_review": allow_review,
                "audience": audience,
                "modules": modules,
                "external_ids": external_ids,
                "published_at": published_at,
                "archived_at": archived_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audience import Audience  # noqa: PLC0415
        from ..models.course_external_ids import CourseExternalIds  # noqa: PLC0415
        from ..models.course_module import CourseModule  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        title = d.pop("title")

        description = d.pop("description")

        level = CourseLevel(d.pop("level"))

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        def _parse_estimated_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        estimated_minutes = _parse_estimated_minutes(d.pop("estimated_minutes"))

        status = CourseStatus(d.pop("status"))

        content_version = d.pop("content_version")

        allow_review = d.pop("allow_review")

        audience = Audience.from_dict(d.pop("audience"))

        modules = []
        _modules = d.pop("modules")
        for modules_item_data in _modules:
            modules_item = CourseModule.from_dict(modules_item_data)

            modules.append(modules_item)

        external_ids = CourseExternalIds.from_dict(d.pop("external_ids"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        course = cls(
            id=id,
            title=title,
            description=description,
            level=level,
            language=language,
            estimated_minutes=estimated_minutes,
            status=status,
            content_version=content_version,
            allow_review=allow_review,
            audience=audience,
            modules=modules,
            external_ids=external_ids,
            published_at=published_at,
            archived_at=archived_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        course.additional_properties = d
        return course

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
