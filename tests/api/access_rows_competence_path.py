"""Access-matrix rows for the path of a new coach (``test_access_matrix.py`` runs them).

Coach Ada's onboarding, training records, plan goals, simulations and path summary are read by
Ada, North's coordinator Cora and the administrator; Ben of team South gets 404. Only a coach or
coordinator finishes the onboarding module, of themselves (the administrator: 403). A training
record and a plan goal of Ada's: added by Ada, Cora or the administrator. A goal Ada proposed is
agreed by Cora or the administrator (Ada herself: 403). A simulation of Ada: logged by Cora or the
administrator, not by Ada (403). The team's path view of North: the administrator and Cora.
Clients, family members and peer mentors: 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.competence import path
from tests.support import competence_path
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


def _ada_readers(status: int = 200) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": status, "other_coach": 404})


def _loggers(status: int) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": 403, "other_coach": 404})


def _right_answers(w: World) -> dict[str, Any]:
    return {
        "version": path.module()["version"],
        "answers": [q["answer"] for q in path.module()["questions"]],
    }


def _training(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "course": "First aid",
        "hours": 8,
        "takenOn": "2026-01-05",
        "competences": ["values.confidentiality"],
    }


def _goal(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "title": "Negotiate a trial day",
        "competence": "jobs.negotiation",
        "startsOn": "2026-01-05",
        "endsOn": "2026-02-05",
    }


def _simulation(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "heldOn": "2026-01-05",
        "scenario": "employer_call",
        "seen": [{"competence": "jobs.employer_contact", "level": 1}],
    }


async def _training_at(w: World, suffix: str) -> str:
    return f"{T}/{await competence_path.ada_training(w)}{suffix}"


async def _goal_at(w: World, suffix: str) -> str:
    return f"{G}/{await competence_path.ada_goal(w)}{suffix}"


ON = "/api/competence/onboarding"
T = "/api/competence/trainings"
G = "/api/competence/plan-goals"
S = "/api/competence/simulations"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", ON, lambda w: f"{ON}?person={w.ids['coach']}", None, _ada_readers()),
    (
        "POST",
        ON,
        lambda w: ON,
        _right_answers,
        _only(dict.fromkeys(("coordinator", "coach", "other_coach"), 200)),
    ),
    ("GET", T, lambda w: f"{T}?person={w.ids['coach']}", None, _ada_readers()),
    ("POST", T, lambda w: T, _training, _ada_readers(201)),
    ("DELETE", T + "/{training_id}", lambda w: _training_at(w, ""), None, _ada_readers(204)),
    (
        "POST",
        T + "/{training_id}/certificate",
        lambda w: _training_at(w, "/certificate"),
        lambda w: {},
        _ada_readers(415),
    ),
    (
        "GET",
        T + "/{training_id}/certificate",
        lambda w: _training_at(w, "/certificate"),
        None,
        _ada_readers(),
    ),
    ("GET", G, lambda w: f"{G}?person={w.ids['coach']}", None, _ada_readers()),
    ("POST", G, lambda w: G, _goal, _ada_readers(201)),
    ("POST", G + "/{goal_id}/agree", lambda w: _goal_at(w, "/agree"), None, _loggers(200)),
    (
        "PUT",
        G + "/{goal_id}/progress",
        lambda w: _goal_at(w, "/progress"),
        lambda w: {"progress": 1, "note": "Going well."},
        _ada_readers(),
    ),
    ("GET", S, lambda w: f"{S}?person={w.ids['coach']}", None, _ada_readers()),
    ("POST", S, lambda w: S, _simulation, _loggers(201)),
    (
        "GET",
        "/api/competence/path",
        lambda w: f"/api/competence/path?person={w.ids['coach']}",
        None,
        _ada_readers(),
    ),
    (
        "GET",
        "/api/competence/team-path",
        lambda w: f"/api/competence/team-path?team={w.teams['North']}",
        None,
        _only({"admin": 200, "coordinator": 200}),
    ),
]
