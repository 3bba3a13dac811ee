"""Push budgets, against the loopback push service (tests/support/push_service.py)
running in a process of its own, so that only the sender's work is on the sender's clock.

- **Fan-out per core**: deliveries per CPU-second of the sending process with Stepwise's sender
  (``backend/reminders/webpush.py``: one aiohttp session, VAPID header cached per push-service
  origin, RFC 8291 encryption on ``cryptography``, 64 messages in flight) against a plain
  ``pywebpush.webpush()`` loop (a new connection and a new VAPID token per message), measured in
  the same run. Budgets: ≥ 2,000 per core-second, and ≥ 4× the plain loop.
- **A minute of 100,000**: 100,000 people whose "Time to get ready" falls in the same minute
  (all at 07:00:00). The rules are planned ahead as the running engine does (up to two hours
  ahead; the planning time is printed), then one engine, as inside the server, on SQLite, sends
  from the minute's start. Budget: every one received within 60 s, none twice.

``python -m bench.push`` or ``from bench import push; push.main()``; exit status 1 when a budget
is missed. About a minute and a half.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

PER_CORE = 2000.0
SPEEDUP = 4.0
PEOPLE = 100_000
WITHIN_S = 60.0
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Rate:
    messages: int
    cpu_s: float
    wall_s: float

    @property
    def per_core(self) -> float:
        return self.messages / self.cpu_s

    @property
    def per_second(self) -> float:
        return self.messages / self.wall_s


class Service:
    """The loopback push service in a subprocess."""

    def __init__(self, subscriptions: int, decrypt_every: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.push_service",
                str(subscriptions),
                str(decrypt_every),
            ],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the push service did not start")
        info = json.loads(line)
        self.origin: str = info["origin"]
        self.p256dh: str = info["p256dh"]
        self.auth: str = info["auth"]

    def endpoint(self, i: int) -> str:
        return f"{self.origin}/push/u{i}"

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.origin}/stats", timeout=10) as answer:  # noqa: S310
            result: dict[str, Any] = json.loads(answer.read())
            return result

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _setup(data_dir: str) -> None:
    os.environ["STEPWISE_DATA_DIR"] = data_dir
    os.environ["STEPWISE_DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ.setdefault("STEPWISE_ORIGIN", "http://localhost:8000")
    os.environ["STEPWISE_REMINDER_ENGINE"] = "off"
    # A key of the bench's own: the fan-out runs without a database to keep one in.
    os.environ["STEPWISE_VAPID_PRIVATE_KEY"] = base64.urlsafe_b64encode(os.urandom(32)).decode()
    os.environ["PICCOLO_CONF"] = "backend.piccolo_conf"
    # The other benchmarks of this process may have read the settings (and a key) already.
    from backend.reminders import webpush
    from backend.settings import get_settings

    get_settings.cache_clear()
    webpush._loaded = None


# --- fan-out ------------------------------------------------------------------------------


async def _ours(service: Service, count: int, concurrency: int = 64) -> Rate:
    from backend.reminders import engine, webpush

    sender = webpush.Sender(connections=concurrency)
    semaphore = asyncio.Semaphore(concurrency)
    targets = [
        webpush.target(service.endpoint(i), service.p256dh, service.auth) for i in range(1000)
    ]
    failures = 0

    async def one(i: int) -> None:
        nonlocal failures
        async with semaphore:
            result = await sender.send(
                targets[i % len(targets)],
                engine.payload("shift_prepare", i),
                ttl=3600,
                urgency="high",
                topic=f"f{i}",
            )
            failures += not result.accepted

    await asyncio.gather(*(one(i) for i in range(200)))  # connections open, keys cached
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(200, 200 + count)))
    rate = Rate(count, time.process_time() - cpu, time.perf_counter() - wall)
    await sender.close()
    if failures:
        raise RuntimeError(f"{failures} messages refused")
    return rate


def _plain(service: Service, count: int) -> Rate:
    """What one would write first: ``webpush()`` per message, with a fresh claims dict each
    time (``webpush()`` writes ``aud`` and ``exp`` into the dict it is given)."""
    from py_vapid import Vapid02
    from pywebpush import webpush as plain_webpush

    from backend.reminders import engine, webpush

    key = asyncio.run(webpush.load_vapid())
    vapid = Vapid02(key.key)
    data = engine.payload("shift_prepare", 1).decode()

    def one(i: int) -> None:
        plain_webpush(
            {
                "endpoint": service.endpoint(i % 1000),
                "keys": {"p256dh": service.p256dh, "auth": service.auth},
            },
            data,
            vapid_private_key=vapid,
            vapid_claims={"sub": key.subject},
            ttl=3600,
            headers={"Urgency": "high"},
        )

    for i in range(20):
        one(i)
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(count):
        one(i)
    return Rate(count, time.process_time() - cpu, time.perf_counter() - wall)


# --- a minute of 100,000 ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Minute:
    people: int
    seed_s: float
    plan_s: float
    send_s: float  # from the minute's start to the last message received
    received: int
    distinct: int
    posts: int
    refused: int
    decrypted: int
    rows_sent: int
    cpu_s: float


async def _minute(service: Service, people: int) -> Minute:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from backend.app import connect_domains
    from backend.lib import clock
    from backend.piccolo_conf import DB
    from backend.reminders import planning
    from backend.reminders.engine import Engine
    from backend.reminders.tables import Delivery
    from tests.support import reminder_load

    with contextlib.redirect_stdout(io.StringIO()):
        assert (await run_forwards("all")).success
    connect_domains()  # the planner asks the shifts domain what a shift reminder is about
    real_now = datetime.now(UTC)
    minute = (real_now + timedelta(hours=1)).replace(second=0, microsecond=0)
    started = time.perf_counter()
    await reminder_load.seed_endpoints(
        service.origin,
        [service.endpoint(i) for i in range(people)],
        service.p256dh,
        service.auth,
        per_user=1,
        at=minute,
        step=timedelta(0),
    )
    seed_s = time.perf_counter() - started
    # The running engine plans every rule up to two hours ahead: plan them ten minutes before.
    offset = minute - timedelta(minutes=10) - datetime.now(UTC)
    original = clock.now
    clock.now = lambda: datetime.now(UTC) + offset  # type: ignore[assignment]
    try:
        started = time.perf_counter()
        await planning.plan_due()
        plan_s = time.perf_counter() - started
        # Now the minute starts.
        offset = minute - datetime.now(UTC)
        begin = time.time()
        cpu = time.process_time()
        engine = Engine(name="bench", batch=500, concurrency=128)
        deadline = time.perf_counter() + 2 * WITHIN_S
        while time.perf_counter() < deadline:
            if not await engine.tick():
                if await Delivery.count().where(Delivery.status == "pending") == 0:
                    break
                await asyncio.sleep(0.05)
        await engine.close()
        cpu = time.process_time() - cpu
    finally:
        clock.now = original  # type: ignore[method-assign]
    stats = service.stats()
    rows_sent = await Delivery.count().where(Delivery.status == "sent")
    if hasattr(DB, "close"):
        DB.close()
    return Minute(
        people=people,
        seed_s=seed_s,
        plan_s=plan_s,
        send_s=(stats["lastAt"] or begin) - begin,
        received=stats["held"],
        distinct=stats["distinctTopics"],
        posts=stats["posts"],
        refused=stats["refused"],
        decrypted=stats["decrypted"],
        rows_sent=rows_sent,
        cpu_s=cpu,
    )


def main(fanout: int = 6000, plain: int = 600, people: int = PEOPLE) -> int:
    _setup(tempfile.mkdtemp(prefix="stepwise-bench-push-"))
    lines: list[tuple[bool, str]] = []
    service = Service(1000, decrypt_every=50)
    try:
        ours = asyncio.run(_ours(service, fanout))
        theirs = _plain(service, plain)
    finally:
        service.stop()
    ratio = ours.per_core / theirs.per_core
    lines.append(
        (
            ours.per_core >= PER_CORE,
            f"push     fan-out {ours.per_core:,.0f} deliveries per core-second "
            f"({ours.messages:,} in {ours.cpu_s:.2f} s CPU, {ours.per_second:,.0f}/s wall; "
            f"budget ≥ {PER_CORE:,.0f})",
        )
    )
    lines.append(
        (
            ratio >= SPEEDUP,
            f"push     ours ÷ plain webpush() loop = {ratio:.1f}× per core-second "
            f"(plain {theirs.per_core:,.0f}/core-s, {theirs.per_second:,.0f}/s wall; "
            f"budget ≥ {SPEEDUP:g}×)",
        )
    )
    service = Service(people, decrypt_every=100)
    try:
        m = asyncio.run(_minute(service, people))
    finally:
        service.stop()
    everyone = m.received == m.people == m.distinct == m.rows_sent
    once = m.posts == m.people and m.refused == 0
    lines.append(
        (
            everyone and once and m.send_s <= WITHIN_S,
            f"push     {m.people:,} reminders due at the same minute: all received in "
            f"{m.send_s:.1f} s ({m.people / max(m.send_s, 1e-9):,.0f}/s; budget ≤ {WITHIN_S:g} s), "
            f"{m.posts - m.distinct} twice, {m.received:,} held, {m.decrypted:,} decrypted "
            f"and checked\n       planned ahead in {m.plan_s:.1f} s, seeded in {m.seed_s:.1f} s; "
            f"the engine used {m.cpu_s:.1f} s of CPU (SQLite, one engine as inside the server)",
        )
    )
    for ok, line in lines:
        print(f"{'ok    ' if ok else 'MISSED'} {line}", flush=True)
    return 0 if all(ok for ok, _ in lines) else 1


if __name__ == "__main__":
    raise SystemExit(main())
