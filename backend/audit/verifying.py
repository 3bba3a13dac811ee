"""``stepwise audit verify``: walk the sealed chain in position order, a page at a time, and
compare it with the signed checkpoints.

Memory stays constant however long the log is: entries are read in keyset pages of ``PAGE``
by position (the unique index on ``seal``), and only the checkpoints are held (one small
record each). Starting from a checkpoint (``from_checkpoint``) trusts everything up to the
newest checkpoint and walks only what was sealed after it, anchored on the entry it signed.
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

    def __init__(self, points: list[chain.Checkpoint], key: bytes) -> None:
        self.key = key
        self.keyed_from = min((p.keyed_from for p in points), default=None)
        self.points: dict[int, list[chain.Checkpoint]] = {}
        for point in points:
            self.points.setdefault(point.count, []).append(point)
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
        for point in self.points.get(self.position, ()):
            if point.last_id != entry_id or point.head != row["hash"]:
                return (
                    f"entry {point.last_id} is not the one the checkpoint of {point.at} signed "
                    f"(entry {entry_id} is at position {self.position} now)"
                )
        return ""

    def cut(self) -> str:
        """After the last entry: a checkpoint naming a later position means entries were
        removed from the end."""
        beyond = [p for count, ps in self.points.items() if count > self.position for p in ps]
        if not beyond:
            return ""
        point = min(beyond, key=lambda p: p.count)
        return (
            f"entry {point.last_id}, the newest at the checkpoint of {point.at}, is missing: "
            "the newest entries were removed"
        )


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
        points = chain.load()
    except chain.Unreadable as bad:
        return Verdict(False, 0, str(bad))
    walk = _Walk(points, chain.key())
    anchor = max(points, key=lambda p: p.count) if from_checkpoint and points else None
    if anchor is not None and (problem := await _anchor(walk, anchor)):
        return Verdict(False, 0, problem, anchor, sealed)
    while True:
        rows = await entry.sealed_after(walk.position, PAGE)
        for row in rows:
            if problem := walk.step(row):
                return Verdict(False, walk.checked, problem, anchor, sealed)
        if len(rows) < PAGE:
            break
    if problem := walk.cut():
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
