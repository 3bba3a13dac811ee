"""What the pack reads from domains not yet on this branch: the job analysis (natural supports,
agreed adjustments, linked photo tasks) and the fading plan. Typed rows here for now; each
function answers "nothing" until it is wired to its domain at merge.
"""

from __future__ import annotations

from datetime import date

import msgspec


class SupportRow(msgspec.Struct, frozen=True):
    """A natural support: who at work helps the client, and with what."""

    name: str
    role: str
    helps_with: str


class FadingStepRow(msgspec.Struct, frozen=True):
    """One step of the fading plan: from this day, this much of the coach."""

    from_date: date
    coach_hours_tenths: int | None
    share_of_shift_percent: int | None


class FadingSummary(msgspec.Struct, frozen=True):
    steps: list[FadingStepRow]
    stable: bool


async def supports_of(job_id: str) -> list[SupportRow]:
    # wired to backend.workplace.reading.supports_of at merge
    return []


async def adjustments_of(job_id: str) -> list[str]:
    # wired to backend.workplace.reading.adjustments_of at merge
    return []


async def task_ids_of(job_id: str) -> list[str]:
    # wired to backend.workplace.reading.task_ids_of at merge
    return []


async def plan_of(client_id: str, job_id: str) -> FadingSummary | None:
    # wired to backend.fading.reading.plan_of at merge
    return None
