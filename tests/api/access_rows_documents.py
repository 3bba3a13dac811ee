"""Access-matrix rows for the documents made from a client's approved profile
(``test_access_matrix.py`` runs them).

Alice's CV and "about me": Alice, her coach Ada, team North's coordinator and the administrators
make and download them; team South's coach, Bob, her father Finn and her mentor Mia find nothing
(404), as for her record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tests.support import documents
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


def _alice(status: int) -> dict[str | None, int]:
    allowed = ("admin", "coordinator", "coach", "client")
    return {a: (401 if a is None else status if a in allowed else 404) for a in ACTORS}


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory: Alice's profile approved in English, then ``template`` filled."""

    async def make(world: World) -> str:
        await documents.approve(documents.profile(world.ids["client"], "en"))
        return template.format(**world.ids)

    return make


D = "/api/clients/{client}/documents"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", "/api/clients/{client_id}/documents", at(D + "?language=en"), None, _alice(200)),
    (
        "GET",
        "/api/clients/{client_id}/documents/cv.pdf",
        at(D + "/cv.pdf?language=en"),
        None,
        _alice(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/documents/about-me.pdf",
        at(D + "/about-me.pdf?language=en"),
        None,
        _alice(200),
    ),
]
