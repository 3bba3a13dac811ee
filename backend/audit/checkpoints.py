"""Writing signed checkpoints of the sealed chain (the file itself: ``chain.py``)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from backend.audit import chain, entry
from backend.audit.tables import AuditEvent


@dataclass(frozen=True, slots=True)
class Head:
    """The newest sealed entry: its id, its position (= the number of sealed entries, as
    positions run 1, 2, 3, … without gaps) and its hash."""

    id: int
    position: int
    hash: str


async def first_keyed(after: int) -> int:
    """The id from which on entries are keyed (they are a suffix of the log: only entries
    chained before the key existed are not): a binary search over sealed entries, for the
    first checkpoint of a log that had entries before the key."""
    key = chain.key()
    low, high = 0, after + 1  # high: keyed (the next entry will be)
    while low + 1 < high:
        middle = (low + high) // 2
        row = (
            await AuditEvent.select(*entry.COLUMNS)
            .where(AuditEvent.id >= middle)
            .where(AuditEvent.seal.is_not_null())
            .order_by(AuditEvent.id)
            .first()
            .output(load_json=True)
        )
        if row is None or int(row["id"]) >= high:
            high = middle
            continue
        if hmac.compare_digest(entry.keyed(row["prev_hash"], row, key), row["hash"]):
            high = min(high, int(row["id"]))
        else:
            low = int(row["id"])
    return high


async def write(head: Head) -> chain.Checkpoint:
    """Append a signed checkpoint naming ``head`` (committed) as the newest sealed entry."""
    try:
        earlier = chain.load()
    except chain.Unreadable:
        earlier = []  # verify says so; this checkpoint is still worth having
    if earlier:
        keyed_from = min(p.keyed_from for p in earlier)
    else:
        keyed_from = await first_keyed(head.id)
    point = chain.Checkpoint(
        at=chain.now_iso(),
        count=head.position,
        last_id=head.id,
        head=head.hash,
        keyed_from=keyed_from,
    )
    chain.append(point)
    return point
