from __future__ import annotations

from piccolo.columns import Bytea, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table


class IdempotencyRecord(Table, tablename="idempotency_records"):
    """The result of a write, stored under the writer's ``Idempotency-Key`` so a replay gets
    the original answer (draft-ietf-httpapi-idempotency-key-header)."""

    scope_key = Varchar(length=140, unique=True)  # "<user id>:<key>"
    fingerprint = Varchar(length=64)  # SHA-256 of method, path and body
    status = Integer(default=0)  # 0 while the first request is still being handled
    content_type = Varchar(length=100, default="")
    body = Bytea(default=b"")
    created_at = Timestamptz(index=True)


class ReplayMention(Table, tablename="replay_mentions"):
    """A person named in a stored answer (``IdempotencyRecord.body``), noted when the answer is
    stored, so erasure finds the answers that name a person by this index instead of reading
    every answer of the organisation. The person is kept as a digest of their id (the index
    needs no more), and the row goes with its answer."""

    record = ForeignKey(IdempotencyRecord, on_delete=OnDelete.cascade, index=True)
    person = Varchar(length=64, index=True)  # SHA-256 of the person's id, hex
