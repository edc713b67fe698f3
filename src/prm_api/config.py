"""Runtime configuration, read from the environment (prefix ``PRM_``) and an optional ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRM_", env_file=".env", extra="ignore")

    # Database: no URL means "start the embedded PostgreSQL in data_dir".
    database_url: str | None = None
    data_dir: Path = Path(".prm-data")
    # A fixed pool: opening a PostgreSQL connection costs milliseconds of CPU on both sides, and
    # a pool that opens and closes overflow connections under steady load (concurrency above
    # its size) spent more on that than on the queries. Requests beyond it wait for a
    # connection, at most db_pool_timeout_s, then get a 503.
    db_pool_size: int = 20
    db_max_overflow: int = 0
    db_pool_timeout_s: float = 10.0
    # Plain asyncpg connections for the raw read path: token liveness, list pages (reads.py).
    db_raw_pool_size: int = 8
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
    # Keys sealing stored idempotent responses (kit/sealing.py), comma-separated, newest first.
    # Unset: the key file <data_dir>/idempotency-keys, created on first use.
    idempotency_keys: SecretStr | None = None
    # Deprecated by trusted_proxies: the directly connected peer, whatever its address, is one
    # trusted proxy (the client is the right-most X-Forwarded-For entry). Ignored when
    # trusted_proxies is set.
    trust_forwarded_for: bool = False
    # The load balancers / reverse proxies in front of `prm-api serve`, comma-separated IPs or
    # CIDR networks. A request from one of them takes its client address from X-Forwarded-For,
    # walked from the right to the first address that is not a trusted proxy (uvicorn's
    # proxy_headers); everything else sees the connected peer. Empty: no proxy is trusted.
    trusted_proxies: str = ""
    # Password-grant attempts per account (the `username` sent, existing or not), whatever the
    # client address; on top of the per-address anonymous limit and the lockout.
    sign_in_attempts_per_account_per_hour: int = 30

    # How long a process keeps a computed GET /v1/metrics/summary per audience (0: never); at
    # most the 5 s within which a change must show in the metrics.
    metrics_summary_max_age_s: float = Field(default=2.0, ge=0, le=5)

    # Scheduled jobs (deal expiry) inside `prm-api serve`.
    jobs_enabled: bool = True
    jobs_interval_s: float = 60.0
    # How often the scheduler folds the metric changes waiting (instead of every jobs round):
    # readers add the waiting ones, so fewer waiting keeps program-wide reads short, and a
    # partner's move to another tier, type or country shows in those splits from the next
    # fold on — within the 5 s every change must show in.
    metrics_fold_interval_s: float = Field(default=5.0, gt=0, le=5)
    # Signed audit checkpoints (DESIGN §7): the `audit-checkpoint` job signs the chain's head
    # when the newest checkpoint is at least this old and the chain has grown since.
    audit_checkpoint_interval_s: float = Field(default=3600.0, gt=0)

    # Webhook delivery (DESIGN §6). The worker runs inside `prm-api serve` unless disabled;
    # `prm-api worker` runs it on its own.
    webhook_worker_enabled: bool = True
    webhook_concurrency: int = 64
    webhook_timeout_s: float = 15.0
    # Seconds before attempt 1, 2, … (the first is "immediately"); jitter ±10 % on retries.
    webhook_retry_schedule_s: list[float] = Field(
        default_factory=lambda: [0.0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]
    )
    # A claimed delivery whose worker died is sent again once its lease ends.
    webhook_lease_s: float = 60.0
    webhook_poll_interval_s: float = 1.0
    # An endpoint failing continuously this long is disabled.
    webhook_disable_after_s: float = 5 * 24 * 3600
    webhook_secret_overlap_s: float = 24 * 3600
    # Lifts the SSRF guard (private/loopback targets, plain http): tests and on-premise only.
    webhook_allow_private_targets: bool = False

    # File storage (assets, trainings; DESIGN §9), see prm_api.storage.backends. Unset: files
    # under <data_dir>/blobs; file:///path another directory; s3://bucket/prefix any
    # S3-compatible store (AWS, MinIO, R2, Ceph) with the settings below.
    storage_url: str | None = None
    # e.g. http://minio:9000 (http:// allows plain HTTP); unset: AWS S3.
    storage_s3_endpoint: str | None = None
    storage_s3_region: str = "us-east-1"
    # Unset: the AWS_* environment variables or the machine's role.
    storage_s3_access_key_id: str | None = None
    storage_s3_secret_access_key: SecretStr | None = None
    # bucket.host/key instead of host/bucket/key (AWS prefers it; MinIO and moto need path style).
    storage_s3_virtual_hosted_style: bool = False
    # Lifetime of a presigned download URL (?redirect=true).
    storage_presign_ttl_s: int = Field(default=300, gt=0, le=7 * 24 * 3600)
    # Largest asset file accepted, enforced while the upload streams (413).
    asset_max_bytes: int = Field(default=2 * 1024**3, gt=0)
    # Media types refused for asset files whatever their name (422): comma-separated, exact
    # types or type/* patterns, matched against the type sniffed from the bytes
    # (prm_api.storage.sniff). Default: executables, installers and scripts.
    asset_denied_types: str = (
        "application/x-msdownload,application/x-executable,application/x-mach-binary,"
        "application/java-vm,application/java-archive,application/vnd.android.package-archive,"
        "application/x-msi,application/x-ms-shortcut,application/x-bat,application/hta,"
        "application/x-wsf,application/x-desktop,text/x-shellscript,text/x-python,text/x-perl,"
        "text/x-ruby,text/x-powershell,text/vbscript,text/javascript,text/x-ms-regedit"
    )
    # When set, only these types are accepted (same syntax; the denied list still applies).
    asset_allowed_types: str = ""
    # Resumable uploads (tus 1.0.0, prm_api.assets.tus): an unfinished upload expires this long
    # after it last received bytes (Upload-Expires); the purge-uploads job then removes it.
    tus_expiry_s: int = Field(default=24 * 3600, gt=0)
    # Largest body of one tus PATCH (413 above it); the global max_body_bytes does not apply
    # to these requests. Clients send up to their chunk size (tus-js-client, tuspy: 5-50 MiB).
    tus_max_chunk_bytes: int = Field(default=64 * 1024**2, gt=0)

    # Misc
    log_level: str = "INFO"
    log_json: bool = True
    cors_origins: list[str] = Field(default_factory=list)


@lru_cache
def get_settings() -> Settings:
    return Settings()
