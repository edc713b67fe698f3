"""Runtime configuration, read from the environment (prefix ``PRM_``) and an optional ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRM_", env_file=".env", extra="ignore")

    # Database: no URL means "start the embedded PostgreSQL in data_dir".
    database_url: str | None = None
    data_dir: Path = Path(".prm-data")
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_connect_timeout_s: float = 5.0

    # Identity
    issuer: str = "http://localhost:8000"
    audience: str = "prm-api"
    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    signing_alg: str = "ES256"
    login_max_failures: int = 5
    login_lockout_s: int = 15 * 60
    # argon2 cost; tests lower it, production keeps the library defaults.
    argon2_time_cost: int = 3
    argon2_memory_cost_kib: int = 65536

    # HTTP conventions
    max_body_bytes: int = 1_048_576
    rate_limit_per_minute: int = 600
    rate_limit_public_per_minute: int = 30
    applications_per_hour: int = 20
    # pg_trgm word similarity above which `q` matches (0–1; lower finds more typos).
    search_threshold: float = 0.4
    idempotency_ttl_s: int = 24 * 3600
    trust_forwarded_for: bool = False

    # Scheduled jobs (deal expiry) inside `prm-api serve`.
    jobs_enabled: bool = True
    jobs_interval_s: float = 60.0

    # Misc
    log_level: str = "INFO"
    log_json: bool = True
    cors_origins: list[str] = Field(default_factory=list)


@lru_cache
def get_settings() -> Settings:
    return Settings()
