"""Who may take a copy of their own data, and who may erase a person. One condition per line."""

from __future__ import annotations

from backend.lib.actor import Actor
from backend.lib.errors import ProblemError
from backend.privacy.services import STAFF, SUBJECTS

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
    """The copy of one's data (GDPR Art. 15, 20): clients and their family get everything about
    them; staff get their account and their own competence record only (``services.STAFF_OWN``:
    what they did for clients is the clients' data, and an administrator answers a wider request
    by hand). Peer mentors: by hand."""
    return actor.role in SUBJECTS or actor.role in STAFF
