"""Correctness guard for the fast path: what one app server ends, every other one refuses.

Two ``stepwise serve`` processes share one database. Server B serves a session (so that B may
hold a copy of it), server A ends it (sign-out, sign-out everywhere, an administrator's
revocation) or moves a coordinator to another team, and the very next request to B must see
it: 401, or the other team's caseload. A fast design that fails this is not a design at all, so
a failure here fails the benchmark run.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import server
from bench.throughput import Database

WARM = 4  # requests to B before the change, a little apart, so B has had time to keep a copy


@dataclass(frozen=True, slots=True)
class Revocation:
    engine: str
    checks: int
    failures: list[str]


def _call(port: int, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection(server.HOST, port, timeout=10)
    headers = {"Cookie": f"stepwise_session={token}", "X-Requested-With": "stepwise"}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        conn.close()


def _warm(port: int, token: str) -> None:
    for _ in range(WARM):
        _call(port, "GET", "/api/clients", token)
        time.sleep(0.02)


def measure(db: Database, seeded: dict[str, Any], log: Path) -> Revocation:
    env = server.app_env(db.url, db.data_dir)
    a_port, b_port = server.free_port(), server.free_port()
    failures: list[str] = []
    checks = 0

    def expect(what: str, got: int, want: int) -> None:
        nonlocal checks
        checks += 1
        if got != want:
            failures.append(f"{what}: got {got}, expected {want}")

    with (
        server.spawn(server.serve_argv(a_port), env, log.with_suffix(".a.log")) as a,
        server.spawn(server.serve_argv(b_port), env, log.with_suffix(".b.log")) as b,
    ):
        server.wait_for(a_port, "/health", a, timeout=30)
        server.wait_for(b_port, "/health", b, timeout=30)

        for token in seeded["signout"]:
            _warm(b_port, token)
            status, _ = _call(a_port, "POST", "/api/signout", token)
            expect("sign-out on A", status, 204)
            expect("after sign-out on A", _call(b_port, "GET", "/api/clients", token)[0], 401)

        tokens = seeded["everywhere"]
        for token in tokens:
            _warm(b_port, token)
        status, _ = _call(a_port, "POST", "/api/signout-everywhere", tokens[0])
        expect("sign-out everywhere on A", status, 204)
        for token in tokens:
            got = _call(b_port, "GET", "/api/clients", token)[0]
            expect("after sign-out everywhere on A", got, 401)

        leaver = seeded["revoke"]
        for token in leaver["tokens"]:
            _warm(b_port, token)
        path = f"/api/people/{leaver['id']}/revoke"
        expect("revocation on A", _call(a_port, "POST", path, seeded["admin"])[0], 204)
        for token in leaver["tokens"]:
            expect("after revocation on A", _call(b_port, "GET", "/api/clients", token)[0], 401)

        coordinator, teams = seeded["coordinator"], seeded["teams"]
        for move in ("b", "a", "b", "a"):
            _warm(b_port, coordinator["token"])
            path = f"/api/people/{coordinator['id']}"
            status, _ = _call(a_port, "PATCH", path, seeded["admin"], {"teamId": teams[move]})
            expect(f"team change to {move.upper()} on A", status, 200)
            status, caseload = _call(b_port, "GET", "/api/clients", coordinator["token"])
            seen = len(caseload) if status == 200 and isinstance(caseload, list) else -1
            want = teams[f"{move}_clients"]
            expect(f"coordinator's caseload after the move to {move.upper()}", seen, want)
    return Revocation(db.engine, checks, failures)
