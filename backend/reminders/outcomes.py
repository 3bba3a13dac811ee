"""A claimed delivery and what became of it: the rules that turn the push services' answers
into sent, retry later, failed or no channel (RFC 8030 §7: 404 and 410 mean the subscription is
gone; 429 and 5xx are worth a retry)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from backend.reminders import webpush

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 900


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


def _backoff(attempts: int, retry_after: float | None) -> timedelta:
    seconds = min(BACKOFF_SECONDS * 2 ** max(0, attempts - 1), BACKOFF_MAX_SECONDS)
    if retry_after is not None:
        seconds = min(max(seconds, retry_after), 3600)
    return timedelta(seconds=seconds)


def outcome_of(
    row: Claimed,
    results: list[tuple[dict[str, Any], webpush.Result]],
    now: datetime,
) -> Outcome:
    """What the devices' answers make of a claimed delivery: sent, to retry later (with
    backoff, up to ``MAX_ATTEMPTS``), failed, or no channel at all."""
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
