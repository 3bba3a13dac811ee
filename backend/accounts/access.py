"""Who may change a team's settings. One condition per line."""

from __future__ import annotations

from backend.lib.actor import Actor


def can_edit_team(actor: Actor, team_id: str) -> bool:
    """Administrators any team; a coordinator their own (how their team answers for help)."""
    return (
        actor.role == "admin"
        or (actor.role == "coordinator" and actor.team_id is not None and actor.team_id == team_id)
    )  # fmt: skip
