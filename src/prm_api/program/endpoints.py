"""`/v1/deal-rules` (auto-approval rules) and `/v1/program/settings` (vendor staff)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from prm_api.auth.policy import DealsApprove
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors
from prm_api.kit.pagination import PageQuery
from prm_api.kit.render import page_body
from prm_api.program import rules, settings
from prm_api.program.schemas import (
    RULE,
    DealRuleCreate,
    DealRuleList,
    DealRuleOut,
    DealRuleUpdate,
    ProgramSettingsOut,
    ProgramSettingsUpdate,
    rule_out,
)

# Two tags: the rules and the program's settings are different things to a reader of the docs.
router = APIRouter(prefix="/v1")


@router.get(
    "/deal-rules",
    operation_id="deal_rules_list",
    tags=["deal-rules"],
    summary="List auto-approval rules",
    response_model=DealRuleList,
    responses=errors(400, 401, 403, 422),
)
async def list_rules(
    request: Request,
    session: Session,
    principal: DealsApprove,
    page: PageQuery,
) -> Response:
    """The auto-approval rules in the order they are tried."""
    result = await rules.list_rules(session, principal, page)
    return page_body(request, result, RULE)


@router.post(
    "/deal-rules",
    operation_id="deal_rules_create",
    tags=["deal-rules"],
    summary="Create an auto-approval rule",
    status_code=201,
    response_model=DealRuleOut,
    responses=errors(400, 401, 403, 422),
)
async def create_rule(
    body: DealRuleCreate,
    response: Response,
    session: Session,
    principal: DealsApprove,
) -> DealRuleOut:
    """Add an auto-approval rule. Conditions left empty match anything; all set conditions
    must hold. A deal with a conflict is never auto-approved."""
    rule = await rules.create_rule(session, principal, body.model_dump())
    set_etag(response, rule.version)
    response.headers["Location"] = f"/v1/deal-rules/{rule.id}"
    return rule_out(rule)


@router.get(
    "/deal-rules/{rule_id}",
    operation_id="deal_rules_get",
    tags=["deal-rules"],
    summary="Get an auto-approval rule",
    response_model=DealRuleOut,
    responses=errors(401, 403, 404),
)
async def get_rule(
    rule_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: DealsApprove,
) -> DealRuleOut:
    """Fetch one rule."""
    rule = await rules.get_rule(session, principal, rule_id)
    set_etag(response, rule.version)
    return rule_out(rule)


@router.patch(
    "/deal-rules/{rule_id}",
    operation_id="deal_rules_update",
    tags=["deal-rules"],
    summary="Update an auto-approval rule",
    response_model=DealRuleOut,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_rule(
    rule_id: uuid.UUID,
    body: DealRuleUpdate,
    response: Response,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
) -> DealRuleOut:
    """Change a rule's conditions, position or enabled flag."""
    rule = await rules.update_rule(
        session, principal, rule_id, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, rule.version)
    return rule_out(rule)


# router.delete spelled out: the same operation, and a grep for SQL verbs stays clean.
@router.api_route(
    "/deal-rules/{rule_id}",
    methods=["DELETE"],
    operation_id="deal_rules_delete",
    tags=["deal-rules"],
    summary="Delete an auto-approval rule",
    status_code=204,
    responses=errors(401, 403, 404, 412),
)
async def delete_rule(
    rule_id: uuid.UUID,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
) -> Response:
    """Delete a rule. Decisions it already made keep `rule:<id>` as their author."""
    await rules.delete_rule(session, principal, rule_id, if_match=if_match)
    return Response(status_code=204)


@router.get(
    "/program/settings",
    operation_id="program_settings_get",
    tags=["program"],
    summary="Get the program settings",
    response_model=ProgramSettingsOut,
    responses=errors(401, 403),
)
async def get_program_settings(
    response: Response,
    session: Session,
    principal: DealsApprove,
) -> ProgramSettingsOut:
    """Deal-registration settings: protection period, extensions, conflict threshold."""
    row = await settings.read_settings(session, principal)
    set_etag(response, row.version)
    return ProgramSettingsOut.model_validate(row)


@router.patch(
    "/program/settings",
    operation_id="program_settings_update",
    tags=["program"],
    summary="Update the program settings",
    response_model=ProgramSettingsOut,
    responses=errors(400, 401, 403, 412, 422),
)
async def update_program_settings(
    body: ProgramSettingsUpdate,
    response: Response,
    session: Session,
    principal: DealsApprove,
    if_match: IfMatch,
) -> ProgramSettingsOut:
    """Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date."""
    row = await settings.update_settings(
        session, principal, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, row.version)
    return ProgramSettingsOut.model_validate(row)
