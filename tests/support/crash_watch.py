"""``python -m tests.support.crash_watch PGID PLACE…``: SIGKILL process group PGID the moment
a new whole file appears in any PLACE, then print it and exit.

A PLACE is a folder, or ``s3://BUCKET/PREFIX?endpoint=URL&region=R`` (the objects under PREFIX
in an S3-compatible store, credentials from the standard AWS variables). An object store never
shows a half-written object, so every object listed is whole.

A process of its own, so that its look at the places is never held up by the test's event
loop (one GIL): it sees a stored photo's first size while the others are still being written.
Prints ``ready`` once it knows what was there before. ``watch`` starts one from a test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit


def whole_files(folders: list[str]) -> set[str]:
    found: set[str] = set()
    for root in folders:
        for folder, _, names in os.walk(root):
            found.update(
                os.path.join(folder, n) for n in names if not n.startswith(("tmp-", ".tmp-"))
            )
    return found


def _objects(place: str) -> Callable[[], set[str]]:
    """A look at the keys under an ``s3://`` place (one ``ListObjectsV2`` page a look)."""
    import boto3
    from botocore.config import Config

    parts = urlsplit(place)
    options = parse_qs(parts.query)
    client = boto3.session.Session().client(
        "s3",
        endpoint_url=options["endpoint"][-1],
        region_name=options.get("region", ["us-east-1"])[-1],
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )
    bucket, prefix = parts.netloc, parts.path.lstrip("/")

    def look() -> set[str]:
        answer = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
        return {f"s3://{bucket}/{item['Key']}" for item in answer.get("Contents", [])}

    return look


def main() -> None:
    pgid, places = int(sys.argv[1]), sys.argv[2:]
    folders = [p for p in places if not p.startswith("s3://")]
    stores = [_objects(p) for p in places if p.startswith("s3://")]

    def everything() -> set[str]:
        found = whole_files(folders)
        for look in stores:
            found |= look()
        return found

    before = everything()
    print("ready", flush=True)
    while not (new := everything() - before):
        pass
    os.killpg(pgid, signal.SIGKILL)
    print("\n".join(sorted(new)), flush=True)


def watch(pgid: int, places: list[str]) -> subprocess.Popen[str]:
    """A watcher of ``places`` that SIGKILLs process group ``pgid``, once it is ready."""
    watcher = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_watch", str(pgid), *places],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout is not None and watcher.stdout.readline().strip() == "ready"
    return watcher


if __name__ == "__main__":
    main()
