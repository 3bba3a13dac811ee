"""What an operator watches, in Prometheus' text format (``GET /metrics``; docs/deploy.md).

The metrics live in a registry of our own, not ``prometheus_client``'s global one (which also
holds the process collectors a library may register twice, and would make every import
order matter). Each app server is scraped on its own address, and a ``stepwise worker`` started
with ``--metrics-port`` serves its counters on loopback. ``stepwise serve --workers N`` runs N
processes behind one port; a scrape reaches one of them, so there the processes count in files
(prometheus_client's multiprocess mode, ``PROMETHEUS_MULTIPROC_DIR``, set by ``stepwise serve``
before the processes start) and every scrape adds all of them up.

- ``stepwise_http_request_duration_seconds{route,method,status}``: from the request's arrival
  to the start of its response (a streamed photo or an open event stream counts until its
  first byte), by route template (``/api/clients/{client_id}``, never the ids) and status
  class (``2xx`` … ``5xx``): a handful of series per route.
- ``stepwise_db_statements_total{route,method}``: the statements sent to the database while
  answering requests (on PostgreSQL each is a round trip: a transaction's ``BEGIN`` and
  ``COMMIT`` count), by the same route templates. Divided by the requests of the route
  (``stepwise_http_request_duration_seconds_count``) it is the round trips per request, which
  ``scripts/bench`` prints beside each endpoint it drives; a route whose figure grows with the
  data (one statement per row) shows here first.
- Gauges read from the database at each scrape (``read_on_scrape``): the reminders due and not
  yet sent, the reminders' queue. One indexed count each.
- The reminders this process finished, by outcome, and its photo jobs in flight, done and their
  seconds; on an app server that hands photos to workers, those handed and the wait for them,
  and (read at each scrape) the photo jobs no worker holds.
- The session cache (PostgreSQL): lookups answered from this process's copies or from the
  database, and the changes it dropped copies for, by what they named (docs/deploy.md).

Who may read it: a request from this machine (no proxy header: a reverse proxy on the same
machine forwards the world's requests from loopback), or one that carries
``Authorization: Bearer`` and the token in ``STEPWISE_METRICS_TOKEN``.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request, Response, get
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from backend.lib.db import STATEMENTS
from backend.lib.errors import ProblemError
from backend.settings import get_settings

MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "stepwise_http_request_duration_seconds",
    "Time from a request's arrival to the start of its response",
    ["route", "method", "status"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
REMINDERS_FINISHED = Counter(
    "stepwise_reminders_finished",
    "Reminder deliveries this process finished, by outcome (sent, emailed, failed, nochannel)",
    ["outcome"],
    registry=REGISTRY,
)
REMINDERS_RETRIED = Counter(
    "stepwise_reminders_retried",
    "Reminder deliveries this process put back to try again later (a push service was busy)",
    registry=REGISTRY,
)
DB_STATEMENTS = Counter(
    "stepwise_db_statements",
    "Statements sent to the database while answering requests (round trips on PostgreSQL)",
    ["route", "method"],
    registry=REGISTRY,
)
PHOTO_JOBS_IN_FLIGHT = Gauge(
    "stepwise_photo_jobs_in_flight",
    "Photos being checked and re-encoded by this process's photo workers now",
    registry=REGISTRY,
    multiprocess_mode="livesum",
)
PHOTO_JOBS = Counter(
    "stepwise_photo_jobs",
    "Photos this process processed, by outcome (done, refused, damaged)",
    ["outcome"],
    registry=REGISTRY,
)

SESSION_CACHE_LOOKUPS = Counter(
    "stepwise_session_cache_lookups",
    "Session lookups this process answered from its copy (hit) or from the database (miss), "
    "where it keeps copies (PostgreSQL)",
    ["result"],
    registry=REGISTRY,
)
SESSION_CACHE_CHANGES = Counter(
    "stepwise_session_cache_changes",
    "Changes to sessions, people or teams this process made or heard of, by what they named "
    "(sessions, users, teams; all: an unnamed write or the listener (re)connected, every copy "
    "dropped)",
    ["scope"],
    registry=REGISTRY,
)
PHOTO_JOB_SECONDS = Histogram(
    "stepwise_photo_job_seconds",
    "Seconds to check and re-encode one photo in this process's photo workers",
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0),
)
PHOTO_JOBS_HANDED = Counter(
    "stepwise_photo_jobs_handed",
    "Photos this app server handed to workers (STEPWISE_PHOTO_JOBS=workers), by outcome: done "
    "and refused by a worker, taken_back (no worker answered in time: processed here)",
    ["outcome"],
    registry=REGISTRY,
)
PHOTO_JOB_WAIT_SECONDS = Histogram(
    "stepwise_photo_job_wait_seconds",
    "Seconds from handing a photo to the workers to having its sizes (or refusal) back",
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0),
)

_read_at_scrape: dict[str, tuple[Gauge, Callable[[], Awaitable[float]]]] = {}


def read_on_scrape(name: str, documentation: str, read: Callable[[], Awaitable[float]]) -> None:
    """A gauge whose value ``read()`` gives at each scrape (a domain's cheap count); named once
    however often the app is made."""
    if name not in _read_at_scrape:
        gauge = Gauge(name, documentation, registry=REGISTRY, multiprocess_mode="mostrecent")
        _read_at_scrape[name] = (gauge, read)


async def refresh() -> None:
    """Read the gauges ``read_on_scrape`` names."""
    for gauge, read in _read_at_scrape.values():
        try:
            gauge.set(await read())
        except Exception:  # a database that does not answer: the gauge says so, not the scrape
            gauge.set(float("nan"))


async def exposition() -> bytes:
    """The text a scrape gets: the gauges read now, then every metric (of every process of
    this server, when they count in files)."""
    await refresh()
    if MULTIPROCESS in os.environ:
        every_process = CollectorRegistry()
        multiprocess.MultiProcessCollector(every_process)  # type: ignore[no-untyped-call]
        return generate_latest(every_process)
    return generate_latest(REGISTRY)


REFRESH_SECONDS = 15.0
"""How often a worker reads its gauges: its metrics are served from a thread of their own."""


async def serve_for_worker(port: int) -> None:
    """``stepwise worker --metrics-port``: the metrics on ``127.0.0.1:port`` (prometheus_client's
    own small server, in a thread), the gauges read every ``REFRESH_SECONDS`` until cancelled."""
    import asyncio

    server, thread = start_http_server(port, addr="127.0.0.1", registry=REGISTRY)
    try:
        while True:
            await refresh()
            await asyncio.sleep(REFRESH_SECONDS)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


_FORWARDED = ("forwarded", "x-forwarded-for", "x-real-ip")


def _may_read(request: Request[Any, Any, Any]) -> None:
    token = get_settings().metrics_token
    given = request.headers.get("authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return
    host = request.client.host if request.client else ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback and not any(h in request.headers for h in _FORWARDED):
        return
    if token:
        error = ProblemError(401, "The metrics need the token from STEPWISE_METRICS_TOKEN.")
        error.headers = {"WWW-Authenticate": 'Bearer realm="metrics"'}
        raise error
    raise ProblemError(403, "The metrics are read from this machine, or with a token.")


@get(
    "/metrics",
    summary="Metrics in Prometheus' text format (from this machine, or with a bearer token)",
    tags=["operations"],
    media_type=CONTENT_TYPE_LATEST,
    skip_compression=True,
)
async def metrics(request: Request[Any, Any, Any]) -> Response[bytes]:
    _may_read(request)
    return Response(await exposition(), media_type=CONTENT_TYPE_LATEST)


class MetricsMiddleware:
    """The latency of each request, by route template, method and status class. Outermost: the
    time includes the other middleware (the idempotency check reads the database)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._children: dict[tuple[str, str, str], Any] = {}
        self._statements: dict[tuple[str, str], Any] = {}

    def _observe(self, scope: Any, status: int, seconds: float) -> None:
        key = (scope.get("path_template") or "other", scope.get("method", ""), f"{status // 100}xx")
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = REQUEST_SECONDS.labels(*key)
        child.observe(seconds)

    def _count(self, scope: Any, statements: int) -> None:
        key = (scope.get("path_template") or "other", scope.get("method", ""))
        child = self._statements.get(key)
        if child is None:
            child = self._statements[key] = DB_STATEMENTS.labels(*key)
        child.inc(statements)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        observed = False

        async def timed_send(message: Any) -> None:
            nonlocal observed
            if message["type"] == "http.response.start" and not observed:
                observed = True
                self._observe(scope, int(message["status"]), time.perf_counter() - started)
            await send(message)

        statements = [0]
        token = STATEMENTS.set(statements)
        try:
            await self.app(scope, receive, timed_send)
        except BaseException as exc:
            if not observed:  # the exception handler outside answers with this status
                status = int(getattr(exc, "status_code", 500))
                self._observe(scope, status, time.perf_counter() - started)
            raise
        finally:
            STATEMENTS.reset(token)
            self._count(scope, statements[0])
