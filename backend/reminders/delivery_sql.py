"""The engine's SQL: claiming due deliveries, reading people's channels, recording outcomes.

Plain SQL in both dialects (PostgreSQL and SQLite): these statements run for every batch the
engine sends, so they are written once here and prepared, not built per call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from backend.lib.db import Statement
from backend.reminders.tables import Delivery


def db() -> Any:
    return Delivery._meta.db


def is_postgres() -> bool:
    return bool(db().engine_type == "postgres")


def dialect() -> str:
    """The key of the statements written for this database: ``postgres`` or ``sqlite``."""
    return "postgres" if is_postgres() else "sqlite"


DUE = Statement("SELECT count(*) FROM reminder_deliveries WHERE status = 'pending' AND due_at <= ?")
"""The reminders' queue: due and not yet claimed (the index on (status, due_at) counts it)."""

_RETURNING = 'id, CAST("user" AS TEXT), kind, attempts, sent_to'
CLAIM = {
    "postgres": Statement(
        f"""UPDATE reminder_deliveries SET status = 'sending', claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'pending' AND due_at <= ?
                     ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""UPDATE reminder_deliveries SET status = 'sending', claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'pending' AND due_at <= ?
                     ORDER BY due_at LIMIT ?)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
}
RECLAIM = {
    "postgres": Statement(
        f"""UPDATE reminder_deliveries SET claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'sending'
                     AND lease_until < ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""UPDATE reminder_deliveries SET claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'sending'
                     AND lease_until < ? ORDER BY due_at LIMIT ?)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
}
_IDS = {"postgres": "id = ANY(?::bigint[])", "sqlite": "id IN (SELECT value FROM json_each(?))"}
_SUB_IDS = {
    "postgres": "id = ANY(?::uuid[])",
    "sqlite": "id IN (SELECT value FROM json_each(?))",
}


def _statements(kind: str) -> dict[str, Statement]:
    ids, subs = _IDS[kind], _SUB_IDS[kind]
    users = {
        "postgres": '"user" = ANY(?::uuid[])',
        "sqlite": '"user" IN (SELECT value FROM json_each(?))',
    }[kind]
    return {
        # Only subscriptions whose session is alive: a session past its absolute or idle
        # lifetime that nobody has deleted yet sends nothing (a semi-join on its primary key).
        "subscriptions": Statement(
            f"""SELECT CAST(id AS TEXT), CAST("user" AS TEXT), endpoint, p256dh, auth, expires_at
            FROM push_subscriptions AS p WHERE {users} AND seen_at > ?
            AND EXISTS (SELECT 1 FROM sessions AS s WHERE s.id_hash = p.session
                        AND s.expires_at > ? AND s.last_seen_at > ?)"""  # noqa: S608
        ),
        "emails": Statement(
            f"""SELECT CAST("user" AS TEXT), email FROM notification_settings
            WHERE {users} AND email <> ''"""  # noqa: S608
        ),
        "finish": Statement(
            f"""UPDATE reminder_deliveries SET status = ?, sent_at = ?, lease_until = NULL,
            devices = ?, last_status = ?, outcome = ?
            WHERE {ids} AND claimed_by = ? AND status = 'sending'"""  # noqa: S608 (constant SQL)
        ),
        "retry": Statement(
            """UPDATE reminder_deliveries SET status = 'pending', due_at = ?, lease_until = NULL,
            sent_to = ?, devices = ?, last_status = ?, outcome = ?
            WHERE id = ? AND claimed_by = ? AND status = 'sending'"""
        ),
        "accepted": Statement(
            f"UPDATE push_subscriptions SET last_success_at = ?, failures = 0 WHERE {subs}"  # noqa: S608 (constant SQL)
        ),
        "refused": Statement(f"UPDATE push_subscriptions SET failures = failures + 1 WHERE {subs}"),  # noqa: S608 (constant SQL)
        "gone": Statement(f"DELETE FROM push_subscriptions WHERE {subs}"),  # noqa: S608 (constant SQL)
    }


STATEMENTS = {kind: _statements(kind) for kind in ("postgres", "sqlite")}
# Subscriptions of sessions past their lifetimes (deleted sessions took theirs with them).
ENDED_SESSIONS = Statement(
    """DELETE FROM push_subscriptions WHERE session IS NULL OR session IN
    (SELECT id_hash FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?)"""
)


def ids(values: Sequence[Any]) -> Any:
    return list(values) if is_postgres() else json.dumps(list(values))


def users(values: Sequence[str]) -> Any:
    return list(values) if is_postgres() else json.dumps(list(values))


def aware(value: Any) -> datetime:
    """SQLite hands plain SQL's timestamps back as text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def sent_to_of(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(v) for v in value or []]
