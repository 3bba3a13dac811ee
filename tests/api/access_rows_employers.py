"""Access-matrix rows for the employer register, the people there and clients' jobs
(``test_access_matrix.py`` runs them).

The register is staff's: team North's coach and coordinator and the administrators see and keep
Hotel Aurora and its people; team South's coach does not find them (404); clients, family
members and mentors are refused the list (403) and find no employer (404). Alice's job: those
who manage Alice record and change it (Alice reads it: 403 for a change), everyone else 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from tests.support.employers import at
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
STAFF = ("admin", "coordinator", "coach", "other_coach")
NORTH = ("admin", "coordinator", "coach")
PathFn = Callable[[World], Any]


def _only(allowed: dict[str, int], others: int) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


def _register(status: int) -> dict[str | None, int]:
    return _only(dict.fromkeys(STAFF, status), 403)


def _north(status: int) -> dict[str | None, int]:
    return _only(dict.fromkeys(NORTH, status), 404)


def _manage(status: int, client: int = 403) -> dict[str | None, int]:
    return _only({**dict.fromkeys(NORTH, status), "client": client}, 404)


def _new(body: dict[str, Any]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"localId": str(uuid.uuid4()), **body}


E = "/api/employers/{employer}"
P = "/api/employer-people/{person}"
J = "/api/jobs/{job}"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", "/api/employers", at("/api/employers"), None, _register(200)),
    ("POST", "/api/employers", at("/api/employers"), _new({"name": "Cafe Mocca"}), _register(201)),
    ("GET", "/api/employers/{employer_id}", at(E), None, _north(200)),
    (
        "PATCH",
        "/api/employers/{employer_id}",
        at(E),
        lambda w: {"sector": "Hotels"},
        _north(200),
    ),
    (
        "POST",
        "/api/employers/{employer_id}/people",
        at(E + "/people"),
        _new({"name": "Kim", "role": "owner"}),
        _north(201),
    ),
    ("PATCH", "/api/employer-people/{person_id}", at(P), lambda w: {"role": "chef"}, _north(200)),
    ("DELETE", "/api/employer-people/{person_id}", at(P), None, _north(204)),
    (
        "POST",
        "/api/employer-people/{person_id}/notice",
        at(P + "/notice"),
        lambda w: {"version": 1},
        _north(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/jobs",
        at("/api/clients/{client}/jobs"),
        None,
        _manage(200, client=200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/jobs",
        at("/api/clients/{client}/jobs"),
        _new({"title": "Dishwasher", "startDate": "2026-12-01"}),
        _manage(201),
    ),
    ("GET", "/api/jobs/{job_id}", at(J), None, _manage(200, client=200)),
    ("PATCH", "/api/jobs/{job_id}", at(J), lambda w: {"hoursPerWeek": 20}, _manage(200)),
    (
        "POST",
        "/api/jobs/{job_id}/end",
        at(J + "/end"),
        lambda w: {"endDate": "2026-12-04", "reason": "contract_ended"},
        _manage(200),
    ),
    (
        "GET",
        "/api/minimum-wage",
        lambda w: "/api/minimum-wage",
        None,
        _register(200),
    ),
    (
        "PUT",
        "/api/minimum-wage",
        lambda w: "/api/minimum-wage",
        lambda w: {"hourlyCents": 1200, "currency": "EUR"},
        _only({"admin": 200}, 403),
    ),
]
