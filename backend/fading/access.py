"""Who may see or change a fading plan. One condition per line; callers answer 404 where the
client is out of reach (whether a person is a client is itself private).

``record`` is the client's record (a ``ClientRow``).

- The plan with its weeks: those who read the client's record (the client, their coach, the
  team's coordinator, administrators). The client reads their own in plain words and never the
  alerts, which are staff's. Mentors and family members: no (404).
- Writing the plan: the client's coach and the team's coordinator. Administrators read only: the
  plan is a coaching decision, made by those who coach.
- The lists (the coordinator's view of planned against actual, the alerts): staff, each over the
  clients in their reach (``reading._in_reach``).
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_view_client
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``."""
    if not allowed:
        raise ProblemError(403, refusal)


def _same(a: object, b: object) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_view_plan(actor: Actor, record: ClientRow) -> bool:
    """The plan and its weeks: those who read the client's record."""
    return can_view_client(actor, record)


def sees_alerts(actor: Actor) -> bool:
    return actor.is_staff


def can_edit_plan(actor: Actor, record: ClientRow) -> bool:
    """The client's coach, the coordinator of the client's team."""
    return (
        (actor.role == "coach" and _same(record.coach_id, actor.id))
        or (actor.role == "coordinator" and _same(record.team_id, actor.team_id))
    )  # fmt: skip


def can_list_plans(actor: Actor) -> bool:
    """The coordinator's view and the alerts: staff, over the clients in their reach."""
    return actor.is_staff


def can_read_own(actor: Actor) -> bool:
    return actor.role == "client"
