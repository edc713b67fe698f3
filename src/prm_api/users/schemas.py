from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import EmailStr, Field

from prm_api.auth.roles import Role
from prm_api.kit.render import Shape
from prm_api.kit.schemas import Page, RequestModel, ResponseModel, Timestamp, patch_field


class VendorRole(StrEnum):
    """A vendor staff role: what users created under `/v1/users` and API clients hold."""

    admin = Role.admin.value
    channel_manager = Role.channel_manager.value


class User(ResponseModel):
    id: uuid.UUID
    email: str = Field(examples=["ada@vendor.example"])
    name: str
    role: Role
    partner_id: uuid.UUID | None = Field(description="Set for partner users.")
    active: bool
    deactivated_at: Timestamp | None
    last_login_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


#: A user row as the API shows it.
USER = Shape(User)


class UserCreate(RequestModel):
    email: EmailStr = Field(max_length=320, examples=["ada@vendor.example"])
    name: str = Field(min_length=1, max_length=200, examples=["Ada Lovelace"])
    role: VendorRole = Field(description="Vendor staff role.")
    password: str | None = Field(
        default=None,
        min_length=12,
        max_length=1024,
        description="Initial password (12+ characters). Without one the user cannot sign in yet.",
    )


class UserUpdate(RequestModel):
    """Send only the fields to change. Omitted means unchanged; `null` is refused (422)."""

    # Typed without None and defaulted to None: an omitted field stays unset, an explicit null
    # fails validation instead of blanking a required column.
    name: str = patch_field(min_length=1, max_length=200)
    role: VendorRole = patch_field()
    password: str = patch_field(min_length=12, max_length=1024)


class UserList(Page[User]):
    """A page of users."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
UserOut = User
