"""Who may make and read funder reports. One condition per line.

A funder report is the organisation's account of its work to those who pay for it: a
coordinator answers for her team, an administrator for the organisation.

- Administrators: reports on the organisation or any team; they see every report.
- Coordinators: reports on their own team; they see their team's reports.
- Coaches: none (403). A coach sees the same figures for their caseload on the Results screen;
  the funder's tables are made and signed by those who answer for them.
- Clients, family members, mentors: none (403: the screen is staff's).

A report out of the reader's reach is answered 404, like one that does not exist.
"""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "Funder reports are made by coordinators and administrators."
OUT_OF_REACH = "Choose your own team."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    if not allowed:
        raise ProblemError(403, refusal)


def can_use_reports(actor: Actor) -> bool:
    return actor.role in {"admin", "coordinator"}


def can_report_on_organisation(actor: Actor) -> bool:
    return actor.role == "admin"


def can_report_on_team(actor: Actor, team_id: str | None) -> bool:
    return team_id is not None and (
        actor.role == "admin"
        or (actor.role == "coordinator" and actor.team_id == team_id)
    )  # fmt: skip


def can_see_report(actor: Actor, scope_kind: str, team_id: str | None) -> bool:
    if scope_kind == "organisation":
        return can_report_on_organisation(actor)
    return can_report_on_team(actor, team_id)
