from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_kind import AssetKind
from ..models.asset_status import AssetStatus

if TYPE_CHECKING:
    from ..models.asset_current_version import AssetCurrentVersion
    from ..models.asset_external_ids import AssetExternalIds
    from ..models.audience import Audience


T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """
    Attributes:
        id (UUID):
        title (str):
        description (str):
        kind (AssetKind):
        url (None | str): The linked address (`kind: link` only).
        category_id (None | UUID):
        tags (list[str]):
        language (None | str): BCP 47 language tag, e.g. `en-GB`.
        status (AssetStatus):
        publish_at (datetime.datetime | None): Scheduled publication: a draft is published then (and partners see a
            published asset only from then on).
        expires_at (datetime.datetime | None): Scheduled withdrawal: partners stop seeing it then, and it is archived.
        published_at (datetime.datetime | None): When it was last published.
        archived_at (datetime.datetime | None): When it was last archived.
        featured (bool):
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
        current_version (AssetCurrentVersion | None): The file partners download; null until a version is uploaded.
        has_thumbnail (bool):
        download_count (int):
        external_ids (AssetExternalIds):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    title: str
    description: str
    kind: AssetKind
    url: None | str
    category_id: None | UUID
    tags: list[str]
    language: None | str
    status: AssetStatus
    publish_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    published_at: datetime.datetime | None
    archived_at: datetime.datetime | None
    featured: bool
    audience: Audience
    current_version: AssetCurrentVersion | None
    has_thumbnail: bool
    download_count: int
    external_ids: AssetExternalIds
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_current_version import AssetCurrentVersion  # noqa: PLC0415

        id = str(self.id)

        title = self.title

        description = self.description

        kind = self.kind.value

        url: None | str
        url = self.url

        category_id: None | str
        if isinstance(self.category_id, UUID):
            category_id = str(self.category_id)
        else:
            category_id = self.category_id

        tags = self.tags

        language: None | str
        language = self.language

        status = self.status.value

        publish_at: None | str
        if isinstance(self.publish_at, datetime.datetime):
            publish_at = self.publish_at.isoformat()
        else:
            publish_at = self.publish_at

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

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

        featured = self.featured

        audience = self.audience.to_dict()

        current_version: dict[str, Any] | None
        if isinstance(self.current_version, AssetCurrentVersion):
            current_version = self.current_version.to_dict()
        else:
            current_version = self.current_version

        has_thumbnail = self.has_thumbnail

        download_count = self.download_count

        external_ids = self.external_ids.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "description": description,
                "kind": kind,
                "url": url,
                "category_id": category_id,
                "tags": tags,
                "language": language,
                "status": status,
                "publish_at": publish_at,
                "expires_at": expires_at,
                "published_at": published_at,
                "archived_at": archived_at,
                "featured": featured,
                "audience": audience,
                "current_version": current_version,
                "has_thumbnail": has_thumbnail,
                "download_count": download_count,
                "external_ids": external_ids,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset_current_version import AssetCurrentVersion  # noqa: PLC0415
        from ..models.asset_external_ids import AssetExternalIds  # noqa: PLC0415
        from ..models.audience import Audience  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        title = d.pop("title")

        description = d.pop("description")

        kind = AssetKind(d.pop("kind"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        def _parse_category_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_id_type_0 = UUID(data)

                return category_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        category_id = _parse_category_id(d.pop("category_id"))

        tags = cast(list[str], d.pop("tags"))

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))

        status = AssetStatus(d.pop("status"))

        def _parse_publish_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publish_at_type_0 = datetime.datetime.fromisoformat(data)

                return publish_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        publish_at = _parse_publish_at(d.pop("publish_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

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

        featured = d.pop("featured")

        audience = Audience.from_dict(d.pop("audience"))

        def _parse_current_version(data: object) -> AssetCurrentVersion | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_version_type_0 = AssetCurrentVersion.from_dict(data)

                return current_version_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssetCurrentVersion | None, data)

        current_version = _parse_current_version(d.pop("current_version"))

        has_thumbnail = d.pop("has_thumbnail")

        download_count = d.pop("download_count")

        external_ids = AssetExternalIds.from_dict(d.pop("external_ids"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        asset = cls(
            id=id,
            title=title,
            description=description,
            kind=kind,
            url=url,
            category_id=category_id,
            tags=tags,
            language=language,
            status=status,
            publish_at=publish_at,
            expires_at=expires_at,
            published_at=published_at,
            archived_at=archived_at,
            featured=featured,
            audience=audience,
            current_version=current_version,
            has_thumbnail=has_thumbnail,
            download_count=download_count,
            external_ids=external_ids,
            created_at=created_at,
            updated_at=updated_at,
        )

        asset.additional_properties = d
        return asset

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
