"""Access-matrix rows for the handover pack (tests/support/handover.py builds Alice's: her job
at Hotel Aurora, her photo task for it, "tasks" and "phone" shared, a link for Sam).

Those who read Alice's record (Alice, her coach Ada, the North coordinator, the administrator)
read the pack, write its words and make and end links; only Alice chooses what it shares
(staff 403). Her mentor Mia, her father Finn, Bob and his coach Ben: 404. The page behind a
link opens for anyone holding it, signed in or not, the same for all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.handover import at
from tests.support.tasks import new_id
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


def _readers(
    status: int, client: int | None = None, staff: int | None = None
) -> dict[str | None, int]:
    allowed = {
        "admin": status if staff is None else staff,
        "coordinator": status if staff is None else staff,
        "coach": status if staff is None else staff,
        "client": status if client is None else client,
    }
    return {a: (401 if a is None else allowed.get(a, 404)) for a in ACTORS}


def _anyone(status: int) -> dict[str | None, int]:
    return dict.fromkeys(ACTORS, status)


H = "/api/clients/{client}/jobs/{job}/handover"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", "/api/clients/{client_id}/jobs/{job_id}/handover", at(H), None, _readers(200)),
    (
        "PUT",
        "/api/clients/{client_id}/jobs/{job_id}/handover/sections/{key}/consent",
        at(H + "/sections/about_me/consent"),
        lambda w: {"localId": new_id(), "granted": True},
        _readers(200, staff=403),
    ),
    (
        "PUT",
        "/api/clients/{client_id}/jobs/{job_id}/handover/sections/{key}/words",
        at(H + "/sections/if_wrong/words"),
        lambda w: {"words": "Call my coach."},
        _readers(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/jobs/{job_id}/handover/links",
        at(H + "/links"),
        lambda w: {"localId": new_id(), "readerName": "Kim", "readerRole": "co-worker"},
        _readers(201),
    ),
    (
        "POST",
        "/api/clients/{client_id}/jobs/{job_id}/handover/links/{link_id}/end",
        at(H + "/links/{handover_link}/end"),
        None,
        _readers(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/jobs/{job_id}/handover/views",
        at(H + "/views"),
        None,
        _readers(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/jobs/{job_id}/handover/feedback",
        at(H + "/feedback"),
        None,
        _readers(200),
    ),
    ("GET", "/h/{token}", at("/h/{handover_token}"), None, _anyone(200)),
    (
        "GET",
        "/h/{token}/photos/{photo_id}/{file_name}",
        at("/h/{handover_token}/photos/{photo}/{photo_file}"),
        None,
        _anyone(200),
    ),
    ("POST", "/h/{token}/feedback", at("/h/{handover_token}/feedback"), None, _anyone(303)),
]
