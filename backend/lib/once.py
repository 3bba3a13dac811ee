"""Writes that carry ``clientId``: a UUID the phone made when the person acted, in a unique
column. The outbox may send a write twice (a lost answer, a retry after a restart); the second
lands on the first row and gets it back with 200 instead of 201 (as ``tasks/marks.py``)."""

from __future__ import annotations

from typing import Any

from backend.lib.errors import field_error


async def insert_once(table: Any, row: Any, owner: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Insert ``row`` unless its ``client_uuid`` is there already: (the stored row, created).

    ``owner``: columns that must match for a repeat (the same client, the same goal); an id
    reused for something else is refused with 409."""

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
                "body.clientId",
                "This id was already used for something else. Make a new one.",
                409,
                "conflict",
            )
        return dict(found)

    if (found := await existing()) is not None:
        return found, False
    try:
        await table.insert(row)
    except Exception:  # a unique violation: the same write arrived twice at once
        if (found := await existing()) is not None:
            return found, False
        raise
    created = await existing()
    assert created is not None
    return created, True
