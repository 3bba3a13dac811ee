"""Every body is limited before it is read: a huge body, streamed, is refused with 413 once it
passes its route's limit, with or without an ``Idempotency-Key``.

The app is driven at the ASGI level with a ``receive`` that hands out a 300 MB body in 64 KB
chunks and counts what the server took, so the test never holds the body itself and can assert
that the server stopped reading at the limit (plus at most one chunk).
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from litestar import Litestar

from backend.app import JSON_BODY
from backend.tasks.controllers import VOICE_BODY
from tests.api.conftest import Api

CHUNK = 64 * 1024
HUGE = 300 * 1024 * 1024
# A well-formed start of a form whose one file never ends, so the upload's own parser is reached.
PART_HEAD = (
    b"--xyz\r\ncontent-disposition: form-data; name=file; filename=v.webm\r\n"
    b"content-type: audio/webm\r\n\r\n"
)


async def _send_huge(
    app: Litestar, method: str, path: str, token: str, *, key: bool, declare: bool
) -> tuple[int, dict[str, Any], int]:
    taken = 0
    started: dict[str, Any] = {}
    body = bytearray()

    async def receive() -> dict[str, Any]:
        nonlocal taken
        if taken >= HUGE:
            return {"type": "http.disconnect"}
        chunk = PART_HEAD + b"x" * (CHUNK - len(PART_HEAD)) if taken == 0 else b"x" * CHUNK
        taken += CHUNK
        return {"type": "http.request", "body": chunk, "more_body": taken < HUGE}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    headers = [
        (b"host", b"testserver.local"),
        (b"cookie", f"stepwise_session={token}".encode()),
        (b"x-requested-with", b"stepwise"),
        (b"content-type", b"multipart/form-data; boundary=xyz"),
    ]
    if key:
        headers.append((b"idempotency-key", b"huge-body-0001"))
    if declare:
        headers.append((b"content-length", str(HUGE).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("203.0.113.7", 50000),
        "server": ("testserver.local", 80),
        "state": {},
    }
    await app(scope, receive, send)  # type: ignore[arg-type]
    return started["status"], msgspec.json.decode(bytes(body)), taken


@pytest.mark.parametrize("key", [True, False], ids=["idempotency-key", "no-key"])
@pytest.mark.parametrize("declare", [False, True], ids=["streamed", "content-length"])
async def test_a_huge_body_is_refused_at_the_routes_limit(
    app: Litestar, world_api: Api, key: bool, declare: bool
) -> None:
    assert world_api.world is not None
    created = await world_api.post(
        f"/api/clients/{world_api.world.ids['client']}/tasks",
        as_="coach",
        json={"title": "Wipe the tables", "workplace": "Café Aalto"},
    )
    assert created.status_code == 201, created.text
    task = created.json()
    step = await world_api.post(
        f"/api/tasks/{task['id']}/steps", as_="coach", json={"text": "Take the cloth."}
    )
    voice = f"/api/tasks/{task['id']}/steps/{step.json()['steps'][0]['id']}/voice"
    token = world_api.world.tokens["coach"]
    for method, path, limit in (("PUT", voice, VOICE_BODY), ("POST", "/api/teams", JSON_BODY)):
        status, problem, taken = await _send_huge(
            app, method, path, token, key=key, declare=declare
        )
        assert status == 413, problem
        assert problem["status"] == 413
        assert problem["errors"][0]["field"] in {"body", "file"}
        assert taken <= limit + CHUNK, f"{path}: read {taken} bytes past a {limit} byte limit"
