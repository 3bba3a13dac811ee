"""Access-matrix rows for funder reports (``test_access_matrix.py`` runs them).

Coordinators and administrators make and read funder reports; coaches, clients, family members
and mentors are refused (403: the screen is staff's who answer to funders, and saying so reveals
nothing about anyone). Team North's report: the administrator and North's coordinator. A report
on team South is out of North's coordinator's reach (403 to make, 404 to read).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.reports import services
from shared_schemas import reports as wire
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


MAKERS = _only({"admin": 200, "coordinator": 200}, 403)
ADMIN = _only({"admin": 200}, 403)


def _last_year() -> str:
    return str(now().year - 1)


def _body(w: World, **more: Any) -> dict[str, Any]:
    return {"localId": str(uuid.uuid4()), "definition": "esf_plus", "period": _last_year(), **more}


async def _north_report(w: World, tail: str = "") -> str:
    """A report on team North, submitted by its coordinator."""
    cora = Actor(
        id=w.ids["coordinator"],
        role="coordinator",
        team_id=w.teams["North"],
        display_name="Cora Coordinator",
        session_hash="",
    )
    report_id, _ = await services.submit(
        cora,
        wire.ReportCreate(local_id=str(uuid.uuid4()), definition="esf_plus", period=_last_year()),
    )
    return f"/api/reports/{report_id}{tail}"


R = "/api/reports"
ONE = R + "/{report_id}"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", R + "/definitions", lambda w: R + "/definitions", None, MAKERS),
    (
        "GET",
        R + "/preview",
        lambda w: f"{R}/preview?definition=esf_plus&period={_last_year()}",
        None,
        MAKERS,
    ),
    (
        "GET",
        R + "/preview",
        lambda w: (
            f"{R}/preview?definition=esf_plus&period={_last_year()}"
            f"&scope=team&id={w.teams['South']}"
        ),
        None,
        ADMIN,
    ),
    ("POST", R, lambda w: R, _body, _only({"admin": 201, "coordinator": 201}, 403)),
    (
        "POST",
        R,
        lambda w: R,
        lambda w: _body(w, scope="team", scopeId=w.teams["South"]),
        _only({"admin": 201}, 403),
    ),
    ("GET", R, lambda w: R, None, MAKERS),
    ("GET", ONE, lambda w: _north_report(w), None, MAKERS),
    ("GET", ONE + "/report.xlsx", lambda w: _north_report(w, "/report.xlsx"), None, MAKERS),
    ("GET", ONE + "/report.csv", lambda w: _north_report(w, "/report.csv"), None, MAKERS),
    ("GET", ONE + "/report.pdf", lambda w: _north_report(w, "/report.pdf"), None, MAKERS),
]
