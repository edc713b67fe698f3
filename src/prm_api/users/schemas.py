from __future__ import annotations

import uuid
from typing import Literal

from pydantic import EmailStr, Field

from prm_api.kit.render import Shape
from prm_api.kit.schemas import RequestModel, ResponseModel, Timestamp, patch_field

VendorRole = Literal["admin", "channel_manager"]


class UserOut(ResponseModel):
    id: uuid.UUID
    email: str = Field(examples=["ada@vendor.example"])
    name: str
    role: str = Field(description="`admin`, `channel_manager`, `partner_admin` or `partner_user`.")
    partner_id: uuid.UUID | None = Field(description="Set for partner users.")
    active: bool
    deactivated_at: Timestamp | None
    last_login_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


#: A user row as the API shows it.
USER = Shape(UserOut)


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
