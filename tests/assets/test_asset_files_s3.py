"""The asset file endpoints on S3 storage: a real S3 API (moto's server on localhost), the
app's PRM_STORAGE_URL pointing at its bucket: upload, download, ranges, the size limit leaving
nothing in the bucket, and ``?redirect=true`` answering a presigned URL that works."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from factories import assert_problem, settings_overridden
from files_support import PDF, upload
from pydantic import SecretStr

BUCKET = "prm-asset-files"


@pytest.fixture(scope="module")
def moto_s3() -> Iterator[dict[str, Any]]:
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield {"endpoint": endpoint, "client": client}
    finally:
        server.stop()


class TestOnS3:
    @pytest.fixture
    def s3_app(self, app, moto_s3):
        prefix = f"t-{uuid.uuid4().hex}"
        with settings_overridden(
            app,
            storage_url=f"s3://{BUCKET}/{prefix}",
            storage_s3_endpoint=moto_s3["endpoint"],
            storage_s3_access_key_id="testing",
            storage_s3_secret_access_key=SecretStr("testing"),
            asset_max_bytes=4096,
        ):
            yield prefix

    def _keys(self, moto_s3, prefix: str) -> list[str]:
        client = moto_s3["client"]
        objects = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
        uploads = client.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get("Uploads", [])
        return [o["Key"] for o in objects] + [u["Key"] for u in uploads]

    async def test_upload_download_and_redirect(
        self, client, admin_headers, store, s3_app, moto_s3
    ):
        asset = await store.asset("draft", with_version=False)
        r = await upload(client, asset.id, admin_headers, PDF)
        assert r.status_code == 201, r.text
        sha = r.json()["sha256"]
        assert self._keys(moto_s3, s3_app) == [f"{s3_app}/sha256/{sha[:2]}/{sha[2:4]}/{sha}"]
        assert (await upload(client, asset.id, admin_headers, PDF)).status_code == 201
        assert len(self._keys(moto_s3, s3_app)) == 1  # the same bytes, stored once

        url = f"/v1/assets/{asset.id}/content"
        got = await client.get(url, headers=admin_headers)
        assert got.status_code == 200 and got.content == PDF
        part = await client.get(url, headers={**admin_headers, "Range": "bytes=-5"})
        assert part.status_code == 206 and part.content == PDF[-5:]

        moved = await client.get(url + "?redirect=true", headers=admin_headers)
        assert moved.status_code == 302
        location = moved.headers["location"]
        assert location.startswith(moto_s3["endpoint"]) and "X-Amz-Signature" in location
        async with httpx.AsyncClient() as outside:
            fetched = await outside.get(location)
        assert fetched.status_code == 200 and fetched.content == PDF
        assert fetched.headers["content-disposition"] == "attachment"

    async def test_over_the_limit_leaves_nothing_in_the_bucket(
        self, client, admin_headers, store, s3_app, moto_s3
    ):
        asset = await store.asset("draft", with_version=False)
        r = await upload(client, asset.id, admin_headers, PDF + b"\x00" * 5000)
        assert_problem(r, 413, "payload_too_large")
        assert self._keys(moto_s3, s3_app) == []
