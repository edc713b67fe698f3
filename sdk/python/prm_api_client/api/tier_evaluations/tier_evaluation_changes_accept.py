from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_decision import ChangeDecision
from ...models.problem import Problem
from ...models.tier_evaluation_change import TierEvaluationChange
from ...types import UNSET, Response, Unset


def _get_kwargs(
    evaluation_id: UUID,
    change_id: UUID,
    *,
    body: ChangeDecision | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tier-evaluations/{evaluation_id}/changes/{change_id}/accept".format(
            evaluation_id=quote(str(evaluation_id), safe=""),
            change_id=quote(str(change_id), safe=""),
        ),
    }

    if isinstance(body, ChangeDecision):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TierEvaluationChange | None:
    if response.status_code == 200:
        response_200 = TierEvaluationChange.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | TierEvaluationChange]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    evaluation_id: UUID,
    change_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeDecision | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationChange]:
    """Accept a tier change

     Apply a `proposed` change (or a downgrade in its grace period) now: the partner
    moves (`partner.tier_changed`, carrying the evaluation and the criteria values in
    `tier_change`) and the change becomes `accepted`. A decided change cannot be decided
    again: 409 `invalid_transition`. 409 `tier_change_stale` when the partner's tier moved
    since the evaluation or the target tier was deleted (reject it then).

    Args:
        evaluation_id (UUID):
        change_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ChangeDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationChange]
    """

    kwargs = _get_kwargs(
        evaluation_id=evaluation_id,
        change_id=change_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    evaluation_id: UUID,
    change_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeDecision | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Problem | TierEvaluationChange | None:
    """Accept a tier change

     Apply a `proposed` change (or a downgrade in its grace period) now: the partner
    moves (`partner.tier_changed`, carrying the evaluation and the criteria values in
    `tier_change`) and the change becomes `accepted`. A decided change cannot be decided
    again: 409 `invalid_transition`. 409 `tier_change_stale` when the partner's tier moved
    since the evaluation or the target tier was deleted (reject it then).

    Args:
        evaluation_id (UUID):
        change_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ChangeDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationChange
    """

    return sync_detailed(
        evaluation_id=evaluation_id,
        change_id=change_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    evaluation_id: UUID,
    change_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeDecision | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationChange]:
    """Accept a tier change

     Apply a `proposed` change (or a downgrade in its grace period) now: the partner
    moves (`partner.tier_changed`, carrying the evaluation and the criteria values in
    `tier_change`) and the change becomes `accepted`. A decided change cannot be decided
    again: 409 `invalid_transition`. 409 `tier_change_stale` when the partner's tier moved
    since the evaluation or the target tier was deleted (reject it then).

    Args:
        evaluation_id (UUID):
        change_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ChangeDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationChange]
    """

    kwargs = _get_kwargs(
        evaluation_id=evaluation_id,
        change_id=change_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    evaluation_id: UUID,
    change_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ChangeDecision | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Problem | TierEvaluationChange | None:
    """Accept a tier change

     Apply a `proposed` change (or a downgrade in its grace period) now: the partner
    moves (`partner.tier_changed`, carrying the evaluation and the criteria values in
    `tier_change`) and the change becomes `accepted`. A decided change cannot be decided
    again: 409 `invalid_transition`. 409 `tier_change_stale` when the partner's tier moved
    since the evaluation or the target tier was deleted (reject it then).

    Args:
        evaluation_id (UUID):
        change_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (ChangeDecision | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationChange
    """

    return (
        await asyncio_detailed(
            evaluation_id=evaluation_id,
            change_id=change_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
