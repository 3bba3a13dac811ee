"""Who may see or change a client's shifts. One condition per line; callers answer 404 where
the client is out of reach.

``record`` is the client's record (``user``, ``coach``, ``team``).
"""

from __future__ import annotations

from typing import Any

from backend.accounts.actor import Actor
from backend.clients.access import can_manage_client, can_view_client


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def can_view_shifts(actor: Actor, record: dict[str, Any]) -> bool:
    """The client, their coach, the team's coordinator, administrators. Family members: not
    until the consent issue lets the client share shift times."""
    return can_view_client(actor, record)


def can_edit_shifts(actor: Actor, record: dict[str, Any]) -> bool:
    """Shifts are entered by the coach or by the client themself (product brief)."""
    return (
        can_manage_client(actor, record)
        or (actor.role == "client" and _same(record["user"], actor.id))
    )  # fmt: skip


def can_see_week(actor: Actor) -> bool:
    """The coach's week: staff, over the caseload they see (clients.services.caseload)."""
    return actor.is_staff
