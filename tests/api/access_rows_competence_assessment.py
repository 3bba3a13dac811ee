"""Access-matrix rows for evidence, the summative assessment, the certificate and the gap report
(``test_access_matrix.py`` runs them).

Coach Ada's evidence, assessments and certificate are read by Ada, North's coordinator Cora and
the administrator; Ben of team South gets 404. Ada, Cora and the administrator attach evidence to
Ada's record; only who attached it removes it (403 to the other readers). Cora and the
administrator start Ada's assessment (Ada: 403); its two assessors, the administrator and Cora,
save it; signing needs a fresh step-up of the assessor's passkey, which no session of the matrix
has (403 ``reverify_needed``). The gap report of North: the administrator and Cora. Clients,
family members and peer mentors: 403 everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.api.access_rows_competence import PathFn, _ada_readers, _only
from tests.support import competence_assessment as support
from tests.support.world import World

E = "/api/competence/evidence"
A = "/api/competence/assessments"
STAFF = _only(dict.fromkeys(("admin", "coordinator", "coach", "other_coach"), 200))


async def _attach(w: World) -> str:
    w.ids["week"] = await support.ada_contact_week(w)
    return E


def _evidence_body(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "competence": "jobs.employer_contact",
        "indicator": 0,
        "kind": "employer_contacts_week",
        "sourceId": w.ids.get("week", "2026-01-05"),
        "note": "New employers.",
    }


async def _evidence(w: World) -> str:
    return f"{E}/{await support.ada_evidence(w)}"


async def _assessment(w: World, suffix: str = "") -> str:
    return f"{A}/{await support.ada_open_assessment(w)}{suffix}"


def _start(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "personId": w.ids["coach"],
        "assessorIds": [w.ids["admin"], w.ids["coordinator"]],
    }


def _edit(w: World) -> dict[str, Any]:
    return {"revision": 1, "observed": "At a hotel.", "knowledgeScore": 80}


ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "GET",
        E + "/suggestions",
        lambda w: f"{E}/suggestions?person={w.ids['coach']}",
        None,
        _ada_readers(),
    ),
    ("GET", E, lambda w: f"{E}?person={w.ids['coach']}", None, _ada_readers()),
    (
        "POST",
        E,
        _attach,
        _evidence_body,
        _only({"admin": 201, "coordinator": 201, "coach": 201, "other_coach": 404}),
    ),
    (
        "DELETE",
        E + "/{evidence_id}",
        _evidence,
        None,
        _only({"admin": 403, "coordinator": 403, "coach": 204, "other_coach": 404}),
    ),
    (
        "POST",
        A,
        lambda w: A,
        _start,
        _only({"admin": 201, "coordinator": 201, "coach": 403, "other_coach": 404}),
    ),
    ("GET", A, lambda w: f"{A}?person={w.ids['coach']}", None, _ada_readers()),
    (
        "GET",
        A + "/assessors",
        lambda w: f"{A}/assessors?person={w.ids['coach']}",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 403, "other_coach": 404}),
    ),
    ("GET", A + "/to-sign", lambda w: f"{A}/to-sign", None, STAFF),
    ("GET", A + "/{assessment_id}", _assessment, None, _ada_readers()),
    (
        "PUT",
        A + "/{assessment_id}",
        _assessment,
        _edit,
        _only({"admin": 200, "coordinator": 200, "coach": 403, "other_coach": 404}),
    ),
    (
        "POST",
        A + "/{assessment_id}/sign",
        lambda w: _assessment(w, "/sign"),
        lambda w: {"revision": 1},
        _only({"admin": 403, "coordinator": 403, "coach": 403, "other_coach": 404}),
    ),
    (
        "GET",
        "/api/competence/certificate",
        lambda w: f"/api/competence/certificate?person={w.ids['coach']}",
        None,
        _ada_readers(),
    ),
    (
        "GET",
        "/api/competence/gaps",
        lambda w: f"/api/competence/gaps?team={w.teams['North']}",
        None,
        _only({"admin": 200, "coordinator": 200}),
    ),
]
