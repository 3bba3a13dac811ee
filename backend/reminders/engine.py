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
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import msgspec

from backend.lib import clock
from backend.lib.db import Statement, fetch
from backend.reminders import mail, planning, webpush
from backend.reminders.tables import Delivery, PushSubscription
from backend.settings import get_settings
from shared_schemas.reminders import PushPayload

log = logging.getLogger("stepwise.reminders")

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 900
PAYLOAD_LIMIT = 1024  # our own bound; RFC 8291's is MAX_PLAINTEXT
KEEP_DELIVERIES = timedelta(days=90)
HOUSEKEEPING_EVERY = timedelta(minutes=10)
FLUSH_SECONDS = 0.02  # outcomes are recorded at least this often while a batch is sent


@dataclass(frozen=True, slots=True)
class KindInfo:
    title: str
    url: str
    ttl: int  # seconds a push service keeps it for an offline device (RFC 8030 §5.2)
    urgency: str  # RFC 8030 §5.3
    subject: str  # the e-mail's subject


KINDS: dict[str, KindInfo] = {
    "shift_prepare": KindInfo("Time to get ready for work", "/", 3600, "high", "Time to get ready"),
    "shift_leave": KindInfo("Time to leave for work", "/", 900, "high", "Time to leave"),
    "goal_checkin": KindInfo(
        "Time to check in on your goal", "/goals", 12 * 3600, "normal", "A reminder"
    ),
    "conversation": KindInfo(
        "You have a reminder in Stepwise", "/goals", 24 * 3600, "low", "A reminder"
    ),
    "coach": KindInfo(
        "You have conversations due or goals ending", "/week", 12 * 3600, "normal", "Your week"
    ),
    "family_update": KindInfo(
        "There is something new in Stepwise", "/family", 24 * 3600, "normal", "Something new"
    ),
    "update_waiting": KindInfo(
        "There is something new in Stepwise", "/sharing", 24 * 3600, "normal", "Something new"
    ),
    "help_request": KindInfo(
        "Someone asked for help in Stepwise", "/", 1800, "high", "A request for help"
    ),
    "help_alert": KindInfo(
        "Someone asked for help in Stepwise", "/family", 1800, "normal", "A request for help"
    ),
    "test": KindInfo(
        "This is a test notification from Stepwise", "/settings", 300, "high", "A test"
    ),
    "help_resolved": KindInfo(
        "Your coach marked your request for help as helped", "/tasks", 1800, "normal", "Helped"
    ),
    # Neutral on purpose: which passkey, and whether added or removed, is in My passkeys.
    "passkeys_changed": KindInfo(
        "Your passkeys in Stepwise changed. Check My passkeys.",
        "/passkeys",
        24 * 3600,
        "high",
        "Your passkeys changed",
    ),
}

# Other domains' work that must run on the engine's clock in exactly one of the processes
# (each job claims its rows itself), e.g. passing on an unanswered request for help. A job
# takes the round's "now" and returns how many rows it handled.
Job = Callable[[datetime], Awaitable[int]]
JOBS: list[Job] = []


def every_round(job: Job) -> None:
    """Run ``job`` in each engine round (idempotent: registering twice runs it once)."""
    if job not in JOBS:
        JOBS.append(job)


def payload(kind: str, delivery_id: int) -> bytes:
    """The push message: kind, id, where a tap goes, and a neutral sentence. Never a name, a
    goal's words, a workplace or anything about health (the test suite checks every message)."""
    info = KINDS[kind]
    body = msgspec.json.encode(
        PushPayload(
            kind=kind,  # type: ignore[arg-type]
            id=str(delivery_id),
            url=info.url,
            title=info.title,
            tag=f"stepwise-{delivery_id}",
        )
    )
    if len(body) > PAYLOAD_LIMIT:
        raise webpush.PayloadTooLarge(f"{len(body)} bytes")
    return body


@dataclass(slots=True)
class Claimed:
    id: int
    user: str
    kind: str
    attempts: int
    sent_to: list[str]


@dataclass(slots=True)
class Outcome:
    id: int
    status: str  # sent | emailed | failed | nochannel | pending (a retry)
    devices: int = 0
    attempted: int = 0
    accepted: int = 0
    removed: int = 0
    last_status: int | None = None
    detail: str = ""
    due_at: datetime | None = None
    sent_to: list[str] = field(default_factory=list)


def _engine() -> Any:
    return Delivery._meta.db


def _pg() -> bool:
    return bool(_engine().engine_type == "postgres")


_RETURNING = 'id, CAST("user" AS TEXT), kind, attempts, sent_to'
_CLAIM = {
    "postgres": Statement(
        f"""UPDATE reminder_deliveries SET status = 'sending', claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'pending' AND due_at <= ?
                     ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""UPDATE reminder_deliveries SET status = 'sending', claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'pending' AND due_at <= ?
                     ORDER BY due_at LIMIT ?)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
}
_RECLAIM = {
    "postgres": Statement(
        f"""UPDATE reminder_deliveries SET claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'sending'
                     AND lease_until < ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
    "sqlite": Statement(
        f"""UPDATE reminder_deliveries SET claimed_by = ?, lease_until = ?,
        attempts = attempts + 1
        WHERE id IN (SELECT id FROM reminder_deliveries WHERE status = 'sending'
                     AND lease_until < ? ORDER BY due_at LIMIT ?)
        RETURNING {_RETURNING}"""  # noqa: S608 (constant SQL)
    ),
}
_IDS = {"postgres": "id = ANY(?::bigint[])", "sqlite": "id IN (SELECT value FROM json_each(?))"}
_SUB_IDS = {
    "postgres": "id = ANY(?::uuid[])",
    "sqlite": "id IN (SELECT value FROM json_each(?))",
}


def _statements(kind: str) -> dict[str, Statement]:
    ids, subs = _IDS[kind], _SUB_IDS[kind]
    users = {
        "postgres": '"user" = ANY(?::uuid[])',
        "sqlite": '"user" IN (SELECT value FROM json_each(?))',
    }[kind]
    return {
        # Only subscriptions whose session is alive: a session past its absolute or idle
        # lifetime that nobody has deleted yet sends nothing (a semi-join on its primary key).
        "subscriptions": Statement(
            f"""SELECT CAST(id AS TEXT), CAST("user" AS TEXT), endpoint, p256dh, auth, expires_at
            FROM push_subscriptions AS p WHERE {users} AND seen_at > ?
            AND EXISTS (SELECT 1 FROM sessions AS s WHERE s.id_hash = p.session
                        AND s.expires_at > ? AND s.last_seen_at > ?)"""  # noqa: S608
        ),
        "emails": Statement(
            f"""SELECT CAST("user" AS TEXT), email FROM notification_settings
            WHERE {users} AND email <> ''"""  # noqa: S608
        ),
        "finish": Statement(
            f"""UPDATE reminder_deliveries SET status = ?, sent_at = ?, lease_until = NULL,
            devices = ?, last_status = ?, outcome = ?
            WHERE {ids} AND claimed_by = ? AND status = 'sending'"""  # noqa: S608 (constant SQL)
        ),
        "retry": Statement(
            """UPDATE reminder_deliveries SET status = 'pending', due_at = ?, lease_until = NULL,
            sent_to = ?, devices = ?, last_status = ?, outcome = ?
            WHERE id = ? AND claimed_by = ? AND status = 'sending'"""
        ),
        "accepted": Statement(
            f"UPDATE push_subscriptions SET last_success_at = ?, failures = 0 WHERE {subs}"  # noqa: S608 (constant SQL)
        ),
        "refused": Statement(f"UPDATE push_subscriptions SET failures = failures + 1 WHERE {subs}"),  # noqa: S608 (constant SQL)
        "gone": Statement(f"DELETE FROM push_subscriptions WHERE {subs}"),  # noqa: S608 (constant SQL)
    }


_STATEMENTS = {kind: _statements(kind) for kind in ("postgres", "sqlite")}
# Subscriptions of sessions past their lifetimes (deleted sessions took theirs with them).
_ENDED_SESSIONS = Statement(
    """DELETE FROM push_subscriptions WHERE session IS NULL OR session IN
    (SELECT id_hash FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?)"""
)


def _ids(values: Sequence[Any]) -> Any:
    return list(values) if _pg() else json.dumps(list(values))


def _users(values: Sequence[str]) -> Any:
    return list(values) if _pg() else json.dumps(list(values))


def _aware(value: Any) -> datetime:
    """SQLite hands plain SQL's timestamps back as text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _sent_to(value: Any) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(v) for v in value or []]


def _backoff(attempts: int, retry_after: float | None) -> timedelta:
    seconds = min(BACKOFF_SECONDS * 2 ** max(0, attempts - 1), BACKOFF_MAX_SECONDS)
    if retry_after is not None:
        seconds = min(max(seconds, retry_after), 3600)
    return timedelta(seconds=seconds)


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
        kind = "postgres" if _pg() else "sqlite"
        lease_until = now + self.lease
        rows = list(await fetch(_engine(), _RECLAIM[kind], self.name, lease_until, now, self.batch))
        if len(rows) < self.batch:
            rows += await fetch(
                _engine(), _CLAIM[kind], self.name, lease_until, now, self.batch - len(rows)
            )
        return [
            Claimed(id=int(r[0]), user=r[1], kind=r[2], attempts=r[3], sent_to=_sent_to(r[4]))
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
        kind = "postgres" if _pg() else "sqlite"
        users = _users(sorted({r.user for r in rows}))
        unused = now - timedelta(days=get_settings().push_unused_days)
        statements = _STATEMENTS[kind]
        subscriptions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        idle = now - timedelta(minutes=get_settings().session_idle_minutes)
        for id_, user, endpoint, p256dh, auth, expires in await fetch(
            _engine(), statements["subscriptions"], users, unused, now, idle
        ):
            if expires is None or _aware(expires) > now:
                subscriptions[user].append(
                    {"id": id_, "endpoint": endpoint, "p256dh": p256dh, "auth": auth}
                )
        emails = {
            user: email for user, email in await fetch(_engine(), statements["emails"], users)
        }
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
            outcome = self._outcome(row, results.get(row.id, []), now)
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

    def _outcome(
        self,
        row: Claimed,
        results: list[tuple[dict[str, Any], webpush.Result]],
        now: datetime,
    ) -> Outcome:
        accepted = [str(sub["id"]) for sub, r in results if r.accepted]
        removed = sum(1 for _, r in results if r.gone)
        retry = [r for _, r in results if r.retry]
        sent_to = row.sent_to + accepted
        # The status behind the delivery's state, whatever order the devices were sent in (a
        # database returns them in no set order): a device to retry decides a pending one.
        last = (retry[-1] if retry else results[-1][1]) if results else None
        outcome = Outcome(
            id=row.id,
            status="sent",
            devices=len(sent_to),
            attempted=len(results),
            accepted=len(accepted),
            removed=removed,
            last_status=last.status if last else None,
            sent_to=sent_to,
        )
        if retry and row.attempts < MAX_ATTEMPTS:
            worst = max(retry, key=lambda r: r.retry_after or 0)
            outcome.status = "pending"
            outcome.due_at = now + _backoff(row.attempts, worst.retry_after)
            outcome.detail = f"retry: {worst.status or worst.error}"
        elif sent_to:
            outcome.status = "sent"
        elif not results:
            outcome.status = "nochannel"
            outcome.detail = "no device with notifications on"
        else:
            outcome.status = "failed"
            outcome.detail = ", ".join(sorted({str(r.status or r.error) for _, r in results}))
        return outcome

    async def _record(self, outcomes: list[Outcome], now: datetime) -> None:
        statements = _STATEMENTS["postgres" if _pg() else "sqlite"]
        engine = _engine()
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
                _ids(ids),
                self.name,
            )

    async def _devices(
        self, results: dict[int, list[tuple[dict[str, Any], webpush.Result]]], now: datetime
    ) -> None:
        """What the push services said about each device: last success, refusals, gone (once
        per batch; a worker that dies before this loses only these notes)."""
        statements = _STATEMENTS["postgres" if _pg() else "sqlite"]
        engine = _engine()
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
                args = (now, _ids(sorted(ids_))) if name == "accepted" else (_ids(sorted(ids_)),)
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
        await fetch(_engine(), _ENDED_SESSIONS, now, idle)
        await Delivery.delete().where(
            (Delivery.created_at < now - KEEP_DELIVERIES) & (Delivery.status != "pending")
        )

    async def close(self) -> None:
        await self.sender.close()


async def send_now(rows: list[Claimed]) -> list[Outcome]:
    """Send rows claimed by the caller at once (``POST /api/me/push-test``), over a session of
    their own that is closed again: a one-off, not worth a connection kept open."""
    engine = Engine(name=f"api:{worker_name()}")
    try:
        return await engine.deliver(rows)
    finally:
        await engine.close()
