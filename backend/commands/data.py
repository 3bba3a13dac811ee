"""The data as a whole: one backup archive, restoring one, and checking the audit log.

The domains are imported inside the commands, not at the top, to spare the command line's
start-up time.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from pathlib import Path

from backend.commands.common import read_settings


def cmd_backup(args: argparse.Namespace) -> None:
    from backend import backup

    settings = read_settings()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(args.output or settings.data_dir / "backups" / f"stepwise-{stamp}.tar.gz")
    if not settings.is_sqlite or settings.sqlite_path.is_file():
        asyncio.run(_audit_checkpoint())  # the archive carries a checkpoint of the log it holds
    try:
        written = backup.write(settings, target, with_secrets=args.with_secrets)
    except backup.Refused as refused:
        raise SystemExit(str(refused)) from None
    for line in backup.describe_written(written, settings.data_dir):
        print(line)


def cmd_restore(args: argparse.Namespace) -> None:
    from backend import backup

    settings = read_settings()
    try:
        restored = backup.restore(settings, Path(args.file))
    except backup.Refused as refused:
        raise SystemExit(f"Not restored: {refused}") from None
    manifest = restored.manifest
    counts = manifest["counts"]
    print(f"Restored the backup of {manifest['createdAt']} from {args.file}:")
    print(
        f"  {sum(counts.values())} rows in {len(counts)} tables ({backup.summary(counts)}); "
        f"{restored.files} stored files ({restored.bytes / 1_000_000:.1f} MB), "
        "every one checked against the manifest's SHA-256."
    )
    if manifest["secretsIncluded"]:
        print(f"  The secrets: {len(manifest['secrets'])} restored.")
    if restored.safety:
        print(f"  What was here before is kept in {restored.safety}.")
    for note in restored.notes:
        print(f"  {note}")
    print("Start the server.")


async def _audit_checkpoint() -> None:
    from backend.audit import checkpoint

    try:
        await checkpoint()
    except Exception as exc:
        print(f"No audit checkpoint made: {exc}")


def cmd_audit(args: argparse.Namespace) -> None:
    from backend.audit import chain
    from backend.audit.verifying import verify

    verdict = asyncio.run(verify(from_checkpoint=args.from_checkpoint, read_only=args.read_only))
    if verdict.sealed:
        print(f"Sealed {verdict.sealed} entries that were waiting.")
    if not verdict.intact:
        print(
            f"The audit log was changed: {verdict.problem} "
            f"(after {verdict.checked} intact entries)."
        )
        raise SystemExit(1)
    anchor = verdict.anchor
    if anchor is not None:
        print(
            f"The audit log is intact: {verdict.checked} entries checked after the checkpoint "
            f"of {anchor.at} (entry {anchor.last_id}, the {anchor.count}th; the entries up to "
            "it were checked by an earlier full verify)."
        )
    else:
        print(f"The audit log is intact: {verdict.checked} entries checked.")
    try:
        points = chain.load()
    except chain.Unreadable:
        points = []
    if points:
        newest = points[-1]
        print(
            f"  Checked against {len(points)} signed checkpoint(s); the newest, of "
            f"{newest.at}, covers entries up to {newest.last_id}. Entries from "
            f"{newest.keyed_from} on are keyed."
        )
    elif verdict.checked:
        print(
            f"  No signed checkpoint in {chain.path()}: whether the newest entries were "
            "removed cannot be told (docs/privacy.md, The audit log)."
        )
