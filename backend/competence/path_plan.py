"""The development plan's goals and the practice simulations of the path of a new coach: a plan
holds at most three open goals, each proposed by one side (the person, their coordinator) and
agreed by the other; a simulation is logged as a mentoring visit is. The only writer of
``competence_plan_goals`` and ``competence_simulations``."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from backend.accounts import PersonInfo
from backend.competence import framework, path_training, reminding
from backend.competence.tables_path import PlanGoal, Simulation
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from shared_schemas import competence as wire

NO_GOAL = "There is no such goal."
GOALS = "competence-plan-goals"
SIMULATIONS = "competence-simulations"
OPEN_GOALS = 3
"""A plan holds at most three open goals."""


# --- the development plan ----------------------------------------------------------------------


async def goal_row(goal_id: str) -> dict[str, Any] | None:
    if as_uuid(goal_id) is None:
        return None
    row: dict[str, Any] | None = (
        await PlanGoal.select(*PlanGoal.all_columns())
        .where(PlanGoal.id == as_uuid(goal_id))
        .first()
    )
    return row


async def propose_goal(
    actor: Actor, person: PersonInfo, data: wire.PlanGoalCreate
) -> tuple[str, bool]:
    """A goal proposed by the person or by their coordinator; the other one agrees to it."""
    found = await PlanGoal.exists().where(PlanGoal.client_uuid == as_uuid(data.local_id))
    if not found:
        open_now = await PlanGoal.count().where(
            (PlanGoal.person == person.id) & PlanGoal.status.is_in(["proposed", "agreed"])
        )
        if open_now >= OPEN_GOALS:
            raise ProblemError(
                409, "The plan has three open goals: close one first.", code="three_goals"
            )
    if data.competence not in await path_training.framework_keys():
        raise field_error("body.competence", "This competence is not in the framework.")
    if data.ends_on <= data.starts_on:
        raise field_error("body.endsOn", "The goal ends after it starts.")
    if data.ends_on - data.starts_on > timedelta(days=366):
        raise field_error("body.endsOn", "A goal of the plan lasts a year at most.")
    if not is_zone(data.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    at = clock.now()
    row = PlanGoal(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        title=data.title.strip(),
        means=data.means.strip(),
        competence=data.competence,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        status="proposed",
        proposed_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    stored, created = await insert_once(PlanGoal, row, {"person": person.id}, data)
    if created and actor.id != person.id:  # it waits for the person: they hear of it
        await reminding.ensure(person.id, data.zone)
    return str(stored["id"]), created


def awaits(actor: Actor, row: dict[str, Any]) -> bool:
    """Whether ``actor`` is the side that agrees: the person to a goal their coordinator proposed,
    the coordinator (or an administrator) to one the person proposed."""
    if row["status"] != "proposed":
        return False
    proposer = str(row["proposed_by"]) if row["proposed_by"] else None
    person = str(row["person"])
    if actor.id == person:
        return proposer != person
    return proposer == person or proposer is None


async def agree_goal(actor: Actor, row: dict[str, Any]) -> None:
    if row["status"] == "agreed":
        return
    if row["status"] != "proposed":
        raise ProblemError(409, "This goal is closed.", code="closed")
    if not awaits(actor, row):
        raise ProblemError(403, "The other side agrees to a goal you proposed.")
    at = clock.now()
    await PlanGoal.update(
        {PlanGoal.status: "agreed", PlanGoal.agreed_by: actor.id, PlanGoal.agreed_at: at,
         PlanGoal.updated_at: at}
    ).where((PlanGoal.id == row["id"]) & (PlanGoal.status == "proposed"))  # fmt: skip


async def rate_goal(row: dict[str, Any], data: wire.PlanGoalProgress) -> None:
    if row["status"] == "closed":
        raise ProblemError(409, "This goal is closed.", code="closed")
    values: dict[Any, Any] = {
        PlanGoal.progress: data.progress,
        PlanGoal.progress_note: data.note.strip(),
        PlanGoal.updated_at: clock.now(),
    }
    if data.close:
        values[PlanGoal.status] = "closed"
    await PlanGoal.update(values).where(PlanGoal.id == row["id"])


async def goals_wire(actor: Actor, rows: list[dict[str, Any]]) -> list[wire.PlanGoal]:
    names = await path_training.names(
        {str(r[c]) for r in rows for c in ("proposed_by", "agreed_by") if r[c]}
    )
    return [
        wire.PlanGoal(
            id=str(r["id"]),
            person_id=str(r["person"]),
            title=r["title"],
            means=r["means"],
            competence=r["competence"],
            starts_on=r["starts_on"],
            ends_on=r["ends_on"],
            status=r["status"],
            progress=r["progress"],
            progress_note=r["progress_note"],
            proposed_by_name=names.get(str(r["proposed_by"]), ""),
            agreed_by_name=names.get(str(r["agreed_by"]), ""),
            agreed_at=r["agreed_at"],
            awaits_me=awaits(actor, r),
            updated_at=r["updated_at"],
        )
        for r in rows
    ]


def goals_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of the plan's goals: the newest first (then by id)."""
    return page_request(GOALS, cursor, limit, datetime, str)


async def goals_of(
    actor: Actor, person_id: str, page: PageRequest
) -> tuple[list[wire.PlanGoal], str | None]:
    where: Any = PlanGoal.person == person_id
    order = (PlanGoal.created_at, PlanGoal.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await PlanGoal.select(*PlanGoal.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch),
        page,
        GOALS,
        lambda r: (r["created_at"], str(r["id"])),
    )
    return await goals_wire(actor, rows), next_cursor


async def open_goals(actor: Actor, person_ids: Collection[str]) -> dict[str, list[wire.PlanGoal]]:
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    rows = (
        await PlanGoal.select(*PlanGoal.all_columns())
        .where(PlanGoal.person.is_in(wanted) & PlanGoal.status.is_in(["proposed", "agreed"]))
        .order_by(PlanGoal.created_at)
        .limit(OPEN_GOALS * len(wanted) + OPEN_GOALS)
    )
    out: dict[str, list[wire.PlanGoal]] = {}
    for goal in await goals_wire(actor, rows):
        out.setdefault(goal.person_id, []).append(goal)
    return out


# --- simulations -------------------------------------------------------------------------------


async def log_simulation(
    actor: Actor, person: PersonInfo, data: wire.SimulationCreate
) -> tuple[str, bool]:
    current = await framework.current()
    keys = {c["key"] for c in framework.competences(current)}
    seen: list[dict[str, Any]] = []
    for i, s in enumerate(data.seen):
        if s.competence not in keys:
            raise field_error(
                f"body.seen.{i}.competence", "This competence is not in the framework."
            )
        if any(x["competence"] == s.competence for x in seen):
            raise field_error(f"body.seen.{i}.competence", "Each competence is named once.")
        seen.append({"competence": s.competence, "level": s.level})
    if data.held_on > clock.now().date():
        raise field_error("body.heldOn", "The day of the simulation cannot be in the future.")
    if data.scenario == "other" and not data.scenario_text.strip():
        raise field_error("body.scenarioText", "Say in a few words what the scenario was.")
    row = Simulation(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        observer=actor.id,
        framework=current["id"],
        held_on=data.held_on,
        scenario=data.scenario,
        scenario_text=data.scenario_text.strip(),
        seen=seen,
        notes=data.notes.strip(),
        next_step=data.next_step.strip(),
        created_at=clock.now(),
    )
    stored, created = await insert_once(Simulation, row, {"person": person.id}, data)
    return str(stored["id"]), created


async def simulations_wire(rows: list[dict[str, Any]]) -> list[wire.Simulation]:
    names = await path_training.names({str(r["observer"]) for r in rows if r["observer"]})
    versions = await framework.rows_by_id({str(r["framework"]) for r in rows})
    return [
        wire.Simulation(
            id=str(r["id"]),
            person_id=str(r["person"]),
            observer_name=names.get(str(r["observer"]), ""),
            framework_version=versions[str(r["framework"])]["version"],
            held_on=r["held_on"],
            scenario=r["scenario"],
            scenario_text=r["scenario_text"],
            seen=[wire.SeenWords(competence=s["competence"], level=s["level"]) for s in r["seen"]],
            notes=r["notes"],
            next_step=r["next_step"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


async def simulation_rows(ids: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (
        await Simulation.select(*Simulation.all_columns())
        .where(Simulation.id.is_in([as_uuid(i) for i in ids]))
        .output(load_json=True)
    )
    return rows


def simulations_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of simulations: the latest day first (then the newest, then by id)."""
    return page_request(SIMULATIONS, cursor, limit, date, datetime, str)


async def simulations_of(
    person_id: str, page: PageRequest
) -> tuple[list[wire.Simulation], str | None]:
    where: Any = Simulation.person == person_id
    order = (Simulation.held_on, Simulation.created_at, Simulation.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await Simulation.select(*Simulation.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        SIMULATIONS,
        lambda r: (r["held_on"], r["created_at"], str(r["id"])),
    )
    return await simulations_wire(rows), next_cursor
