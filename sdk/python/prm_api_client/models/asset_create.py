from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.asset_kind import AssetKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset_create_external_ids import AssetCreateExternalIds
    from ..models.audience import Audience


T = TypeVar("T", bound="AssetCreate")


@_attrs_define
class AssetCreate:
    """
    Attributes:
        title (str):
        kind (AssetKind):
        description (str | Unset):  Default: ''.
        url (None | str | Unset): Required for `kind: link`, refused for every other kind.
        category_id (None | Unset | UUID):
        tags (list[str] | Unset):
        language (None | str | Unset):
        publish_at (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset): Later than `publish_at`.
        featured (bool | Unset):  Default: False.
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
        external_ids (AssetCreateExternalIds | Unset):
    """

    title: str
    kind: AssetKind
    description: str | Unset = ""
    url: None | str | Unset = UNSET
    category_id: None | Unset | UUID = UNSET
    tags: list[str] | Unset = UNSET
    language: None | str | Unset = UNSET
    publish_at: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    featured: bool | Unset = False
    audience: Audience | Unset = UNSET
    external_ids: AssetCreateExternalIds | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        kind = self.kind.value

        description = self.description

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        category_id: None | str | Unset
        if isinstance(self.category_id, Unset):
            category_id = UNSET
        elif isinstance(self.category_id, UUID):
            category_id = str(self.category_id)
        else:
            category_id = self.category_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        publish_at: None | str | Unset
        if isinstance(self.publish_at, Unset):
            publish_at = UNSET
        elif isinstance(self.publish_at, datetime.datetime):
            publish_at = self.publish_at.isoformat()
        else:
            publish_at = self.publish_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        featured = self.featured

        audience: dict[str, Any] | Unset = UNSET
        if not isinstance(self.audience, Unset):
            audience = self.audience.to_dict()

        external_ids: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = self.external_ids.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
                "kind": kind,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if url is not UNSET:
            field_dict["url"] = url
        if category_id is not UNSET:
            field_dict["category_id"] = category_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if language is not UNSET:
            field_dict["language"] = language
        if publish_at is not UNSET:
            field_dict["publish_at"] = publish_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if featured is not UNSET:
            field_dict["featured"] = featured
        if audience is not UNSET:
            field_dict["audience"] = audience
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset_create_external_ids import AssetCreateExternalIds  # noqa: PLC0415
        from ..models.audience import Audience  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        kind = AssetKind(d.pop("kind"))

        description = d.pop("description", UNSET)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_category_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_id_type_0 = UUID(data)

                return category_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        category_id = _parse_category_id(d.pop("category_id", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_publish_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publish_at_type_0 = datetime.datetime.fromisoformat(data)

                return publish_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        publish_at = _parse_publish_at(d.pop("publish_at", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        featured = d.pop("featured", UNSET)

        _audience = d.pop("audience", UNSET)
        audience: Audience | Unset
        if isinstance(_audience, Unset):
            audience = UNSET
        else:
            audience = Audience.from_dict(_audience)

        _external_ids = d.pop("external_ids", UNSET)
        external_ids: AssetCreateExternalIds | Unset
        if isinstance(_external_ids, Unset):
            external_ids = UNSET
        else:
            external_ids = AssetCreateExternalIds.from_dict(_external_ids)

        asset_create = cls(
            title=title,
            kind=kind,
            description=description,
            url=url,
            category_id=category_id,
            tags=tags,
            language=language,
            publish_at=publish_at,
            expires_at=expires_at,
            featured=featured,
            audience=audience,
            external_ids=external_ids,
        )

        return asset_create
