"""Who may see or change what of staff competence. One condition per line.

- The framework: staff read every version; administrators and coordinators make a draft, edit
  and publish it (a coordinator who develops her team adapts the organisation's standard; the
  version history shows who made each one).
- A person's record (self-assessments, visits, their row of the matrix): the person, the
  coordinator of their team, administrators, and their field mentor while that runs
  (``mentor``: ``mentors.mentoring``). Anyone else gets 404: whether a colleague has a record is
  not theirs to learn.
- Self-assessing: coaches and coordinators, of themselves only.
- Logging a field-mentoring visit: administrators, the coordinator of the person's team and
  the person's field mentor; not of oneself.
- Naming a field mentor (and ending it): administrators and the coordinator of the coach's team.
  Who may be one: the team's coordinator, or a coach with a valid certificate; never the coach.
- The matrix: administrators (any team), a coordinator (her own team). Coaches: 403.
- Clients, family members and peer mentors: 403 everywhere (the screens are staff's).
"""

from __future__ import annotations

from backend.accounts import PersonInfo
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is for staff."
NOT_YOURS = "Only the person themselves does this."
OUT_OF_REACH = "Choose your own team."
DEVELOPED = frozenset({"coach", "coordinator"})
"""Whose competence is followed: coaches and coordinators."""


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    if not allowed:
        raise ProblemError(403, refusal)


def is_staff(actor: Actor) -> bool:
    return actor.role in {"admin", "coordinator", "coach"}


def can_edit_framework(actor: Actor) -> bool:
    return actor.role in {"admin", "coordinator"}


def can_self_assess(actor: Actor) -> bool:
    return actor.role in DEVELOPED


def can_see_person(actor: Actor, person: PersonInfo, mentor: bool = False) -> bool:
    return person.role in DEVELOPED and (
        actor.id == person.id
        or actor.role == "admin"
        or mentor
        or (
            actor.role == "coordinator"
            and actor.team_id is not None
            and actor.team_id == person.team_id
        )
    )


def can_log_visit(actor: Actor, person: PersonInfo, mentor: bool = False) -> bool:
    return actor.id != person.id and (
        actor.role in {"admin", "coordinator"}
        or mentor
    )  # fmt: skip


def can_name_mentor(actor: Actor, person: PersonInfo) -> bool:
    return person.role == "coach" and can_see_team(actor, person.team_id)


def may_mentor(candidate: PersonInfo, person: PersonInfo, certified: bool) -> bool:
    """Who may be a coach's field mentor: the coordinator of the coach's team, or a coach with a
    valid certificate; never the coach."""
    return candidate.id != person.id and (
        (candidate.role == "coordinator" and candidate.team_id == person.team_id)
        or (candidate.role == "coach" and certified)
    )


def can_see_team(actor: Actor, team_id: str | None) -> bool:
    return team_id is not None and (
        actor.role == "admin"
        or (actor.role == "coordinator" and actor.team_id == team_id)
    )  # fmt: skip


# --- the path of a new coach (onboarding, training records, the plan, simulations) ------------
# Reading any of it: ``can_see_person``. Onboarding: the person alone finishes it. A training
# record: the person adds their own, the coordinator of their team and administrators too. A
# plan goal: proposed and rated by the person or their coordinator (or an administrator), agreed
# by the other side (``path.awaits``). A simulation: logged as a mentoring visit is.


def can_do_onboarding(actor: Actor, person: PersonInfo) -> bool:
    return actor.id == person.id and actor.role in DEVELOPED


def can_write_path(actor: Actor, person: PersonInfo) -> bool:
    """Add a training record, propose or rate a plan goal for ``person`` (already in reach)."""
    return (
        actor.id == person.id
        or actor.role in {"admin", "coordinator"}
    )  # fmt: skip


def can_log_simulation(actor: Actor, person: PersonInfo, mentor: bool = False) -> bool:
    return can_log_visit(actor, person, mentor)


# --- evidence, the summative assessment, the gap report --------------------------------------
# - Evidence: the person attaches to their own record; so do the coordinator of their team,
#   administrators and their field mentor. Who attached removes it; nobody else.
# - The summative assessment: started by an administrator or the person's coordinator; read by
#   whoever reads the person's record and by its two assessors; edited and signed by its two
#   assessors only; once both signed, by nobody.
# - The gap report: administrators (the organisation or any team), a coordinator (her team).

ASSESSORS_ONLY = "Only the two assessors change and sign the assessment."
SIGNED = "Both assessors signed this assessment; it is kept as it is."
ATTACHER_ONLY = "Only who attached it removes it."


def can_attach_evidence(actor: Actor, person: PersonInfo, mentor: bool = False) -> bool:
    return can_see_person(actor, person, mentor)


def can_remove_evidence(actor: Actor, attached_by: str | None) -> bool:
    return attached_by is not None and actor.id == attached_by


def can_start_assessment(actor: Actor, person: PersonInfo) -> bool:
    return (
        actor.id != person.id
        and actor.role in {"admin", "coordinator"}
    )  # fmt: skip


def can_read_assessment(actor: Actor, person: PersonInfo | None, assessors: set[str]) -> bool:
    return actor.id in assessors or (person is not None and can_see_person(actor, person))


def is_assessor(actor: Actor, assessors: set[str]) -> bool:
    return actor.id in assessors


def may_assess(candidate: PersonInfo, person: PersonInfo, certified: bool) -> bool:
    """Who may be named an assessor: an administrator, the coordinator of the person's team, or a
    coach with a valid certificate; never the person."""
    return candidate.id != person.id and (
        candidate.role == "admin"
        or (candidate.role == "coordinator" and candidate.team_id == person.team_id)
        or (candidate.role == "coach" and certified)
    )


def can_see_gaps(actor: Actor, team_id: str | None) -> bool:
    return actor.role == "admin" or (
        actor.role == "coordinator" and team_id is not None and actor.team_id == team_id
    )
