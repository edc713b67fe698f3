from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_verification import AuditVerification
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit-events/verify",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditVerification | Problem | None:
    if response.status_code == 200:
        response_200 = AuditVerification.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[AuditVerification | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AuditVerification | Problem]:
    """Verify the audit chain

     Recompute the hash chain from the first row, and check it against the newest stored
    checkpoint (its signature, and that the row at its `seq` still has its hash). `ok: false`
    names the first row that was altered, removed or reordered, or the checkpoint's `seq`
    when the chain was cut or rewritten up to it; `reason` says which.

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditVerification | Problem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AuditVerification | Problem | None:
    """Verify the audit chain

     Recompute the hash chain from the first row, and check it against the newest stored
    checkpoint (its signature, and that the row at its `seq` still has its hash). `ok: false`
    names the first row that was altered, removed or reordered, or the checkpoint's `seq`
    when the chain was cut or rewritten up to it; `reason` says which.

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditVerification | Problem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AuditVerification | Problem]:
    """Verify the audit chain

     Recompute the hash chain from the first row, and check it against the newest stored
    checkpoint (its signature, and that the row at its `seq` still has its hash). `ok: false`
    names the first row that was altered, removed or reordered, or the checkpoint's `seq`
    when the chain was cut or rewritten up to it; `reason` says which.

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditVerification | Problem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AuditVerification | Problem | None:
    """Verify the audit chain

     Recompute the hash chain from the first row, and check it against the newest stored
    checkpoint (its signature, and that the row at its `seq` still has its hash). `ok: false`
    names the first row that was altered, removed or reordered, or the checkpoint's `seq`
    when the chain was cut or rewritten up to it; `reason` says which.

    **What it proves.** The links prove no row was altered, removed or reordered between rows
    still present. A checkpoint (a signed `seq` and `hash`, see `/v1/audit-events/checkpoints`)
    also proves that nothing up to its `seq` was cut from the end or rewritten with every
    later hash recomputed: the row at its `seq` is gone, or has another hash.

    **What it cannot prove.** Anything after the newest checkpoint the verifier holds: rows
    added since can still be cut without trace. A stored checkpoint is only as safe as the
    database holding it (whoever deletes rows can delete checkpoints too), so keep the
    `audit.checkpoint_created` events outside it (a webhook receiver, a SIEM) and verify
    with those. Someone holding both the database and the signing key can sign checkpoints
    of a forged chain; only a checkpoint kept elsewhere before the forgery exposes it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditVerification | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
