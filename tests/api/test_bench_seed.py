"""The large organisation of ``scripts/bench`` holds an audit log that ``stepwise audit verify``
accepts: the bench's one function that builds the chain (``bench/seed_large.py: audit_rows``)
builds it as the audit domain does, so the benchmark measures a log the app would have made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from backend.audit import services as audit
from backend.audit.tables import AuditEvent
from backend.lib import clock
from bench import seed_large
from tests.api.conftest import Api


async def test_the_large_seeds_audit_log_verifies(
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
    assert await audit.verify() == (True, 300, "")
    # And it is a chain, not 300 entries that each verify alone: one edit breaks it.
    await AuditEvent.update({AuditEvent.action: "edited"}).where(AuditEvent.id == 150)
    intact, _, problem = await audit.verify()
    assert not intact and "entry 150" in problem
