"""A client's record as other domains see it: a typed row, the same wherever it travels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClientRow:
    """One client's record: who the client is and whose caseload and team they are in.

    Every domain's access rules read it (``can_view_client`` and the rules built on it), and
    every handler about one client starts from it (``visible_record``)."""

    client_id: str
    """The client's person id (``users.id``)."""
    coach_id: str | None
    """The coach whose caseload the client is in; None between coaches."""
    team_id: str | None
    """The coach's team: its coordinator sees the client, its audit entries name it."""
    stage: str
    """The stage of supported employment (``engagement`` … ``support``)."""
    coach_name: str | None = None
    """The coach's display name, for the screens that show who helps."""
    mentor_ids: tuple[str, ...] = ()
    """The mentors working with the client now (an open ``Mentorship``)."""
    display_name: str = ""
    """The client's display name (read with the record: an answer naming the client needs no
    read of its own)."""

    @property
    def audit_team(self) -> str:
        """The team an audit entry about this client is filed under ("" for none)."""
        return self.team_id or ""
