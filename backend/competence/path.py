"""The path of a new coach (issue 19): the onboarding module on values and confidentiality (a
person is *provisional* until they finished it), training records with a certificate file, the
development plan's goals (at most three open), and practice simulations. The only writer of
``tables_path``. Each write carries the phone's ``localId`` (or names its slot), so a repeat lands
once.

``training_hours`` is for the parts that report on the team (the management gap report): the
hours of training per competence in a period.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import framework
from backend.competence.access import DEVELOPED
from backend.competence.tables_path import (
    OnboardingCompletion,
    PlanGoal,
    Simulation,
    TrainingRecord,
)
from backend.lib import clock, images
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.lib.photo_pool import process
from backend.lib.storage import get_storage
from backend.sync import insert_once
from shared_schemas import competence as wire

MODULE = Path(__file__).parent / "data" / "onboarding_v1.json"
NO_TRAINING = "There is no such training record."
NO_GOAL = "There is no such goal."
TRAININGS = "competence-trainings"
GOALS = "competence-plan-goals"
SIMULATIONS = "competence-simulations"
OPEN_GOALS = 3
"""A plan holds at most three open goals (issue 19)."""
EXPIRY_AHEAD = timedelta(days=30)
"""A certificate is flagged from 30 days before it expires …"""
EXPIRY_AFTER = timedelta(days=90)
"""… until 90 days after (by then it was renewed, or the course is no longer needed)."""
EXPIRING_READ = 20
CERTIFICATES = "competence/certificates"
PDF_MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg"}


# --- onboarding --------------------------------------------------------------------------------


@cache
def module() -> dict[str, Any]:
    """The onboarding module: screens, then check questions with the right answer's index."""
    content: dict[str, Any] = json.loads(MODULE.read_text(encoding="utf-8"))
    return content


def module_wire() -> wire.OnboardingModule:
    m = module()
    return wire.OnboardingModule(
        version=m["version"],
        titles=m["titles"],
        screens=msgspec.convert(m["screens"], list[wire.OnboardingScreen]),
        questions=[
            wire.OnboardingQuestion(key=q["key"], texts=q["texts"], options=q["options"])
            for q in m["questions"]
        ],
    )


async def _completions(person_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """Each person's latest completion of the module (any version)."""
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    rows = (
        await OnboardingCompletion.select(*OnboardingCompletion.all_columns())
        .where(OnboardingCompletion.person.is_in(wanted))
        .order_by(OnboardingCompletion.completed_at)
    )
    return {str(r["person"]): r for r in rows}


async def provisional(people: Collection[PersonInfo]) -> set[str]:
    """Whose status is provisional: coaches and coordinators who have not finished the onboarding
    module. It is shown (a banner, a flag on the team's view); it locks nobody out of client
    work — the issue asks for a status, not a gate."""
    done = await _completions([p.id for p in people])
    return {p.id for p in people if p.role in DEVELOPED and p.id not in done}


async def onboarding_status(person: PersonInfo) -> wire.OnboardingStatus:
    done = (await _completions([person.id])).get(person.id)
    return wire.OnboardingStatus(
        module=module_wire(),
        person_id=person.id,
        done=done is not None,
        completed_at=done["completed_at"] if done else None,
        completed_version=done["module_version"] if done else None,
    )


async def finish_onboarding(person: PersonInfo, data: wire.OnboardingFinish) -> bool:
    """Record the completion when every check question is answered right (422 naming the first
    wrong one otherwise). True when it is recorded now, False for a repeat."""
    m = module()
    if data.version != m["version"]:
        raise field_error("body.version", "This version of the module is no longer in use.")
    questions = m["questions"]
    if len(data.answers) != len(questions):
        raise field_error("body.answers", f"Answer all {len(questions)} questions.")
    for i, (q, a) in enumerate(zip(questions, data.answers, strict=True)):
        if a != q["answer"]:
            raise field_error(
                f"body.answers.{i}", "This answer is not right yet. Read the screens again."
            )
    slot = f"{person.id}:{m['version']}"
    before = await OnboardingCompletion.exists().where(OnboardingCompletion.slot == slot)
    if before:
        return False
    await OnboardingCompletion.insert(
        OnboardingCompletion(
            slot=slot, person=person.id, module_version=m["version"], completed_at=clock.now()
        )
    ).on_conflict(target=OnboardingCompletion.slot, action="DO NOTHING")
    return True


# --- training records --------------------------------------------------------------------------


async def _framework_keys() -> set[str]:
    return {c["key"] for c in framework.competences(await framework.current())}


def _check_competences(keys: set[str], chosen: list[str], field: str) -> list[str]:
    out: list[str] = []
    for i, key in enumerate(chosen):
        if key not in keys:
            raise field_error(f"{field}.{i}", "This competence is not in the framework.")
        if key in out:
            raise field_error(f"{field}.{i}", "Each competence is named once.")
        out.append(key)
    return out


async def add_training(
    actor: Actor, person: PersonInfo, data: wire.TrainingRecordCreate
) -> tuple[str, bool]:
    competences = _check_competences(await _framework_keys(), data.competences, "body.competences")
    if data.taken_on > clock.now().date():
        raise field_error("body.takenOn", "The day of the course cannot be in the future.")
    if data.expires_on is not None and data.expires_on < data.taken_on:
        raise field_error("body.expiresOn", "A certificate expires after the course was taken.")
    row = TrainingRecord(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        course=data.course.strip(),
        provider=data.provider.strip(),
        hours=data.hours,
        taken_on=data.taken_on,
        competences=competences,
        expires_on=data.expires_on,
        created_by=actor.id,
        created_at=clock.now(),
    )
    stored, created = await insert_once(TrainingRecord, row, {"person": person.id}, data)
    return str(stored["id"]), created


async def training_row(training_id: str) -> dict[str, Any] | None:
    if as_uuid(training_id) is None:
        return None
    row: dict[str, Any] | None = (
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(TrainingRecord.id == as_uuid(training_id))
        .first()
        .output(load_json=True)
    )
    return row


def expiring(expires_on: date | None, today: date) -> bool:
    return expires_on is not None and today - EXPIRY_AFTER <= expires_on <= today + EXPIRY_AHEAD


def certificate_key(row: dict[str, Any]) -> str | None:
    """The storage key of a record's certificate file (None without one)."""
    if not row["certificate_hash"] or row["certificate_type"] not in CONTENT_TYPES:
        return None
    return f"{CERTIFICATES}/{row['id']}/{row['certificate_hash'][:16]}.{row['certificate_type']}"


def certificate_prefix(row_id: str) -> str:
    return f"{CERTIFICATES}/{row_id}"


async def _names(ids: set[str]) -> dict[str, str]:
    return await accounts.display_names(ids) if ids else {}


async def trainings_wire(rows: list[dict[str, Any]]) -> list[wire.TrainingRecord]:
    names = await _names({str(r["created_by"]) for r in rows if r["created_by"]})
    today = clock.now().date()
    return [
        wire.TrainingRecord(
            id=str(r["id"]),
            person_id=str(r["person"]),
            course=r["course"],
            provider=r["provider"],
            hours=float(r["hours"]),
            taken_on=r["taken_on"],
            competences=list(r["competences"]),
            expires_on=r["expires_on"],
            expiring=expiring(r["expires_on"], today),
            certificate=(
                wire.Certificate(
                    kind=r["certificate_type"],
                    url=f"/api/competence/trainings/{r['id']}/certificate",
                )
                if certificate_key(r)
                else None
            ),
            created_by_name=names.get(str(r["created_by"]), ""),
            created_at=r["created_at"],
        )
        for r in rows
    ]


def trainings_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of training records: the latest course first (then the newest, then by id)."""
    return page_request(TRAININGS, cursor, limit, date, datetime, str)


async def trainings_of(
    person_id: str, page: PageRequest
) -> tuple[list[wire.TrainingRecord], str | None]:
    where: Any = TrainingRecord.person == person_id
    order = (TrainingRecord.taken_on, TrainingRecord.created_at, TrainingRecord.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        TRAININGS,
        lambda r: (r["taken_on"], r["created_at"], str(r["id"])),
    )
    return await trainings_wire(rows), next_cursor


async def expiring_of(person_ids: Collection[str]) -> dict[str, list[wire.TrainingRecord]]:
    """Each person's flagged certificates (a bounded read: the expiry window only)."""
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    today = clock.now().date()
    rows = (
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(
            TrainingRecord.person.is_in(wanted)
            & (TrainingRecord.expires_on >= today - EXPIRY_AFTER)
            & (TrainingRecord.expires_on <= today + EXPIRY_AHEAD)
        )
        .order_by(TrainingRecord.expires_on)
        .limit(EXPIRING_READ * len(wanted))
        .output(load_json=True)
    )
    out: dict[str, list[wire.TrainingRecord]] = {}
    for record in await trainings_wire(rows):
        out.setdefault(record.person_id, []).append(record)
    return out


async def attach_certificate(row: dict[str, Any], data: bytes) -> None:
    """The certificate of a record: a PDF kept as sent (``%PDF-`` by content, 10 MB at most), or
    a photo through the photo pipeline — re-encoded, its largest size as JPEG, with no EXIF, GPS
    or other metadata (``backend/lib/images.py``). Written beside the old file, then the row,
    then the old file removed: the row never names a missing file."""
    if data[:5] == b"%PDF-":
        if len(data) > PDF_MAX_BYTES:
            raise field_error("file", "This PDF is too large: 10 MB at most.", 413, "too_large")
        kind, content = "pdf", data
    elif images.sniff(data) is not None:
        processed = await process(data)
        kind, content = "jpg", processed.variants[0].jpeg
    else:
        raise field_error(
            "file", "Send the certificate as a PDF or a photo.", 415, "unsupported_type"
        )
    content_hash = hashlib.sha256(content).hexdigest()
    storage = get_storage()
    old = certificate_key(row)
    new = f"{certificate_prefix(str(row['id']))}/{content_hash[:16]}.{kind}"
    await storage.put(new, content, CONTENT_TYPES[kind])
    try:
        await TrainingRecord.update(
            {TrainingRecord.certificate_hash: content_hash, TrainingRecord.certificate_type: kind}
        ).where(TrainingRecord.id == row["id"])
    except BaseException:
        if new != old:
            await storage.delete(new)
        raise
    if old and old != new:
        await storage.delete(old)


async def read_certificate(row: dict[str, Any]) -> tuple[str, bytes] | None:
    key = certificate_key(row)
    if key is None:
        return None
    data = await get_storage().get(key)
    return (CONTENT_TYPES[row["certificate_type"]], data) if data is not None else None


async def training_hours(
    *,
    team_ids: Collection[str] | None = None,
    person_ids: Collection[str] | None = None,
    since: date,
    until: date,
) -> dict[str, float]:
    """Hours of training per competence key, of the courses taken from ``since`` to ``until``
    (both days included) by the people of ``team_ids`` (anyone whose account is in one of those
    teams) or by ``person_ids`` (either or both; neither: the whole organisation). A course that
    serves several competences counts its hours for each of them; a course that names none is
    under ``""``. Reads only the period's records."""
    where: Any = (TrainingRecord.taken_on >= since) & (TrainingRecord.taken_on <= until)
    if team_ids is not None or person_ids is not None:
        teams = [as_uuid(t) for t in team_ids or () if as_uuid(t) is not None]
        people = [as_uuid(p) for p in person_ids or () if as_uuid(p) is not None]
        if not teams and not people:
            return {}
        who: Any = None
        if teams:
            who = TrainingRecord.person._.team.is_in(teams)
        if people:
            by_person = TrainingRecord.person.is_in(people)
            who = by_person if who is None else who | by_person
        where &= who
    rows = (
        await TrainingRecord.select(TrainingRecord.hours, TrainingRecord.competences)
        .where(where)
        .output(load_json=True)
    )
    hours: dict[str, float] = {}
    for r in rows:
        for key in r["competences"] or [""]:
            hours[key] = hours.get(key, 0.0) + float(r["hours"])
    return {k: round(v, 2) for k, v in sorted(hours.items())}


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
    if data.competence not in await _framework_keys():
        raise field_error("body.competence", "This competence is not in the framework.")
    if data.ends_on <= data.starts_on:
        raise field_error("body.endsOn", "The goal ends after it starts.")
    if data.ends_on - data.starts_on > timedelta(days=366):
        raise field_error("body.endsOn", "A goal of the plan lasts a year at most.")
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
    names = await _names({str(r[c]) for r in rows for c in ("proposed_by", "agreed_by") if r[c]})
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
    names = await _names({str(r["observer"]) for r in rows if r["observer"]})
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


# --- where people are on the path --------------------------------------------------------------


async def summaries(actor: Actor, people: list[PersonInfo]) -> list[wire.PathSummary]:
    ids = [p.id for p in people]
    flagged = await provisional(people)
    certificates = await expiring_of(ids)
    goals = await open_goals(actor, ids)
    return [
        wire.PathSummary(
            person_id=p.id,
            display_name=p.display_name,
            provisional=p.id in flagged,
            expiring=certificates.get(p.id, []),
            open_goals=goals.get(p.id, []),
        )
        for p in people
    ]
