"""Access-matrix rows for the job analysis (tests/support/workplace.py builds Alice's: the
analysis of her kitchen job written by her coach Ada, a task, a natural support, a photo).

Alice, her coach Ada, the North coordinator and the administrator read it; Ada and the
coordinator write it (the administrator reads only; Alice is told her coach writes it: 403).
Everyone else gets 404 — Bob, his coach Ben, Alice's father Finn and her mentor Mia: where
Alice works and who helps her there is hers to share. Photo uploads are multipart: a JSON body
past the access check is refused as such (415)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.workplace import templates
from tests.support.workplace import at, new_id
from tests.support.world import World

PathFn = Callable[[World], Any]
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


def _only(allowed: dict[str, int], others: int, signed_out: int = 401) -> dict[str | None, int]:
    return {a: (signed_out if a is None else allowed.get(a, others)) for a in ACTORS}


def _readers(status: int) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": status, "client": status}, 404)


def _writers(status: int) -> dict[str | None, int]:
    """The coach and the coordinator; the administrator and Alice read only (403)."""
    return _only({"admin": 403, "coordinator": status, "coach": status, "client": 403}, 404)


A = "/api/jobs/{job}/analysis"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "POST",
        "/api/analysis-templates",
        lambda w: "/api/analysis-templates",
        lambda w: templates.default_texts(),
        _only({"admin": 201}, 403),
    ),
    (
        "GET",
        "/api/analysis-templates/{version}",
        lambda w: "/api/analysis-templates/1",
        None,
        _only({}, 200),
    ),
    ("GET", "/api/jobs/{job_id}/analysis", at(A), None, _readers(200)),
    (
        "PUT",
        "/api/jobs/{job_id}/analysis",
        at(A),
        lambda w: {"localId": new_id(), "texts": {"breaks": "At ten, fifteen minutes."}},
        _writers(200),
    ),
    (
        "POST",
        "/api/jobs/{job_id}/analysis/tasks",
        at(A + "/tasks"),
        lambda w: {"localId": new_id(), "title": "Fold the napkins", "kind": "occasional"},
        _writers(201),
    ),
    (
        "POST",
        "/api/jobs/{job_id}/analysis/supports",
        at(A + "/supports"),
        lambda w: {"localId": new_id(), "name": "Rita", "role": "cook", "helpsWith": "Breaks"},
        _writers(201),
    ),
    ("POST", "/api/jobs/{job_id}/analysis/photos", at(A + "/photos"), lambda w: {}, _writers(415)),
    (
        "PUT",
        "/api/analysis-tasks/{task_id}",
        at("/api/analysis-tasks/{analysis_task}"),
        lambda w: {"howOften": "Every shift"},
        _writers(200),
    ),
    (
        "DELETE",
        "/api/analysis-tasks/{task_id}",
        at("/api/analysis-tasks/{analysis_task}"),
        None,
        _writers(204),
    ),
    (
        "PUT",
        "/api/natural-supports/{support_id}",
        at("/api/natural-supports/{support}"),
        lambda w: {"reviewOn": "2027-01-15"},
        _writers(200),
    ),
    (
        "POST",
        "/api/natural-supports/{support_id}/reviewed",
        at("/api/natural-supports/{support}/reviewed"),
        lambda w: {"nextReviewOn": "2099-01-15"},
        _writers(200),
    ),
    (
        "DELETE",
        "/api/natural-supports/{support_id}",
        at("/api/natural-supports/{support}"),
        None,
        _writers(204),
    ),
    (
        "GET",
        "/api/analysis-photos/{photo_id}/photo/{file_name}",
        at("/api/analysis-photos/{analysis_photo}/photo/{analysis_photo_file}"),
        None,
        _readers(200),
    ),
    (
        "DELETE",
        "/api/analysis-photos/{photo_id}",
        at("/api/analysis-photos/{analysis_photo}"),
        None,
        _writers(204),
    ),
]
