"""Access-matrix rows for the fidelity self-assessment (``test_access_matrix.py`` runs them).

Reviews are the management team's: the administrator runs them for the organisation and any
team, North's coordinator for North; coaches, clients, family members and mentors are refused
(403: the screen is not theirs, and saying so reveals nothing about anyone). A review out of a
coordinator's reach (the organisation's) is not found (404).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from backend.fidelity import templates
from backend.fidelity.tables import Review, Score
from backend.lib.clock import now
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


MANAGERS = _only(dict.fromkeys(("admin", "coordinator"), 200), 403)
MADE = _only(dict.fromkeys(("admin", "coordinator"), 201), 403)
ADMIN_ONLY = _only({"admin": 201}, 403)
ORGANISATION = _only({"admin": 200, "coordinator": 404}, 403)


async def _review(w: World, scope: str = "team", scored: bool = True) -> str:
    """A review of North (or the organisation), every item scored 3 unless ``scored`` is off."""
    template = templates.latest("ips")
    row = Review(
        client_uuid=uuid.uuid4(),
        template="ips",
        version=template.version,
        scope=scope,
        team=w.teams["North"] if scope == "team" else None,
        start_on=date(2026, 11, 1),
        end_on=date(2026, 11, 30),
        status="draft",
        started_by=w.ids["admin"],
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    await Score.insert(
        *(
            Score(
                review=row.id, item=item, section=section, position=i, score=3 if scored else None
            )
            for i, (section, item) in enumerate(templates.items(template))
        )
    )
    return str(row.id)


def _start(scope: str) -> Callable[[World], Any]:
    return lambda w: {
        "localId": str(uuid.uuid4()),
        "template": "ips",
        "scope": scope,
        "start": "2026-11-01",
        "end": "2026-11-30",
        **({"teamId": w.teams["North"]} if scope == "team" else {}),
    }


async def _compare(w: World) -> str:
    return f"{F}/comparison?first={await _review(w)}&second={await _review(w)}"


F = "/api/fidelity"
ONE = f"{F}/reviews/{{review_id}}"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", f"{F}/templates", lambda w: f"{F}/templates", None, MANAGERS),
    ("GET", f"{F}/templates/{{key}}/{{version}}", lambda w: f"{F}/templates/ips/1", None, MANAGERS),
    ("POST", f"{F}/reviews", lambda w: f"{F}/reviews", _start("team"), MADE),
    ("POST", f"{F}/reviews", lambda w: f"{F}/reviews", _start("organisation"), ADMIN_ONLY),
    ("GET", f"{F}/reviews", lambda w: f"{F}/reviews", None, MANAGERS),
    ("GET", ONE, lambda w: _at(w, ""), None, MANAGERS),
    ("GET", ONE, lambda w: _at(w, "", "organisation"), None, ORGANISATION),
    (
        "PUT",
        f"{ONE}/items/{{item}}",
        lambda w: _at(w, "/items/caseload"),
        lambda w: {"score": 4},
        MANAGERS,
    ),
    ("POST", f"{ONE}/finish", lambda w: _at(w, "/finish"), None, MANAGERS),
    ("GET", f"{F}/comparison", _compare, None, MANAGERS),
]


async def _at(w: World, tail: str, scope: str = "team") -> str:
    return f"{F}/reviews/{await _review(w, scope)}{tail}"
