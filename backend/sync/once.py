"""Writes that carry ``localId``: a UUID the phone made when the person acted, in a unique
column (``client_uuid``, named when the wire still called it ``clientId``). The outbox may send a
write twice (a lost answer, a retry after a restart); the second lands on the first row and gets
it back with 200 instead of 201 (as ``tasks/marks.py``).

A repeat must be the same request: the SHA-256 of the first request's body is kept beside the
``Idempotency-Key`` records (``once:<table>:<localId>``, kept as long as those), and the same id
with a different body is refused with 422, as a reused ``Idempotency-Key`` is — so a consent
withdrawal sent under the id of an earlier grant is not silently answered with the grant."""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.wire_names import as_before_rename
from backend.sync.tables import IdempotencyRecord


def _scope_key(table: Any, client_uuid: Any) -> str:
    return f"once:{table._meta.tablename}:{client_uuid}"


async def _check_same(table: Any, client_uuid: Any, fingerprint: str | None) -> None:
    if fingerprint is None:
        return
    kept = (
        await IdempotencyRecord.select(IdempotencyRecord.fingerprint)
        .where(IdempotencyRecord.scope_key == _scope_key(table, client_uuid))
        .first()
    )
    if kept is not None and kept["fingerprint"] != fingerprint:
        raise field_error(
            "body.localId",
            "This id was already sent with different content. Make a new one.",
            422,
            "key_reused",
        )


async def insert_once(
    table: Any,
    row: Any,
    owner: dict[str, Any],
    request: msgspec.Struct | None = None,
    *,
    read_back: bool = True,
) -> tuple[dict[str, Any], bool]:
    """Insert ``row`` unless its ``client_uuid`` is there already: (the stored row, created).

    ``owner``: columns that must match for a repeat (the same client, the same goal); an id
    reused for something else is refused with 409. ``request``: the body the row was made from;
    a repeat with another body is refused with 422. ``read_back=False``: a created row is
    answered with the values written (the row's columns, defaults filled in), not read again —
    one statement less for a caller that makes its answer from them."""
    # Under the old wire names, as every fingerprint stored before ``clientId`` became
    # ``localId`` was taken: a repeat of such a write still matches (backend/lib/wire_names.py).
    fingerprint = (
        hashlib.sha256(as_before_rename(msgspec.json.encode(request))).hexdigest()
        if request is not None
        else None
    )

    async def existing() -> dict[str, Any] | None:
        found = (
            await table.select(*table.all_columns())
            .where(table.client_uuid == row.client_uuid)
            .first()
            .output(load_json=True)
        )
        if found is None:
            return None
        if any(str(found[k]) != str(v) for k, v in owner.items()):
            raise field_error(
                "body.localId",
                "This id was already used for something else. Make a new one.",
                409,
                "conflict",
            )
        return dict(found)

    # The common case is a first send: insert at once, and look for the earlier row only when
    # the id is taken (``ON CONFLICT DO NOTHING`` inserts nothing then, and breaks no
    # transaction the caller holds). The row and the fingerprint it is checked against are one
    # write: a server killed between the two would leave a row whose repeats are never compared.
    async with table._meta.db.transaction():
        inserted = await (
            table.insert(row)
            .on_conflict(target=table.client_uuid, action="DO NOTHING")
            .returning(table._meta.primary_key)
        )
        if inserted and fingerprint is not None:
            await IdempotencyRecord.insert(
                IdempotencyRecord(
                    scope_key=_scope_key(table, row.client_uuid),
                    fingerprint=fingerprint,
                    status=201,
                    created_at=now(),
                )
            )
    if not inserted:
        found = await existing()
        if found is None:  # the row that took the id was deleted meanwhile
            raise field_error(
                "body.localId",
                "This id was already used for something else. Make a new one.",
                409,
                "conflict",
            )
        await _check_same(table, row.client_uuid, fingerprint)
        return found, False
    if not read_back:
        return {c._meta.name: getattr(row, c._meta.name) for c in table._meta.columns}, True
    created = await existing()
    assert created is not None
    return created, True
