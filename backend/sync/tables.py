from __future__ import annotations

from piccolo.columns import Bytea, Integer, Timestamptz, Varchar
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
