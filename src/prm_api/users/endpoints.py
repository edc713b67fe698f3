"""Vendor staff users (`/v1/users`) and the caller's identity (`/v1/me`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from prm_api.auth.policy import Authenticated, UsersRead, UsersWrite
from prm_api.auth.roles import Role
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, paginate
from prm_api.kit.render import page_body, render
from prm_api.models import User
from prm_api.users import service
from prm_api.users.schemas import USER, UserCreate, UserList, UserOut, UserUpdate, VendorRole

router = APIRouter(prefix="/v1", tags=["users"])


class Me(BaseModel):
    """The caller: who the access token belongs to and what it may do."""

    subject_type: Literal["user", "client"]
    id: str = Field(description="User id, or the API client's `client_id`.")
    client_id: str
    role: Role
    partner_id: uuid.UUID | None
    scopes: list[str]
    email: str | None = None
    name: str | None = None


@router.get(
    "/me",
    operation_id="me_get",
    summary="Get the caller's identity",
    response_model=Me,
    responses=errors(401),
)
async def me(principal: Authenticated) -> Response:
    """Who the access token belongs to: user or API client, role, partner and granted scopes."""
    # The user's email and name came with the token's liveness check: no query of its own.
    me = Me(
        subject_type=principal.subject_type,
        id=principal.subject_id,
        client_id=principal.client_id,
        role=principal.role,
        partner_id=principal.partner_id,
        scopes=sorted(principal.scopes),
        email=principal.email,
        name=principal.name,
    )
    # Validated once, here; written as bytes so FastAPI does not validate it again.
    return Response(me.model_dump_json(), media_type="application/json")


@router.get(
    "/users",
    operation_id="users_list",
    summary="List vendor staff users",
    response_model=UserList,
    responses=errors(400, 401, 403),
)
async def list_users(
    request: Request,
    session: Session,
    principal: UsersRead,
    page: PageQuery,
    role: Annotated[VendorRole | None, Query()] = None,
    active: Annotated[bool | None, Query()] = None,
    email: Annotated[str | None, Query(max_length=320)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Substring of email or name.")
    ] = None,
    sort: Annotated[str | None, sort_query(service.USER_SORTS)] = None,
) -> Response:
    """List vendor staff users (admins and channel managers), newest first by default.

    Vendor tokens only: partner tokens get 403 (their users live under their partner)."""
    stmt = service.list_query(principal.actor, role=role, active=active, email=email, q=q)
    result = await paginate(session, stmt, service.USER_SORTS, sort, page)
    return page_body(request, result, USER)


@router.post(
    "/users",
    operation_id="users_create",
    summary="Create a vendor staff user",
    status_code=201,
    response_model=UserOut,
    responses=errors(400, 401, 403, 409, 422),
)
async def create_user(
    body: UserCreate,
    response: Response,
    session: Session,
    principal: UsersWrite,
) -> User:
    """Create a vendor staff user. The email must be unique (409 `email_taken`)."""
    user = await service.create_user(
        session,
        principal.actor,
        email=str(body.email),
        name=body.name,
        role=body.role,
        password=body.password,
    )
    set_etag(response, user.version)
    response.headers["Location"] = f"/v1/users/{user.id}"
    return user


@router.get(
    "/users/{user_id}",
    operation_id="users_get",
    summary="Get a vendor staff user",
    response_model=UserOut,
    responses=errors(401, 403, 404),
)
async def get_user(
    user_id: uuid.UUID,
    session: Session,
    principal: UsersRead,
) -> Response:
    """Fetch one vendor staff user. The `ETag` header carries its version. Partner users and,
    for partner tokens, every user are 404 here."""
    row = await service.vendor_user_row(session, principal.actor, user_id)
    return render(USER, row, etag=row.version)


@router.patch(
    "/users/{user_id}",
    operation_id="users_update",
    summary="Update a vendor staff user",
    response_model=UserOut,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    response: Response,
    session: Session,
    principal: UsersWrite,
    if_match: IfMatch,
) -> User:
    """Change name, role or password. A new password signs the user out everywhere."""
    user = await service.get_vendor_user(session, principal.actor, user_id)
    user = await service.update_user(
        session,
        principal.actor,
        user,
        changes=body.model_dump(exclude_unset=True),
        if_match=if_match,
    )
    set_etag(response, user.version)
    return user


@router.post(
    "/users/{user_id}/deactivate",
    operation_id="users_deactivate",
    summary="Deactivate a vendor staff user",
    response_model=UserOut,
    responses=errors(401, 403, 404, 409, 412),
)
async def deactivate_user(
    user_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: UsersWrite,
    if_match: IfMatch,
) -> User:
    """Deactivate a user: every token it holds stops working on its next request."""
    user = await service.get_vendor_user(session, principal.actor, user_id)
    user = await service.set_active(session, principal.actor, user, active=False, if_match=if_match)
    set_etag(response, user.version)
    return user


@router.post(
    "/users/{user_id}/reactivate",
    operation_id="users_reactivate",
    summary="Reactivate a vendor staff user",
    response_model=UserOut,
    responses=errors(401, 403, 404, 412),
)
async def reactivate_user(
    user_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: UsersWrite,
    if_match: IfMatch,
) -> User:
    """Reactivate a deactivated user; it signs in again with its password."""
    user = await service.get_vendor_user(session, principal.actor, user_id)
    user = await service.set_active(session, principal.actor, user, active=True, if_match=if_match)
    set_etag(response, user.version)
    return user
