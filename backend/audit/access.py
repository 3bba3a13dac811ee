"""Who may read the audit log. One condition per line.

Administrators read all of it; a coordinator reads the entries of their team only (the page
query narrows to ``Actor.team_id``); nobody else reads it."""

from __future__ import annotations

from backend.accounts.actor import Actor


def can_read_log(actor: Actor) -> bool:
    return actor.role == "admin" or actor.role == "coordinator"
