"""The rate limits are counted in the database: app servers behind one load balancer stop an
address at the configured number of attempts together, not each at its own."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from litestar import Litestar

from backend.accounts.controllers import common as controllers
from backend.lib import addresses
from backend.lib.errors import ProblemError
from backend.lib.ratelimit import RateLimiter
from backend.lib.tables import RateCount
from backend.settings import get_settings
from tests.api.conftest import Api
from tests.support import clock
from tests.support.cli import installation, serving, stepwise
from tests.support.scale import assert_limited_together, fresh_database, sign_in_attempts


async def _outcomes(limiters: list[RateLimiter], attempts: int, address: str) -> list[int]:
    statuses = []
    for n in range(attempts):
        try:
            await limiters[n % len(limiters)].hit("signin", address)
            statuses.append(200)
        except ProblemError as refused:
            statuses.append(refused.status_code)
    return statuses


async def test_two_servers_count_one_address_together(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = clock.install(monkeypatch, datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC))
    # Each server makes its own limiter object, as the app does at import.
    one, other = RateLimiter(4, name="accounts"), RateLimiter(4, name="accounts")
    assert await _outcomes([one, other], 6, "198.51.100.1") == [200] * 4 + [429] * 2
    # Another address, another limiter's name: counted apart.
    assert await _outcomes([one, other], 4, "198.51.100.2") == [200] * 4
    assert await _outcomes([RateLimiter(4, name="handover")], 1, "198.51.100.1") == [200]
    # The next minute starts again, and the finished minutes' rows go.
    now.advance(minutes=2)
    assert await _outcomes([other, one], 5, "198.51.100.1") == [200] * 4 + [429]
    minutes = {r["minute"] for r in await RateCount.select(RateCount.minute)}
    assert minutes == {int(now().timestamp() // 60)}


async def test_sign_in_attempts_through_two_app_servers_stop_at_the_limit(tmp_path: Path) -> None:
    async with fresh_database(tmp_path) as url:
        machines = [installation(tmp_path / f"machine-{n}", url) for n in range(2)]
        for env in machines:
            env["STEPWISE_RATE_LIMIT"] = "5"
            env["STEPWISE_REMINDER_ENGINE"] = "off"
        assert stepwise(machines[0], "migrate").returncode == 0
        with contextlib.ExitStack() as servers:
            urls = [servers.enter_context(serving(env)) for env in machines]
            statuses, turned = sign_in_attempts(urls, 8)
    assert_limited_together(statuses, turned, 5)


async def test_behind_a_trusted_proxy_each_client_has_its_own_count(
    app: Litestar, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = dataclasses.replace(get_settings(), trusted_proxies=("10.0.0.0/8",))
    monkeypatch.setattr(addresses, "get_settings", lambda: settings)
    monkeypatch.setattr(controllers.limiter, "per_minute", 2)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.2", 50000))  # the proxy
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as proxy:

        async def attempt(client: str) -> int:
            answer = await proxy.post(
                "/api/signin/options",
                headers={"x-requested-with": "stepwise", "x-forwarded-for": client},
            )
            return answer.status_code

        assert [await attempt("198.51.100.1") for _ in range(3)] == [200, 200, 429]
        # Another person behind the same proxy is not held up by the first one's attempts.
        assert [await attempt("198.51.100.2") for _ in range(2)] == [200, 200]
