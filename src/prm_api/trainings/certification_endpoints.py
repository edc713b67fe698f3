"""`/v1/certification-programs` and `/v1/certifications`: programs, certifications, their
Open Badges 3.0 credentials, and the public verification."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from prm_api.auth.policy import TrainingsRead, TrainingsWrite
from prm_api.db import Session
from prm_api.kit.etag import IfMatch
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body, render
from prm_api.trainings import certification_programs, certifications, credentials
from prm_api.trainings.certification_schemas import (
    CERTIFICATION,
    PROGRAM,
    Certification,
    CertificationCredential,
    CertificationFilters,
    CertificationList,
    CertificationProgram,
    CertificationProgramCreate,
    CertificationProgramList,
    CertificationProgramStatus,
    CertificationProgramUpdate,
    CertificationRevoke,
    CertificationStatus,
    CertificationVerification,
)

router = APIRouter()


# --- programs --------------------------------------------------------------------------------


@router.get(
    "/v1/certification-programs",
    tags=["certification-programs"],
    operation_id="certification_programs_list",
    summary="List certification programs",
    response_model=CertificationProgramList,
    responses=errors(400, 401, 403, 422),
)
async def list_programs(
    request: Request,
    session: Session,
    principal: TrainingsRead,
    page: PageQuery,
    status: Annotated[
        list[CertificationProgramStatus] | None,
        Query(description="Vendor roles only; partner tokens see active programs only."),
    ] = None,
    sort: Annotated[str | None, sort_query(certification_programs.SORTS)] = None,
) -> Response:
    """Certification programs, newest first. Partner tokens see every active program (the
    catalog is the same for all partners; the courses keep their own audience rules)."""
    result = await certification_programs.list_programs(
        session,
        principal,
        status=[s.value for s in status] if status else None,
        sort=sort,
        page=page,
    )
    return page_body(request, result, PROGRAM)


@router.post(
    "/v1/certification-programs",
    tags=["certification-programs"],
    operation_id="certification_programs_create",
    summary="Create a certification program",
    status_code=201,
    response_model=CertificationProgram,
    responses=errors(400, 401, 403, 422),
)
async def create_program(
    body: CertificationProgramCreate, session: Session, principal: TrainingsWrite
) -> Response:
    """A program certifies the users who complete every course in `course_ids` (vendor
    roles). An unknown course is a 422 `not_found` naming it."""
    program = await certification_programs.create_program(session, principal, body.model_dump())
    response = render(PROGRAM, program, etag=program.version, status_code=201)
    response.headers["Location"] = f"/v1/certification-programs/{program.id}"
    return response


@router.get(
    "/v1/certification-programs/{program_id}",
    tags=["certification-programs"],
    operation_id="certification_programs_get",
    summary="Get a certification program",
    response_model=CertificationProgram,
    responses=errors(401, 403, 404),
)
async def get_program(
    program_id: uuid.UUID, session: Session, principal: TrainingsRead
) -> Response:
    """One program (an archived one is a 404 for partner tokens)."""
    program = await certification_programs.get_program(session, principal, program_id)
    return render(PROGRAM, program, etag=program.version)


@router.patch(
    "/v1/certification-programs/{program_id}",
    tags=["certification-programs"],
    operation_id="certification_programs_update",
    summary="Update a certification program",
    response_model=CertificationProgram,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_program(
    program_id: uuid.UUID,
    body: CertificationProgramUpdate,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Edit a program (vendor roles). The rules apply to what is issued or renewed from now
    on; `status: archived` stops new certifications (issued ones live on)."""
    program = await certification_programs.update_program(
        session, principal, program_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    return render(PROGRAM, program, etag=program.version)


# --- certifications --------------------------------------------------------------------------


@router.get(
    "/v1/certifications",
    tags=["certifications"],
    operation_id="certifications_list",
    summary="List certifications",
    response_model=CertificationList,
    responses=errors(400, 401, 403, 422),
)
async def list_certifications(
    request: Request,
    session: Session,
    principal: TrainingsRead,
    page: PageQuery,
    program_id: Annotated[uuid.UUID | None, Query()] = None,
    user_id: Annotated[uuid.UUID | None, Query()] = None,
    partner_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[
        list[CertificationStatus] | None, Query(description="Repeat for several.")
    ] = None,
    sort: Annotated[str | None, sort_query(certifications.SORTS)] = None,
) -> Response:
    """Certifications, newest first: a partner user's own, a partner admin's partner's,
    every one for vendor staff."""
    filters = CertificationFilters(
        program_id=program_id,
        user_id=user_id,
        partner_id=partner_id,
        status=[s.value for s in status] if status else None,
    )
    result = await certifications.list_certifications(
        session, principal, filters, sort=sort, page=page
    )
    return page_body(request, result, CERTIFICATION)


@router.get(
    "/v1/certifications/verify/{code}",
    tags=["certifications"],
    operation_id="certification_verifications_get",
    summary="Verify a certification (public)",
    response_model=CertificationVerification,
    responses=errors(404, 422),
    openapi_extra={"security": []},
)
async def verify_certification(
    code: Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    session: Session,
) -> Response:
    """No token: anyone holding a certification's verification code learns whether it is
    `valid`, `expired` or `revoked` (at once: nothing is cached), the holder's name, the
    certification's name and its dates — nothing else about the holder or their partner.
    An unknown code is a 404. Limited per client address like the other public operations."""
    shown = await certifications.verify(session, code)
    response = render_verification(shown)
    response.headers["Cache-Control"] = "no-store"
    return response


def render_verification(shown: dict[str, object]) -> Response:
    body = CertificationVerification.model_validate(shown).model_dump_json()
    return Response(body, media_type="application/json")


@router.get(
    "/v1/certifications/{certification_id}",
    tags=["certifications"],
    operation_id="certifications_get",
    summary="Get a certification",
    response_model=Certification,
    responses=errors(401, 403, 404),
)
async def get_certification(
    certification_id: uuid.UUID, session: Session, principal: TrainingsRead
) -> Response:
    """One certification (another partner's, or for a partner user a colleague's, is a 404)."""
    certification = await certifications.get_certification(session, principal, certification_id)
    return render(CERTIFICATION, certification, etag=certification.version)


@router.get(
    "/v1/certifications/{certification_id}/credential",
    tags=["certifications"],
    operation_id="certifications_credential_get",
    summary="Download the certification's verifiable credential",
    response_model=CertificationCredential,
    responses={
        200: {
            "description": "The Open Badges 3.0 credential as a VC-JWT (`application/vc+jwt`), "
            "or with `Accept: application/json` the JWT beside the credential it signs.",
            "content": {credentials.MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
        **errors(401, 403, 404),
    },
)
async def get_credential(
    certification_id: uuid.UUID, request: Request, session: Session, principal: TrainingsRead
) -> Response:
    """The certification as an **Open Badges 3.0** credential (W3C Verifiable Credentials
    2.0), signed as a VC-JWT (`typ: vc+jwt`) with the key whose `kid` the JWKS at
    `/.well-known/jwks.json` publishes: verify it with that document alone. A revoked or
    expired certification's credential is still served; its `credentialStatus` points at the
    public verification, which says so."""
    issued = await credentials.credential(
        session,
        principal,
        certification_id,
        request.app.state.key_ring,
        request.app.state.settings.issuer,
    )
    if "application/json" in request.headers.get("accept", "") and credentials.MEDIA_TYPE not in (
        request.headers.get("accept", "")
    ):
        body = CertificationCredential.model_validate(issued).model_dump_json(by_alias=True)
        return Response(body, media_type="application/json")
    return Response(issued["jwt"], media_type=credentials.MEDIA_TYPE)


@router.post(
    "/v1/certifications/{certification_id}/revoke",
    tags=["certifications"],
    operation_id="certifications_revoke",
    summary="Revoke a certification",
    response_model=Certification,
    responses=errors(400, 401, 403, 404, 409, 412, 422),
)
async def revoke_certification(
    certification_id: uuid.UUID,
    body: CertificationRevoke,
    session: Session,
    principal: TrainingsWrite,
    if_match: IfMatch,
) -> Response:
    """Revoke (vendor roles; a `reason` is required): the public verification says `revoked`
    at once and `certification.revoked` is emitted. Revoking twice is a 409."""
    certification = await certifications.revoke(
        session, principal, certification_id, body.reason, if_match=if_match
    )
    return render(CERTIFICATION, certification, etag=certification.version)
