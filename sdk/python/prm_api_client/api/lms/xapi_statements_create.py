from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.xapi_statement import XapiStatement
from ...types import Response


def _get_kwargs(
    *,
    body: list[XapiStatement] | XapiStatement,
    x_experience_api_version: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Experience-API-Version"] = x_experience_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/xapi/statements",
    }

    if isinstance(body, XapiStatement):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = []
        for body_type_1_item_data in body:
            body_type_1_item = body_type_1_item_data.to_dict()
            _kwargs["json"].append(body_type_1_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | list[UUID] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = UUID(response_200_item_data)

            response_200.append(response_200_item)

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[UUID]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[XapiStatement] | XapiStatement,
    x_experience_api_version: str,
) -> Response[Problem | list[UUID]]:
    """Store xAPI statements

     A subset of an xAPI 1.0.3 Learning Record Store: the statements an LMS sends when a
    learner finishes a course. Verbs `http://adlnet.gov/expapi/verbs/completed`, `passed`,
    `failed` (`completed` with `result.success: false` is a failure; other verbs are a 422);
    the actor by `mbox`
    (`mailto:` a partner user's email) or `account` (`homePage` this service's URL, `name` a
    user id or email); the object is the course's activity IRI,
    `{service URL}/v1/courses/{course_id}`, or the IRI stored in the course's
    `external_ids.xapi`; `result.score` becomes a percent; `timestamp` the completion time.
    Each statement completes (or fails) the user's enrollment as
    `POST /v1/enrollments/external-completions` does. The statement `id` makes it
    idempotent: sent again it records nothing (200 with the ids); the same id with another
    statement is a 409. Refused with a problem, and nothing stored from the batch: a missing
    or non-1.0.x `X-Experience-API-Version` (400 `xapi_version_unsupported`), a malformed
    statement or another verb (422 `validation_error`), an actor who is no partner user (422
    `unknown_actor`), an object no course has (422 `unknown_activity`). Properties this subset
    does not read (context, attachments, extensions…) are accepted and ignored. No GET,
    voiding, state or documents resources.

    Args:
        x_experience_api_version (str):
        body (list[XapiStatement] | XapiStatement): One statement, or an array of up to 100 (all
            or nothing).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[UUID]]
    """

    kwargs = _get_kwargs(
        body=body,
        x_experience_api_version=x_experience_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: list[XapiStatement] | XapiStatement,
    x_experience_api_version: str,
) -> Problem | list[UUID] | None:
    """Store xAPI statements

     A subset of an xAPI 1.0.3 Learning Record Store: the statements an LMS sends when a
    learner finishes a course. Verbs `http://adlnet.gov/expapi/verbs/completed`, `passed`,
    `failed` (`completed` with `result.success: false` is a failure; other verbs are a 422);
    the actor by `mbox`
    (`mailto:` a partner user's email) or `account` (`homePage` this service's URL, `name` a
    user id or email); the object is the course's activity IRI,
    `{service URL}/v1/courses/{course_id}`, or the IRI stored in the course's
    `external_ids.xapi`; `result.score` becomes a percent; `timestamp` the completion time.
    Each statement completes (or fails) the user's enrollment as
    `POST /v1/enrollments/external-completions` does. The statement `id` makes it
    idempotent: sent again it records nothing (200 with the ids); the same id with another
    statement is a 409. Refused with a problem, and nothing stored from the batch: a missing
    or non-1.0.x `X-Experience-API-Version` (400 `xapi_version_unsupported`), a malformed
    statement or another verb (422 `validation_error`), an actor who is no partner user (422
    `unknown_actor`), an object no course has (422 `unknown_activity`). Properties this subset
    does not read (context, attachments, extensions…) are accepted and ignored. No GET,
    voiding, state or documents resources.

    Args:
        x_experience_api_version (str):
        body (list[XapiStatement] | XapiStatement): One statement, or an array of up to 100 (all
            or nothing).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[UUID]
    """

    return sync_detailed(
        client=client,
        body=body,
        x_experience_api_version=x_experience_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[XapiStatement] | XapiStatement,
    x_experience_api_version: str,
) -> Response[Problem | list[UUID]]:
    """Store xAPI statements

     A subset of an xAPI 1.0.3 Learning Record Store: the statements an LMS sends when a
    learner finishes a course. Verbs `http://adlnet.gov/expapi/verbs/completed`, `passed`,
    `failed` (`completed` with `result.success: false` is a failure; other verbs are a 422);
    the actor by `mbox`
    (`mailto:` a partner user's email) or `account` (`homePage` this service's URL, `name` a
    user id or email); the object is the course's activity IRI,
    `{service URL}/v1/courses/{course_id}`, or the IRI stored in the course's
    `external_ids.xapi`; `result.score` becomes a percent; `timestamp` the completion time.
    Each statement completes (or fails) the user's enrollment as
    `POST /v1/enrollments/external-completions` does. The statement `id` makes it
    idempotent: sent again it records nothing (200 with the ids); the same id with another
    statement is a 409. Refused with a problem, and nothing stored from the batch: a missing
    or non-1.0.x `X-Experience-API-Version` (400 `xapi_version_unsupported`), a malformed
    statement or another verb (422 `validation_error`), an actor who is no partner user (422
    `unknown_actor`), an object no course has (422 `unknown_activity`). Properties this subset
    does not read (context, attachments, extensions…) are accepted and ignored. No GET,
    voiding, state or documents resources.

    Args:
        x_experience_api_version (str):
        body (list[XapiStatement] | XapiStatement): One statement, or an array of up to 100 (all
            or nothing).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[UUID]]
    """

    kwargs = _get_kwargs(
        body=body,
        x_experience_api_version=x_experience_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[XapiStatement] | XapiStatement,
    x_experience_api_version: str,
) -> Problem | list[UUID] | None:
    """Store xAPI statements

     A subset of an xAPI 1.0.3 Learning Record Store: the statements an LMS sends when a
    learner finishes a course. Verbs `http://adlnet.gov/expapi/verbs/completed`, `passed`,
    `failed` (`completed` with `result.success: false` is a failure; other verbs are a 422);
    the actor by `mbox`
    (`mailto:` a partner user's email) or `account` (`homePage` this service's URL, `name` a
    user id or email); the object is the course's activity IRI,
    `{service URL}/v1/courses/{course_id}`, or the IRI stored in the course's
    `external_ids.xapi`; `result.score` becomes a percent; `timestamp` the completion time.
    Each statement completes (or fails) the user's enrollment as
    `POST /v1/enrollments/external-completions` does. The statement `id` makes it
    idempotent: sent again it records nothing (200 with the ids); the same id with another
    statement is a 409. Refused with a problem, and nothing stored from the batch: a missing
    or non-1.0.x `X-Experience-API-Version` (400 `xapi_version_unsupported`), a malformed
    statement or another verb (422 `validation_error`), an actor who is no partner user (422
    `unknown_actor`), an object no course has (422 `unknown_activity`). Properties this subset
    does not read (context, attachments, extensions…) are accepted and ignored. No GET,
    voiding, state or documents resources.

    Args:
        x_experience_api_version (str):
        body (list[XapiStatement] | XapiStatement): One statement, or an array of up to 100 (all
            or nothing).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[UUID]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_experience_api_version=x_experience_api_version,
        )
    ).parsed
