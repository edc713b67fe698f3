"""API clients (`/v1/api-clients`): machine credentials for integrations. Admin only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from prm_api.auth.policy import UsersRead, UsersWrite
from prm_api.clients import service
from prm_api.clients.schemas import (
    API_CLIENT,
    ApiClientCreate,
    ApiClientList,
    ApiClientOut,
    ApiClientWithSecret,
)
from prm_api.db import Session
from prm_api.kit.etag import IfMatch, set_etag
from prm_api.kit.openapi import errors, sort_query
from prm_api.kit.pagination import PageQuery, SortKeys, paginate
from prm_api.kit.render import page_body, render
from prm_api.models import ApiClient
from prm_api.users.schemas import VendorRole

router = APIRouter(prefix="/v1/api-clients", tags=["api-clients"])
SORTS = SortKeys(
    {"created_at": ApiClient.created_at, "name": ApiClient.name}, "-created_at", ApiClient.id
)
# Managing credentials is an admin matter: channel managers lack users:write, and partner
# tokens (whose users:* scopes cover their own partner's users) are refused by the service.


def _with_secret(client: ApiClient, secret: str, response: Response) -> ApiClientWithSecret:
    """The client and its new secret: the only responses that ever carry it."""
    set_etag(response, client.version)
    return ApiClientWithSecret.model_validate(
        {**ApiClientOut.model_validate(client).model_dump(), "client_secret": secret}
    )


@router.get(
    "",
    operation_id="api_clients_list",
    summary="List API clients",
    response_model=ApiClientList,
    responses=errors(400, 401, 403),
)
async def list_clients(
    request: Request,
    session: Session,
    principal: UsersRead,
    page: PageQuery,
    active: Annotated[bool | None, Query()] = None,
    role: Annotated[VendorRole | None, Query()] = None,
    sort: Annotated[str | None, sort_query(SORTS)] = None,
) -> Response:
    """List API clients. Secrets are never returned here, only their last four characters."""
    stmt = service.list_query(principal.actor, active=active, role=role)
    result = await paginate(session, stmt, SORTS, sort, page)
    return page_body(request, result, API_CLIENT)


@router.post(
    "",
    operation_id="api_clients_create",
    summary="Create an API client",
    status_code=201,
    response_model=ApiClientWithSecret,
    responses=errors(400, 401, 403, 422),
)
async def create_client(
    body: ApiClientCreate,
    response: Response,
    session: Session,
    principal: UsersWrite,
) -> ApiClientWithSecret:
    """Create an API client. The response holds `client_secret` — the only time it is shown."""
    client, secret = await service.create_client(
        session, principal.actor, name=body.name, role=body.role, scopes=body.scopes
    )
    response.headers["Location"] = f"/v1/api-clients/{client.id}"
    return _with_secret(client, secret, response)


@router.get(
    "/{client_uuid}",
    operation_id="api_clients_get",
    summary="Get an API client",
    response_model=ApiClientOut,
    responses=errors(401, 403, 404),
)
async def get_client(
    client_uuid: uuid.UUID,
    session: Session,
    principal: UsersRead,
) -> Response:
    """Fetch one API client."""
    client = await service.get_client(session, principal.actor, client_uuid)
    return render(API_CLIENT, client, etag=client.version)


@router.post(
    "/{client_uuid}/revoke",
    operation_id="api_clients_revoke",
    summary="Revoke an API client",
    response_model=ApiClientOut,
    responses=errors(401, 403, 404, 412),
)
async def revoke_client(
    client_uuid: uuid.UUID,
    response: Response,
    session: Session,
    principal: UsersWrite,
    if_match: IfMatch,
) -> ApiClient:
    """Revoke a client for good: its tokens stop working on their next request."""
    client = await service.get_client(session, principal.actor, client_uuid)
    client = await service.revoke_client(session, principal.actor, client, if_match=if_match)
    set_etag(response, client.version)
    return client


@router.post(
    "/{client_uuid}/rotate-secret",
    operation_id="api_clients_rotate_secret",
    summary="Rotate an API client's secret",
    response_model=ApiClientWithSecret,
    responses=errors(401, 403, 404, 409, 412),
)
async def rotate_secret(
    client_uuid: uuid.UUID,
    response: Response,
    session: Session,
    principal: UsersWrite,
    if_match: IfMatch,
) -> ApiClientWithSecret:
    """Issue a new secret (shown once); the old one stops working immediately."""
    client = await service.get_client(session, principal.actor, client_uuid)
    client, secret = await service.rotate_secret(
        session, principal.actor, client, if_match=if_match
    )
    return _with_secret(client, secret, response)
