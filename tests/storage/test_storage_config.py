"""Which storage the settings select."""

from __future__ import annotations

from pathlib import Path

import pytest

from prm_api.config import Settings
from prm_api.storage import (
    LocalStorage,
    S3Storage,
    StorageConfigError,
    get_storage,
    storage_from_settings,
)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_default_is_local_under_the_data_dir(tmp_path: Path) -> None:
    storage = storage_from_settings(settings(data_dir=tmp_path))
    assert isinstance(storage, LocalStorage) and storage.kind == "local"
    assert storage.root == tmp_path.resolve() / "blobs"


def test_defaults() -> None:
    defaults = settings()
    assert defaults.storage_url is None
    assert defaults.asset_max_bytes == 2 * 1024**3
    assert "application/x-msdownload" in defaults.asset_denied_types


def test_file_url(tmp_path: Path) -> None:
    storage = storage_from_settings(settings(storage_url=f"file://{tmp_path}/my%20blobs"))
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "my blobs"


def test_s3_url() -> None:
    storage = storage_from_settings(
        settings(
            storage_url="s3://assets-bucket/prm/prod/",
            storage_s3_endpoint="http://127.0.0.1:9",
            storage_s3_access_key_id="id",
            storage_s3_secret_access_key="secret",
        )
    )
    assert isinstance(storage, S3Storage) and storage.kind == "s3"
    assert (storage.bucket, storage.prefix) == ("assets-bucket", "prm/prod")


@pytest.mark.parametrize(
    "url", ["s3://", "s3:///prefix", "file://host/x", "file://", "gs://bucket", "/plain/path"]
)
def test_unusable_urls(url: str) -> None:
    with pytest.raises(StorageConfigError):
        storage_from_settings(settings(storage_url=url))


def test_one_storage_per_configuration(tmp_path: Path) -> None:
    a = get_storage(settings(data_dir=tmp_path))
    assert get_storage(settings(data_dir=tmp_path)) is a
    assert get_storage(settings(data_dir=tmp_path / "other")) is not a
