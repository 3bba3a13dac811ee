"""schemathesis over the project's OpenAPI document, signed in as a client, a coach and an
administrator.

Every operation gets requests generated from its documented parameters and body (schemathesis'
strategies, run by Hypothesis), sent in process with the app's CSRF header so that each write
reaches its handler, and with the path's ids replaced by the ids of a real organisation
(tests/support: Alice's tasks, coaching and family) so that the handlers run rather than answer
404. Every answer must be documented (tests/support/openapi.py) and none may be a server error.

Left out: operations that end the signed-in person's session or erase them (the rest of the run
would be signed out), the push test (it posts to the stand-in push services), and uploads
(multipart; tests/api/test_tasks_photos.py and test_voice_metadata.py send hostile files). All
of these run in tests/api/test_schemathesis_fresh.py, each case with a session of its own.
Stateful links are not followed: the generated bodies reach the handlers through the real ids.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NotSet

from backend.tasks import help_stream
from tests.api.conftest import Api
from tests.support import agreements, coaching, handover, openapi, opportunities, tasks
from tests.support import family as family_world

SKIPPED = {
    ("POST", "/api/signout"),
    ("POST", "/api/signout-everywhere"),
    ("POST", "/api/people/{user_id}/revoke"),
    ("POST", "/api/people/{user_id}/erase"),
    ("DELETE", "/api/me/passkeys/{passkey_id}"),
    ("POST", "/api/me/push-test"),
}
# Path parameters → the organisation's ids (world.ids keys).
IDS = {
    "client_id": "client",
    "user_id": "client",
    "task_id": "task",
    "step_id": "step",
    "session_id": "session",
    "help_id": "help",
    "goal_id": "goal",
    "shift_id": "shift",
    "conversation_id": "conversation",
    "set_id": "question_set",
    "update_id": "update",
    "rule_id": "rule",
    "day": "cancelled",
    "agreement_id": "mentor_agreement",
    "opportunity_id": "opportunity",
    "job_id": "job",
    "link_id": "handover_link",
}

SCHEMA = schemathesis.openapi.from_dict(openapi.document())
OPERATIONS = [
    op
    for result in SCHEMA.get_all_operations()
    if (op := result.ok()).path.startswith("/api/")
    and (op.method.upper(), op.path) not in SKIPPED
    and not any(
        "multipart" in t for t in op.get_request_payload_content_types()
    )  # uploads: their own tests
]
# Cases per operation and person. PostgreSQL, the stricter engine (types, NUL bytes, lengths),
# takes the most; the SQLite run, beside it in `scripts/test`, fewer of the same derandomized
# cases (about a third of its whole tier's time went here).
EXAMPLES = 10 if os.environ.get("STEPWISE_TEST_DATABASE_URL") else 4


def _url(case: Any, ids: dict[str, str]) -> str:
    path = case.path
    for name, value in (case.path_parameters or {}).items():
        real = ids.get(IDS.get(name, ""))
        path = path.replace("{" + name + "}", real if real is not None else str(value))
    query = {k: v for k, v in (case.query or {}).items() if v is not None}
    return path + ("?" + urlencode(query, doseq=True) if query else "")


@pytest.fixture(autouse=True)
def short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """An open screen's event stream ends at once here (it would hold each generated request
    for its 30 s): what the stream says is tested in tests/api/test_help_alerts.py."""
    monkeypatch.setattr(help_stream, "STREAM_SECONDS", 0.0)


def _cases(op: Any) -> list[tuple[Any, Any]]:
    """``EXAMPLES`` derandomized cases of one operation."""
    cases: list[tuple[Any, Any]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        cases.append((op, data.draw(op.as_strategy())))

    draw()
    return cases


@pytest.mark.parametrize("actor", ["client", "coach", "admin"])
async def test_no_server_error_and_every_answer_as_documented(world_api: Api, actor: str) -> None:
    world = world_api.world
    assert world is not None
    await tasks.build_tasks(world)
    await coaching.build_coaching(world)
    await family_world.build_family(world)
    await agreements.build_agreements(world)
    await opportunities.build_opportunities(world)
    await handover.build_handover(world)
    ids = dict(world.ids)
    failures: list[str] = []

    # Hypothesis runs no coroutines: the cases are drawn first, then sent in this test's loop.
    # Each operation's cases are drawn on their own: drawn all in one example, 254 operations
    # overran Hypothesis's buffer and the drawing alone took ten minutes a person.
    per_operation = [_cases(op) for op in OPERATIONS]
    # Sent a round at a time, each round one case of every operation (as before).
    drawn = [
        [cases[i] for cases in per_operation if i < len(cases)]
        for i in range(max(map(len, per_operation)))
    ]
    for batch in drawn:
        for op, case in batch:
            url = _url(case, ids)
            method = op.method.upper()
            headers = {"x-requested-with": "stepwise"}
            content = None
            if method != "GET" and not isinstance(case.body, NotSet):
                content = json.dumps(case.body).encode()
                headers["content-type"] = "application/json"
            world_api.client.cookies.clear()
            world_api.client.cookies.set("stepwise_session", world.tokens[actor])
            response = await world_api.client.request(method, url, content=content, headers=headers)
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
