"""Storage fixtures: every backend test runs against the local filesystem and against a real
S3 API (moto's server on a free localhost port, started once per session).

``storage`` is parametrized over both kinds; each test gets an empty directory or its own key
prefix in the bucket, and ``leftovers()`` lists *everything* the test left in it — on S3 also
incomplete multipart uploads, which a plain listing does not show.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from prm_api.storage import LocalStorage, S3Storage, Storage

BUCKET = "prm-test"
ACCESS_KEY = "testing"
SECRET_KEY = "testing"


@pytest.fixture(scope="session")
def moto_s3() -> Iterator[dict[str, Any]]:
    """A moto S3 server on 127.0.0.1 (port chosen by the OS) with one bucket."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield {"endpoint": endpoint, "bucket": BUCKET, "client": client}
    finally:
        server.stop()


@pytest.fixture(params=["local", "s3"])
def storage_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def storage(storage_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if storage_kind == "local":
        return LocalStorage(tmp_path / "blobs")
    s3 = request.getfixturevalue("moto_s3")
    return S3Storage(
        s3["bucket"],
        prefix=f"t-{uuid.uuid4().hex}/blobs",
        endpoint=s3["endpoint"],
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
    )


@pytest.fixture
def leftovers(storage: Storage, request: pytest.FixtureRequest) -> Callable[[], list[str]]:
    """Everything stored for this test: files (obstore's temporary ones included) or objects
    and in-progress multipart uploads, as paths relative to the storage's root."""

    def local() -> list[str]:
        assert isinstance(storage, LocalStorage)
        root = storage.root
        if not root.exists():
            return []
        return sorted(
            os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs
        )

    def s3() -> list[str]:
        assert isinstance(storage, S3Storage)
        client = request.getfixturevalue("moto_s3")["client"]
        prefix = storage.prefix + "/"
        objects = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
        uploads = client.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get("Uploads", [])
        return sorted(
            [o["Key"][len(prefix) :] for o in objects]
            + [f"(multipart) {u['Key'][len(prefix) :]}" for u in uploads]
        )

    return local if storage.kind == "local" else s3
