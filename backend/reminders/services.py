"""Reminder rules, quiet hours and e-mail, push subscriptions and the test notification: the
only writer of the reminders tables (the engine writes the deliveries' outcomes)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.localtime import hhmm, is_zone, parse_hhmm
from backend.reminders import engine, planning, webpush
from backend.reminders.access import kind_allowed
from backend.reminders.outcomes import Claimed, Outcome
from backend.reminders.rules import AT_START_KINDS, START_KINDS, TIMED_KINDS
from backend.reminders.tables import (
    Delivery,
    NotificationSettings,
    PushSubscription,
    ReminderRule,
)
from backend.sync import insert_once
from shared_schemas import reminders as wire

NO_RULE = "There is no such reminder in your reach."
DEFAULT_PREPARE_MINUTES = 60


# --- rules --------------------------------------------------------------------------------


async def rule_row(rule_id: str) -> dict[str, Any] | None:
    if as_uuid(rule_id) is None:
        return None
    return (
        await ReminderRule.select(*ReminderRule.all_columns())
        .where(ReminderRule.id == as_uuid(rule_id))
        .first()
    )


def _rule_wire(r: dict[str, Any]) -> wire.ReminderRule:
    return wire.ReminderRule(
        id=str(r["id"]),
        owner_id=str(r["user"]),
        kind=r["kind"],
        minutes_before=r["minutes_before"],
        weekday=r["weekday"],
        at=hhmm(r["at_time"]) if r["at_time"] is not None else None,
        zone=r["zone"] or None,
        enabled=r["enabled"],
        created_at=r["created_at"],
    )


async def rules_of(user_id: str) -> list[wire.ReminderRule]:
    rows = (
        await ReminderRule.select(*ReminderRule.all_columns())
        .where(ReminderRule.user == user_id)
        .order_by(ReminderRule.created_at)
    )
    return [_rule_wire(r) for r in rows]


async def rule_detail(rule_id: Any) -> wire.ReminderRule:
    row = await rule_row(str(rule_id))
    assert row is not None
    return _rule_wire(row)


def _check_timed(kind: str, at: str | None, zone: str | None) -> None:
    if kind in TIMED_KINDS:
        if at is None:
            raise field_error("body.at", "Choose the time of day for this reminder.")
        if zone is None or not is_zone(zone):
            raise field_error("body.zone", "Choose a time zone from the list.")


async def create_rule(
    actor: Actor, user_id: str, role: str, data: wire.ReminderRuleCreate
) -> tuple[str, bool]:
    if not kind_allowed(role, data.kind):
        raise field_error("body.kind", "This kind of reminder is not for this person.")
    minutes = data.minutes_before
    if data.kind in AT_START_KINDS:
        minutes = 0
    elif data.kind in START_KINDS:
        if minutes is None:
            if data.kind == "shift_leave":
                raise field_error("body.minutesBefore", "Choose how long before the shift.")
            minutes = DEFAULT_PREPARE_MINUTES
    else:
        minutes = None
        _check_timed(data.kind, data.at, data.zone)
    timed = data.kind not in START_KINDS
    at = clock.now()
    row = ReminderRule(
        client_uuid=as_uuid(data.local_id),
        user=user_id,
        kind=data.kind,
        minutes_before=minutes,
        weekday=data.weekday if timed else None,
        at_time=parse_hhmm(data.at) if timed and data.at else None,
        zone=(data.zone or "") if timed else "",
        enabled=data.enabled,
        planned_until=at,
        created_by=actor.id,
        created_at=at,
        updated_at=at,
    )
    found, created = await insert_once(ReminderRule, row, {"user": user_id}, data)
    if created:
        await planning.client_changed(user_id)
    return str(found["id"]), created


async def keep_daily_rule(user_id: str, kind: str, at: str, zone: str) -> None:
    """The person has a rule of this time-of-day ``kind`` at ``at`` (``HH:MM``) in ``zone``,
    every day it has something to say: the one they have is set to this time and turned on, or
    one is made. For a domain above that agrees a schedule with the person (an agreement's
    meetings); the person changes or turns it off like any other rule."""
    assert kind in TIMED_KINDS, kind
    now = clock.now()
    found = (
        await ReminderRule.select(ReminderRule.id)
        .where((ReminderRule.user == user_id) & (ReminderRule.kind == kind))
        .first()
    )
    if found is None:
        await ReminderRule.insert(
            ReminderRule(
                client_uuid=uuid.uuid4(),
                user=user_id,
                kind=kind,
                at_time=parse_hhmm(at),
                zone=zone,
                enabled=True,
                planned_until=now,
                created_at=now,
                updated_at=now,
            )
        )
    else:
        await ReminderRule.update(
            {
                ReminderRule.at_time: parse_hhmm(at),
                ReminderRule.zone: zone,
                ReminderRule.weekday: None,
                ReminderRule.enabled: True,
                ReminderRule.updated_at: now,
            }
        ).where(ReminderRule.id == found["id"])
    await planning.client_changed(user_id)


async def update_rule(rule: dict[str, Any], data: wire.ReminderRuleUpdate) -> None:
    changes: dict[Any, Any] = {}
    timed = rule["kind"] not in START_KINDS
    if data.minutes_before is not None and not timed and rule["kind"] not in AT_START_KINDS:
        changes[ReminderRule.minutes_before] = data.minutes_before
    if timed:
        if data.at is not None:
            changes[ReminderRule.at_time] = parse_hhmm(data.at)
        if data.zone is not None:
            if not is_zone(data.zone):
                raise field_error("body.zone", "Choose a time zone from the list.")
            changes[ReminderRule.zone] = data.zone
        if data.weekday is None or isinstance(data.weekday, int):
            changes[ReminderRule.weekday] = data.weekday
    if data.enabled is not None:
        changes[ReminderRule.enabled] = data.enabled
    if changes:
        changes[ReminderRule.updated_at] = clock.now()
        await ReminderRule.update(changes).where(ReminderRule.id == rule["id"])
        if not data.enabled and data.enabled is not None:
            await planning.drop_pending_of_rule(str(rule["id"]))
        await planning.client_changed(str(rule["user"]))


async def remove_rule(rule: dict[str, Any]) -> None:
    await ReminderRule.delete().where(ReminderRule.id == rule["id"])  # deliveries cascade


# --- quiet hours, e-mail, devices ---------------------------------------------------------


async def _settings_row(user_id: str) -> dict[str, Any] | None:
    return (
        await NotificationSettings.select(*NotificationSettings.all_columns())
        .where(NotificationSettings.user == user_id)
        .first()
    )


async def _save_settings(user_id: str, changes: dict[Any, Any]) -> None:
    changes[NotificationSettings.updated_at] = clock.now()
    if await NotificationSettings.exists().where(NotificationSettings.user == user_id):
        await NotificationSettings.update(changes).where(NotificationSettings.user == user_id)
        return
    row = NotificationSettings(user=user_id)
    for column, value in changes.items():
        setattr(row, column._meta.name, value)
    try:
        await row.save()
    except Exception:  # made at the same moment by another request
        await NotificationSettings.update(changes).where(NotificationSettings.user == user_id)


async def set_quiet_hours(user_id: str, data: wire.QuietHoursSet) -> None:
    if (data.start is None) != (data.end is None):
        raise field_error("body.end" if data.end is None else "body.start", "Choose both times.")
    if data.zone and not is_zone(data.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    await _save_settings(
        user_id,
        {
            NotificationSettings.quiet_start: parse_hhmm(data.start) if data.start else None,
            NotificationSettings.quiet_end: parse_hhmm(data.end) if data.end else None,
            NotificationSettings.zone: data.zone,
        },
    )
    await planning.client_changed(user_id)


async def set_email(user_id: str, email: str) -> None:
    await _save_settings(user_id, {NotificationSettings.email: email.strip()})


async def devices_of(user_id: str) -> list[wire.PushDevice]:
    rows = (
        await PushSubscription.select(
            PushSubscription.id,
            PushSubscription.device_label,
            PushSubscription.origin,
            PushSubscription.created_at,
            PushSubscription.seen_at,
            PushSubscription.last_success_at,
        )
        .where(PushSubscription.user == user_id)
        .order_by(PushSubscription.created_at)
    )
    return [
        wire.PushDevice(
            id=str(r["id"]),
            device_label=r["device_label"],
            push_service=urlsplit(r["origin"]).hostname or "",
            created_at=r["created_at"],
            seen_at=r["seen_at"],
            last_success_at=r["last_success_at"],
        )
        for r in rows
    ]


async def notifications(user_id: str, *, own: bool) -> wire.Notifications:
    settings = await _settings_row(user_id)
    email = settings["email"] if settings else ""
    return wire.Notifications(
        owner_id=user_id,
        rules=await rules_of(user_id),
        quiet_hours=wire.QuietHours(
            start=hhmm(settings["quiet_start"]) if settings and settings["quiet_start"] else None,
            end=hhmm(settings["quiet_end"]) if settings and settings["quiet_end"] else None,
            zone=settings["zone"] if settings else "",
        ),
        devices=await devices_of(user_id),
        has_email=bool(email),
        email=email if own else None,
    )


async def subscribe(
    actor: Actor, data: wire.PushSubscriptionCreate, user_agent: str
) -> wire.PushDevice:
    """Register this device, or confirm it again (the PWA sends it on every start, which keeps
    it from expiring). An endpoint belongs to one person and one session: signing in again, as
    anyone, moves it to the new session."""
    if not webpush.allowed_endpoint(data.endpoint):
        raise field_error("body.endpoint", "This is not a push service Stepwise sends to.")
    try:
        p256dh = webpush.unb64url(data.keys.p256dh)
        auth = webpush.unb64url(data.keys.auth)
    except ValueError:
        raise field_error("body.keys", "These keys are not base64url.") from None
    if len(p256dh) != 65 or p256dh[0] != 4 or len(auth) != 16:
        raise field_error("body.keys", "These are not a browser's push subscription keys.")
    at = clock.now()
    expires = (
        datetime.fromtimestamp(data.expiration_time / 1000, tz=UTC)
        if data.expiration_time
        else None
    )
    fields: dict[Any, Any] = {
        PushSubscription.user: actor.id,
        # This device's notifications end with this session (sign-out, revoke, erasure).
        PushSubscription.session: actor.session_hash or None,
        PushSubscription.origin: webpush.origin_of(data.endpoint),
        PushSubscription.p256dh: data.keys.p256dh,
        PushSubscription.auth: data.keys.auth,
        PushSubscription.device_label: " ".join(data.device_label.split()),
        PushSubscription.user_agent: user_agent[:300],
        PushSubscription.expires_at: expires,
        PushSubscription.seen_at: at,
    }
    where = PushSubscription.endpoint == data.endpoint
    if not await PushSubscription.exists().where(where):
        try:
            await PushSubscription.insert(
                PushSubscription(
                    endpoint=data.endpoint,
                    created_at=at,
                    **{column._meta.name: value for column, value in fields.items()},
                )
            )
        except Exception:  # the same device registered twice at once
            await PushSubscription.update(fields).where(where)
    else:
        await PushSubscription.update(fields).where(where)
    row = await PushSubscription.select(PushSubscription.id).where(where).first()
    assert row is not None
    return next(d for d in await devices_of(actor.id) if d.id == str(row["id"]))


async def unsubscribe(actor: Actor, endpoint: str) -> None:
    removed = (
        await PushSubscription.delete()
        .where((PushSubscription.endpoint == endpoint) & (PushSubscription.user == actor.id))
        .returning(PushSubscription.id)
    )
    if not removed:
        raise not_found("This device has no notifications on.")


async def _send_now(user_ids: list[str], kind: str) -> list[Outcome]:
    """One delivery row per person, claimed by this process and sent at once."""
    return await engine.send_now(await _claim_now(user_ids, kind))


async def _claim_now(user_ids: list[str], kind: str) -> list[Claimed]:
    at = clock.now()
    claimed: list[Claimed] = []
    for user_id in user_ids:
        delivery = Delivery(
            user=user_id,
            kind=kind,
            occurrence_at=at,
            due_at=at,
            status="sending",
            attempts=1,
            claimed_by=f"api:{engine.worker_name()}",
            created_at=at,
        )
        await delivery.save()
        claimed.append(
            Claimed(id=int(delivery.id), user=user_id, kind=kind, attempts=1, sent_to=[])
        )
    return claimed


async def send_now_to(user_ids: list[str], kind: str) -> int:
    """Tell these people's devices something that happened just now (a shared update, a request
    for help), so whoever is asked for recipients is asked right before sending. The payload is
    the kind's neutral sentence and an id, never what happened; the row names only the
    recipient, so erasing the client leaves no trace of them here. Returns how many were sent
    or e-mailed."""
    if not user_ids:
        return 0
    outcomes = await _send_now(user_ids, kind)
    return sum(1 for o in outcomes if o.status in ("sent", "emailed"))


async def pushed_to(user_ids: list[str], kind: str) -> set[str]:
    """Like ``send_now_to``, and says whose phone got it: the people for whom a push service
    accepted the message for at least one device (RFC 8030 §5: 201 Created). An e-mail or a
    retry still to come is not counted: the caller tells someone only what is known."""
    if not user_ids:
        return set()
    claimed = await _claim_now(user_ids, kind)
    whose = {c.id: c.user for c in claimed}
    return {whose[o.id] for o in await engine.send_now(claimed) if o.accepted > 0}


async def send_test(actor: Actor) -> wire.PushTestResult:
    """Send a test notification to each of the person's devices now (or an e-mail)."""
    outcome = (await _send_now([actor.id], "test"))[0]
    return wire.PushTestResult(
        devices=outcome.attempted,
        delivered=outcome.accepted,
        removed=outcome.removed,
        emailed=outcome.status == "emailed",
    )
