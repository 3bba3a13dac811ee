"""Access-matrix rows for staff competence (``test_access_matrix.py`` runs them).

Staff read the framework's versions; administrators and coordinators adapt it. Coach Ada's
record (her self-assessments, visits, record row) is read by Ada, North's coordinator Cora and
the administrator; Ben of team South gets 404 (whether a colleague has a record is not his to
learn). Only Ada rates and finishes her own self-assessment (403 to those who read it). A visit of
Ada is logged by Cora or the administrator; Ada cannot log one of herself (403). The matrix of
North: the administrator and Cora. Clients, family members and peer mentors: 403 (the screens
are staff's).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.support import competence
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


def _only(allowed: dict[str, int], others: int = 403) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


STAFF = _only(dict.fromkeys(("admin", "coordinator", "coach", "other_coach"), 200))


def _editors(status: int) -> dict[str | None, int]:
    return _only(dict.fromkeys(("admin", "coordinator"), status))


def _ada_readers(status: int = 200) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": status, "other_coach": 404})


def _ada_only(status: int) -> dict[str | None, int]:
    return _only({"admin": 403, "coordinator": 403, "coach": status, "other_coach": 404})


async def _draft(suffix: str = "") -> str:
    return f"{F}/{await competence.draft()}{suffix}"


async def _assessment(w: World, suffix: str = "") -> str:
    return f"{SA}/{await competence.ada_assessment(w)}{suffix}"


def _visit(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "visitedOn": "2026-01-05",
        "setting": "training",
        "seen": [{"competence": "workplace.prompting", "level": 1}],
    }


F = "/api/competence/frameworks"
SA = "/api/competence/self-assessments"
V = "/api/competence/visits"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", F, lambda w: F, None, STAFF),
    ("POST", F, lambda w: F, lambda w: {}, _editors(201)),
    ("GET", F + "/{framework_id}", lambda w: f"{F}/current", None, STAFF),
    (
        "PUT",
        F + "/{framework_id}",
        lambda w: _draft(),
        lambda w: competence.edit_body(),
        _editors(200),
    ),
    ("POST", F + "/{framework_id}/publish", lambda w: _draft("/publish"), None, _editors(200)),
    (
        "POST",
        SA,
        lambda w: SA,
        lambda w: {"localId": str(uuid.uuid4())},
        _only(dict.fromkeys(("coordinator", "coach", "other_coach"), 201)),
    ),
    ("GET", SA, lambda w: f"{SA}?person={w.ids['coach']}", None, _ada_readers()),
    ("GET", SA + "/{assessment_id}", lambda w: _assessment(w), None, _ada_readers()),
    (
        "PUT",
        SA + "/{assessment_id}/ratings/{competence}",
        lambda w: _assessment(w, "/ratings/personal.communication"),
        lambda w: {"level": 2, "note": "Plain words."},
        _ada_only(200),
    ),
    (
        "POST",
        SA + "/{assessment_id}/finish",
        lambda w: _assessment(w, "/finish"),
        None,
        _ada_only(200),
    ),
    (
        "POST",
        V,
        lambda w: V,
        _visit,
        _only({"admin": 201, "coordinator": 201, "coach": 403, "other_coach": 404}),
    ),
    ("GET", V, lambda w: f"{V}?person={w.ids['coach']}", None, _ada_readers()),
    (
        "GET",
        "/api/competence/record",
        lambda w: f"/api/competence/record?person={w.ids['coach']}",
        None,
        _ada_readers(),
    ),
    (
        "GET",
        "/api/competence/matrix",
        lambda w: f"/api/competence/matrix?team={w.teams['North']}",
        None,
        _editors(200),
    ),
]
