"""Access-matrix rows of fading plans (``tests/api/test_access_matrix.py``).

Alice's plan for her kitchen job (tests/support/employers.py): she, her coach Ada, the team's
coordinator and administrators read it; Ada and the coordinator write it; administrators read
only (403), and so does Alice (403): the plan is a coaching decision she reads in plain words.
Her father, her mentor and the other team: 404 — whether she is a client is private. The lists
(planned against actual, the alerts) are staff's, each over their own reach; the client's own
plans are the client's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.support.employers import at
from tests.support.world import World

PathFn = Callable[[World], Any]
Row = tuple[str, str, PathFn | None, Callable[[World], Any] | None, dict[str | None, int]]
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
P = "/api/clients/{client}/jobs/{job}/fading"


def _only(allowed: dict[str, int], others: int) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


def _plan(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "steps": [{"fromDate": "2026-11-02", "coachHoursPerWeek": 6}],
        "zone": "Europe/Helsinki",
    }


STAFF = {"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}
ROWS: list[Row] = [
    (
        "GET",
        "/api/clients/{client_id}/jobs/{job_id}/fading",
        at(P),
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "client": 200}, 404),
    ),
    (
        "PUT",
        "/api/clients/{client_id}/jobs/{job_id}/fading",
        at(P),
        _plan,
        _only({"admin": 403, "coordinator": 201, "coach": 201, "client": 403}, 404),
    ),
    ("GET", "/api/fading/plans", lambda w: "/api/fading/plans", None, _only(STAFF, 403)),
    ("GET", "/api/fading/alerts", lambda w: "/api/fading/alerts", None, _only(STAFF, 403)),
    (
        "GET",
        "/api/fading/mine",
        lambda w: "/api/fading/mine",
        None,
        _only({"client": 200, "other_client": 200}, 403),
    ),
]
