"""Access-matrix rows for agreements, their templates, and inviting a mentor.

Alice's agreements (tests/support/agreements.py): ``agreement`` with her coach Ada, waiting for
her; ``mentor_agreement`` with her mentor Mia, agreed by Alice and waiting for Mia's signature.
Those who read Alice's record read both; Mia reads hers with Alice (the one she is offered or
party to). Agreeing and signing need a fresh step-up with one's passkey, which no session of the
matrix has: whoever may reach the agreement is refused 403 (``reverify_needed`` for the one who
may sign, not-allowed for the others; tests/api/test_agreements.py has the allowed side).
Everyone else — Bob, his coach Ben, Alice's father Finn — gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support import agreements
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


def _readers(status: int, mentor: int, client: int | None = None) -> dict[str | None, int]:
    """Those who read Alice's record, and Mia."""
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "client": status if client is None else client,
            "mentor": mentor,
        },
        404,
    )


def _mentor_invitation(w: World) -> dict[str, Any]:
    return {"role": "mentor", "displayName": "Max Mentor", "teamId": w.teams["North"]}


A = "/api/agreements/{mentor_agreement}"
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "GET",
        "/api/agreement-templates",
        lambda w: "/api/agreement-templates",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "POST",
        "/api/agreement-templates",
        lambda w: "/api/agreement-templates",
        lambda w: {
            loc: {"title": "Our agreement", "rules": ["We meet on time."]}
            for loc in ("en", "pl", "fi", "he")
        },
        _only({"admin": 201}, 403),
    ),
    (
        "GET",
        "/api/clients/{client_id}/agreements",
        agreements.at("/api/clients/{client}/agreements"),
        None,
        _readers(200, mentor=200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/agreements",
        agreements.at("/api/clients/{client}/agreements"),
        lambda w: agreements.draft_body(w.ids["coach"]),
        _readers(201, mentor=403, client=403),
    ),
    ("GET", "/api/agreements/{agreement_id}", agreements.at(A), None, _readers(200, mentor=200)),
    (  # the agreement with her coach is not Mia's to see
        "GET",
        "/api/agreements/{agreement_id}",
        agreements.at("/api/agreements/{agreement}"),
        None,
        _readers(200, mentor=404),
    ),
    (
        "POST",
        "/api/agreements/{agreement_id}/versions",
        agreements.at(A + "/versions"),
        lambda w: agreements.terms(),
        _readers(201, mentor=403, client=403),
    ),
    (
        "POST",
        "/api/agreements/{agreement_id}/agree",
        agreements.at("/api/agreements/{agreement}/agree"),
        lambda w: {"version": 1},
        _readers(403, mentor=404),
    ),
    (
        "POST",
        "/api/agreements/{agreement_id}/sign",
        agreements.at(A + "/sign"),
        lambda w: {"version": 1},
        _readers(403, mentor=403),
    ),
    (
        "POST",
        "/api/agreements/{agreement_id}/end",
        agreements.at(A + "/end"),
        lambda w: {"reason": "We both think it is time."},
        _readers(200, mentor=200),
    ),
    ("GET", "/api/me/agreements", lambda w: "/api/me/agreements", None, _only({}, 200)),
    (  # a mentor is invited by staff, to their own team (an administrator chooses one)
        "POST",
        "/api/invitations",
        lambda w: "/api/invitations",
        _mentor_invitation,
        _only({"admin": 201, "coordinator": 201, "coach": 201, "other_coach": 201}, 403),
    ),
]
ROWS.append(
    (
        "GET",
        "/api/clients/{client_id}/agreements/partners",
        agreements.at("/api/clients/{client}/agreements/partners"),
        None,
        _readers(200, mentor=403, client=403),
    )
)
