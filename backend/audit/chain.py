"""The audit chain's key and its signed checkpoints: what the database does not hold.

Each entry's ``hash`` is HMAC-SHA256 under a key kept outside the database
(``<data dir>/secrets/audit-chain-key``, made on first use with mode 0600, or the file named by
``STEPWISE_AUDIT_KEY_FILE``, which every app server of a PostgreSQL installation must share).
Someone who can write the database but not read the key cannot recompute the chain after a
forged entry, nor make the erasure marker that stands in for a blanked address and salt.

Entries made before the key existed keep their public SHA-256 hashes: they verify as before,
and every entry from the first keyed one on must be keyed. Where the keyed part starts is
recorded in the checkpoints, so rewriting the newer entries with the public algorithm is caught.

A checkpoint (``<data dir>/audit-checkpoints/checkpoints.jsonl``, one JSON line each, 0600)
names the count of sealed entries (the newest one's position), its id and hash and where the
keyed part starts, signed with the same key. They are appended at start, by the reminder
engine's round when the log has grown (at most every few minutes), by the sealer when a batch
passes a multiple of ``CHECKPOINT_EVERY``, and by
``stepwise backup`` (which also puts the file in the archive). ``stepwise audit verify`` checks
the chain against every checkpoint, so removing the newest entries is caught up to the last one.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from backend.lib import clock, private
from backend.settings import Settings, get_settings

KEY_NAME = "audit-chain-key"
CHECKPOINT_DIR = "audit-checkpoints"
CHECKPOINT_FILE = "checkpoints.jsonl"
CHECKPOINT_EVERY = 1000
"""The sealer writes a checkpoint after a batch that passes a multiple of this many entries."""
ROUND_EVERY = timedelta(minutes=5)
"""The reminder engine checkpoints a grown log at most this often."""
ERASED = "x"
"""The first character of the erasure marker that replaces an entry's salt."""

_keys: dict[str, bytes] = {}
_last: list[tuple[Settings, bytes]] = []
"""The settings the key was last asked with, and the key: an audited read asks for it without
building the key file's path again (half the cost of an entry's MAC)."""


def key(settings: Settings | None = None) -> bytes:
    """The chain key, read once per process (no file access on each audited read)."""
    settings = settings or get_settings()
    if _last and _last[0][0] is settings:
        return _last[0][1]
    where = settings.audit_key_file or str(settings.data_dir / "secrets" / KEY_NAME)
    if where not in _keys:
        if settings.audit_key_file:
            data = Path(settings.audit_key_file).read_bytes().strip()
            if len(data) < 32:
                raise SystemExit(
                    f"STEPWISE_AUDIT_KEY_FILE {where}: the key needs 32 bytes or more."
                )
            _keys[where] = data
        else:
            _keys[where] = settings.secret(KEY_NAME)
    _last[:] = [(settings, _keys[where])]
    return _keys[where]


def mac(prev_hash: str, canonical: bytes, k: bytes | None = None) -> str:
    return hmac.digest(k or key(), prev_hash.encode() + canonical, "sha256").hex()


def entry_mac(canonical: bytes, k: bytes | None = None) -> str:
    """What an unsealed entry carries in ``hash``: the key's MAC of the entry alone, made by
    the writer without reading anything. The sealer checks it, so a row put in the database
    by hand (without the key) is not sealed as if Stepwise had written it."""
    return hmac.digest(k or key(), b"entry\n" + canonical, "sha256").hex()


def unsigned_mac(prev_hash: str, canonical: bytes, k: bytes | None = None) -> str:
    """The chain hash the sealer gives an entry whose own MAC did not check out: it keeps its
    place in the chain, and ``stepwise audit verify`` names it."""
    return hmac.digest(k or key(), b"unsigned\n" + prev_hash.encode() + canonical, "sha256").hex()


PENDING_ERASURE = ERASED
"""An unsealed entry's salt after an erasure: the sealer replaces it with the erasure marker
once the entry has its chain hash (the marker is made from that hash)."""


def erased_marker(entry_hash: str, k: bytes | None = None) -> str:
    """What an erased entry's salt becomes: only a holder of the key can make it, so blanking
    an entry's address and salt by hand does not pass as an erasure (32 characters)."""
    digest = hmac.digest(k or key(), b"erased\n" + entry_hash.encode(), "sha256").hex()
    return ERASED + digest[:31]


# --- checkpoints --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checkpoint:
    at: str
    count: int
    last_id: int
    head: str
    keyed_from: int
    """The id from which on every entry is keyed."""


def path(settings: Settings | None = None) -> Path:
    settings = settings or get_settings()
    return settings.data_dir / CHECKPOINT_DIR / CHECKPOINT_FILE


def _signed(fields: dict[str, Any], k: bytes) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    return hmac.digest(k, b"checkpoint\n" + canonical, "sha256").hex()


def append(point: Checkpoint, settings: Settings | None = None) -> None:
    settings = settings or get_settings()
    fields = {
        "at": point.at,
        "count": point.count,
        "lastId": point.last_id,
        "head": point.head,
        "keyedFrom": point.keyed_from,
    }
    line = json.dumps({**fields, "mac": _signed(fields, key(settings))}, sort_keys=True) + "\n"
    target = path(settings)
    target.parent.mkdir(parents=True, exist_ok=True, mode=private.DIR_MODE)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, private.FILE_MODE)
    try:
        os.write(
            fd, line.encode()
        )  # one write with O_APPEND: lines of several servers interleave whole
        os.fsync(fd)
    finally:
        os.close(fd)


class Unreadable(Exception):
    """A checkpoint line that is not one this installation's key signed."""


def read(settings: Settings | None = None) -> Iterator[Checkpoint]:
    """The checkpoints one line at a time (the file grows by a line every few minutes for as
    long as the installation lives: never held whole). Raises ``Unreadable`` at a bad line."""
    settings = settings or get_settings()
    target = path(settings)
    if not target.is_file():
        return
    k = key(settings)
    with target.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                fields = {f: raw[f] for f in ("at", "count", "lastId", "head", "keyedFrom")}
                good = hmac.compare_digest(str(raw["mac"]), _signed(fields, k))
            except (ValueError, KeyError, TypeError):
                good = False
            if not good:
                raise Unreadable(
                    f"checkpoint line {n} of {target} was changed or not signed with this key"
                )
            yield Checkpoint(
                at=str(fields["at"]),
                count=int(fields["count"]),
                last_id=int(fields["lastId"]),
                head=str(fields["head"]),
                keyed_from=int(fields["keyedFrom"]),
            )


def load(settings: Settings | None = None) -> list[Checkpoint]:
    return list(read(settings))


def now_iso() -> str:
    at: datetime = clock.now()
    return at.isoformat(timespec="seconds")
