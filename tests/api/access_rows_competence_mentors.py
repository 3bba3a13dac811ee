"""Access-matrix rows for field mentors (``test_access_matrix.py`` runs them).

Coach Ada's field mentors are read by Ada, North's coordinator Cora and the administrator; Ben of
team South gets 404. Whom Ada's mentor may be, naming one and ending one: Cora and the
administrator (Ada: 403). The coaches one mentors: every staff member asks about themselves.
Clients, family members and peer mentors: 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.api.access_rows_competence_path import _ada_readers, _loggers, _only
from tests.support import competence_path
from tests.support.world import World

PathFn = Callable[[World], Any]
M = "/api/competence/field-mentors"


def _naming(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "mentorId": w.ids["coordinator"],
    }


async def _mentoring_at(w: World, suffix: str) -> str:
    return f"{M}/{await competence_path.ada_field_mentor(w)}{suffix}"


ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", M, lambda w: f"{M}?person={w.ids['coach']}", None, _ada_readers()),
    ("GET", M + "/choices", lambda w: f"{M}/choices?person={w.ids['coach']}", None, _loggers(200)),
    ("POST", M, lambda w: M, _naming, _loggers(201)),
    ("POST", M + "/{mentoring_id}/end", lambda w: _mentoring_at(w, "/end"), None, _loggers(200)),
    (
        "GET",
        "/api/competence/mentees",
        lambda w: "/api/competence/mentees",
        None,
        _only(dict.fromkeys(("admin", "coordinator", "coach", "other_coach"), 200)),
    ),
]
