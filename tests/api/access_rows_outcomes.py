"""Access-matrix rows for the coordinator's figures (``test_access_matrix.py`` runs them).

Staff see figures: by default the administrator the organisation's, the coordinator her team's
(North), a coach their own caseload's; clients, family members and mentors are refused (403:
the screen is staff's, and saying so reveals nothing about anyone). Asked for team North: the
administrator and North's coordinator; no coach. Asked for coach Ada's caseload: the
administrator, North's coordinator and Ada herself; not Ben of team South.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.world import World

ACTORS = [
    "admin",
    "coordinator",
    "coach",
    "other_coach",
    "client",
    "other_client",
    "family",
    "mentor",
    None,
]
PathFn = Callable[[World], Any]


def _only(allowed: dict[str, int], others: int) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


STAFF = _only(dict.fromkeys(("admin", "coordinator", "coach", "other_coach"), 200), 403)
NORTH = _only(dict.fromkeys(("admin", "coordinator"), 200), 403)
ADA = _only(dict.fromkeys(("admin", "coordinator", "coach"), 200), 403)
ORGANISATION = _only({"admin": 200}, 403)


def _team(path: str) -> PathFn:
    return lambda w: f"{path}?scope=team&id={w.teams['North']}"


def _ada(path: str) -> PathFn:
    return lambda w: f"{path}?scope=coach&id={w.ids['coach']}"


OUT = "/api/outcomes"
ROWS_OF = "/api/outcomes/{indicator}/rows"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", OUT, lambda w: OUT, None, STAFF),
    ("GET", OUT, lambda w: f"{OUT}?scope=organisation", None, ORGANISATION),
    ("GET", OUT, _team(OUT), None, NORTH),
    ("GET", OUT, _ada(OUT), None, ADA),
    ("GET", ROWS_OF, lambda w: f"{OUT}/no_contact_30/rows", None, STAFF),
    ("GET", ROWS_OF, lambda w: f"{OUT}/caseload/rows?scope=organisation", None, ORGANISATION),
    ("GET", ROWS_OF, _team(f"{OUT}/no_contact_30/rows"), None, NORTH),
    ("GET", ROWS_OF, _ada(f"{OUT}/employer_contacts/rows"), None, ADA),
]
