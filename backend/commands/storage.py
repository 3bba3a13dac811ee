"""``stepwise storage migrate``: copy every stored file from one store to another, while the
servers keep reading from the first.

The copy is idempotent: a key already in the target with the same size is skipped, so the
command can be run again — after switching ``STEPWISE_STORAGE_URL`` (``--from`` the old store)
to pick up what was written during the switch (docs/storage.md).
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.lib.storage import Storage

COPIERS = 8  # objects copied at the same time (each one read whole: a photo, a voice note)


@dataclass
class Moved:
    copied: int = 0
    skipped: int = 0
    vanished: int = 0
    bytes: int = 0


async def copy_all(src: Storage, dst: Storage, *, copiers: int = COPIERS) -> Moved:
    """Copy every key of ``src`` that ``dst`` does not hold at the same size."""
    from backend.lib.storage_s3 import content_type

    moved = Moved()
    queue: asyncio.Queue[tuple[str, int] | None] = asyncio.Queue(maxsize=copiers * 4)

    async def copier() -> None:
        while (item := await queue.get()) is not None:
            key, size = item
            if await dst.size(key) == size:
                moved.skipped += 1
                continue
            data = await src.get(key)
            if data is None:  # deleted since it was listed
                moved.vanished += 1
                continue
            await dst.put(key, data, content_type(key))
            moved.copied += 1
            moved.bytes += len(data)

    workers = [asyncio.create_task(copier()) for _ in range(copiers)]
    try:
        async for entry in src.all_keys():
            await queue.put(entry)
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
    finally:
        for worker in workers:
            worker.cancel()
    return moved


def cmd_storage(args: argparse.Namespace) -> None:
    from backend.lib.storage import storage_at
    from backend.lib.storage_s3 import S3Storage
    from backend.settings import SettingsError, get_settings, storage_url

    settings = get_settings()
    try:
        target_url = storage_url(args.to, settings.data_dir, "--to")
        source_url = storage_url(args.source, settings.data_dir, "--from") if args.source else None
    except SettingsError as exc:
        raise SystemExit(str(exc)) from None
    source_url = source_url or settings.storage_url
    if source_url == target_url:
        raise SystemExit(f"The target is the store the files are in already: {target_url}")
    source, target = storage_at(source_url), storage_at(target_url)
    for name, store in (("--from", source), ("--to", target)):
        if isinstance(store, S3Storage) and (problem := store.problem()):
            raise SystemExit(f"Nothing copied: {problem} ({name}).")
    print(f"Copying the stored files from {_shown(source_url)} to {_shown(target_url)} …")
    moved = asyncio.run(copy_all(source, target))
    print(
        f"  {moved.copied} copied ({moved.bytes / 1_000_000:.1f} MB), "
        f"{moved.skipped} already there, {moved.vanished} deleted meanwhile."
    )
    if source_url == settings.storage_url:
        print(
            f"Now set STEPWISE_STORAGE_URL={target_url} on every server and worker, restart "
            f"them, then run `stepwise storage migrate --from {source_url} --to {target_url}` "
            "once more for what was stored meanwhile."
        )


def _shown(url: str) -> str:
    return url.split("?", 1)[0]
