"""Goals, check-ins and end evaluations written: the only writer of the goals tables
(``pta.py`` writes the conversations; ``reading.py`` reads goals for the wire).

Goal Attainment Scaling (Kiresuk & Sherman 1968) as practised: the expected outcome (level 0)
and, where useful, the other levels are written in plain words when the goal is set; check-ins
pick one of those levels; the final evaluation opens in the goal's last week (or when staff end
the goal early, with a reason) and only final evaluations count in the T-score."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from backend.goals import photos
from backend.goals.events import GoalEvaluated
from backend.goals.reading import LEVEL_KEYS, evaluation_opens_on, photo_sizes, today
from backend.goals.tables import CheckIn, Goal
from backend.lib import clock, images
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.lib.storage import Opened
from backend.reminders import client_changed
from backend.sync import insert_once
from shared_schemas import FieldError
from shared_schemas import goals as wire

NO_GOAL = "There is no such goal in your reach."
MIN_DAYS = 7  # "goals for about 1–4 weeks" (PTA, seed 003)
MAX_DAYS = 28
LEVEL_FIELDS = {"much_less": "muchLess", "much_more": "muchMore"}


def _plain(value: str) -> str:
    return " ".join(value.split())


def _means(values: list[str], field: str = "body.means") -> list[str]:
    means = [_plain(m) for m in values if _plain(m)]
    if not 1 <= len(means) <= 5:
        raise field_error(field, "Write one to five short steps: how you will do it.")
    return means


def _title(value: str, field: str) -> str:
    text = _plain(value)
    if not text:
        raise field_error(field, "Please write the goal in a few words.")
    return text


def _every(*checks: Callable[[], Any]) -> list[Any]:
    """Run every check and refuse once, naming every field to blame: a coach filling in a long
    form on a phone sees all that is missing at the first try, not one field per try."""
    results: list[Any] = []
    errors: list[FieldError] = []
    for check in checks:
        try:
            results.append(check())
        except ProblemError as error:
            errors.extend(error.problem.errors)
            results.append(None)
    if errors:
        refused = field_error(errors[0].field, errors[0].reason)
        refused.problem.errors = errors
        raise refused
    return results


def _levels(data: wire.GoalLevelsSet | None, field_prefix: str = "body") -> dict[str, str]:
    """The levels in plain words; the expected level (0) is required."""
    expected = _plain(data.expected) if data is not None else ""
    if not expected:
        raise field_error(
            f"{field_prefix}.levels.expected",
            "Write in a few words what reaching the goal looks like (the expected level).",
        )
    assert data is not None
    return {k: _plain(getattr(data, k)) for k in LEVEL_KEYS}


def _period(starts_on: date, ends_on: date, field: str = "body.endsOn") -> None:
    days = (ends_on - starts_on).days
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise field_error(field, "A goal lasts one to four weeks: choose another last day.")


def new_row(
    actor: Actor,
    client_id: str,
    *,
    client_uuid: str,
    title: str,
    means: list[str],
    starts_on: date | None,
    ends_on: date,
    weight: float,
    status: str,
    levels: wire.GoalLevelsSet | None,
    conversation: str | None = None,
    field_prefix: str = "body",
) -> Goal:
    start = starts_on or today()
    _, text, written_means, written = _every(
        lambda: _period(start, ends_on, f"{field_prefix}.endsOn"),
        lambda: _title(title, f"{field_prefix}.title"),
        lambda: _means(means, f"{field_prefix}.means"),
        lambda: _levels(levels, field_prefix),
    )
    at = clock.now()
    return Goal(
        client_uuid=as_uuid(client_uuid),
        client=client_id,
        title=text,
        means=written_means,
        starts_on=start,
        ends_on=ends_on,
        weight=weight,
        status=status,
        conversation=conversation,
        levels=written,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )


async def create(actor: Actor, client_id: str, data: wire.GoalCreate) -> tuple[str, bool]:
    row = new_row(
        actor,
        client_id,
        client_uuid=data.local_id,
        title=data.title,
        means=data.means,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        weight=data.weight,
        status=data.status,
        levels=data.levels,
    )
    found, created = await insert_once(Goal, row, {"client": client_id}, data)
    if created:
        await client_changed(client_id)
    return str(found["id"]), created


async def update(goal: dict[str, Any], data: wire.GoalUpdate) -> None:
    if goal["status"] == "cancelled":
        raise ProblemError(409, "This goal was dropped; set a new one.", code="goal_cancelled")
    if goal["status"] == "ended":
        raise ProblemError(409, "This goal has ended; set a new one.", code="goal_ended")
    changes: dict[Any, Any] = {}
    if data.levels is not None:
        if goal["client_rating"] is not None or goal["coach_rating"] is not None:
            raise ProblemError(
                409,
                "The goal has had its final evaluation: its levels stay as they were.",
                code="goal_evaluated",
            )
        changes[Goal.levels] = _levels(data.levels)
    if data.title is not None:
        if not _plain(data.title):
            raise field_error("body.title", "Please write the goal in a few words.")
        changes[Goal.title] = _plain(data.title)
    if data.means is not None:
        changes[Goal.means] = _means(data.means)
    if data.weight is not None:
        changes[Goal.weight] = data.weight
    if data.starts_on is not None or data.ends_on is not None:
        starts_on = data.starts_on or goal["starts_on"]
        ends_on = data.ends_on or goal["ends_on"]
        _period(starts_on, ends_on, "body.endsOn" if data.ends_on else "body.startsOn")
        changes[Goal.starts_on] = starts_on
        changes[Goal.ends_on] = ends_on
    if data.status is not None:
        changes[Goal.status] = data.status
    if changes:
        changes[Goal.updated_at] = clock.now()
        await Goal.update(changes).where(Goal.id == goal["id"])
        await client_changed(str(goal["client"]))


async def remove(goal: dict[str, Any]) -> None:
    await Goal.delete().where(Goal.id == goal["id"])
    await photos.PHOTOS.remove(str(goal["id"]))
    await client_changed(str(goal["client"]))


async def set_photo(goal: dict[str, Any], processed: images.Processed) -> None:
    async def commit(content_hash: str, sizes: list[dict[str, Any]]) -> None:
        await Goal.update(
            {Goal.photo_hash: content_hash, Goal.photo_sizes: sizes, Goal.updated_at: clock.now()}
        ).where(Goal.id == goal["id"])

    await photos.PHOTOS.store(str(goal["id"]), processed, commit)


async def remove_photo(goal: dict[str, Any]) -> None:
    await Goal.update(
        {Goal.photo_hash: "", Goal.photo_sizes: [], Goal.updated_at: clock.now()}
    ).where(Goal.id == goal["id"])
    await photos.PHOTOS.remove(str(goal["id"]))


async def read_photo(goal: dict[str, Any], file_name: str) -> tuple[str, Opened] | None:
    return await photos.PHOTOS.read(
        str(goal["id"]), goal["photo_hash"], photo_sizes(goal["photo_sizes"]), file_name
    )


async def check_in(
    actor: Actor, goal: dict[str, Any], data: wire.CheckInCreate
) -> tuple[wire.CheckIn, bool]:
    if goal["status"] != "active":
        raise ProblemError(409, "Check in on a goal once it has started.", code="goal_not_active")
    if goal["starts_on"] > today():
        raise ProblemError(
            409,
            f"This goal starts on {goal['starts_on'].isoformat()}: check in from then.",
            code="goal_not_started",
        )
    mood = data.level if data.level is not None else data.mood
    if mood is None:
        raise field_error("body.level", "Choose the sentence that fits how it is going.")
    row = CheckIn(
        client_uuid=as_uuid(data.local_id),
        goal=goal["id"],
        user=actor.id,
        mood=mood,
        level=data.level,
        note=_plain(data.note),
        at=data.at,
        received_at=clock.now(),
    )
    found, created = await insert_once(CheckIn, row, {"goal": goal["id"], "user": actor.id}, data)
    return (
        wire.CheckIn(
            id=str(found["id"]),
            local_id=str(found["client_uuid"]),
            mood=found["mood"],
            note=found["note"],
            at=found["at"],
            level=found["level"],
        ),
        created,
    )


async def evaluate(
    actor: Actor, goal: dict[str, Any], as_client: bool, data: wire.EvaluationSet
) -> None:
    """The final evaluation: the client's rating and the coach's are kept side by side; each may
    change their own. It opens in the goal's last week, or once staff ended the goal early, so
    a goal can no longer be "reached" on the day it started."""
    if goal["status"] not in {"active", "ended"}:
        raise ProblemError(409, "Only a started goal can be rated.", code="goal_not_active")
    opens_on = evaluation_opens_on(goal)
    if today() < opens_on:
        raise ProblemError(
            409,
            f"The final evaluation opens on {opens_on.isoformat()}, in the goal's last week.",
            code="evaluation_not_open",
        )
    at = clock.now()
    comment = data.comment.strip()
    changes: dict[Any, Any]
    if as_client:
        changes = {
            Goal.client_rating: data.rating,
            Goal.client_comment: comment,
            Goal.client_rated_at: at,
        }
    else:
        changes = {
            Goal.coach_rating: data.rating,
            Goal.coach_comment: comment,
            Goal.coach_rated_at: at,
            Goal.coach_rated_by: actor.id,
        }
    await Goal.update({**changes, Goal.updated_at: at}).where(Goal.id == goal["id"])
    client = goal.get("client")
    await emit(
        GoalEvaluated(
            goal_id=str(goal["id"]),
            client_id=str(client) if client is not None else None,
            title=goal["title"],
            rating=data.rating,
        )
    )


async def end_early(goal: dict[str, Any], data: wire.GoalEnd) -> None:
    """Staff end a started goal before its last day, saying why: the final evaluation opens."""
    reason = _plain(data.reason)
    if not reason:
        raise field_error("body.reason", "Write in a few words why the goal ends early.")
    if goal["status"] != "active":
        raise ProblemError(409, "Only a goal going on now can be ended.", code="goal_not_active")
    on = today()
    if goal["starts_on"] > on:
        raise ProblemError(
            409, "This goal has not started yet: drop it instead.", code="goal_not_started"
        )
    if goal["ends_on"] < on:
        raise ProblemError(409, "This goal has already ended.", code="goal_ended")
    await Goal.update(
        {
            Goal.status: "ended",
            Goal.ended_early_on: on,
            Goal.end_reason: reason,
            Goal.updated_at: clock.now(),
        }
    ).where(Goal.id == goal["id"])
    await client_changed(str(goal["client"]))
