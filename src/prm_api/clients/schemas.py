from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field, WithJsonSchema

from prm_api.auth.roles import Role
from prm_api.auth.scopes import SCOPES
from prm_api.kit.render import Shape
from prm_api.kit.schemas import Page, RequestModel, ResponseModel, Timestamp
from prm_api.users.schemas import VendorRole

#: One of the API's OAuth2 scopes.
ScopeName = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": sorted(SCOPES)}),
]


class ApiClient(ResponseModel):
    id: uuid.UUID
    client_id: str = Field(description="Use as the OAuth2 `client_id`.")
    name: str
    role: Role
    scopes: list[str] = Field(description="Scopes this client may request (within its role).")
    partner_id: uuid.UUID | None
    active: bool
    secret_last4: str = Field(description="Last four characters of the current secret.")
    secret_rotated_at: Timestamp | None
    revoked_at: Timestamp | None
    last_used_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


#: An API client row as the API shows it (never a secret).
API_CLIENT = Shape(ApiClient)


class ApiClientWithSecret(ApiClient):
    client_secret: str = Field(description="Shown once. Store it now; it cannot be read again.")


class ApiClientCreate(RequestModel):
    name: str = Field(min_length=1, max_length=200, examples=["Salesforce sync"])
    role: VendorRole = Field(description="Role whose scope ceiling caps this client.")
    scopes: list[ScopeName] | None = Field(
        default=None,
        max_length=32,
        description="Scopes to allow; default is everything the role allows.",
    )


class ApiClientList(Page[ApiClient]):
    """A page of API clients."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
ApiClientOut = ApiClient
