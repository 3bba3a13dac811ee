""" "I need help" as people expect of an alert.

- **Who hears it, and how the client learns it was heard.** The client's coach gets a push at
  once; when a push service accepts it for one of the coach's devices, the request is marked
  ``reached = phone``. When the coach's open Stepwise shows it (the home's list, which an open
  screen refetches when told something changed, then says which requests it shows:
  ``POST /api/help-requests/seen``), ``reached = screen``; reading the list changes nothing.
  The client's screen asks for the request's state and says which, in plain words, or that the
  coach will see it when they next open Stepwise.
- **Open staff screens** follow the requests through ``help_stream.py``.
- **Escalation.** A request made during one of the client's shifts gets ``escalate_at`` = now +
  the team's ``help_escalation_minutes`` (0: never). The reminder engine's round (in every app
  server or worker) switches due, unanswered ones to escalated in one conditional UPDATE, so
  exactly one process sends the pushes to the team's other coaches and its coordinators, and
  their open screens show it.
- **"I have helped"** pushes ``help_resolved`` to the client's devices; the client's open player
  says so.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from backend import clients, shifts
from backend.accounts.tables import Team, User
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import not_found
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.reminders import pushed_to, send_now_to
from backend.tasks import services
from backend.tasks.access import can_answer_help, can_be_told_of_help, can_view_task, require
from backend.tasks.events import HelpRequested
from backend.tasks.tables import HelpRequest
from shared_schemas import tasks as wire

log = logging.getLogger("stepwise.tasks")

SHIFT_SLACK = timedelta(minutes=30)  # "during a shift" starts this long before its start
NO_REQUEST = "There is no such request for help."


# --- asking ---------------------------------------------------------------------------------


async def escalate_at(client_id: str, at: datetime) -> datetime | None:
    """When a request made now goes to the whole team: during a shift, after the team's time."""
    record = await clients.record_of(client_id)
    if record is None or record.team_id is None:
        return None
    team = await Team.select(Team.help_escalation_minutes).where(Team.id == record.team_id).first()
    minutes = team["help_escalation_minutes"] if team else 0
    if minutes <= 0 or not await shifts.on_shift(client_id, at, SHIFT_SLACK):
        return None
    return at + timedelta(minutes=minutes)


async def _mark_reached(help_ids: list[Any], how: str) -> None:
    if not help_ids:
        return
    at = clock.now()
    await HelpRequest.update(
        {HelpRequest.reached: how, HelpRequest.reached_at: at, HelpRequest.changed_at: at}
    ).where(HelpRequest.id.is_in(help_ids) & (HelpRequest.reached == ""))


async def tell_helpers(client_id: str, help_id: str) -> None:
    """Push "someone asked for help" to the client's coach (marking the request reached when a
    push service accepted it for one of the coach's devices), and to family members the client
    lets see help alerts (the families domain listens to ``HelpRequested``). Neutral words only:
    the coach's app names the task and the step when it opens. A push failure never loses the
    request; it is listed for the coach anyway."""
    record = await clients.record_of(client_id)
    try:
        coach = record.coach_id if record else None
        if coach and coach in await pushed_to([coach], "help_request"):
            await _mark_reached([as_uuid(help_id)], "phone")
        await emit(HelpRequested(client_id=client_id, help_id=help_id))  # families' alerts
    except Exception:
        log.exception("push for help request %s failed", help_id)


# --- reading --------------------------------------------------------------------------------


def request_wire(r: dict[str, Any]) -> wire.HelpRequest:
    return wire.HelpRequest(
        id=str(r["id"]),
        local_id=str(r["client_uuid"]),
        task_id=str(r["task"]),
        task_title=r["task_title"],
        step_id=str(r["step"]) if r["step"] is not None else None,
        step_position=r["step_position"],
        step_text=r["step_text"],
        at=r["at"],
        resolved_at=r["resolved_at"],
        reached=r["reached"] or None,
        escalated_at=r["escalated_at"],
    )


async def one(task: dict[str, Any], help_id: str) -> wire.HelpRequest:
    """A request of this task by its id or by the localId the phone gave it."""
    key = as_uuid(help_id)
    if key is None:
        raise not_found(NO_REQUEST)
    row = (
        await HelpRequest.select(
            *HelpRequest.all_columns(),
            HelpRequest.step.position.as_alias("step_position"),
            HelpRequest.step.text.as_alias("step_text"),
            HelpRequest.task.title.as_alias("task_title"),
        )
        .where(
            (HelpRequest.task == task["id"])
            & ((HelpRequest.id == key) | (HelpRequest.client_uuid == key))
        )
        .first()
    )
    if row is None:
        raise not_found(NO_REQUEST)
    return request_wire(row)


async def records_of(user_ids: set[str]) -> dict[str, clients.ClientRow]:
    return await clients.records_of(user_ids)


async def open_for(actor: Actor) -> list[wire.OpenHelpRequest]:
    """Unanswered requests the actor is told of, newest first: a coach's caseload and the
    team's escalated ones, a coordinator's team, everyone's for administrators."""
    caseload = {c.id for c in await clients.caseload(actor)}
    candidates = set(caseload)
    if actor.role == "coach" and actor.team_id is not None:
        escalated = await HelpRequest.select(HelpRequest.user).where(
            HelpRequest.escalated_at.is_not_null() & HelpRequest.resolved_at.is_null()
        )
        candidates |= {str(r["user"]) for r in escalated}
    if not candidates:
        return []
    rows = (
        await HelpRequest.select(
            HelpRequest.id,
            HelpRequest.task,
            HelpRequest.at,
            HelpRequest.reached,
            HelpRequest.escalated_at,
            HelpRequest.user.as_alias("client"),
            HelpRequest.user.display_name.as_alias("client_name"),
            HelpRequest.step.position.as_alias("step_position"),
            HelpRequest.step.text.as_alias("step_text"),
            HelpRequest.task.title.as_alias("task_title"),
        )
        .where(HelpRequest.user.is_in(sorted(candidates)) & HelpRequest.resolved_at.is_null())
        .order_by(HelpRequest.at, ascending=False)
        .limit(200)
    )
    records = await records_of({str(r["client"]) for r in rows})
    found: list[wire.OpenHelpRequest] = []
    for r in rows:
        record = records.get(str(r["client"]))
        if str(r["client"]) not in caseload and (
            record is None
            or not can_be_told_of_help(actor, record, escalated=r["escalated_at"] is not None)
        ):
            continue
        found.append(
            wire.OpenHelpRequest(
                id=str(r["id"]),
                client_id=str(r["client"]),
                client_name=r["client_name"],
                task_id=str(r["task"]),
                task_title=r["task_title"],
                step_position=r["step_position"],
                step_text=r["step_text"],
                at=r["at"],
                escalated_at=r["escalated_at"],
                coach_name=record.coach_name if record else None,
                coach_id=record.coach_id if record else None,
            )
        )
    return found


async def mark_seen(actor: Actor, help_ids: list[str]) -> None:
    """The actor's open screen shows these requests: those of the actor's own clients that no
    push reached are marked ``reached = screen``, so the client's player can say the coach has
    it. Other requests are left as they are, and a repeat changes nothing."""
    keys = {key for key in map(as_uuid, help_ids) if key is not None}
    if not keys:
        return
    rows = await HelpRequest.select(HelpRequest.id, HelpRequest.user).where(
        HelpRequest.id.is_in(sorted(keys))
        & (HelpRequest.reached == "")
        & HelpRequest.resolved_at.is_null()
    )
    records = await records_of({str(r["user"]) for r in rows})
    mine = [
        r["id"]
        for r in rows
        if (record := records.get(str(r["user"]))) is not None and record.coach_id == actor.id
    ]
    await _mark_reached(mine, "screen")


# --- answering ------------------------------------------------------------------------------


async def answerable(actor: Actor, task_id: str, help_id: str) -> tuple[dict[str, Any], str]:
    """The task and its client, when the actor may say "I have helped" to this request: those
    who manage the task, and the team's other coaches once it was escalated. 404 otherwise."""
    key = as_uuid(help_id)
    task, record = await services.task_and_record(task_id)
    row = (
        await HelpRequest.select(HelpRequest.id, HelpRequest.user, HelpRequest.escalated_at)
        .where((HelpRequest.id == key) & (HelpRequest.task == task["id"]))
        .first()
        if key is not None and task is not None
        else None
    )
    if task is None or row is None:
        raise not_found(NO_REQUEST)
    answers = can_answer_help(actor, task, record, escalated=row["escalated_at"] is not None)
    if not answers and not can_view_task(actor, task, record):
        raise not_found(NO_REQUEST)
    require(answers, "Your coach marks this as helped.")  # the client: sees it, answers nothing
    return task, str(row["user"])


async def resolve(actor: Actor, task: dict[str, Any], client_id: str, help_id: str) -> None:
    at = clock.now()
    done = (
        await HelpRequest.update(
            {
                HelpRequest.resolved_at: at,
                HelpRequest.resolved_by: actor.id,
                HelpRequest.escalate_at: None,
                HelpRequest.changed_at: at,
            }
        )
        .where((HelpRequest.id == as_uuid(help_id)) & HelpRequest.resolved_at.is_null())
        .returning(HelpRequest.id)
    )
    if done:
        try:
            await send_now_to([client_id], "help_resolved")
        except Exception:
            log.exception("push for resolved help request %s failed", help_id)


# --- escalation -----------------------------------------------------------------------------


async def escalate_due(now: datetime) -> int:
    """Requests unanswered in their team's time go to the team's other coaches and its
    coordinators. One conditional UPDATE claims them, so however many engines run, one sends."""
    due = (HelpRequest.escalate_at <= now) & HelpRequest.resolved_at.is_null()
    if not await HelpRequest.exists().where(due):  # a read: no write lock every round
        return 0
    claimed = (
        await HelpRequest.update(
            {
                HelpRequest.escalate_at: None,
                HelpRequest.escalated_at: now,
                HelpRequest.changed_at: now,
            }
        )
        .where(due)
        .returning(HelpRequest.id, HelpRequest.user)
    )
    if not claimed:
        return 0
    records = await records_of({str(r["user"]) for r in claimed})
    for r in claimed:
        record = records.get(str(r["user"]))
        if record is None or record.team_id is None:
            continue
        staff = await User.select(User.id).where(
            (User.team == record.team_id) & User.role.is_in(["coach", "coordinator"])
        )
        others = [str(s["id"]) for s in staff if str(s["id"]) != record.coach_id]
        try:
            await send_now_to(others, "help_request")
        except Exception:
            log.exception("push for escalated help request %s failed", r["id"])
    return len(claimed)
