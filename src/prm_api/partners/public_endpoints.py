"""Public (token-less) entry points: partner applications and invitation acceptance."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from prm_api.auth.principal import Actor
from prm_api.db import Session
from prm_api.errors import TooManyRequests
from prm_api.kit.context import client_ip, request_id
from prm_api.kit.openapi import errors
from prm_api.partners import members, service
from prm_api.partners.schemas import (
    InvitationAccept,
    PartnerApplication,
    PartnerApplicationCreate,
)
from prm_api.users.schemas import UserOut

router = APIRouter(prefix="/v1", tags=["recruitment"])


def _anonymous(request: Request) -> Actor:
    return Actor(type="anonymous", request_id=request_id(request), ip=client_ip(request))


def _limit_applications(request: Request) -> None:
    settings = request.app.state.settings
    limit = settings.applications_per_hour
    if limit <= 0:
        return
    decision = request.app.state.rate_limit_store.hit(
        f"applications:{client_ip(request)}", limit, 3600.0
    )
    if not decision.allowed:
        raise TooManyRequests(
            f"Too many applications from this address; retry in {decision.retry_after_s} s.",
            headers={"Retry-After": str(decision.retry_after_s)},
        )


@router.post(
    "/partner-applications",
    operation_id="partner_applications_create",
    summary="Apply to the partner program",
    status_code=201,
    response_model=PartnerApplication,
    responses=errors(400, 409, 413, 415, 422),
    openapi_extra={"security": []},
)
async def apply(
    body: PartnerApplicationCreate,
    request: Request,
    response: Response,
    session: Session,
) -> PartnerApplication:
    """Apply to join the partner program. No token needed.

    Creates a partner in status `applied` for review. An existing partner or open application
    with the same domain (compared normalized: case, `www.`, trailing dot and IDN don't matter)
    → 409 `duplicate_partner`. Limited per client address.
    """
    _limit_applications(request)
    data = body.model_dump(exclude_unset=True)
    partner = await service.create_partner(
        session, _anonymous(request), data, status="applied", source="application"
    )
    return PartnerApplication.model_validate(partner)


@router.post(
    "/invitations/accept",
    operation_id="invitations_accept",
    summary="Accept an invitation",
    status_code=201,
    response_model=UserOut,
    responses=errors(400, 409, 413, 415, 422),
    openapi_extra={"security": []},
)
async def accept_invitation(body: InvitationAccept, request: Request, session: Session) -> object:
    """Accept an invitation with its one-time token and choose a password. No token needed.

    Creates the partner user; sign in afterwards with the password grant. A used, revoked,
    expired or unknown token → 400 `invalid_invitation`.
    """
    return await members.accept_invitation(
        session, _anonymous(request), token=body.token, password=body.password, name=body.name
    )
