"""The organisation's target number of days per stage. A stage going on past its target is
flagged on the coach's and the coordinator's caseload: the due day is kept on the client's
record (``clients.set_stage``), so changing a target re-dates the records in that stage."""

from __future__ import annotations

from typing import Any, get_args

from backend import clients
from backend.journey.tables import StageTarget
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error
from shared_schemas import journey as wire
from shared_schemas.clients import Stage

STAGES: tuple[Stage, ...] = get_args(Stage)


async def days_by_stage() -> dict[str, int | None]:
    rows = await StageTarget.select(StageTarget.stage, StageTarget.days)
    found = {r["stage"]: r["days"] for r in rows}
    return {stage: found.get(stage) for stage in STAGES}


async def get() -> wire.StageTargets:
    days = await days_by_stage()
    return wire.StageTargets(
        targets=[wire.StageTarget(stage=stage, days=days[stage]) for stage in STAGES]
    )


async def set_targets(
    actor: Actor, data: wire.StageTargetsUpdate
) -> tuple[wire.StageTargets, dict[str, int | None]]:
    """Set the targets given (the others stay); the records in a changed stage get their due
    day anew. Returns the targets and what changed."""
    seen: set[str] = set()
    for index, target in enumerate(data.targets):
        if target.stage in seen:
            raise field_error(f"body.targets[{index}].stage", "Each stage can be given once.")
        seen.add(target.stage)
    before = await days_by_stage()
    changed: dict[str, int | None] = {
        t.stage: t.days for t in data.targets if before[t.stage] != t.days
    }
    for stage, days in changed.items():
        values: dict[Any, Any] = {
            StageTarget.days: days,
            StageTarget.updated_by: actor.id,
            StageTarget.updated_at: now(),
        }
        if await StageTarget.exists().where(StageTarget.stage == stage):
            await StageTarget.update(values).where(StageTarget.stage == stage)
        else:
            await StageTarget.insert(
                StageTarget(stage=stage, days=days, updated_by=actor.id, updated_at=now())
            )
        await clients.set_stage_dues(stage, days)
    return await get(), changed
