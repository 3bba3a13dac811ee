"""``stepwise audit verify``: walk the sealed chain in position order, a page at a time, and
compare it with the signed checkpoints.

Memory stays constant however long the log is: entries are read in keyset pages of ``PAGE``
by position (the unique index on ``seal``), and the checkpoint file is read line by line, twice
(first for where the keyed part starts and the newest checkpoint, then to compare them with the
log, a batch of positions at a time). Starting from a checkpoint (``from_checkpoint``) trusts
everything up to the newest checkpoint and walks only what was sealed after it, anchored on the
entry it signed.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.audit import chain, entry, sealing
from backend.audit.tables import AuditEvent
from backend.lib import clock

PAGE = 2000
"""Entries read at a time: a few megabytes of rows, however long the log."""
CHECKPOINT_BATCH = 1000
"""Checkpoints compared with the log at a time (one query each batch)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    intact: bool
    checked: int
    """Entries checked (from the anchor on, when started from a checkpoint)."""
    problem: str = ""
    anchor: chain.Checkpoint | None = None
    """The checkpoint the walk started from, if any."""
    sealed: int = 0
    """Entries sealed before walking."""


def _personal_problem(row: dict[str, Any], keyed: bool, key: bytes) -> str:
    salt = row["personal_salt"]
    if keyed and salt.startswith(chain.ERASED):
        if salt != chain.erased_marker(row["hash"], key) or row["ip"] or row["user_agent"]:
            return "its address and salt were blanked or changed (not by an erasure)"
        return ""
    if keyed and not salt:
        return "its address and salt were blanked (not by an erasure)"
    if salt and row["personal_digest"] != entry.personal_digest(salt, row["ip"], row["user_agent"]):
        return "its address or user agent was changed"
    return ""


class _Walk:
    """The state of one walk along the chain."""

    def __init__(self, keyed_from: int | None, key: bytes) -> None:
        self.key = key
        self.keyed_from = keyed_from
        self.prev = entry.GENESIS
        self.position = 0
        self.keyed_seen = False
        self.checked = 0

    def step(self, row: dict[str, Any]) -> str:
        """Check the next entry; the problem in words, or ""."""
        entry_id = int(row["id"])
        if int(row["seal"]) != self.position + 1 or row["prev_hash"] != self.prev:
            return f"entry {entry_id}: the previous entry is missing or changed"
        keyed = hmac.compare_digest(entry.keyed(self.prev, row, self.key), row["hash"])
        if not keyed:
            canonical = entry.canonical(row)
            if hmac.compare_digest(chain.unsigned_mac(self.prev, canonical, self.key), row["hash"]):
                return (
                    f"entry {entry_id}: it was put into the database directly, not written by "
                    "Stepwise (it did not carry the audit key's mark when it was sealed)"
                )
            if self.keyed_seen or (self.keyed_from is not None and entry_id >= self.keyed_from):
                return (
                    f"entry {entry_id}: its content was changed, or it was not written with "
                    "this installation's audit key"
                )
            if entry.public_digest(self.prev, row) != row["hash"]:
                return f"entry {entry_id}: its content was changed"
        self.keyed_seen = self.keyed_seen or keyed
        if problem := _personal_problem(row, keyed, self.key):
            return f"entry {entry_id}: {problem}"
        self.prev = row["hash"]
        self.position += 1
        self.checked += 1
        return ""


def _summary() -> tuple[int | None, chain.Checkpoint | None]:
    """One pass over the checkpoints: where the keyed part starts, and the newest checkpoint."""
    keyed_from: int | None = None
    newest: chain.Checkpoint | None = None
    for point in chain.read():
        keyed_from = point.keyed_from if keyed_from is None else min(keyed_from, point.keyed_from)
        if newest is None or point.count > newest.count:
            newest = point
    return keyed_from, newest


async def _compare(points: list[chain.Checkpoint]) -> str:
    """Each checkpoint's entry, by its position in the walked chain, is the one it signed."""
    rows = await AuditEvent.select(AuditEvent.id, AuditEvent.seal, AuditEvent.hash).where(
        AuditEvent.seal.is_in(sorted({p.count for p in points}))
    )
    found = {int(r["seal"]): (int(r["id"]), r["hash"]) for r in rows}
    for point in points:
        entry_id, made = found.get(point.count, (None, None))
        if entry_id != point.last_id or made != point.head:
            return (
                f"entry {point.last_id} is not the one the checkpoint of {point.at} signed "
                f"(entry {entry_id} is at position {point.count} now)"
            )
    return ""


async def _checkpoints(walked: int, after: int) -> str:
    """Stream the checkpoints (never all in memory) past position ``after``: those the walk
    reached must name the entries it found; one beyond its end means entries were removed."""
    batch: list[chain.Checkpoint] = []
    beyond: chain.Checkpoint | None = None
    for point in chain.read():
        if point.count <= after:
            continue
        if point.count > walked:
            if beyond is None or point.count < beyond.count:
                beyond = point
            continue
        batch.append(point)
        if len(batch) >= CHECKPOINT_BATCH:
            if problem := await _compare(batch):
                return problem
            batch = []
    if batch and (problem := await _compare(batch)):
        return problem
    if beyond is not None:
        return (
            f"entry {beyond.last_id}, the newest at the checkpoint of {beyond.at}, is missing: "
            "the newest entries were removed"
        )
    return ""


async def _anchor(walk: _Walk, point: chain.Checkpoint) -> str:
    """Start ``walk`` at the entry ``point`` signed."""
    row = (
        await AuditEvent.select(*entry.COLUMNS)
        .where(AuditEvent.seal == point.count)
        .first()
        .output(load_json=True)
    )
    if row is None or int(row["id"]) != point.last_id or row["hash"] != point.head:
        return (
            f"entry {point.last_id}, the newest at the checkpoint of {point.at}, is missing or "
            "changed"
        )
    walk.prev = row["hash"]
    walk.position = point.count
    walk.keyed_seen = hmac.compare_digest(entry.keyed(row["prev_hash"], row, walk.key), row["hash"])
    return ""


async def verify(
    *, from_checkpoint: bool = False, read_only: bool = False, now: datetime | None = None
) -> Verdict:
    """Seal what is waiting (unless ``read_only``), then walk the chain. ``read_only`` writes
    nothing and instead reports entries left unsealed for longer than ``sealing.GRACE``."""
    sealed = 0 if read_only else await sealing.seal()
    try:
        keyed_from, newest = _summary()
    except chain.Unreadable as bad:
        return Verdict(False, 0, str(bad))
    walk = _Walk(keyed_from, chain.key())
    anchor = newest if from_checkpoint else None
    if anchor is not None and (problem := await _anchor(walk, anchor)):
        return Verdict(False, 0, problem, anchor, sealed)
    while True:
        rows = await entry.sealed_after(walk.position, PAGE)
        for row in rows:
            if problem := walk.step(row):
                return Verdict(False, walk.checked, problem, anchor, sealed)
        if len(rows) < PAGE:
            break
    try:
        problem = await _checkpoints(walk.position, anchor.count if anchor else 0)
    except chain.Unreadable as bad:  # the file changed while it was read
        problem = str(bad)
    if problem:
        return Verdict(False, walk.checked, problem, anchor, sealed)
    count, first = await sealing.late(now or clock.now())
    if count:
        return Verdict(
            False,
            walk.checked,
            f"{count} entries, the first entry {first}, were written more than "
            f"{int(sealing.GRACE.total_seconds())} seconds ago and are not sealed yet: the chain "
            "does not cover them (is the server's reminder engine running?)",
            anchor,
            sealed,
        )
    return Verdict(True, walk.checked, "", anchor, sealed)
