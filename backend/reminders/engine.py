"""The reminder engine: plan, claim, send, record.

It runs as a task inside each app server (``STEPWISE_REMINDER_ENGINE=server``, the default) or
as ``stepwise worker`` processes; any number of them may run against one PostgreSQL database.

**Exactly once.** Every occurrence is a row, unique per (rule, occurrence instant), written by
the planner before it is due (``planning.py``). A worker claims due rows by switching them to
``sending`` with its name and a lease, in one statement that commits before anything is sent;
on PostgreSQL the statement takes rows ``FOR UPDATE SKIP LOCKED``, so competing workers never
claim the same row and never wait for each other. Outcomes are written only by the claimant
(``claimed_by`` is checked). A row whose worker died mid-send is claimed again after its lease
(``STEPWISE_REMINDER_LEASE_SECONDS``); it carries the same ``Topic`` (RFC 8030 §5.4: the push
service replaces an undelivered message with the same topic) and the same notification tag (the
service worker replaces a shown one), so the person still sees it once.

**Failures.** 404 and 410 delete the subscription (RFC 8030 §7.3); 429, 5xx and unreachable
services are retried with exponential backoff (or ``Retry-After``), up to ``MAX_ATTEMPTS``;
devices that already accepted are not sent to again. A person with no live subscription who gave
an e-mail address gets an e-mail instead. Subscriptions not confirmed by their device for
``push_unused_days`` are dropped (some push services answer 200 for dead ones).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from backend.lib import clock, metrics
from backend.lib.db import fetch
from backend.reminders import delivery_sql as sql
from backend.reminders import mail, planning, webpush
from backend.reminders.kinds import KINDS, payload
from backend.reminders.outcomes import Claimed, Outcome, outcome_of
from backend.reminders.tables import Delivery, PushSubscription
from backend.settings import get_settings

log = logging.getLogger("stepwise.reminders")

KEEP_DELIVERIES = timedelta(days=90)
HOUSEKEEPING_EVERY = timedelta(minutes=10)
FLUSH_SECONDS = 0.02  # outcomes are recorded at least this often while a batch is sent


# Other domains' work that must run on the engine's clock in exactly one of the processes
# (each job claims its rows itself), e.g. passing on an unanswered request for help. A job
# takes the round's "now" and returns how many rows it handled.
Job = Callable[[datetime], Awaitable[int]]
JOBS: list[Job] = []


def every_round(job: Job) -> None:
    """Run ``job`` in each engine round (idempotent: registering twice runs it once)."""
    if job not in JOBS:
        JOBS.append(job)


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


class Engine:
    """One engine per process: plans, claims in batches, sends concurrently, records."""

    def __init__(
        self,
        sender: webpush.Sender | None = None,
        *,
        name: str | None = None,
        batch: int = 200,
        concurrency: int = 128,
        interval: float = 1.0,
        lease_seconds: int | None = None,
    ) -> None:
        self.sender = sender or webpush.Sender()
        self.name = name or worker_name()
        self.batch = batch
        self.concurrency = concurrency
        self.interval = interval
        self.lease = timedelta(seconds=lease_seconds or get_settings().reminder_lease_seconds)
        self._housekept: datetime | None = None

    # -- the loop -------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        log.info("reminder engine %s started", self.name)
        while not stop.is_set():
            try:
                worked = await self.tick()
            except Exception:
                log.exception("reminder engine %s: a round failed", self.name)
                worked = 0
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)
        await self.sender.close()
        log.info("reminder engine %s stopped", self.name)

    async def tick(self) -> int:
        """One round: plan what is getting close, send what is due. The rows handled."""
        now = clock.now()
        worked = await planning.plan_due(now)
        if self._housekept is None or now - self._housekept >= HOUSEKEEPING_EVERY:
            await self.housekeeping(now)
            self._housekept = now
        for job in JOBS:
            try:
                worked += await job(now)
            except Exception:
                log.exception("reminder engine %s: job %s failed", self.name, job.__name__)
        rows = await self.claim(now)
        if rows:
            await self.deliver(rows)
        return worked + len(rows)

    async def claim(self, now: datetime) -> list[Claimed]:
        """Due rows, switched to ``sending`` under this engine's name; committed on return."""
        kind = sql.dialect()
        lease_until = now + self.lease
        rows = list(
            await fetch(sql.db(), sql.RECLAIM[kind], self.name, lease_until, now, self.batch)
        )
        if len(rows) < self.batch:
            rows += await fetch(
                sql.db(), sql.CLAIM[kind], self.name, lease_until, now, self.batch - len(rows)
            )
        return [
            Claimed(id=int(r[0]), user=r[1], kind=r[2], attempts=r[3], sent_to=sql.sent_to_of(r[4]))
            for r in rows
        ]

    # -- sending --------------------------------------------------------------------------------

    async def deliver(self, rows: list[Claimed]) -> list[Outcome]:
        """Send the claimed rows to every live device of each person (or e-mail them), and
        record each row's outcome within ``FLUSH_SECONDS`` of its last answer: a worker that
        dies mid-batch leaves only the rows of its last moments to be taken over and sent
        again."""
        now = clock.now()
        subscriptions, emails = await self._channels(rows, now)
        semaphore = asyncio.Semaphore(self.concurrency)
        results: dict[int, list[tuple[dict[str, Any], webpush.Result]]] = defaultdict(list)
        targets = {
            row.id: [s for s in subscriptions.get(row.user, []) if str(s["id"]) not in row.sent_to]
            for row in rows
        }
        remaining = {row.id: len(targets[row.id]) for row in rows}
        ready: list[Claimed] = [row for row in rows if not targets[row.id]]

        async def push(row: Claimed, sub: dict[str, Any]) -> None:
            async with semaphore:
                info = KINDS[row.kind]
                result = await self.sender.send(
                    webpush.target(sub["endpoint"], sub["p256dh"], sub["auth"]),
                    payload(row.kind, row.id),
                    ttl=info.ttl,
                    urgency=info.urgency,
                    topic=f"r{row.id}",
                )
            results[row.id].append((sub, result))
            remaining[row.id] -= 1
            if remaining[row.id] == 0:
                ready.append(row)

        sending = asyncio.gather(*(push(row, sub) for row in rows for sub in targets[row.id]))
        outcomes: list[Outcome] = []
        try:
            while True:
                finished = sending.done()
                if not finished:
                    await asyncio.wait({sending}, timeout=FLUSH_SECONDS)
                batch, ready[:] = ready[:], []
                if batch:
                    outcomes += await self._finish(batch, results, subscriptions, emails, now)
                if finished:
                    await sending  # raises what a send raised
                    break
            await self._devices(results, now)
        finally:
            if not sending.done():
                sending.cancel()
        return outcomes

    async def _channels(
        self, rows: list[Claimed], now: datetime
    ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
        """Each person's live subscriptions, and the e-mail addresses given (plain SQL: this
        runs for every batch)."""
        kind = sql.dialect()
        users = sql.users(sorted({r.user for r in rows}))
        unused = now - timedelta(days=get_settings().push_unused_days)
        statements = sql.STATEMENTS[kind]
        subscriptions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        idle = now - timedelta(minutes=get_settings().session_idle_minutes)
        for id_, user, endpoint, p256dh, auth, expires in await fetch(
            sql.db(), statements["subscriptions"], users, unused, now, idle
        ):
            if expires is None or sql.aware(expires) > now:
                subscriptions[user].append(
                    {"id": id_, "endpoint": endpoint, "p256dh": p256dh, "auth": auth}
                )
        emails = {user: email for user, email in await fetch(sql.db(), statements["emails"], users)}
        return subscriptions, emails

    async def _finish(
        self,
        rows: list[Claimed],
        results: dict[int, list[tuple[dict[str, Any], webpush.Result]]],
        subscriptions: dict[str, list[dict[str, Any]]],
        emails: dict[str, str],
        now: datetime,
    ) -> list[Outcome]:
        outcomes: list[Outcome] = []
        to_mail: list[tuple[Outcome, mail.Mail]] = []
        for row in rows:
            outcome = outcome_of(row, results.get(row.id, []), now)
            live = len(subscriptions.get(row.user, [])) - outcome.removed
            if outcome.status in {"failed", "nochannel"} and live <= 0 and row.user in emails:
                info = KINDS[row.kind]
                to_mail.append(
                    (
                        outcome,
                        mail.Mail(
                            to=emails[row.user],
                            subject=f"Stepwise: {info.subject}",
                            text=f"{info.title}.\n\n{get_settings().origin}{info.url}\n",
                        ),
                    )
                )
            outcomes.append(outcome)
        if to_mail:
            sent = await mail.send_many([m for _, m in to_mail])
            for (outcome, _), ok in zip(to_mail, sent, strict=True):
                if ok:
                    outcome.status, outcome.detail = "emailed", "e-mail"
                else:
                    outcome.detail = "e-mail refused or no SMTP server"
        await self._record(outcomes, now)
        return outcomes

    async def _record(self, outcomes: list[Outcome], now: datetime) -> None:
        for o in outcomes:
            if o.status == "pending":
                metrics.REMINDERS_RETRIED.inc()
            else:
                metrics.REMINDERS_FINISHED.labels(o.status).inc()
        statements = sql.STATEMENTS[sql.dialect()]
        engine = sql.db()
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for o in outcomes:
            if o.status == "pending":
                await fetch(
                    engine,
                    statements["retry"],
                    o.due_at,
                    json.dumps(o.sent_to),
                    o.devices,
                    o.last_status,
                    o.detail[:200],
                    o.id,
                    self.name,
                )
            else:
                sent_at = now if o.status in {"sent", "emailed"} else None
                groups[(o.status, sent_at, o.devices, o.last_status, o.detail[:200])].append(o.id)
        for (status, sent_at, devices, last_status, detail), ids in groups.items():
            await fetch(
                engine,
                statements["finish"],
                status,
                sent_at,
                devices,
                last_status,
                detail,
                sql.ids(ids),
                self.name,
            )

    async def _devices(
        self, results: dict[int, list[tuple[dict[str, Any], webpush.Result]]], now: datetime
    ) -> None:
        """What the push services said about each device: last success, refusals, gone (once
        per batch; a worker that dies before this loses only these notes)."""
        statements = sql.STATEMENTS[sql.dialect()]
        engine = sql.db()
        accepted, refused, gone = set(), set(), set()
        for answers in results.values():
            for sub, r in answers:
                if r.accepted:
                    accepted.add(str(sub["id"]))
                elif r.gone:
                    gone.add(str(sub["id"]))
                elif not r.retry:
                    refused.add(str(sub["id"]))
        for name, ids_ in (("accepted", accepted), ("refused", refused), ("gone", gone)):
            if ids_:
                args = (
                    (now, sql.ids(sorted(ids_))) if name == "accepted" else (sql.ids(sorted(ids_)),)
                )
                await fetch(engine, statements[name], *args)

    # -- keeping tidy ---------------------------------------------------------------------------

    async def housekeeping(self, now: datetime) -> None:
        """Drop subscriptions their devices stopped confirming or whose session has ended, and
        old delivery rows."""
        settings = get_settings()
        unused = now - timedelta(days=settings.push_unused_days)
        await PushSubscription.delete().where(
            (PushSubscription.seen_at < unused)
            | (PushSubscription.expires_at.is_not_null() & (PushSubscription.expires_at < now))
        )
        idle = now - timedelta(minutes=settings.session_idle_minutes)
        await fetch(sql.db(), sql.ENDED_SESSIONS, now, idle)
        await Delivery.delete().where(
            (Delivery.created_at < now - KEEP_DELIVERIES) & (Delivery.status != "pending")
        )

    async def close(self) -> None:
        await self.sender.close()


async def count_due() -> float:
    """How many reminders are due now and not yet sent (``GET /metrics``)."""
    rows = await fetch(sql.db(), sql.DUE, clock.now())
    return float(rows[0][0])


async def send_now(rows: list[Claimed]) -> list[Outcome]:
    """Send rows claimed by the caller at once (``POST /api/me/push-test``), over a session of
    their own that is closed again: a one-off, not worth a connection kept open."""
    engine = Engine(name=f"api:{worker_name()}")
    try:
        return await engine.deliver(rows)
    finally:
        await engine.close()
