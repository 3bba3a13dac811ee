"""schemathesis over the operations ``test_schemathesis.py`` leaves out because they end the
signed-in person's session or erase someone (sign-out, sign-out everywhere, revoke, erase,
removing a passkey, the push test) and over the uploads (multipart): each generated case is
sent with a session of its own, made for it, and aimed at a person made for it, so that no case
depends on what an earlier one ended. No server error, every answer as documented.
"""

from __future__ import annotations

import json
from itertools import count
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NotSet

from backend.clients import services as clients
from tests.api.conftest import Api
from tests.api.test_schemathesis import IDS, SCHEMA, SKIPPED
from tests.support import audio, coaching, openapi, tasks
from tests.support import family as family_world
from tests.support.photos import phone_jpeg
from tests.support.world import World, make_user

OPERATIONS = [
    op
    for result in SCHEMA.get_all_operations()
    if (op := result.ok()).path.startswith("/api/")
    and (
        (op.method.upper(), op.path) in SKIPPED
        or any("multipart" in t for t in op.get_request_payload_content_types())
    )
]
EXAMPLES = 5
ROLES = {"client": (None, "client"), "coach": ("North", "coach"), "admin": (None, "admin")}
_fresh = count()


def _url(case: Any, ids: dict[str, str]) -> str:
    path = case.path
    for name, value in (case.path_parameters or {}).items():
        real = ids.get(IDS.get(name, name))
        path = path.replace("{" + name + "}", real if real is not None else str(value))
    query = {k: v for k, v in (case.query or {}).items() if v is not None}
    return path + ("?" + urlencode(query, doseq=True) if query else "")


def _upload(body: Any, path: str, real: bool) -> dict[str, tuple[str, bytes, str]]:
    """What was generated, or (every other case) a real photo or recording, so that the
    answers of a stored upload are checked too."""
    if real and path.endswith("/voice"):
        return {"file": ("voice.webm", audio.webm(1.0), "audio/webm")}
    if real:
        return {"file": ("photo.jpg", phone_jpeg(640, 480), "image/jpeg")}
    value = body.get("file") if isinstance(body, dict) else None
    data = value if isinstance(value, bytes) else str(value or "").encode()
    return {"file": ("upload.bin", data, "application/octet-stream")}


async def _fresh_people(world: World, actor: str) -> tuple[str, dict[str, str], str]:
    """A session of its own for ``actor`` and a client of coach Ada's to aim at."""
    n = next(_fresh)
    team, role = ROLES[actor]
    key = f"{actor}-{n}"
    await make_user(world, key, f"Fresh {actor} {n}", role, team)
    target = await make_user(world, f"target-{n}", f"Target {n}", "client", None)
    await clients.create_record(target, world.ids["coach"])
    ids = dict(world.ids)
    ids["client"] = target
    ids["passkey_id"] = world.passkeys[key]
    return world.tokens[key], ids, f"Target {n}"


@pytest.mark.parametrize("actor", ["client", "coach", "admin"])
async def test_session_ending_operations_and_uploads(world_api: Api, actor: str) -> None:
    world = world_api.world
    assert world is not None
    await tasks.build_tasks(world)
    await coaching.build_coaching(world)
    await family_world.build_family(world)
    failures: list[str] = []
    drawn: list[list[tuple[Any, Any]]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        drawn.append([(op, data.draw(op.as_strategy())) for op in OPERATIONS])

    draw()
    assert {(op.method.upper(), op.path) for op, _ in drawn[0]} >= SKIPPED
    for number, batch in enumerate(drawn):
        real = number % 2 == 1
        for op, case in batch:
            token, ids, name = await _fresh_people(world, actor)
            url = _url(case, ids)
            method = op.method.upper()
            headers = {"x-requested-with": "stepwise"}
            world_api.client.cookies.clear()
            world_api.client.cookies.set("stepwise_session", token)
            multipart = any("multipart" in t for t in op.get_request_payload_content_types())
            if multipart:
                response = await world_api.client.request(
                    method, url, files=_upload(case.body, op.path, real), headers=headers
                )
                label = f"{method} {url} (upload)"
            else:
                content = None
                if op.path.endswith("/erase") and real:  # the name typed right: erased
                    case.body = {"confirmName": name}
                if not isinstance(case.body, NotSet):
                    content = json.dumps(case.body).encode()
                    headers["content-type"] = "application/json"
                response = await world_api.client.request(
                    method, url, content=content, headers=headers
                )
                label = f"{method} {url} {content[:200] if content else b''!r}"
            if response.status_code >= 500:
                failures.append(f"{label} → {response.status_code}")
                continue
            try:
                openapi.validate(
                    method,
                    url.split("?")[0],
                    response.status_code,
                    response.content,
                    response.headers.get("content-type", ""),
                )
            except Exception as exc:  # a finding, collected to report them all at once
                failures.append(f"{label} → {response.status_code}: {str(exc)[:300]}")

    assert not failures, "\n".join(sorted(set(failures))[:40])
