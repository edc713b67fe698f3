from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner import Partner
from ...models.partner_upsert import PartnerUpsert
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    system: str,
    external_id: str,
    *,
    body: PartnerUpsert,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/partners/external/{system}/{external_id}".format(
            system=quote(str(system), safe=""),
            external_id=quote(str(external_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Partner | Problem | None:
    if response.status_code == 200:
        response_200 = Partner.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Partner.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Partner | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    system: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: PartnerUpsert,
) -> Response[Partner | Problem]:
    """Create or update a partner by external id

     Idempotent CRM sync keyed by an external id (e.g. a Salesforce account id).

    Creates the partner (201) or updates it (200). Sending the same body twice changes
    nothing the second time and writes no audit row.

    Args:
        system (str):
        external_id (str):
        body (PartnerUpsert): CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Partner | Problem]
    """

    kwargs = _get_kwargs(
        system=system,
        external_id=external_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    system: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: PartnerUpsert,
) -> Partner | Problem | None:
    """Create or update a partner by external id

     Idempotent CRM sync keyed by an external id (e.g. a Salesforce account id).

    Creates the partner (201) or updates it (200). Sending the same body twice changes
    nothing the second time and writes no audit row.

    Args:
        system (str):
        external_id (str):
        body (PartnerUpsert): CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Partner | Problem
    """

    return sync_detailed(
        system=system,
        external_id=external_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    system: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: PartnerUpsert,
) -> Response[Partner | Problem]:
    """Create or update a partner by external id

     Idempotent CRM sync keyed by an external id (e.g. a Salesforce account id).

    Creates the partner (201) or updates it (200). Sending the same body twice changes
    nothing the second time and writes no audit row.

    Args:
        system (str):
        external_id (str):
        body (PartnerUpsert): CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Partner | Problem]
    """

    kwargs = _get_kwargs(
        system=system,
        external_id=external_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    system: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: PartnerUpsert,
) -> Partner | Problem | None:
    """Create or update a partner by external id

     Idempotent CRM sync keyed by an external id (e.g. a Salesforce account id).

    Creates the partner (201) or updates it (200). Sending the same body twice changes
    nothing the second time and writes no audit row.

    Args:
        system (str):
        external_id (str):
        body (PartnerUpsert): CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Partner | Problem
    """

    return (
        await asyncio_detailed(
            system=system,
            external_id=external_id,
            client=client,
            body=body,
        )
    ).parsed
