"""``GET /metrics`` (Prometheus' text format) for whoever watches the servers, readable from
this machine or with the bearer token; ``GET /api/ready`` for the load balancer."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from prometheus_client.parser import text_string_to_metric_families

from backend.lib import metrics, migrations, photo_pool
from backend.lib.errors import ProblemError
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support.cli import installation
from tests.support.scale import fresh_database


@pytest.fixture
async def from_this_machine(app: Litestar, api: Api) -> AsyncIterator[httpx.AsyncClient]:
    """A client on loopback, as Prometheus on the server's own machine."""
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as c:
        yield c


def _families(text: str) -> dict[str, list[tuple[str, dict[str, str], float]]]:
    return {
        f.name: [(s.name, s.labels, s.value) for s in f.samples]
        for f in text_string_to_metric_families(text)
    }


async def test_metrics_from_this_machine_in_prometheus_text(
    world_api: Api, from_this_machine: httpx.AsyncClient
) -> None:
    world = world_api.world
    assert world is not None
    await world_api.get("/api/version")
    client_id = world.ids["client"]
    assert (await world_api.get(f"/api/clients/{client_id}", as_="coach")).status_code == 200
    answer = await from_this_machine.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    families = _families(answer.text)
    latency = families["stepwise_http_request_duration_seconds"]
    routes = {(labels["route"], labels["method"], labels["status"]) for _, labels, _ in latency}
    assert ("/api/version", "GET", "2xx") in routes
    # Route templates, never ids: a few series per route, whatever the traffic.
    assert ("/api/clients/{client_id}", "GET", "2xx") in routes
    assert all(client_id not in route for route, _, _ in routes)
    assert [v for _, _, v in families["stepwise_reminders_due"]] == [0.0]
    for name in ("stepwise_reminders_finished", "stepwise_photo_jobs_in_flight"):
        assert name in families


async def test_database_statements_are_counted_by_route(
    world_api: Api, from_this_machine: httpx.AsyncClient
) -> None:
    """``stepwise_db_statements_total`` over the route's requests: the round trips a request
    makes (``scripts/bench`` prints them beside each endpoint)."""
    world = world_api.world
    assert world is not None
    record = "/api/clients/{client_id}"

    async def counted() -> dict[str, float]:
        text = (await from_this_machine.get("/metrics")).text
        return {
            labels["route"]: value
            for name, labels, value in _families(text)["stepwise_db_statements"]
            if name == "stepwise_db_statements_total" and labels["method"] == "GET"
        }

    await world_api.get("/api/version")
    await world_api.get(f"/api/clients/{world.ids['client']}", as_="coach")
    before = await counted()
    for _ in range(3):
        await world_api.get("/api/version")
        assert (await world_api.get(f"/api/clients/{world.ids['client']}", as_="coach")).is_success
    after = await counted()
    assert after["/api/version"] == before["/api/version"]  # no database
    assert after[record] - before[record] >= 3  # at least the record's read, each time


async def test_metrics_refuse_other_addresses_and_proxied_requests(
    api: Api, from_this_machine: httpx.AsyncClient
) -> None:
    assert (await api.get("/metrics")).status_code == 403  # the tests' client: 203.0.113.7
    # A reverse proxy on this machine forwards the world's requests from loopback.
    proxied = await from_this_machine.get("/metrics", headers={"x-forwarded-for": "192.0.2.9"})
    assert proxied.status_code == 403


async def test_metrics_with_the_token_from_anywhere(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = dataclasses.replace(get_settings(), metrics_token="a-long-random-token")
    monkeypatch.setattr(metrics, "get_settings", lambda: settings)
    refused = await api.get("/metrics", headers={"authorization": "Bearer wrong"})
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    allowed = await api.get("/metrics", headers={"authorization": "Bearer a-long-random-token"})
    assert allowed.status_code == 200
    assert "stepwise_http_request_duration_seconds_bucket" in allowed.text


async def test_photo_jobs_are_counted(api: Api) -> None:
    def refused() -> float:
        return metrics.PHOTO_JOBS.labels("refused")._value.get()  # type: ignore[no-any-return]

    before = refused()
    with pytest.raises(ProblemError):
        await photo_pool.process(b"this is not a photo")
    assert refused() == before + 1
    assert metrics.PHOTO_JOBS_IN_FLIGHT._value.get() == 0


async def test_ready_when_the_database_answers_and_is_migrated(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = await api.get("/api/ready")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    # A new version started before its migrations ran (they run at start, under the lock).
    newer = migrations.known_migrations.__wrapped__
    monkeypatch.setattr(
        migrations,
        "known_migrations",
        lambda apps: newer(apps) | {("lib", "2099-01-01T00:00:00:000000")},
    )
    waiting = await api.get("/api/ready")
    assert waiting.status_code == 503
    assert "migrated" in waiting.json()["title"]


async def test_a_worker_serves_its_metrics_on_loopback(api: Api) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    served = asyncio.get_running_loop().create_task(metrics.serve_for_worker(port))
    try:
        async with httpx.AsyncClient() as client:
            deadline = time.monotonic() + 10
            while True:
                try:
                    answer = await client.get(f"http://127.0.0.1:{port}/metrics")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the worker's metrics did not answer"
                    await asyncio.sleep(0.02)
        assert answer.status_code == 200
        assert _families(answer.text)["stepwise_reminders_due"][0][2] == 0.0
    finally:
        served.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await served


async def test_a_server_of_two_processes_counts_the_requests_of_both(tmp_path: Path) -> None:
    async with fresh_database(tmp_path) as url:
        env = installation(tmp_path / "machine", url) | {"STEPWISE_REMINDER_ENGINE": "off"}
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), "--workers", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            process_group=0,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not answer /health"
                await asyncio.sleep(0.05)
            for _ in range(40):  # a connection each: the two processes share them
                assert httpx.get(f"{base}/api/version", timeout=10).status_code == 200
            for _ in range(4):  # whichever process answers the scrape adds up both
                families = _families(httpx.get(f"{base}/metrics", timeout=10).text)
                counted = [
                    value
                    for name, labels, value in families["stepwise_http_request_duration_seconds"]
                    if name.endswith("_count") and labels["route"] == "/api/version"
                ]
                assert counted == [40.0]
            # A moment after start each serving process froze what it holds, out of the garbage
            # collector's walk (backend/lib/memory.py, backend/app.py).
            while True:
                families = _families(httpx.get(f"{base}/metrics", timeout=10).text)
                [(_, _, frozen)] = families["stepwise_gc_frozen_objects"]
                if frozen > 10_000:
                    break
                assert time.monotonic() < deadline + 60, f"nothing frozen: {frozen}"
                await asyncio.sleep(0.1)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
