"""The large organisation of ``scripts/bench`` holds an audit log that ``stepwise audit verify``
accepts and the sealer has nothing left to do in: the bench's one function that builds the log
(``bench/seed_large.py: audit_rows``) builds it with the audit domain's own sealed rows, so the
benchmark measures a log the app would have made. And the seed's bulk load, which drops the
database's triggers while it writes, leaves them exactly as the migrations made them."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest

from backend.audit import chain, sealing
from backend.audit import services as audit
from backend.audit.tables import AuditEvent
from backend.lib import clock
from backend.piccolo_conf import DB
from backend.settings import get_settings
from bench import seed_large
from tests.api.conftest import Api


async def test_the_large_seeds_audit_log_is_sealed_and_verifies(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seed_large, "AUDIT_ENTRIES", 300)
    now: datetime = clock.now()
    org = seed_large._org(now.replace(microsecond=0))
    rows = list(seed_large.audit_rows(org, seed_large.Fmt(sqlite=False)))
    assert len(rows) == 300
    for row in rows:
        values: dict[str, Any] = dict(zip(seed_large.AUDIT_COLUMNS, row, strict=True))
        await AuditEvent.insert(AuditEvent(**values))
    # Every entry has its place in the chain: the sealer finds nothing to do.
    assert await sealing.seal() == 0
    assert [p.count for p in chain.load()] == [300]  # the checkpoint at its end
    assert await audit.verify() == (True, 300, "")
    # And it is a chain, not 300 entries that each verify alone: one edit breaks it.
    await AuditEvent.update({AuditEvent.action: "edited"}).where(AuditEvent.id == 150)
    intact, _, problem = await audit.verify()
    assert not intact and "entry 150" in problem


async def _triggers() -> list[tuple[str, str]]:
    """The database's triggers (name, definition), as its catalogue holds them."""
    if DB.engine_type == "postgres":
        rows = await DB.run_ddl(seed_large._PG_TRIGGERS)
        return [(r["tgname"], r["def"]) for r in rows]
    rows = await DB.run_ddl(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    )
    return [(r["name"], r["sql"]) for r in rows]


async def test_the_seed_drops_the_triggers_for_its_load_and_makes_them_again_as_they_were(
    world_api: Api,
) -> None:
    before = await _triggers()
    assert any(name.startswith("day_stamp_") for name, _ in before)
    url = get_settings().database_url
    if DB.engine_type == "postgres":
        conn = await asyncpg.connect(url)
        try:
            made = await seed_large.postgres_triggers_off(conn)
            assert await _triggers() == []
            for sql in made:
                await conn.execute(sql)
        finally:
            await conn.close()
    else:
        db = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        try:
            made = seed_large.sqlite_triggers_off(db)
            assert (
                db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[
                    0
                ]
                == 0
            )
            for sql in made:
                db.execute(sql)
        finally:
            db.close()
    assert await _triggers() == before
