"""A controlled clock: ``backend.lib.clock.now`` is the only clock, so patching it moves time
for the whole app (every module calls ``clock.now()`` through the module)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.lib import clock


class FakeClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        assert at.tzinfo is not None
        self.at = at.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


def install(monkeypatch: pytest.MonkeyPatch, at: datetime) -> FakeClock:
    fake = FakeClock(at.astimezone(UTC))
    monkeypatch.setattr(clock, "now", fake)
    return fake
