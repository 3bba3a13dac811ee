"""Which writes empty the app servers' session copies (``backend/lib/db.writes_cached_rows``):
a sign-in adds a session and must leave every other session's copy in place on every server;
anything that may change or remove a session, a person or a team must be announced."""

from __future__ import annotations

import pytest

from backend.lib.db import writes_cached_rows


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
        # Other tables, and reads, are not the caches' business.
        ("UPDATE tasks SET title = ? WHERE id = ?", False),
        ('SELECT * FROM "sessions" WHERE "id_hash" = $1', False),
    ],
)
def test_only_writes_that_may_change_a_cached_row_are_announced(sql: str, announced: bool) -> None:
    assert writes_cached_rows(sql) is announced
