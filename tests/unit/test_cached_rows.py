"""Which writes are announced to the app servers' session copies
(``backend/lib/db.writes_cached_rows``): a sign-in adds a session and must leave every other
session's copy in place on every server, and so must a write to another table that only reads a
cached one; anything that may change or remove a session, a person or a team must be announced.
And what an announcement names (``change``, ``named``)."""

from __future__ import annotations

import pytest

from backend.lib.db import EVERYTHING, change, named, writes_cached_rows


@pytest.mark.parametrize(
    ("sql", "announced"),
    [
        # Added rows: no copy can be of them.
        ('INSERT INTO "sessions" ("id_hash", "user") VALUES ($1, $2) RETURNING "id"', False),
        ('INSERT INTO "users" ("id", "role", "updated_at") VALUES ($1, $2, $3)', False),
        ("INSERT INTO teams (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", False),
        # Changed or removed rows: every server drops its copies.
        ('DELETE FROM "sessions" WHERE "id_hash" = $1', True),
        ('UPDATE "users" SET "role" = $1 WHERE "id" = $2', True),
        (
            "INSERT INTO users (id, role) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET role = 'x'",
            True,
        ),
        (
            "WITH gone AS (DELETE FROM sessions WHERE user = ? RETURNING 1) INSERT INTO x SELECT 1",
            True,
        ),
        ('DELETE FROM "public"."sessions" WHERE "id_hash" = $1', True),
        ("TRUNCATE sessions", True),
        # Other tables, and reads, are not the caches' business, also when they read a cached
        # one (the worker's sweep of ended sessions' push subscriptions).
        ("UPDATE tasks SET title = ? WHERE id = ?", False),
        (
            "DELETE FROM push_subscriptions WHERE session IS NULL OR session IN"
            " (SELECT id_hash FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?)",
            False,
        ),
        ("UPDATE tasks SET owner = u.id FROM users AS u WHERE u.role = 'coach'", False),
        ("INSERT INTO audit_log (actor) SELECT id FROM users WHERE role = ?", False),
        ('SELECT * FROM "sessions" WHERE "id_hash" = $1', False),
    ],
)
def test_only_writes_that_may_change_a_cached_row_are_announced(sql: str, announced: bool) -> None:
    assert writes_cached_rows(sql) is announced


def test_an_announcement_names_one_row_or_anything() -> None:
    assert change("sessions", "ab12") == "sessions:ab12"
    assert named(change("users", "5b0e")) == ("users", "5b0e")
    assert named(change("teams", "7c1f")) == ("teams", "7c1f")
    # What no row can be, or no reader knows, is a change to anything: every copy goes.
    assert change("sessions", "") == EVERYTHING
    assert change("passkeys", "ab12") == EVERYTHING
    assert change("sessions", "x" * 201) == EVERYTHING
    for payload in (EVERYTHING, "sessions", "sessions:", "nonsense:1", "Users:1"):
        assert named(payload) is None, payload
