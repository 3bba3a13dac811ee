"""The access matrix's rows for the activity log (``test_access_matrix.py`` adds them).

Alice's log: she, her coach Ada, the team's coordinator Cora, administrators and her mentor Mia
read it; her father Finn, Ben's team and Bob get 404. Staff who manage her and Mia log for her
(Ben is refused naming ``body.clientIds.0``: she is not in his reach); clients and family do not
log (403). Only the author (Ada) changes or removes an activity; others who see it get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support import activities
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


def _only(allowed: dict[str, int], others: int) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


def _sees_log(status: int) -> dict[str | None, int]:
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "client": status,
            "mentor": status,
        },
        404,
    )


def _logs(status: int) -> dict[str | None, int]:
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "mentor": status,
            "other_coach": 422,
        },
        403,
    )


def _own(status: int) -> dict[str | None, int]:
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "other_coach": status,
            "mentor": status,
        },
        403,
    )


def _author(status: int) -> dict[str | None, int]:
    return _only(
        {"admin": 403, "coordinator": 403, "coach": status, "client": 403, "mentor": 403}, 404
    )


A = "/api/activities/{activity}"
C = "/api/clients/{client}/activities"
ROWS: list[
    tuple[str, str, Callable[[World], Any], Callable[[World], Any] | None, dict[str | None, int]]
] = [
    ("GET", "/api/clients/{client_id}/activities", activities.at(C), None, _sees_log(200)),
    (
        "GET",
        "/api/clients/{client_id}/activities/kept-back",
        activities.at(C + "/kept-back"),
        None,
        _sees_log(200),
    ),
    (
        "POST",
        "/api/activities",
        activities.at("/api/activities"),
        activities.activity_body,
        _logs(201),
    ),
    (
        "POST",
        "/api/activities/visits",
        activities.at("/api/activities/visits"),
        activities.visit_body,
        _logs(201),
    ),
    ("GET", "/api/activities", activities.at("/api/activities"), None, _own(200)),
    ("GET", "/api/activities/recap", activities.at("/api/activities/recap"), None, _own(200)),
    ("GET", "/api/activities/time-use", activities.at("/api/activities/time-use"), None, _own(200)),
    ("GET", "/api/activities/{activity_id}", activities.at(A), None, _sees_log(200)),
    (
        "PATCH",
        "/api/activities/{activity_id}",
        activities.at(A),
        lambda w: {"note": "Talked about the new rota"},
        _author(200),
    ),
    ("DELETE", "/api/activities/{activity_id}", activities.at(A), None, _author(204)),
]
