"""What the client's player sends: done-marks, self-prompts and help requests (what happens to
a request for help next is in ``help.py``).

Each write carries ``localId``, a UUID the phone made when the client acted, stored in a unique
column: the outbox may send a write twice (a lost answer, a retry after a restart), and the
second lands on the first row and gets it back with 200 instead of 201.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import DEFAULT_LIMIT, PageRequest, after_key, page_of, page_request
from backend.sync import insert_once
from backend.tasks import help
from backend.tasks.tables import HelpRequest, SelfPrompt, Step, StepCompletion
from shared_schemas import tasks as wire


async def _step_in(task: dict[str, Any], step_id: str | None) -> dict[str, Any]:
    step = None
    if step_id is not None and as_uuid(step_id) is not None:
        step = (
            await Step.select(Step.id, Step.position, Step.text)
            .where((Step.id == as_uuid(step_id)) & (Step.task == task["id"]))
            .first()
        )
    if step is None:
        raise field_error("body.stepId", "There is no such step in this task.")
    return step


async def complete(
    actor: Actor, task: dict[str, Any], data: wire.CompletionCreate
) -> tuple[wire.Completion, bool]:
    step = await _step_in(task, data.step_id)
    row = StepCompletion(
        client_uuid=as_uuid(data.local_id),
        task=task["id"],
        step=step["id"],
        user=actor.id,
        run_id=as_uuid(data.run_id),
        at=data.at,
        received_at=now(),
    )
    found, created = await insert_once(
        StepCompletion, row, {"task": task["id"], "user": actor.id}, data
    )
    return (
        wire.Completion(
            id=str(found["id"]),
            local_id=str(found["client_uuid"]),
            task_id=str(found["task"]),
            step_id=str(found["step"]),
            run_id=str(found["run_id"]),
            at=found["at"],
        ),
        created,
    )


async def self_prompt(
    actor: Actor, task: dict[str, Any], data: wire.SelfPromptCreate
) -> tuple[wire.SelfPrompt, bool]:
    step = await _step_in(task, data.step_id)
    row = SelfPrompt(
        client_uuid=as_uuid(data.local_id),
        task=task["id"],
        step=step["id"],
        user=actor.id,
        at=data.at,
        received_at=now(),
    )
    found, created = await insert_once(
        SelfPrompt, row, {"task": task["id"], "user": actor.id}, data
    )
    return (
        wire.SelfPrompt(
            id=str(found["id"]),
            local_id=str(found["client_uuid"]),
            task_id=str(found["task"]),
            step_id=str(found["step"]),
            at=found["at"],
        ),
        created,
    )


async def ask_for_help(
    actor: Actor, task: dict[str, Any], data: wire.HelpRequestCreate
) -> tuple[wire.HelpRequest, bool]:
    step = await _step_in(task, data.step_id) if data.step_id is not None else None
    at = clock.now()
    row = HelpRequest(
        client_uuid=as_uuid(data.local_id),
        task=task["id"],
        step=step["id"] if step else None,
        user=actor.id,
        at=data.at,
        received_at=at,
        escalate_at=await help.escalate_at(actor.id, at),
        changed_at=at,
    )
    found, created = await insert_once(
        HelpRequest, row, {"task": task["id"], "user": actor.id}, data
    )
    if created:
        await help.tell_helpers(actor.id, str(found["id"]))
    return (await help_requests(task, only=str(found["id"])))[0][0], created


HELP_REQUESTS = "help-requests"
"""The list's name in its cursors."""


def help_requests_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of a task's requests for help: newest first (then by id)."""
    return page_request(HELP_REQUESTS, cursor, limit, datetime, str)


async def help_requests(
    task: dict[str, Any], only: str | None = None, page: PageRequest | None = None
) -> tuple[list[wire.HelpRequest], str | None]:
    """A task's requests for help, newest first: one page (the first without ``page``) and the
    next page's cursor; ``only``: that one."""
    page = page or PageRequest(DEFAULT_LIMIT)
    where = HelpRequest.task == task["id"]
    if only is not None:
        where &= HelpRequest.id == only
    if (after := after_key(page, HelpRequest.at, HelpRequest.id, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await HelpRequest.select(
            *HelpRequest.all_columns(),
            HelpRequest.step.position.as_alias("step_position"),
            HelpRequest.step.text.as_alias("step_text"),
            HelpRequest.task.title.as_alias("task_title"),
        )
        .where(where)
        .order_by(HelpRequest.at, HelpRequest.id, ascending=False)
        .limit(page.fetch),
        page,
        HELP_REQUESTS,
        lambda r: (r["at"], str(r["id"])),
    )
    return [help.request_wire(r) for r in rows], next_cursor


async def last_run(task: dict[str, Any]) -> dict[str, Any] | None:
    """The client's latest go through the task: its run id, when, and how many steps done."""
    latest = (
        await StepCompletion.select(StepCompletion.run_id, StepCompletion.at)
        .where(StepCompletion.task == task["id"])
        .order_by(StepCompletion.at, ascending=False)
        .first()
    )
    if latest is None:
        return None
    done = await StepCompletion.select(StepCompletion.step).where(
        (StepCompletion.task == task["id"]) & (StepCompletion.run_id == latest["run_id"])
    )
    return {
        "run_id": str(latest["run_id"]),
        "at": latest["at"],
        "steps_done": len({str(r["step"]) for r in done}),
    }


async def self_prompt_counts(task: dict[str, Any]) -> dict[str, int]:
    """Per step: self-prompts since the step was marked mastered (before that, the photo was
    shown anyway)."""
    rows = await SelfPrompt.select(
        SelfPrompt.step, SelfPrompt.at, SelfPrompt.step.mastered_at.as_alias("mastered_at")
    ).where(SelfPrompt.task == task["id"])
    counts: dict[str, int] = {}
    for r in rows:
        if r["mastered_at"] is None or r["at"] >= r["mastered_at"]:
            counts[str(r["step"])] = counts.get(str(r["step"]), 0) + 1
    return counts
