"""Who may see or change the employer register and clients' jobs. One condition per line;
callers answer 404 where the employer or the client is out of reach.

``employer`` is an ``EmployerRow``; ``record`` is the client's record (a ``ClientRow``).
"""

from __future__ import annotations

from backend.clients import ClientRow
from backend.clients.access import can_manage_client
from backend.employers.rows import EmployerRow
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def can_use_register(actor: Actor) -> bool:
    """The register is staff's: coaches, coordinators, administrators. Clients, family members
    and mentors never read it (an employer's people are not theirs to see)."""
    return actor.role in {"admin", "coordinator", "coach"}


def can_see_employer(actor: Actor, employer: EmployerRow) -> bool:
    """Administrators: every employer. Coaches and coordinators: their team's register (a person
    without a team: the employers entered without one)."""
    return actor.role == "admin" or (
        actor.role in {"coordinator", "coach"} and employer.team_id == actor.team_id
    )


def can_edit_employer(actor: Actor, employer: EmployerRow) -> bool:
    """The register is shared: whoever sees an employer keeps it and its people up to date."""
    return can_see_employer(actor, employer)


def can_view_jobs(actor: Actor, record: ClientRow) -> bool:
    """The client's own jobs, and those who manage the client (their coach, the team's
    coordinator, administrators). Family members and mentors never read them here."""
    return can_manage_client(actor, record) or (
        actor.role == "client" and record.client_id == actor.id
    )


def can_edit_jobs(actor: Actor, record: ClientRow) -> bool:
    """Jobs are recorded and ended by staff who manage the client; the client reads them."""
    return can_manage_client(actor, record)


def can_read_minimum_wage(actor: Actor) -> bool:
    """Staff read the legal minimum wage (the figures and the job form compare pay with it)."""
    return actor.role in {"admin", "coordinator", "coach"}


def can_set_minimum_wage(actor: Actor) -> bool:
    """An organisation setting: administrators set it."""
    return actor.role == "admin"
