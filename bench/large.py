"""The large organisation (``bench.seed_large``): ratios at 64 connections, and growth.

**Ratios**, as ``bench.throughput`` measures them: the no-database ``GET /api/version`` and a
mix of requests alternate in rounds on one granian worker, and the figure is the median of the
per-round ratios. A mix that stands for one screen of several requests (a coach's client page
is six today) counts one screen per that many requests: the ratio is screens per second against
baseline requests per second. Each mix rotates through many people (300 or 1,500 clients, 98
coaches with 20 clients each), as a real organisation's traffic does; wrk replays them from a
Lua script. The client's day is measured asked again (answers the server keeps) and asked first
(more clients than it keeps: each answer made afresh).

**Growth**: the same answer with 100× more history. The seed made a light and a heavy client
(10 or 1,000 past shifts, 10 or 1,000 training sessions of one task, 100 or 10,000 audit
entries about them) and a light and a heavy coach (a caseload of such clients); each request
runs for the light one and the heavy one in alternating rounds, and the
figure is the heavy one's time per answer over the light one's (the client's day made afresh:
its day stamp moved on before each answer). Those are timed one request at a
time (``_answer_ms``), so that a slow answer is measured however slow it is.

The seeded database is cached (``cache_dir()``), keyed by a hash of the seed's code, the
migrations, the audit domain's code and the day (sessions and "upcoming" are relative to it):
on SQLite the whole data directory is kept and copied for each run; on PostgreSQL a template
database stays in the cluster (with the data directory holding its audit key) and each run gets
a ``CREATE DATABASE … TEMPLATE`` copy, which pays off when ``STEPWISE_BENCH_POSTGRES`` names a
cluster that outlives the run.
"""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench import privacy_load, roundtrips, server, wrk
from bench.throughput import Database

# The client's day: the one request for what the client's home and the player need at start,
# when the server has it (the first of these paths that answers 200 for a client); until then
# the five requests the home makes today, counted as one home.
DAY_PATHS = ("/api/me/day", "/api/day", "/api/clients/{client}/day")
# The server keeps each client's last day (``KEPT_DAYS`` of them, 1,024, in
# ``backend/today/services.py``) while nothing in it changed. So the day is measured twice:
# "again", rotating through ``DAY_AGAIN_CLIENTS`` clients, whose answers stay kept (a client
# opening the app again); "first", rotating through ``DAY_FIRST_CLIENTS``, more than the server
# keeps, so that every request makes the answer afresh (each client's first look of the day).
DAY_AGAIN_CLIENTS = 300
DAY_FIRST_CLIENTS = 1_500
HOME_PATHS = (
    "/api/me",
    "/api/clients/{client}/shifts/upcoming?days=28",
    "/api/clients/{client}/tasks",
    "/api/clients/{client}/goals",
    "/api/clients/{client}/updates",
)
# A coach opening a client's page: the one request the page makes at open (audited), which
# answers what the record, tasks, upcoming shifts, reminders, goals and conversations did.
CLIENT_PAGE_PATHS = ("/api/clients/{client}/page",)
CASELOAD_PATH = "/api/clients"
OTHERS = 4  # connections reading the caseload while clients are erased
ERASED_ALONE = 3  # erasable clients erased one at a time for the figure; the rest beside readers
AUDIT_PAGE = "/api/audit?client={client}&limit=50"

# Budgets at 64 connections on the large organisation.
DAY_RATIO = {"sqlite": 0.40, "postgres": 0.30}
"""Checked on the day asked "again" (and on the five requests of the home, without the day);
the "first" day is reported beside it."""
DAY_P99 = 3.0  # × the baseline's p99 in the same run
CLIENT_PAGE_RATIO = 0.25
CASELOAD_RATIO = 0.25  # the small organisation's budget (bench.throughput), kept at size
GROWTH = 1.5  # heavy history ÷ light history, same answer

_LUA = """
local reqs = {}
for line in io.lines(os.getenv("STEPWISE_BENCH_REQUESTS")) do
  local path, token = line:match("^([^\\t]+)\\t(.*)$")
  reqs[#reqs + 1] = wrk.format("GET", path, {["Cookie"] = "stepwise_session=" .. token})
end
local i = 0
request = function()
  i = i % #reqs + 1
  return reqs[i]
end
"""


# --- the seeded database, cached ----------------------------------------------------------


def cache_dir() -> Path:
    root = os.environ.get("STEPWISE_BENCH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    base = Path(root) if root else Path.home() / ".cache"
    return (base if os.environ.get("STEPWISE_BENCH_CACHE") else base / "stepwise-bench").resolve()


def seed_key() -> str:
    """What the seeded database depends on: the seed, the schema, the audit chain, the day."""
    h = hashlib.sha256()
    files = [server.ROOT / "bench" / "seed_large.py"]
    files += sorted((server.ROOT / "backend").glob("*/piccolo_migrations/*.py"))
    files += sorted((server.ROOT / "backend" / "audit").glob("*.py"))
    for path in files:
        h.update(str(path.relative_to(server.ROOT)).encode() + b"\0" + path.read_bytes())
    h.update(datetime.now(UTC).date().isoformat().encode())
    return h.hexdigest()[:16]


def _seed(url: str, data_dir: Path) -> dict[str, Any]:
    """Run ``bench.seed_large`` (its progress goes to our stderr); return what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.seed_large"],
        env=server.app_env(url, data_dir),
        cwd=server.ROOT,
        stdout=subprocess.PIPE,
        text=True,
        timeout=900,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError("seeding the large organisation failed (its errors are above)")
    seeded: dict[str, Any] = json.loads(lines[-1])
    return seeded


def _tidy(prefix: str, keep: str) -> None:
    """Remove the copies no run has used for two hours (another worktree may be using its
    own copy now: each use touches it)."""
    unused = time.time() - 2 * 3600
    for old in cache_dir().glob(f"{prefix}-*"):
        if old.name != f"{prefix}-{keep}" and old.stat().st_mtime < unused:
            shutil.rmtree(old, ignore_errors=True)


def _building(cached: Path) -> Path:
    """Where this process seeds, renamed to ``cached`` when done: two runs seeding at once
    each write their own, and the first to finish is kept."""
    building = cached.with_name(f"{cached.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    return building


def _keep(building: Path, cached: Path) -> None:
    try:
        building.rename(cached)
    except OSError:  # another run finished first: its copy is as good
        shutil.rmtree(building, ignore_errors=True)


async def _pg(admin_url: str, *sql: str) -> list[Any]:
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(admin_url)
    try:
        out = []
        for statement in sql:
            out.append(await conn.fetch(statement))
        return out
    finally:
        await conn.close()


@dataclass(frozen=True, slots=True)
class Large:
    db: Database
    seeded: dict[str, Any]
    seed_s: float  # seconds seeding took, or copying the cached copy
    cached: bool


@contextmanager
def database(engine: str, postgres_admin_url: str | None) -> Iterator[Large]:
    """A fresh copy of the seeded large organisation, removed after."""
    key = seed_key()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"stepwise-bench-large-{engine}-") as tmp:
        data_dir = Path(tmp) / "data"
        if engine == "sqlite":
            cached = cache_dir() / f"large-sqlite-{key}"
            hit = (cached / "seeded.json").is_file()
            if not hit:
                _tidy("large-sqlite", key)
                building = _building(cached)
                url = f"sqlite:///{building / 'data' / 'bench.sqlite3'}"
                seeded = _seed(url, building / "data")
                (building / "seeded.json").write_text(json.dumps(seeded))
                _keep(building, cached)
            os.utime(cached)  # in use (_tidy)
            shutil.copytree(cached / "data", data_dir)
            seeded = json.loads((cached / "seeded.json").read_text())
            url = f"sqlite:///{data_dir / 'bench.sqlite3'}"
            yield Large(Database(engine, url, data_dir), seeded, time.perf_counter() - started, hit)
            return
        if not postgres_admin_url:
            raise SystemExit("PostgreSQL benchmark needs --postgres URL (scripts/pg-up prints one)")
        if urlsplit(postgres_admin_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit("benchmarks run against a loopback PostgreSQL only")
        parts = urlsplit(postgres_admin_url)
        template = f"stepwise_bench_large_{key}"
        cached = cache_dir() / f"large-postgres-{key}"
        (found,) = asyncio.run(
            _pg(postgres_admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{template}'")  # noqa: S608 (a hex name made here)
        )
        hit = bool(found) and (cached / "seeded.json").is_file()
        if not hit:
            _tidy("large-postgres", key)
            stale = asyncio.run(
                _pg(
                    postgres_admin_url,
                    "SELECT datname FROM pg_database WHERE datname LIKE 'stepwise_bench_large_%'",
                )
            )[0]
            for row in stale:
                asyncio.run(
                    _pg(postgres_admin_url, f'DROP DATABASE IF EXISTS "{row[0]}" WITH (FORCE)')
                )
            asyncio.run(_pg(postgres_admin_url, f'CREATE DATABASE "{template}"'))
            building = _building(cached)
            try:
                seeded = _seed(urlunsplit(parts._replace(path=f"/{template}")), building / "data")
            except BaseException:
                asyncio.run(_pg(postgres_admin_url, f'DROP DATABASE "{template}" WITH (FORCE)'))
                raise
            (building / "seeded.json").write_text(json.dumps(seeded))
            if cached.exists():  # a stale copy whose template was gone
                shutil.rmtree(cached)
            _keep(building, cached)
        os.utime(cached)
        name = f"stepwise_bench_{os.urandom(4).hex()}"
        asyncio.run(_pg(postgres_admin_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        try:
            shutil.copytree(cached / "data", data_dir)
            seeded = json.loads((cached / "seeded.json").read_text())
            url = urlunsplit(parts._replace(path=f"/{name}"))
            yield Large(Database(engine, url, data_dir), seeded, time.perf_counter() - started, hit)
        finally:
            asyncio.run(_pg(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- what is measured ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mix:
    """Requests (path, session token) that wrk replays in turn; ``per_screen`` of them make one
    screen."""

    name: str
    requests: list[tuple[str, str]]
    per_screen: int
    fresh: bool = False
    """Every request makes its answer afresh (the client's day asked "first"): timed one at a
    time before the rounds, first and again, for clients not asked before."""


@dataclass(frozen=True, slots=True)
class Ratio:
    mix: Mix
    baseline: list[wrk.Load]
    loaded: list[wrk.Load]
    alone_ms: dict[str, float]
    """Each request of a screen alone (one at a time, no load): the median, in ms."""
    statements: float = 0.0
    """Database round trips of one screen (all its requests), asked one at a time."""

    @property
    def ratios(self) -> list[float]:
        return [
            d.requests_per_s / self.mix.per_screen / b.requests_per_s
            for b, d in zip(self.baseline, self.loaded, strict=True)
        ]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def p99_ratio(self) -> float:
        return statistics.median(d.p99_ms for d in self.loaded) / statistics.median(
            b.p99_ms for b in self.baseline
        )

    @property
    def errors(self) -> int:
        return sum(load.errors for load in [*self.baseline, *self.loaded])


@dataclass(frozen=True, slots=True)
class Growth:
    name: str
    light_ms: list[float]  # per round: the time of one answer, one request at a time
    heavy_ms: list[float]
    light_bytes: int
    heavy_bytes: int

    @property
    def ratios(self) -> list[float]:
        """Heavy time ÷ light time, per round."""
        return [hv / lt for lt, hv in zip(self.light_ms, self.heavy_ms, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


@dataclass(frozen=True, slots=True)
class Erasure:
    """Clients of the crowd erased one after another at the end of a run, against the
    caseload read alone (one request at a time, the median) just before."""

    caseload_ms: float
    erasures_ms: list[float]
    rows: list[int]
    """Rows each erasure removed (its report's count), audit entries not counted."""
    audit_entries: list[int]
    others_ms: list[float]
    """Caseload reads by ``OTHERS`` other connections that ran while an erasure did, in ms."""

    @property
    def others_p99_ms(self) -> float:
        return privacy_load.p99(self.others_ms)

    @property
    def ms(self) -> float:
        return statistics.median(self.erasures_ms)

    @property
    def ratio(self) -> float:
        return self.ms / self.caseload_ms


@dataclass(frozen=True, slots=True)
class Results:
    engine: str
    day_path: str | None  # None: the five requests of today's home
    ratios: dict[str, Ratio]
    growth: list[Growth]
    erasure: Erasure | None = None


def _paths(paths: tuple[str, ...], client: str) -> list[str]:
    return [p.format(client=client) for p in paths]


def _check(port: int, path: str, token: str) -> bytes:
    status, body = server.get_status(port, path, {"Cookie": f"stepwise_session={token}"})
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    return body


def _erase(port: int, seeded: dict[str, Any]) -> Erasure:
    """The caseload read alone (20 to warm up, then the median of 60); then, through the API as
    an administrator does, ``ERASED_ALONE`` erasable clients erased one after another (the
    figure), and the others while ``OTHERS`` connections read the caseload (their p99: whether
    an erasure holds up anyone else's request)."""
    coach = seeded["coaches"][0]["token"]
    for _ in range(20):
        _check(port, CASELOAD_PATH, coach)
    alone = []
    for _ in range(60):
        started = time.perf_counter()
        _check(port, CASELOAD_PATH, coach)
        alone.append((time.perf_counter() - started) * 1000)
    people = seeded["erasable"]
    figure = [
        _erase_one(port, seeded["admin"]["token"], person) for person in people[:ERASED_ALONE]
    ]
    windows: list[tuple[float, float]] = []
    reads: list[tuple[float, float]] = []
    stop = threading.Event()

    def others() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            _check(port, CASELOAD_PATH, coach)
            reads.append((started, time.perf_counter()))

    readers = [threading.Thread(target=others) for _ in range(OTHERS)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.2)  # the readers under way before the first erasure starts
        for person in people[ERASED_ALONE:]:
            started = time.perf_counter()
            _erase_one(port, seeded["admin"]["token"], person)
            windows.append((started, time.perf_counter()))
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    during = [(b - a) * 1000 for a, b in reads if any(a < y and b > x for x, y in windows)]
    return Erasure(
        caseload_ms=statistics.median(alone),
        erasures_ms=[ms for ms, _, _ in figure],
        rows=[n for _, n, _ in figure],
        audit_entries=[n for _, _, n in figure],
        others_ms=during,
    )


def _erase_one(port: int, token: str, person: dict[str, str]) -> tuple[float, int, int]:
    """Erase ``person`` through the API: (ms, rows removed, audit entries blanked)."""
    conn = http.client.HTTPConnection(server.HOST, port, timeout=120)
    body = json.dumps({"confirmName": person["name"]})
    headers = {
        "Cookie": f"stepwise_session={token}",
        "X-Requested-With": "stepwise",
        "Content-Type": "application/json",
    }
    started = time.perf_counter()
    conn.request("POST", f"/api/people/{person['id']}/erase", body, headers)
    response = conn.getresponse()
    answer = response.read()
    ms = (time.perf_counter() - started) * 1000
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"erasing {person['name']} answered {response.status}: {answer!r}")
    report = json.loads(answer)
    return ms, sum(report["rows"].values()), int(report["auditEntriesPseudonymised"])


def _alone(port: int, mix: Mix, samples: int = 15) -> dict[str, float]:
    """Where a screen's time goes: each of its requests timed one at a time (for different
    people), the median of ``samples``."""
    out = {}
    for i in range(mix.per_screen):
        times = []
        picks = mix.requests[i :: mix.per_screen][:samples]
        for path, token in picks:
            started = time.perf_counter()
            _check(port, path, token)
            times.append((time.perf_counter() - started) * 1000)
        template = picks[0][0].split("?")[0]
        for part in template.split("/"):
            if len(part) == 36 and part.count("-") == 4:
                template = template.replace(part, "{id}")
        out[template] = statistics.median(times)
    return out


def _statements(port: int, mix: Mix, screens: int = 5) -> float:
    """Database round trips of one of ``mix``'s screens; for a mix made afresh, of people
    nobody asked for before (and whom ``_first_and_again`` does not ask)."""
    n = mix.per_screen * screens
    picks = mix.requests[-(15 + n) : -15] if mix.fresh else mix.requests[:n]
    requests = [(p, {"Cookie": f"stepwise_session={t}"}) for p, t in picks]
    return roundtrips.per_screen(port, requests, screens)


def _first_and_again(port: int, mix: Mix, samples: int = 15) -> dict[str, float]:
    """A request made afresh, one at a time: for ``samples`` clients nobody asked for before
    (the end of ``mix``'s rotation), the first request, then the same again (now kept); the
    medians, in ms."""
    first, again = [], []
    for path, token in mix.requests[-samples:]:
        for times in (first, again):
            started = time.perf_counter()
            _check(port, path, token)
            times.append((time.perf_counter() - started) * 1000)
    template = mix.requests[-1][0].split("?")[0]
    return {f"{template} first": statistics.median(first), "again": statistics.median(again)}


class _StampMover:
    """Moves a client's day stamp on, from a connection of its own, as any change to their day
    would (the triggers of ``backend/today/``): the server then makes the client's day afresh
    instead of sending the answer it kept, and the growth of the day is that of its statement
    and of making the answer."""

    _SQL = "UPDATE day_stamps SET changes = changes + 1 WHERE client = {mark}"

    def __init__(self, db: Database) -> None:
        self.sqlite = db.engine == "sqlite"
        if self.sqlite:
            self.conn: Any = sqlite3.connect(db.url.removeprefix("sqlite:///"), timeout=30)
            self.conn.isolation_level = None
        else:
            import asyncpg  # type: ignore[import-untyped]

            self.loop = asyncio.new_event_loop()
            self.conn = self.loop.run_until_complete(asyncpg.connect(db.url))
            # The server hears of a moved stamp by NOTIFY (``backend/today/services.py``): the
            # mover waits for that notification to reach a listener of its own, so that the
            # server's, sent at the same commit, is on its way before the answer is asked.
            self.told = asyncio.Event()
            self.loop.run_until_complete(
                self.conn.add_listener("stepwise_days", lambda *_: self.told.set())
            )

    def __call__(self, client: str) -> None:
        if self.sqlite:
            self.conn.execute(self._SQL.format(mark="?"), (client,))
        else:
            self.told.clear()
            self.loop.run_until_complete(
                self.conn.execute(self._SQL.format(mark="$1::uuid"), client)
            )
            self.loop.run_until_complete(asyncio.wait_for(self.told.wait(), 10))

    def close(self) -> None:
        if self.sqlite:
            self.conn.close()
        else:
            self.loop.run_until_complete(self.conn.close())
            self.loop.close()


def _answer_ms(
    port: int,
    mix: Mix,
    seconds: float,
    at_least: int = 3,
    before: Callable[[], None] | None = None,
) -> float:
    """The time of one answer (all of ``mix``'s requests, one after another, on an otherwise
    idle server), repeated for ``seconds`` and at least ``at_least`` times; the fastest counts,
    as with ``timeit``: it is the one least disturbed by the other processes on these shared
    cores, and a cost that grows with history shows in it all the same. ``before`` runs before
    each answer, untimed."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < at_least or time.perf_counter() < deadline:
        if before is not None:
            before()
        started = time.perf_counter()
        for path, token in mix.requests:
            _check(port, path, token)
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def _day_path(port: int, client: dict[str, str]) -> str | None:
    for path in DAY_PATHS:
        status, _ = server.get_status(
            port,
            path.format(client=client["id"]),
            {"Cookie": f"stepwise_session={client['token']}"},
        )
        if status == 200:
            return path
    return None


def mixes(seeded: dict[str, Any], day_path: str | None) -> list[Mix]:
    clients = seeded["clients"]
    if day_path is None:
        home = [
            (path, c["token"])
            for c in clients[:DAY_AGAIN_CLIENTS]
            for path in _paths(HOME_PATHS, c["id"])
        ]
        days = [Mix("client's home", home, len(HOME_PATHS))]
    else:
        if len(clients) < DAY_FIRST_CLIENTS:
            raise RuntimeError(
                f"the seed gave {len(clients)} clients' sessions, not {DAY_FIRST_CLIENTS}"
            )
        days = [
            Mix(
                "client's day, again",
                [
                    (day_path.format(client=c["id"]), c["token"])
                    for c in clients[:DAY_AGAIN_CLIENTS]
                ],
                1,
            ),
            Mix(
                "client's day, first",
                [
                    (day_path.format(client=c["id"]), c["token"])
                    for c in clients[:DAY_FIRST_CLIENTS]
                ],
                1,
                fresh=True,
            ),
        ]
    page = [
        (path, coach["token"])
        for i in range(3)
        for coach in seeded["coaches"]
        for path in _paths(CLIENT_PAGE_PATHS, coach["clients"][i])
    ]
    caseload = [(CASELOAD_PATH, coach["token"]) for coach in seeded["coaches"]]
    return [
        *days,
        Mix("client page", page, len(CLIENT_PAGE_PATHS)),
        Mix("caseload", caseload, 1),
    ]


def growth_pairs(seeded: dict[str, Any], day_path: str | None) -> list[tuple[str, Mix, Mix]]:
    pairs = []
    admin = seeded["admin"]["token"]
    for name in ("day", "upcoming shifts", "task progress", "coach's week", "audit page"):
        sides = []
        for size in ("light", "heavy"):
            g = seeded["growth"][size]
            client, token = g["client"]["id"], g["client"]["token"]
            if name == "day":
                paths = _paths((day_path,) if day_path else HOME_PATHS, client)
                sides.append(Mix(size, [(p, token) for p in paths], len(paths)))
            elif name == "upcoming shifts":
                sides.append(Mix(size, [(HOME_PATHS[1].format(client=client), token)], 1))
            elif name == "task progress":
                sides.append(Mix(size, [(f"/api/tasks/{g['task']}/my-progress", token)], 1))
            elif name == "coach's week":
                sides.append(Mix(size, [("/api/week", g["coach"]["token"])], 1))
            else:
                sides.append(Mix(size, [(AUDIT_PAGE.format(client=client), admin)], 1))
        label = (
            ("client's day, made afresh" if day_path else "client's home")
            if name == "day"
            else name
        )
        pairs.append((label, sides[0], sides[1]))
    return pairs


def _write_mix(mix: Mix, directory: Path) -> Path:
    slug = "".join(ch if ch.isalnum() else "-" for ch in mix.name)
    path = directory / f"{slug}-{id(mix)}.tsv"
    path.write_text("".join(f"{p}\t{t}\n" for p, t in mix.requests))
    return path


def _drain(port: int) -> None:
    """Wait until the server has answered what the last wrk run left queued (one worker answers
    in turn): otherwise a slow mix's backlog is charged to the next baseline round."""
    conn = http.client.HTTPConnection(server.HOST, port, timeout=120)
    try:
        conn.request("GET", "/api/version")
        conn.getresponse().read()
    finally:
        conn.close()


def _run(url: str, script: Path, requests: Path, seconds: float, connections: int) -> wrk.Load:
    load = wrk.run(
        url,
        seconds=seconds,
        connections=connections,
        script=script,
        env={"STEPWISE_BENCH_REQUESTS": str(requests)},
    )
    _drain(int(urlsplit(url).port or 80))
    return load


def measure(
    large: Large, *, seconds: float, rounds: int, connections: int, growth_rounds: int, log: Path
) -> Results:
    db, seeded = large.db, large.seeded
    port = server.free_port()
    with tempfile.TemporaryDirectory(prefix="stepwise-bench-mix-") as tmp:
        work = Path(tmp)
        script = work / "mix.lua"
        script.write_text(_LUA)
        with server.spawn(
            server.serve_argv(port), server.app_env(db.url, db.data_dir), log
        ) as proc:
            server.wait_for(port, "/health", proc, timeout=120)
            day_path = _day_path(port, seeded["clients"][0])
            base = f"http://{server.HOST}:{port}"
            version = f"{base}/api/version"
            # The figures mean nothing unless every request of a mix answers what it should.
            all_mixes = mixes(seeded, day_path)
            for mix in all_mixes:
                for path, token in mix.requests[: mix.per_screen * 2]:
                    _check(port, path, token)
            caseload = json.loads(_check(port, CASELOAD_PATH, seeded["coaches"][0]["token"]))
            if len(caseload) != len(seeded["coaches"][0]["clients"]):
                raise RuntimeError(f"the caseload has {len(caseload)} clients, not 20")
            status, _ = server.get_status(port, CASELOAD_PATH, {"Cookie": "stepwise_session=x"})
            if status != 401:
                raise RuntimeError(f"GET /api/clients with a wrong cookie answered {status}")
            ratios: dict[str, Ratio] = {}
            for mix in all_mixes:
                statements = _statements(port, mix)
                alone = _first_and_again(port, mix) if mix.fresh else None
                requests = _write_mix(mix, work)
                wrk.run(version, seconds=1, connections=connections)  # warm up
                _run(version, script, requests, 1, connections)
                baseline, loaded = [], []
                for _ in range(rounds):
                    baseline.append(wrk.run(version, seconds=seconds, connections=connections))
                    loaded.append(_run(version, script, requests, seconds, connections))
                ratios[mix.name] = Ratio(
                    mix, baseline, loaded, alone or _alone(port, mix), statements
                )
            growth = []
            mover = _StampMover(db)
            try:
                for name, light, heavy in growth_pairs(seeded, day_path):
                    sizes = []
                    for side in (light, heavy):  # checked, and warmed up
                        sizes.append(sum(len(_check(port, p, t)) for p, t in side.requests))
                    befores: list[Callable[[], None] | None] = [None, None]
                    if name == "client's day, made afresh":
                        befores = [
                            partial(mover, seeded["growth"][size]["client"]["id"])
                            for size in ("light", "heavy")
                        ]
                    light_ms, heavy_ms = [], []
                    for _ in range(growth_rounds):
                        light_ms.append(_answer_ms(port, light, seconds, before=befores[0]))
                        heavy_ms.append(_answer_ms(port, heavy, seconds, before=befores[1]))
                    growth.append(Growth(name, light_ms, heavy_ms, sizes[0], sizes[1]))
            finally:
                mover.close()
            erasure = _erase(port, seeded)
    return Results(db.engine, day_path, ratios, growth, erasure)
