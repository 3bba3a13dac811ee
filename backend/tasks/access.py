"""Who may see or change a task. One condition per line; callers answer 404 where the task is
out of reach, so its existence stays private.

``task`` is a row of ``tasks`` as a dict (``client``, ``team``, ``is_template``); ``record`` the
client's record (a ``ClientRow``), None for a template. A client's task follows
the client's record: when the client moves to another coach, so do their tasks.
"""

from __future__ import annotations

from typing import Any

from backend.clients import ClientRow
from backend.clients.access import can_manage_client
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_manage_task(actor: Actor, task: dict[str, Any], record: ClientRow | None) -> bool:
    """Build and edit the task, train, see progress: the client's coach, the coordinator of the
    client's team, administrators; for a template, the staff of the team that keeps it."""
    if task["is_template"] or record is None:
        return (
            actor.role == "admin"
            or (actor.role in {"coordinator", "coach"} and _same(task["team"], actor.team_id))
        )  # fmt: skip
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and _same(record.team_id, actor.team_id))
        or (actor.role == "coach" and _same(record.coach_id, actor.id))
    )


def can_view_task(actor: Actor, task: dict[str, Any], record: ClientRow | None) -> bool:
    """See the task, its photos and its progress: those who manage it, and the client it is for.
    Family members: not yet (their view of training progress needs the consent issue)."""
    return (
        can_manage_task(actor, task, record)
        or (actor.role == "client" and not task["is_template"] and _same(task["client"], actor.id))
    )  # fmt: skip


def is_own_task(actor: Actor, task: dict[str, Any]) -> bool:
    """Marks from the player (done, self-prompt, help) come from the client themself only."""
    return actor.role == "client" and not task["is_template"] and _same(task["client"], actor.id)


def can_be_told_of_help(actor: Actor, record: ClientRow, *, escalated: bool) -> bool:
    """See a client's request for help on an open screen (and get its push): the client's coach,
    the coordinator of the client's team, and once it is escalated the team's other coaches."""
    return (
        (actor.role == "coach" and _same(record.coach_id, actor.id))
        or (actor.role == "coordinator" and _same(record.team_id, actor.team_id))
        or (actor.role == "coach" and escalated and _same(record.team_id, actor.team_id))
    )  # fmt: skip


def can_answer_help(
    actor: Actor, task: dict[str, Any], record: ClientRow | None, *, escalated: bool
) -> bool:
    """Say "I have helped": those who manage the task, and the team's other coaches once the
    request was escalated to them."""
    return (
        can_manage_task(actor, task, record)
        or (record is not None and escalated and can_be_told_of_help(actor, record, escalated=True))
    )  # fmt: skip


def can_make_tasks(actor: Actor, record: ClientRow) -> bool:
    """A client's tasks are made by whoever manages the client; the client makes them with
    their coach."""
    return can_manage_client(actor, record)


def can_use_templates(actor: Actor) -> bool:
    """Templates are staff's tools; they belong to no client."""
    return actor.is_staff


def can_list_open_help(actor: Actor) -> bool:
    """The list of unanswered requests for help: staff, over the clients each of them sees."""
    return actor.is_staff


def can_open_help_stream(actor: Actor) -> bool:
    """The live screen that hears requests for help as they come: those who are told of them
    (``can_be_told_of_help``), coaches and coordinators; an administrator is told of none."""
    return actor.role == "coach" or actor.role == "coordinator"
