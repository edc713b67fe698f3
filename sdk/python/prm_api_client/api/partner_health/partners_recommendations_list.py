from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recommendation_list import RecommendationList
from ...types import Response


def _get_kwargs(
    partner_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/recommendations".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RecommendationList | None:
    if response.status_code == 200:
        response_200 = RecommendationList.from_dict(response.json())

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
) -> Response[Problem | RecommendationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RecommendationList]:
    """List a partner's recommended next actions

     Next best actions for the partner, most urgent first, each with a `reason` sentence,
    the `figures` behind it and the `target` to act on (id and API path):

    - `earn_certification` — the next tier needs more certified users: the certification
      programs whose courses the partner can take (the courses in `related`);
    - `extend_deal_protection` — approved deals whose protection ends within 14 days;
    - `renew_certification` — certifications of the partner's users expiring within 60
      days (a partner user sees its own only);
    - `take_course`, `use_asset` — what the partners of the same tier and type that win more
      deals used most in the last 90 days and this partner has not (only content the
      partner can see; other partners are never named).

    Deterministic: the same records give the same list. Priorities: `high`, `medium`,
    `low`. Complete in one page (`has_more` is always false). A partner token reads its own
    partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecommendationList]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | RecommendationList | None:
    """List a partner's recommended next actions

     Next best actions for the partner, most urgent first, each with a `reason` sentence,
    the `figures` behind it and the `target` to act on (id and API path):

    - `earn_certification` — the next tier needs more certified users: the certification
      programs whose courses the partner can take (the courses in `related`);
    - `extend_deal_protection` — approved deals whose protection ends within 14 days;
    - `renew_certification` — certifications of the partner's users expiring within 60
      days (a partner user sees its own only);
    - `take_course`, `use_asset` — what the partners of the same tier and type that win more
      deals used most in the last 90 days and this partner has not (only content the
      partner can see; other partners are never named).

    Deterministic: the same records give the same list. Priorities: `high`, `medium`,
    `low`. Complete in one page (`has_more` is always false). A partner token reads its own
    partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecommendationList
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RecommendationList]:
    """List a partner's recommended next actions

     Next best actions for the partner, most urgent first, each with a `reason` sentence,
    the `figures` behind it and the `target` to act on (id and API path):

    - `earn_certification` — the next tier needs more certified users: the certification
      programs whose courses the partner can take (the courses in `related`);
    - `extend_deal_protection` — approved deals whose protection ends within 14 days;
    - `renew_certification` — certifications of the partner's users expiring within 60
      days (a partner user sees its own only);
    - `take_course`, `use_asset` — what the partners of the same tier and type that win more
      deals used most in the last 90 days and this partner has not (only content the
      partner can see; other partners are never named).

    Deterministic: the same records give the same list. Priorities: `high`, `medium`,
    `low`. Complete in one page (`has_more` is always false). A partner token reads its own
    partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecommendationList]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | RecommendationList | None:
    """List a partner's recommended next actions

     Next best actions for the partner, most urgent first, each with a `reason` sentence,
    the `figures` behind it and the `target` to act on (id and API path):

    - `earn_certification` — the next tier needs more certified users: the certification
      programs whose courses the partner can take (the courses in `related`);
    - `extend_deal_protection` — approved deals whose protection ends within 14 days;
    - `renew_certification` — certifications of the partner's users expiring within 60
      days (a partner user sees its own only);
    - `take_course`, `use_asset` — what the partners of the same tier and type that win more
      deals used most in the last 90 days and this partner has not (only content the
      partner can see; other partners are never named).

    Deterministic: the same records give the same list. Priorities: `high`, `medium`,
    `low`. Complete in one page (`has_more` is always false). A partner token reads its own
    partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecommendationList
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
        )
    ).parsed
