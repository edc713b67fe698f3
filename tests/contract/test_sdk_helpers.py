"""The hand-written SDK helpers (sdk/python/prm_api_client_extras) against a real server.

Token by client credentials, every page of a list walked once (sync and async), problems raised
as ``ProblemError`` with their code and request id, ``Idempotency-Key`` replays, ``If-Match``.
The generated package is imported from sdk/python as in test_sdk_drift.py.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

SDK = Path(__file__).resolve().parents[2] / "sdk" / "python"
SDK_PACKAGES = ("prm_api_client", "prm_api_client_extras")


@pytest.fixture
def extras(monkeypatch: pytest.MonkeyPatch):
    """``prm_api_client_extras`` (and the generated package), imported from sdk/python."""
    monkeypatch.syspath_prepend(str(SDK))
    for name in [m for m in sys.modules if m.split(".")[0] in SDK_PACKAGES]:
        monkeypatch.delitem(sys.modules, name)
    import prm_api_client_extras

    assert Path(prm_api_client_extras.__file__).is_relative_to(SDK)
    return prm_api_client_extras


@pytest.fixture
async def admin_client(extras, factory, live_server) -> Any:
    """An AuthenticatedClient holding a token got with an admin API client's credentials."""
    from prm_api_client import AuthenticatedClient

    api_client, secret = await factory.api_client(role="admin")
    token = extras.client_credentials_token(live_server.url, api_client.client_id, secret)
    assert token["token_type"].lower() == "bearer"
    with AuthenticatedClient(base_url=live_server.url, token=token["access_token"]) as client:
        yield client


async def _deals(store, partner_id: uuid.UUID, n: int) -> set[str]:
    return {str((await store.deal(partner_id, customer=f"Customer {i}")).id) for i in range(n)}


async def test_iterate_walks_every_page_once(extras, admin_client, store) -> None:
    from prm_api_client.api.deals import deals_list

    partner = await store.partner()
    other = await store.partner()
    created = await _deals(store, partner.id, 8)
    await _deals(store, other.id, 2)

    seen = [
        str(deal.id)
        for deal in extras.iterate(deals_list, client=admin_client, partner_id=partner.id, limit=3)
    ]
    assert len(seen) == len(set(seen)) == 8
    assert set(seen) == created

    # 8 rows by 3: three requests, the last one saying there is no more.
    walked = list(extras.pages(deals_list, client=admin_client, partner_id=partner.id, limit=3))
    assert [len(page.data) for page in walked] == [3, 3, 2]
    assert [page.has_more for page in walked] == [True, True, False]

    # A plain ``sync`` function works too, and so does resuming from a cursor.
    rest = extras.iterate(
        deals_list.sync,
        client=admin_client,
        partner_id=partner.id,
        limit=3,
        cursor=walked[0].next_cursor,
    )
    assert [str(deal.id) for deal in rest] == seen[3:]


async def test_aiterate_walks_every_page_once(extras, live_server, auth, store) -> None:
    from prm_api_client import AuthenticatedClient
    from prm_api_client.api.partners import partners_list

    partners = {str((await store.partner()).id) for _ in range(7)}
    token = await auth.token("channel_manager")
    async with AuthenticatedClient(base_url=live_server.url, token=token) as client:
        seen = [str(p.id) async for p in extras.aiterate(partners_list, client=client, limit=3)]
        sizes = [
            len(page.data)
            async for page in extras.apages(partners_list.asyncio_detailed, client=client, limit=3)
        ]

        assert len(seen) == len(set(seen)) == 7
        assert set(seen) == partners
        assert sizes == [3, 3, 1]

        with pytest.raises(TypeError, match="not async"):
            async for _ in extras.aiterate(partners_list.sync_detailed, client=client):
                pass
        with pytest.raises(extras.ProblemError) as caught:
            async for _ in extras.aiterate(partners_list, client=client, cursor="not-a-cursor"):
                pass
    assert caught.value.status == 400
    assert caught.value.code == "invalid_cursor"


async def test_a_partner_token_iterates_only_its_own_deals(
    extras, live_server, auth, store
) -> None:
    from prm_api_client import AuthenticatedClient
    from prm_api_client.api.deals import deals_get, deals_list

    mine, theirs = await store.partner(), await store.partner()
    own = await _deals(store, mine.id, 4)
    foreign = await _deals(store, theirs.id, 3)
    token = await auth.token("partner_user", partner_id=mine.id)
    with AuthenticatedClient(base_url=live_server.url, token=token) as client:
        assert {str(d.id) for d in extras.iterate(deals_list, client=client, limit=3)} == own
        with pytest.raises(extras.ProblemError) as caught:
            extras.unwrap(deals_get.sync_detailed(uuid.UUID(next(iter(foreign))), client=client))
    assert caught.value.status == 404


async def test_unwrap_raises_the_problem_of_a_404(extras, admin_client) -> None:
    from prm_api_client.api.deals import deals_get

    response = deals_get.sync_detailed(uuid.uuid4(), client=admin_client)
    with pytest.raises(extras.ProblemError) as caught:
        extras.unwrap(response)

    error = caught.value
    assert error.status == 404
    assert error.code == "not_found"
    assert error.title and error.detail and error.type.endswith("not_found")
    assert error.errors == []
    assert error.request_id and error.request_id == response.headers["X-Request-ID"]
    assert error.problem["request_id"] == error.request_id
    assert error.response is response
    assert error.request_id in str(error) and "not_found" in str(error)


async def test_a_validation_problem_lists_its_field_errors(extras, admin_client) -> None:
    from prm_api_client.api.deals import deals_list

    with pytest.raises(extras.ProblemError) as caught:
        list(extras.iterate(deals_list, client=admin_client, limit=1000))
    assert caught.value.status == 422
    assert [e["field"] for e in caught.value.errors] == ["limit"]
    assert "limit" in str(caught.value)


async def test_wrong_client_credentials_raise_a_problem(extras, live_server, factory) -> None:
    api_client, _ = await factory.api_client(role="admin")
    with pytest.raises(extras.ProblemError) as caught:
        extras.client_credentials_token(live_server.url, api_client.client_id, "wrong-secret")
    assert caught.value.status == 401
    assert caught.value.code == "invalid_client"

    with pytest.raises(extras.ProblemError) as caught:
        await extras.aclient_credentials_token(
            live_server.url, api_client.client_id, "wrong-secret"
        )
    assert caught.value.code == "invalid_client"


async def test_idempotent_replays_and_if_match_guards(extras, admin_client, store) -> None:
    from prm_api_client.api.deals import deals_create, deals_get, deals_update
    from prm_api_client.models import DealCreate, DealUpdate

    partner = await store.partner()
    body = DealCreate.from_dict(
        {
            "partner_id": str(partner.id),
            "customer": {"name": "Initech"},
            "title": "Initech renewal",
            "amount": {"amount": "1200.00", "currency": "EUR"},
        }
    )
    key = str(uuid.uuid4())
    with extras.idempotent(admin_client, key) as client:
        first = deals_create.sync_detailed(client=client, body=body)
    with extras.idempotent(admin_client, key) as client:
        again = deals_create.sync_detailed(client=client, body=body)
    deal = extras.unwrap(first)
    assert first.status_code == 201
    assert str(extras.unwrap(again).id) == str(deal.id)
    assert again.headers.get("Idempotent-Replayed") == "true"
    # The original client does not keep the key: its next POST creates another deal.
    other = extras.unwrap(deals_create.sync_detailed(client=admin_client, body=body))
    assert str(other.id) != str(deal.id)

    fetched = deals_get.sync_detailed(deal.id, client=admin_client)
    etag = fetched.headers["ETag"]
    patch = DealUpdate.from_dict({"title": "Initech renewal, 3 years"})
    updated = deals_update.sync_detailed(deal.id, client=admin_client, body=patch, if_match=etag)
    assert extras.unwrap(updated).title == "Initech renewal, 3 years"
    with pytest.raises(extras.ProblemError) as caught:
        extras.unwrap(
            deals_update.sync_detailed(deal.id, client=admin_client, body=patch, if_match=etag)
        )
    assert caught.value.status == 412


async def test_async_token_and_client(extras, live_server, factory) -> None:
    from prm_api_client import AuthenticatedClient
    from prm_api_client.api.users import me_get

    api_client, secret = await factory.api_client(role="channel_manager")
    token = await extras.aclient_credentials_token(
        live_server.url, api_client.client_id, secret, scope="deals:read"
    )
    assert token["scope"] == "deals:read"
    async with AuthenticatedClient(base_url=live_server.url, token=token["access_token"]) as client:
        me = extras.unwrap(await me_get.asyncio_detailed(client=client))
    assert me.scopes == ["deals:read"]
    assert me.subject_type == "client"


# --- without a server ---------------------------------------------------------------------------


def test_a_non_json_error_body_still_makes_a_problem(extras) -> None:
    response = httpx.Response(
        502, content=b"<html>Bad gateway</html>", headers={"X-Request-ID": "req-1"}
    )
    with pytest.raises(extras.ProblemError) as caught:
        extras.unwrap(response)
    assert caught.value.status == 502
    assert caught.value.title == "Bad Gateway"
    assert caught.value.detail == "<html>Bad gateway</html>"
    assert caught.value.code is None
    assert caught.value.request_id == "req-1"


def test_unwrap_returns_the_json_of_a_plain_httpx_response(extras) -> None:
    assert extras.unwrap(httpx.Response(200, json={"a": 1})) == {"a": 1}
    assert extras.unwrap(httpx.Response(204)) is None


def test_a_page_that_repeats_its_cursor_stops_the_walk(extras) -> None:
    def stuck(*, client: Any, limit: int = 25, cursor: str | None = None) -> Any:
        return SimpleNamespace(data=[cursor], has_more=True, next_cursor="same")

    walk = extras.iterate(stuck, client=None)
    assert next(walk) is None
    assert next(walk) == "same"
    with pytest.raises(RuntimeError, match="no new next_cursor"):
        next(walk)


def test_dict_pages_are_walked_too(extras) -> None:
    book = {
        None: {"data": [1, 2], "has_more": True, "next_cursor": "b"},
        "b": {"data": [3], "has_more": False},
    }

    def listing(*, client: Any, cursor: str | None = None) -> Any:
        return book[cursor]

    assert list(extras.iterate(listing, client=None)) == [1, 2, 3]


def test_the_readme_examples_parse_and_import_what_exists(extras) -> None:
    """Every python example of sdk/python/README.md is valid Python and imports only names the
    SDK has (a renamed operation or model breaks this test, not the reader)."""
    readme = (SDK / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) >= 6
    imported = 0
    for block in blocks:
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] in SDK_PACKAGES:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name) or importlib.import_module(
                        f"{node.module}.{alias.name}"
                    ), f"{node.module}.{alias.name}"
                    imported += 1
    assert imported >= 15
