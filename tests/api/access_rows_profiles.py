"""Access-matrix rows for the vocational profile (tests/support/profiles.py builds Alice's:
a section written by her coach Ada with a photo and a voice note of hers, her disclosure
recorded; where a version is needed, version 1 approved).

Those who read Alice's record (Alice, Ada, the North coordinator, the administrator) read and
write the draft; only staff ask for approval; only Alice approves, and only with a fresh
step-up of her passkey, which no session of the matrix has (403 ``reverify_needed``; the
allowed side is in tests/api/test_profiles.py). Her mentor Mia reads the approved version only
when Alice allowed it, which she has not here: 404, as for her father Finn (she has not shared
her profile with him), Bob and his coach Ben. Uploads are multipart: a JSON body past the
access check is refused as such (415).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.profiles import templates
from tests.support import profiles
from tests.support.profiles import new_id
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


def _readers(status: int, client: int | None = None) -> dict[str | None, int]:
    """Those who read Alice's record; everyone else 404."""
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "client": status if client is None else client,
        },
        404,
    )


P = "/api/clients/{client}/profile"
at = profiles.at
ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "POST",
        "/api/profile-templates",
        lambda w: "/api/profile-templates",
        lambda w: templates.default_texts(),
        _only({"admin": 201}, 403),
    ),
    (
        "GET",
        "/api/profile-templates/{version}",
        lambda w: "/api/profile-templates/1",
        None,
        _only({}, 200),
    ),
    ("GET", "/api/clients/{client_id}/profile", at(P), None, _readers(200)),
    (
        "PUT",
        "/api/clients/{client_id}/profile/sections/{key}",
        at(P + "/sections/how_i_learn"),
        lambda w: {"localId": new_id(), "baseRevision": 0, "words": "Show me once."},
        _readers(200),
    ),
    (
        "PUT",
        "/api/clients/{client_id}/profile/choices",
        at(P + "/choices"),
        lambda w: {"localId": new_id(), "baseRevision": 1, "disclosureWords": "Only what I need."},
        _readers(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/profile/versions",
        at(P + "/versions"),
        lambda w: {"localId": new_id()},
        _readers(201, client=403),
    ),
    (
        "GET",
        "/api/clients/{client_id}/profile/versions/{number}",
        at(P + "/versions/{profile_version}", approved=True),
        None,
        _readers(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/profile/versions/{number}/approve",
        at(P + "/versions/{profile_version}/approve", approved=True),
        None,
        _readers(403),
    ),
    (
        "GET",
        "/api/clients/{client_id}/profile/approved",
        at(P + "/approved", approved=True),
        None,
        _readers(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/profile/sections/{key}/photos",
        at(P + "/sections/done/photos"),
        lambda w: {},
        _readers(415),
    ),
    (
        "PUT",
        "/api/clients/{client_id}/profile/sections/{key}/voice",
        at(P + "/sections/done/voice"),
        lambda w: {},
        _readers(415),
    ),
    (
        "DELETE",
        "/api/clients/{client_id}/profile/sections/{key}/voice",
        at(P + "/sections/who_i_am/voice"),
        None,
        _readers(204),
    ),
    (
        "GET",
        "/api/clients/{client_id}/profile/sections/{key}/voice/{file_name}",
        at(P + "/sections/who_i_am/voice/{profile_voice}"),
        None,
        _readers(200),
    ),
    (
        "GET",
        "/api/profile-photos/{photo_id}/photo/{file_name}",
        at("/api/profile-photos/{profile_photo}/photo/{profile_photo_file}", approved=True),
        None,
        _readers(200),
    ),
    (
        "DELETE",
        "/api/profile-photos/{photo_id}",
        at("/api/profile-photos/{profile_photo}"),
        None,
        _readers(204),
    ),
]
