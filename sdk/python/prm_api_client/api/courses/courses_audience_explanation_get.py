from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audience_explanation import AudienceExplanation
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    course_id: UUID,
    *,
    partner_id: UUID,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_partner_id = str(partner_id)
    params["partner_id"] = json_partner_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/courses/{course_id}/audience/explain".format(
            course_id=quote(str(course_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AudienceExplanation | Problem | None:
    if response.status_code == 200:
        response_200 = AudienceExplanation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AudienceExplanation | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    partner_id: UUID,
) -> Response[AudienceExplanation | Problem]:
    """Explain a course's audience for a partner

     Whether the course's audience admits the partner and which rule decides (vendor
    roles; 403 `vendor_only` for partner tokens).

    Args:
        course_id (UUID):
        partner_id (UUID): The partner to check.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudienceExplanation | Problem]
    """

    kwargs = _get_kwargs(
        course_id=course_id,
        partner_id=partner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    partner_id: UUID,
) -> AudienceExplanation | Problem | None:
    """Explain a course's audience for a partner

     Whether the course's audience admits the partner and which rule decides (vendor
    roles; 403 `vendor_only` for partner tokens).

    Args:
        course_id (UUID):
        partner_id (UUID): The partner to check.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudienceExplanation | Problem
    """

    return sync_detailed(
        course_id=course_id,
        client=client,
        partner_id=partner_id,
    ).parsed


async def asyncio_detailed(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    partner_id: UUID,
) -> Response[AudienceExplanation | Problem]:
    """Explain a course's audience for a partner

     Whether the course's audience admits the partner and which rule decides (vendor
    roles; 403 `vendor_only` for partner tokens).

    Args:
        course_id (UUID):
        partner_id (UUID): The partner to check.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AudienceExplanation | Problem]
    """

    kwargs = _get_kwargs(
        course_id=course_id,
        partner_id=partner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    partner_id: UUID,
) -> AudienceExplanation | Problem | None:
    """Explain a course's audience for a partner

     Whether the course's audience admits the partner and which rule decides (vendor
    roles; 403 `vendor_only` for partner tokens).

    Args:
        course_id (UUID):
        partner_id (UUID): The partner to check.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AudienceExplanation | Problem
    """

    return (
        await asyncio_detailed(
            course_id=course_id,
            client=client,
            partner_id=partner_id,
        )
    ).parsed
