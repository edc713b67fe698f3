"""`/v1/partners/{id}/users` and `/invitations`: a partner's people."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.auth.policy import PartnersRead, PartnersWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body
from prm_api.models import Invitation, User
from prm_api.partners import members
from prm_api.partners.schemas import (
    INVITATION,
    InvitationCreate,
    InvitationList,
    InvitationOut,
    InvitationWithToken,
    PartnerRole,
    PartnerUserCreate,
    PartnerUserUpdate,
    invitation_out,
)
from prm_api.users.schemas import USER, UserList, UserOut
from prm_api.users.service import USER_SORTS

router = APIRouter(prefix="/v1/partners/{partner_id}", tags=["partner-users"])
INVITATION_SORTS = SortKeys({"created_at": Invitation.created_at}, "-created_at", Invitation.id)


@router.get(
    "/users",
    operation_id="partner_users_list",
    summary="List a partner's users",
    response_model=UserList,
    responses=errors(400, 401, 403, 404, 422),
)
async def list_partner_users(
    partner_id: uuid.UUID,
    request: Request,
    session: Session,
    principal: PartnersRead,
    page: PageQuery,
    role: Annotated[PartnerRole | None, Query()] = None,
    active: Annotated[bool | None, Query()] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Substring of email or name.")
    ] = None,
    sort: Annotated[str | None, sort_query(USER_SORTS)] = None,
) -> Response:
    """The partner's users. Any user of the partner may list colleagues."""
    stmt = await members.members_query(
        session, principal, partner_id, role=role.value if role else None, active=active, q=q
    )
    result = await paginate(session, stmt, USER_SORTS, sort, page)
    return page_body(request, result, USER)


@router.post(
    "/users",
    operation_id="partner_users_create",
    summary="Create a partner user",
    status_code=201,
    response_model=UserOut,
    responses=errors(400, 401, 403, 404, 409, 422),
)
async def create_partner_user(
    partner_id: uuid.UUID,
    body: PartnerUserCreate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
) -> User:
    """Add a user to the partner directly, with a password set by the caller. Vendor staff
    only: a partner admin gets 403 `vendor_only` and invites people instead
    (`POST /v1/partners/{id}/invitations`), where the person chooses the password and the
    answer never reveals whether the address has an account elsewhere."""
    user = await members.add_member(
        session,
        principal,
        partner_id,
        email=str(body.email),
        name=body.name,
        role=body.role.value,
        password=body.password,
    )
    set_etag(response, user.version)
    response.headers["Location"] = f"/v1/partners/{partner_id}/users/{user.id}"
    return user


@router.get(
    "/users/{user_id}",
    operation_id="partner_users_get",
    summary="Get a partner user",
    response_model=UserOut,
    responses=errors(401, 403, 404),
)
async def get_partner_user(
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: PartnersRead,
) -> User:
    """Fetch one of the partner's users."""
    user = await members.get_member(session, principal, partner_id, user_id)
    set_etag(response, user.version)
    return user


@router.patch(
    "/users/{user_id}",
    operation_id="partner_users_update",
    summary="Update a partner user",
    response_model=UserOut,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_partner_user(
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    body: PartnerUserUpdate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> User:
    """Change a partner user's name or role."""
    changes = body.model_dump(mode="json", exclude_unset=True)
    user = await members.update_member(
        session, principal, partner_id, user_id, changes, if_match=if_match
    )
    set_etag(response, user.version)
    return user


@router.post(
    "/users/{user_id}/deactivate",
    operation_id="partner_users_deactivate",
    summary="Deactivate a partner user",
    response_model=UserOut,
    responses=errors(401, 403, 404, 409, 412),
)
async def deactivate_partner_user(
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> User:
    """Deactivate a partner user; its tokens stop working at once."""
    user = await members.set_active(
        session, principal, partner_id, user_id, active=False, if_match=if_match
    )
    set_etag(response, user.version)
    return user


@router.post(
    "/users/{user_id}/reactivate",
    operation_id="partner_users_reactivate",
    summary="Reactivate a partner user",
    response_model=UserOut,
    responses=errors(401, 403, 404, 412),
)
async def reactivate_partner_user(
    partner_id: uuid.UUID,
    user_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: PartnersWrite,
    if_match: IfMatch,
) -> User:
    """Reactivate a partner user."""
    user = await members.set_active(
        session, principal, partner_id, user_id, active=True, if_match=if_match
    )
    set_etag(response, user.version)
    return user


@router.get(
    "/invitations",
    operation_id="partner_invitations_list",
    summary="List a partner's invitations",
    response_model=InvitationList,
    responses=errors(400, 401, 403, 404, 422),
)
async def list_invitations(
    partner_id: uuid.UUID,
    request: Request,
    session: Session,
    principal: PartnersWrite,
    page: PageQuery,
) -> Response:
    """Invitations sent for this partner, newest first (tokens are never shown again)."""
    stmt = await members.invitations_query(session, principal, partner_id)
    result = await paginate(session, stmt, INVITATION_SORTS, None, page)
    return page_body(request, result, INVITATION)


@router.post(
    "/invitations",
    operation_id="partner_invitations_create",
    summary="Invite a partner user",
    status_code=201,
    response_model=InvitationWithToken,
    responses=errors(400, 401, 403, 404, 409, 422),
)
async def create_invitation(
    partner_id: uuid.UUID,
    body: InvitationCreate,
    response: Response,
    session: Session,
    principal: PartnersWrite,
) -> InvitationOut:
    """Invite someone to become a user of the partner. The response carries a one-time
    `token` (valid 7 days) for `POST /v1/invitations/accept`; it is not shown again."""
    invitation, token = await members.invite(
        session, principal, partner_id, email=str(body.email), name=body.name, role=body.role.value
    )
    response.headers["Location"] = f"/v1/partners/{partner_id}/invitations/{invitation.id}"
    return invitation_out(invitation, token=token)


@router.post(
    "/invitations/{invitation_id}/revoke",
    operation_id="partner_invitations_revoke",
    summary="Revoke an invitation",
    response_model=InvitationOut,
    responses=errors(401, 403, 404, 409),
)
async def revoke_invitation(
    partner_id: uuid.UUID,
    invitation_id: uuid.UUID,
    session: Session,
    principal: PartnersWrite,
) -> InvitationOut:
    """Withdraw a pending invitation; its token stops working."""
    inv = await members.revoke_invitation(session, principal, partner_id, invitation_id)
    return invitation_out(inv)
