"""The access matrix's rows for job finding (``test_access_matrix.py`` adds them).

Alice's pipeline: she, her coach Ada, the team's coordinator Cora, administrators and her mentor
Mia read it; her father Finn (no consent covers the job search), Ben's team and Bob get 404.
Staff who manage her add, change, remove and move; Alice adds an idea of her own, and gets 403
for what her coach added; Mia reads only (403). The caseload pipeline is staff's; the figures per
coach are coordinators' and administrators'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support import opportunities
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


def _sees(status: int) -> dict[str | None, int]:
    return _only(
        {"admin": status, "coordinator": status, "coach": status, "client": status,
         "mentor": status},
        404,
    )  # fmt: skip


def _moves(status: int) -> dict[str | None, int]:
    return _only(
        {"admin": status, "coordinator": status, "coach": status, "client": 403, "mentor": 403},
        404,
    )


P = "/api/opportunities/{opportunity}"
C = "/api/clients/{client}/opportunities"
ROWS: list[
    tuple[str, str, Callable[[World], Any], Callable[[World], Any] | None, dict[str | None, int]]
] = [
    ("GET", "/api/clients/{client_id}/opportunities", opportunities.at(C), None, _sees(200)),
    (
        "POST",
        "/api/clients/{client_id}/opportunities",
        opportunities.at(C),
        opportunities.idea_body,
        {**_moves(201), "client": 201},
    ),
    (
        "GET",
        "/api/opportunities",
        opportunities.at("/api/opportunities"),
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "GET",
        "/api/opportunities/figures",
        opportunities.at("/api/opportunities/figures"),
        None,
        _only({"admin": 200, "coordinator": 200}, 403),
    ),
    ("GET", "/api/opportunities/{opportunity_id}", opportunities.at(P), None, _sees(200)),
    (
        "PATCH",
        "/api/opportunities/{opportunity_id}",
        opportunities.at(P),
        lambda w: {"jobTitle": "Breakfast and lunch host"},
        _moves(200),
    ),
    ("DELETE", "/api/opportunities/{opportunity_id}", opportunities.at(P), None, _moves(204)),
    (
        "POST",
        "/api/opportunities/{opportunity_id}/steps",
        opportunities.at(P + "/steps"),
        opportunities.step_body,
        _moves(201),
    ),
    (
        "POST",
        "/api/opportunities/{opportunity_id}/contacts",
        opportunities.at(P + "/contacts"),
        opportunities.contact_body,
        _moves(201),
    ),
]
