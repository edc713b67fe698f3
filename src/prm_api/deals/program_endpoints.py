"""`/v1/deal-rules` (auto-approval rules) and `/v1/program/settings` (vendor staff)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select

from prm_api.auth.policy import authorize
from prm_api.auth.principal import Principal
from prm_api.db import Session
from prm_api.deals import rules
from prm_api.deals.schemas import (
    DealRuleCreate,
    DealRuleOut,
    DealRuleUpdate,
    ProgramSettingsOut,
    ProgramSettingsUpdate,
    rule_out,
)
from prm_api.deals.settings import get_settings, update_settings
from prm_api.kit.etag import parse_if_match, set_etag
from prm_api.kit.openapi import errors
from prm_api.kit.pagination import PageParams, page_body, page_params, paginate, parse_sort
from prm_api.kit.schemas import Page
from prm_api.models import DealRule
from prm_api.partners.access import require_vendor

router = APIRouter(prefix="/v1", tags=["deal-rules"])
IfMatch = Annotated[str | None, Depends(parse_if_match)]
SORTS = {"position": DealRule.position}


@router.get(
    "/deal-rules",
    operation_id="deal_rules_list",
    response_model=Page[DealRuleOut],
    responses=errors(400, 401, 403, 422),
)
async def list_rules(
    request: Request,
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
    page: Annotated[PageParams, Depends(page_params)],
) -> dict:
    """The auto-approval rules in the order they are tried."""
    require_vendor(principal, "read deal rules")
    result = await paginate(
        session,
        select(DealRule),
        sort=parse_sort(None, ["position"], "position"),
        columns=SORTS,
        id_column=DealRule.id,
        params=page,
    )
    return page_body(request, response, result, rule_out)


@router.post(
    "/deal-rules",
    operation_id="deal_rules_create",
    status_code=201,
    response_model=DealRuleOut,
    responses=errors(400, 401, 403, 422),
)
async def create_rule(
    body: DealRuleCreate,
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
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
    response_model=DealRuleOut,
    responses=errors(401, 403, 404),
)
async def get_rule(
    rule_id: uuid.UUID,
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
) -> DealRuleOut:
    """Fetch one rule."""
    require_vendor(principal, "read deal rules")
    rule = await rules.get_rule(session, rule_id)
    set_etag(response, rule.version)
    return rule_out(rule)


@router.patch(
    "/deal-rules/{rule_id}",
    operation_id="deal_rules_update",
    response_model=DealRuleOut,
    responses=errors(400, 401, 403, 404, 412, 422),
)
async def update_rule(
    rule_id: uuid.UUID,
    body: DealRuleUpdate,
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
    if_match: IfMatch,
) -> DealRuleOut:
    """Change a rule's conditions, position or enabled flag."""
    require_vendor(principal, "manage deal rules")
    rule = await rules.get_rule(session, rule_id, for_update=True)
    rule = await rules.update_rule(
        session, principal, rule, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, rule.version)
    return rule_out(rule)


@router.delete(
    "/deal-rules/{rule_id}",
    operation_id="deal_rules_delete",
    status_code=204,
    responses=errors(401, 403, 404, 412),
)
async def delete_rule(
    rule_id: uuid.UUID,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
    if_match: IfMatch,
) -> Response:
    """Delete a rule. Decisions it already made keep `rule:<id>` as their author."""
    require_vendor(principal, "manage deal rules")
    rule = await rules.get_rule(session, rule_id, for_update=True)
    await rules.delete_rule(session, principal, rule, if_match=if_match)
    return Response(status_code=204)


@router.get(
    "/program/settings",
    operation_id="program_settings_get",
    response_model=ProgramSettingsOut,
    responses=errors(401, 403),
)
async def get_program_settings(
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
) -> ProgramSettingsOut:
    """Deal-registration settings: protection period, extensions, conflict threshold."""
    require_vendor(principal, "read program settings")
    row = await get_settings(session)
    set_etag(response, row.version)
    return ProgramSettingsOut.model_validate(row)


@router.patch(
    "/program/settings",
    operation_id="program_settings_update",
    response_model=ProgramSettingsOut,
    responses=errors(400, 401, 403, 412, 422),
)
async def update_program_settings(
    body: ProgramSettingsUpdate,
    response: Response,
    session: Session,
    principal: Annotated[Principal, authorize("deals:approve")],
    if_match: IfMatch,
) -> ProgramSettingsOut:
    """Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date."""
    row = await update_settings(
        session, principal, body.model_dump(exclude_unset=True), if_match=if_match
    )
    set_etag(response, row.version)
    return ProgramSettingsOut.model_validate(row)
