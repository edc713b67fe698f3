from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.program_settings import ProgramSettings
from ...models.program_settings_update import ProgramSettingsUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ProgramSettingsUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/program/settings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProgramSettings | None:
    if response.status_code == 200:
        response_200 = ProgramSettings.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ProgramSettings]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ProgramSettingsUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ProgramSettings]:
    """Update the program settings

     Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date.

    Args:
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ProgramSettingsUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgramSettings]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ProgramSettingsUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | ProgramSettings | None:
    """Update the program settings

     Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date.

    Args:
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ProgramSettingsUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgramSettings
    """

    return sync_detailed(
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ProgramSettingsUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ProgramSettings]:
    """Update the program settings

     Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date.

    Args:
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ProgramSettingsUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgramSettings]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ProgramSettingsUpdate,
    if_match: None | str | Unset = UNSET,
) -> Problem | ProgramSettings | None:
    """Update the program settings

     Change the settings (vendor admins). They apply to decisions made from now on;
    protection already granted keeps its end date.

    Args:
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ProgramSettingsUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgramSettings
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
