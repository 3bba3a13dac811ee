"""Reminder rules, quiet hours and e-mail, push subscriptions, and one row per occurrence."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    BigSerial,
    Boolean,
    ForeignKey,
    Integer,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import Session, User


class NotificationSettings(Table, tablename="notification_settings"):
    """Per person: the e-mail address for the fallback (given by the person themself) and quiet
    hours, local times at ``zone`` (no push then; deferred to the end)."""

    id = UUID(primary_key=True, default=UUID4())
    user = ForeignKey(references=User, unique=True, on_delete=OnDelete.cascade)
    email = Varchar(length=254, default="")
    quiet_start = Time(null=True, default=None)
    quiet_end = Time(null=True, default=None)
    zone = Varchar(length=64, default="")
    updated_at = Timestamptz()


class ReminderRule(Table, tablename="reminder_rules"):
    """Shift rules fire ``minutes_before`` each shift of the person; the others at ``at_time`` in
    ``zone`` on ``weekday`` (1 = Monday; every day when null) when there is something to say.
    Occurrences with instants up to ``planned_until`` are written as deliveries."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)  # shift_prepare | shift_leave | goal_checkin | conversation | coach
    minutes_before = Integer(null=True, default=None)
    weekday = Integer(null=True, default=None)
    at_time = Time(null=True, default=None)
    zone = Varchar(length=64, default="")
    enabled = Boolean(default=True)
    planned_until = Timestamptz(index=True)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PushSubscription(Table, tablename="push_subscriptions"):
    """One per device (browser profile). The keys are secrets: never in a response.

    It belongs to the session that made it and ends with it: sign-out, sign-out everywhere, an
    administrator's revoke-all, erasure and a new sign-in in that browser delete the session and
    the database deletes its subscriptions (``ON DELETE CASCADE``, same statement); a session
    past its lifetimes that is not deleted yet is left out by the sender's join."""

    id = UUID(primary_key=True, default=UUID4())
    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    session = ForeignKey(
        references=Session,
        null=True,
        default=None,
        index=True,
        on_delete=OnDelete.cascade,
        secret=True,  # the hash of a sign-in cookie: never exported
    )
    endpoint = Varchar(length=1000, unique=True, secret=True)
    origin = Varchar(length=300)  # the push service, scheme://host[:port]: the VAPID audience
    p256dh = Varchar(length=100, secret=True)
    auth = Varchar(length=40, secret=True)
    device_label = Varchar(length=80, default="")
    user_agent = Varchar(length=300, default="")
    expires_at = Timestamptz(null=True, default=None)  # the browser's expirationTime
    created_at = Timestamptz()
    seen_at = Timestamptz(index=True)  # the device last confirmed it (the PWA re-sends it)
    last_success_at = Timestamptz(null=True, default=None)
    failures = Integer(default=0)


class Delivery(Table, tablename="reminder_deliveries"):
    """One occurrence of a reminder, made before it is sent: unique per (rule, occurrence
    instant), so however many planners and workers run, it is claimed and sent once.

    status: pending → sending (claimed, committed before sending) → sent | emailed | failed |
    nochannel; or at planning missed (the engine was down too long) | quiet (deferred by quiet
    hours past the shift's start). The unique (rule, occurrence_at) and the (status, due_at)
    index for claims are made in the migrations."""

    id = BigSerial(primary_key=True)
    rule = ForeignKey(references=ReminderRule, null=True, default=None, on_delete=OnDelete.cascade)
    user = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)
    subject = Varchar(length=36, default="")  # the shift, for shift reminders
    occurrence_at = Timestamptz()  # the instant the rule meant
    due_at = Timestamptz()  # when to send: the occurrence, after quiet hours, or a retry
    status = Varchar(length=10)
    attempts = Integer(default=0)
    claimed_by = Varchar(length=64, default="")
    lease_until = Timestamptz(null=True, default=None)
    sent_to = JSONB(default=[])  # subscriptions that accepted it, kept across retries
    devices = Integer(default=0)
    last_status = Integer(null=True, default=None)
    outcome = Varchar(length=200, default="")
    sent_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(index=True)  # housekeeping drops rows older than 90 days by it
