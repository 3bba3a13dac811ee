"""Access-matrix rows of the client's journey (``tests/api/test_access_matrix.py``).

Alice's journey: she, her coach Ada, the team's coordinator and administrators read it; staff
who manage her change it; she changes it through her coach (403) but records her own informed
decision. Her father, her mentor and the other team: 404 — whether she is a client is private.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from backend.journey.tables import Episode
from backend.lib.clock import now
from tests.support.journey import days_ago, intake, opened, start
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
J = "/api/clients/{client_id}/journey"


def _only(allowed: dict[str, int], others: int) -> dict[str | None, int]:
    return {a: (401 if a is None else allowed.get(a, others)) for a in ACTORS}


def _change(status: int) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": status, "client": 403}, 404)


def _url(w: World, tail: str = "") -> str:
    return f"/api/clients/{w.ids['client']}/journey{tail}"


async def _open_then(w: World, tail: str) -> str:
    await opened(w.ids["client"])
    return _url(w, tail)


async def _follow_up(w: World) -> str:
    """An ended episode (400 to 200 days ago) whose client agreed to be asked."""
    at = now()
    episode = Episode(
        client_uuid=uuid.uuid4(),
        client=w.ids["client"],
        intake_on=days_ago(400),
        closed_on=days_ago(200),
        follow_up_agreed=True,
        created_at=at,
        updated_at=at,
    )
    await episode.save()
    return _url(w, f"/episodes/{episode.id}/follow-up")


def _situation(w: World) -> dict[str, Any]:
    return {
        "localId": str(uuid.uuid4()),
        "situation": "work",
        "situationOn": days_ago(1).isoformat(),
    }


async def _stage_end(w: World) -> str:
    stage = await opened(w.ids["client"])
    return _url(w, f"/stages/{stage}/end")


ROWS: list[Row] = [
    (
        "GET",
        "/api/journey/decision-text",
        lambda w: "/api/journey/decision-text?locale=he",
        None,
        {a: (401 if a is None else 200) for a in ACTORS},
    ),
    (
        "GET",
        "/api/journey/targets",
        lambda w: "/api/journey/targets",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "PUT",
        "/api/journey/targets",
        lambda w: "/api/journey/targets",
        lambda w: {"targets": [{"stage": "profiling", "days": 60}]},
        _only({"admin": 200}, 403),
    ),
    (
        "GET",
        J,
        lambda w: _url(w),
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "client": 200}, 404),
    ),
    (
        "POST",
        J + "/episodes",
        lambda w: _url(w, "/episodes"),
        lambda w: intake(days_ago(1)),
        _change(201),
    ),
    (
        "POST",
        J + "/decision",
        lambda w: _open_then(w, "/decision"),
        lambda w: {"textVersion": 1, "locale": "en"},
        _only({"admin": 201, "coordinator": 201, "coach": 201, "client": 201}, 404),
    ),
    (
        "POST",
        J + "/close",
        lambda w: _open_then(w, "/close"),
        lambda w: {"closedOn": days_ago(0).isoformat(), "reason": "chose_to_stop"},
        _change(200),
    ),
    (
        "POST",
        J + "/episodes/{episode_id}/follow-up",
        _follow_up,
        _situation,
        _change(201),
    ),
    (
        "POST",
        J + "/stages",
        lambda w: _open_then(w, "/stages"),
        lambda w: start("profiling"),
        _change(201),
    ),
    (
        "POST",
        J + "/stages/{stage_id}/end",
        _stage_end,
        lambda w: {},
        _change(200),
    ),
]
