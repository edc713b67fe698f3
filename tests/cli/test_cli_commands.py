"""The `prm-api` management commands against the test database.

Commands run in-process through typer's CliRunner, in a worker thread: they call
``asyncio.run`` themselves, which cannot happen on the tests' running event loop. The real
process (``python -m prm_api``) is exercised by test_cli_serve.py.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from typer.testing import CliRunner

from prm_api.cli import app as cli_app
from prm_api.config import get_settings
from prm_api.migrate import head_revision

PASSWORD = "correct horse battery staple"


@pytest.fixture
def cli_env(database_url: str) -> dict[str, str]:
    return {
        "PRM_DATABASE_URL": database_url,
        "PRM_ARGON2_TIME_COST": "1",
        "PRM_ARGON2_MEMORY_COST_KIB": "1024",
        "PRM_LOG_LEVEL": "WARNING",
    }


@pytest.fixture
def prm(cli_env: dict[str, str]):
    """``await prm("clients", "create", ..., input=...)`` → click Result."""

    def invoke(args: tuple[str, ...], input: str | None):
        get_settings.cache_clear()  # settings are read from the environment once per process
        try:
            return CliRunner().invoke(cli_app, list(args), input=input, env=cli_env)
        finally:
            get_settings.cache_clear()

    async def run(*args: str, input: str | None = None):
        return await asyncio.to_thread(invoke, args, input)

    return run


async def test_clients_create_json_prints_a_working_client(prm, client):
    result = await prm("clients", "create", "--name", "CI bot", "--role", "admin", "--json")
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)
    assert created["client_id"].startswith("prm_ci_")
    assert created["role"] == "admin"
    assert "users:write" in created["scopes"]

    r = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(created["client_id"], created["client_secret"]),
    )
    assert r.status_code == 200, r.text
    assert "users:write" in r.json()["scope"].split()


async def test_clients_create_with_narrower_scopes(prm, client):
    result = await prm(
        "clients", "create", "--name", "reader", "--role", "channel_manager",
        "--scopes", "partners:read deals:read", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    created = json.loads(result.stdout)
    assert created["scopes"] == ["deals:read", "partners:read"]
    r = await client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(created["client_id"], created["client_secret"]),
    )
    assert r.status_code == 200, r.text
    assert set(r.json()["scope"].split()) == {"deals:read", "partners:read"}


async def test_clients_create_refuses_a_partner_role(prm):
    result = await prm("clients", "create", "--name", "x", "--role", "partner_admin")
    assert result.exit_code == 2
    assert "role must be admin or channel_manager" in result.output
    assert "Traceback" not in result.output


async def test_clients_create_refuses_scopes_above_the_role(prm):
    result = await prm(
        "clients", "create", "--name", "x", "--role", "channel_manager", "--scopes", "users:write"
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "scope_above_role" in result.stderr


async def test_users_create_reads_the_password_from_stdin(prm, client):
    result = await prm(
        "users", "create", "--email", "ops@vendor.example", "--role", "admin",
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "<ops@vendor.example> created with role admin" in result.stdout

    r = await client.post(
        "/oauth/token",
        data={"grant_type": "password", "username": "ops@vendor.example", "password": PASSWORD},
    )
    assert r.status_code == 200, r.text
    assert r.json()["refresh_token"]


async def test_users_create_rejects_a_short_password(prm):
    result = await prm("users", "create", "--email", "short@vendor.example", input="too-short\n")
    assert result.exit_code == 2
    assert "password" in result.stderr
    assert "12" in result.stderr


async def test_users_create_rejects_a_duplicate_email(prm, client):
    first = await prm("users", "create", "--email", "dup@vendor.example", input=PASSWORD + "\n")
    assert first.exit_code == 0, first.output
    again = await prm("users", "create", "--email", "DUP@vendor.example", input=PASSWORD + "\n")
    assert again.exit_code == 2
    assert again.stderr.startswith("error:")


async def test_migrate_is_idempotent(prm, database_url):
    for _ in range(2):
        result = await prm("migrate")
        assert result.exit_code == 0, result.output
        assert "database migrated to head" in result.stdout
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    finally:
        await engine.dispose()
    assert [v for (v,) in versions] == [head_revision()]


async def test_openapi_writes_then_checks_the_spec(prm, tmp_path):
    spec = tmp_path / "openapi" / "openapi.json"
    written = await prm("openapi", "--output", str(spec))
    assert written.exit_code == 0, written.output
    document = json.loads(spec.read_text())
    assert document["openapi"].startswith("3.1")
    assert "/oauth/token" in document["paths"]

    current = await prm("openapi", "--check", "--output", str(spec))
    assert current.exit_code == 0, current.output
    assert "is up to date" in current.stdout

    spec.write_text(spec.read_text().replace('"PRM API"', '"Stale API"', 1))
    stale = await prm("openapi", "--check", "--output", str(spec))
    assert stale.exit_code == 1
    assert "out of date" in stale.stderr


async def test_an_unreachable_database_is_one_line_not_a_traceback(cli_env):
    env = cli_env | {"PRM_DATABASE_URL": "postgresql+asyncpg://prm:hunter2@127.0.0.1:1/prm"}

    def invoke():
        get_settings.cache_clear()
        try:
            return CliRunner().invoke(cli_app, ["clients", "create", "--name", "x"], env=env)
        finally:
            get_settings.cache_clear()

    result = await asyncio.to_thread(invoke)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: database postgresql+asyncpg://prm:***@127.0.0.1:1/prm")
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output


async def test_jobs_run_expire_deals_moves_due_deals_once(prm, sessionmaker):
    from datetime import timedelta
    from decimal import Decimal

    from prm_api.kit.time import utcnow
    from prm_api.models import Deal, Partner

    async with sessionmaker() as s, s.begin():
        partner = Partner(name="Jobs Partner", type="reseller", status="active")
        s.add(partner)
        await s.flush()
        for days in (-1, 30):  # one due, one still protected
            s.add(
                Deal(
                    partner_id=partner.id,
                    customer_name="Acme",
                    customer_name_key="acme",
                    title="t",
                    amount=Decimal("1.00"),
                    currency="EUR",
                    stage="qualification",
                    status="approved",
                    protection_expires_at=utcnow() + timedelta(days=days),
                )
            )
    result = await prm("jobs", "run", "expire-deals")
    assert result.exit_code == 0, result.output
    assert "1 item(s)" in result.stdout
    result = await prm("jobs", "run", "expire-deals")
    assert "0 item(s)" in result.stdout
    result = await prm("jobs", "run", "no-such-job")
    assert result.exit_code == 2


async def test_clients_list_then_revoke_through_the_service(prm, factory, store, client):
    ops, secret = await factory.api_client(role="admin")
    reader, _ = await factory.api_client(role="channel_manager")

    listed = await prm("clients", "list")
    assert listed.exit_code == 0, listed.output
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        ops.client_id,
        reader.client_id,
    ]
    assert secret not in listed.output

    revoked = await prm("clients", "revoke", ops.client_id)
    assert revoked.exit_code == 0, revoked.output
    assert f"client {ops.client_id}" in revoked.stdout and "revoked" in revoked.stdout
    # Recorded like a revocation through the API: the event and the audit row.
    assert [e.type for e in await store.events(resource_id=ops.id)][-1] == "api_client.revoked"
    assert (await store.audit(resource_id=ops.id))[-1].changes == {
        "active": {"before": True, "after": False}
    }
    r = await client.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, auth=(ops.client_id, secret)
    )
    assert r.status_code == 401, r.text

    active = await prm("clients", "list", "--json")
    assert [json.loads(line)["client_id"] for line in active.stdout.splitlines()] == [
        reader.client_id
    ]
    everything = await prm("clients", "list", "--all", "--json")
    rows = [json.loads(line) for line in everything.stdout.splitlines()]
    assert [(row["client_id"], row["active"]) for row in rows] == [
        (ops.client_id, False),
        (reader.client_id, True),
    ]

    again = await prm("clients", "revoke", str(ops.id))  # by id too; idempotent
    assert again.exit_code == 0, again.output
    assert "already revoked" in again.stdout
    unknown = await prm("clients", "revoke", "prm_ci_nosuchclient")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: No API client")
