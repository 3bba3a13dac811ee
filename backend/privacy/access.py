"""Who may take a copy of their own data, and who may erase a person. One condition per line."""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError
from backend.privacy.services import SUBJECTS

FORBIDDEN = "This is not allowed."


def require(allowed: bool, refusal: str = FORBIDDEN) -> None:
    """403 with ``refusal`` (what the person reads) unless ``allowed``: the domain's refusals
    are all raised here."""
    if not allowed:
        raise ProblemError(403, refusal)


def can_erase(actor: Actor) -> bool:
    """Erasure cannot be undone and reaches every domain: administrators only (GDPR Art. 17)."""
    return actor.role == "admin"


def can_copy_own_data(actor: Actor) -> bool:
    """The copy of one's data (GDPR Art. 15, 20) is made for the people the data is about:
    clients and their family. Staff accounts mostly hold what staff did for clients, which is
    the clients' data; an administrator answers a staff member's request by hand."""
    return actor.role in SUBJECTS
