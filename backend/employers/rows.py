"""Employers and their people as other domains see them: typed rows, the same wherever they
travel (the activity log names an employer or one of its people with them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EmployerRow:
    """An employer in a team's register."""

    id: str
    name: str
    team_id: str | None
    """The team whose register holds the employer; None for one shared by no team."""
    address: str


@dataclass(frozen=True, slots=True)
class EmployerPersonRow:
    """A person at an employer, with the employer's team (who may see them)."""

    id: str
    employer_id: str
    name: str
    role: str
    """Their role at work ("supervisor", "owner"), as the coach wrote it."""
    team_id: str | None
