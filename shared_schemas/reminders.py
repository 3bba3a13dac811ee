"""Reminder rules, quiet hours, e-mail, push subscriptions, and the push payload."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.shifts import LocalTime, Weekday, Zone

Kind = Literal[
    "shift_prepare",
    "shift_leave",
    "goal_checkin",
    "conversation",
    "coach",
    "meeting",
    "follow_up",
    "interview",
    "shift_start",
    "after_support",
    "development",
]
"""``shift_prepare``: "Time to get ready" N minutes before each shift; ``shift_leave``: "Time to
leave" at a chosen offset; ``goal_checkin``: on an agreed weekday and time while a goal runs;
``conversation``: when the monthly conversation is due; ``coach`` (staff): conversations due and
goals ending in the caseload; ``meeting``: on the days an agreement's rhythm asks for a meeting
(made for both people when they agree); ``follow_up`` (staff): on the day an opportunity's next
step is due; ``interview``: N minutes before a job interview (made when one is set);
``shift_start``: "Time to start" as each shift starts (the home then shows that workplace's tasks
first); ``after_support`` (staff): six months after a client's support ended, where the client
agreed to be asked then about their situation (made when the support is closed so);
``development`` (staff): a coach's own certificate expiring, their certification's yearly review,
a re-assessment day (made when such a record is added)."""
Minutes = Annotated[int, msgspec.Meta(ge=0, le=24 * 60)]
Email = Annotated[
    str,
    msgspec.Meta(max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]


class ReminderRule(Struct, kw_only=True):
    id: str
    owner_id: str
    """Whose reminder it is."""
    kind: Kind
    minutes_before: int | None
    weekday: int | None
    """ISO weekday (1 = Monday); null: every day."""
    at: str | None
    """Local time ``HH:MM`` in ``zone``."""
    zone: str | None
    enabled: bool
    created_at: dt.datetime


class ReminderRuleCreate(Request, kw_only=True):
    local_id: LocalId
    kind: Kind
    minutes_before: Minutes | None = None
    """Shift reminders: minutes before the start (``shift_prepare`` 60 when omitted)."""
    weekday: Weekday | None = None
    at: LocalTime | None = None
    """Required for ``goal_checkin``, ``conversation`` and ``coach``."""
    zone: Zone | None = None
    """The zone of ``at``; required with it."""
    enabled: bool = True


class ReminderRuleUpdate(Request, kw_only=True):
    minutes_before: Minutes | None = None
    weekday: Weekday | msgspec.UnsetType | None = msgspec.UNSET
    at: LocalTime | None = None
    zone: Zone | None = None
    enabled: bool | None = None


class QuietHours(Struct, kw_only=True):
    start: str | None
    end: str | None
    zone: str
    """Empty: the zone of each reminder (the workplace's for shift reminders)."""


ZoneOrEach = Annotated[
    str,
    msgspec.Meta(max_length=64, description="IANA zone, or empty: each reminder's own zone"),
]


class QuietHoursSet(Request, kw_only=True):
    """No push between ``start`` and ``end`` (may cross midnight); both null: none."""

    start: LocalTime | None
    end: LocalTime | None
    zone: ZoneOrEach = ""


class PushDevice(Struct, kw_only=True):
    """A device with notifications on. Its endpoint and keys are secrets, never returned."""

    id: str
    device_label: str
    push_service: str
    """The push service's host, e.g. fcm.googleapis.com."""
    created_at: dt.datetime
    seen_at: dt.datetime
    last_success_at: dt.datetime | None


class Notifications(Struct, kw_only=True):
    """A person's reminders as they or their coach see them."""

    owner_id: str
    rules: list[ReminderRule]
    quiet_hours: QuietHours
    devices: list[PushDevice]
    has_email: bool
    """An address for the fallback is set (the address itself only in ``/api/me``'s view)."""
    email: str | None = None
    """Only for the person themself."""


class NotificationsUpdate(Request, kw_only=True):
    email: Email | None = None
    """The person's own address for reminders when no device has notifications on; "" removes
    it."""
    quiet_hours: QuietHoursSet | None = None


class SubscriptionKeys(Request, kw_only=True):
    p256dh: Annotated[str, msgspec.Meta(min_length=80, max_length=100)]
    auth: Annotated[str, msgspec.Meta(min_length=16, max_length=40)]


class PushSubscriptionCreate(Request, kw_only=True):
    """``PushSubscription.toJSON()`` plus a name for the device."""

    endpoint: Annotated[str, msgspec.Meta(min_length=10, max_length=1000)]
    keys: SubscriptionKeys
    expiration_time: int | None = None
    """Milliseconds since the epoch, as the browser gives it."""
    device_label: Annotated[str, msgspec.Meta(max_length=80)] = ""


class PushSubscriptionDelete(Request, kw_only=True):
    endpoint: Annotated[str, msgspec.Meta(min_length=10, max_length=1000)]


class VapidPublicKey(Struct, kw_only=True):
    public_key: str
    """``applicationServerKey`` for ``pushManager.subscribe``: base64url, uncompressed P-256."""


class PushTestResult(Struct, kw_only=True):
    devices: int
    """Devices the test was sent to."""
    delivered: int
    """Devices whose push service accepted it."""
    removed: int
    """Devices found gone (their subscription was deleted)."""
    emailed: bool
    """No device with notifications on: an e-mail was sent instead."""


PushKind = Literal[
    "shift_prepare",
    "shift_leave",
    "goal_checkin",
    "conversation",
    "coach",
    "family_update",
    "update_waiting",
    "help_request",
    "help_alert",
    "test",
    "help_resolved",
    "passkeys_changed",
    "meeting",
    "follow_up",
    "interview",
    "shift_start",
    "fading",
    "handover_feedback",
    "after_support",
    "development",
]
"""Every kind of push message: the one list (the engine's table of texts, ``backend/reminders/
engine.py``, has a row for each; ``pwa/src/data/push-texts.ts`` a title for each, checked by
``tests/unit/test_contract.py``)."""


class PushPayload(Struct, kw_only=True):
    """What a push message carries, ≤ 1 KB, with no health, disability or third-party personal
    data: what kind of reminder, its id, where a tap goes, and a neutral sentence. The service
    worker says it in the person's language by ``kind``; ``title`` is the English fallback."""

    kind: PushKind
    id: str
    url: str
    title: str
    tag: str
    """Show one notification per tag: a repeated message replaces, never doubles."""
