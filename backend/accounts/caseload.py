"""What the accounts domain asks about caseloads, answered by the clients domain.

A client record refers to a person, so the clients domain sits above accounts and accounts
cannot import it. Yet who may invite a client's family or issue a recovery link depends on the
caseload. ``backend/app.py`` registers the clients domain's answers with ``answered_by`` at
start, as it wires the events.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from backend.lib.actor import Actor
from shared_schemas.accounts import PersonRef


@dataclass(frozen=True, slots=True)
class Caseload:
    may_manage: Callable[[Actor, str], Awaitable[bool]]
    """Is this client (by id) on the actor's caseload or in their team (administrators: any)?
    False when there is no such client."""
    clients_of_family: Callable[[str], Awaitable[list[PersonRef]]]
    """A family member's clients, ordered by name."""
    clients_per_team: Callable[[], Awaitable[dict[str, int]]]
    """How many clients each team has, by team id."""


_answers: list[Caseload] = []


def answered_by(caseload: Caseload) -> None:
    """Register the answers (registering again replaces them)."""
    _answers[:] = [caseload]


def caseload() -> Caseload:
    if not _answers:
        raise RuntimeError("Nobody answers caseload questions: create_app() registers them.")
    return _answers[0]
