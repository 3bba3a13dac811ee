"""Alice's shifts, goal, conversation and reminders, built through the services, for the access
matrix and the tests of shifts, goals and reminders. Ids go into ``world.ids``."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend import clients
from backend.goals import pta, questions, reading
from backend.goals import services as goals
from backend.reminders import services as reminders
from backend.shifts import services as shifts
from shared_schemas import goals as goals_wire
from shared_schemas import pta as pta_wire
from shared_schemas import reminders as reminders_wire
from shared_schemas import shifts as shifts_wire
from tests.support.photos import processed as processed_photo
from tests.support.tasks import actor
from tests.support.world import World

ALICE_ENDPOINT = "http://127.0.0.1:9/push/alice-phone"


def new_id() -> str:
    return str(uuid.uuid4())


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def subscription_keys() -> tuple[ec.EllipticCurvePrivateKey, dict[str, str]]:
    """A user agent's key pair and auth secret, as ``PushSubscription.toJSON().keys``."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return key, {"p256dh": b64(public), "auth": b64(os.urandom(16))}


def subscription(endpoint: str) -> dict[str, Any]:
    _, keys = subscription_keys()
    return {"endpoint": endpoint, "keys": keys, "deviceLabel": "Phone"}


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first date after ``after`` (today) with this ISO weekday."""
    day = (after or reading.today()) + timedelta(days=1)
    while day.isoweekday() != weekday:
        day += timedelta(days=1)
    return day


async def build_coaching(world: World) -> None:
    if "shift" in world.ids:
        return
    coach = actor(world, "coach", "coach", "North")
    client = actor(world, "client", "client")
    alice = world.ids["client"]
    shift_id, _ = await shifts.create(
        coach,
        alice,
        shifts_wire.ShiftCreate(
            local_id=new_id(),
            workplace="Hotel Aurora",
            zone="Europe/Helsinki",
            starts_at="08:00",
            ends_at="12:00",
            repeat="weekly",
            weekdays=[1, 3, 5],
        ),
    )
    shift = await shifts.shift_row(shift_id)
    assert shift is not None
    cancelled = next_weekday(5, reading.today() + timedelta(days=7))
    await shifts.cancel_date(
        coach, shift, shifts_wire.ShiftExceptionCreate(date=cancelled, reason="holiday")
    )
    goal_id, _ = await goals.create(
        coach,
        alice,
        goals_wire.GoalCreate(
            local_id=new_id(),
            title="Arrive on time every day",
            means=["Set the alarm at 6:30", "Take the 7:15 bus"],
            # In its last week: check-ins and the final evaluation are both open.
            starts_on=reading.today() - timedelta(days=10),
            ends_on=reading.today() + timedelta(days=4),
            levels=goals_wire.GoalLevelsSet(expected="On time every day"),
        ),
    )
    goal_row = await reading.goal_row(goal_id)
    assert goal_row is not None
    await goals.set_photo(goal_row, processed_photo(400, 300, 1, 80))
    photo = (await reading.detail(goal_row["id"])).photo
    assert photo is not None
    record = await clients.record_of(alice)
    assert record is not None
    conversation_id, _ = await pta.start(
        coach, record, pta_wire.ConversationCreate(local_id=new_id(), locale="fi")
    )
    admin = actor(world, "admin", "admin")
    draft = await questions.new_draft(admin, None)
    rule_id, _ = await reminders.create_rule(
        client,
        alice,
        "client",
        reminders_wire.ReminderRuleCreate(local_id=new_id(), kind="shift_prepare"),
    )
    await reminders.subscribe(
        client,
        reminders_wire.PushSubscriptionCreate(
            endpoint=ALICE_ENDPOINT,
            keys=reminders_wire.SubscriptionKeys(**subscription_keys()[1]),
            device_label="Alice's phone",
        ),
        "test",
    )
    world.ids.update(
        shift=shift_id,
        cancelled=cancelled.isoformat(),
        goal=goal_id,
        goal_file=photo.src.rsplit("/", 1)[1],
        conversation=conversation_id,
        question_set=draft,
        rule=rule_id,
    )


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's coaching, then fills ``template``."""

    async def make(world: World) -> str:
        await build_coaching(world)
        return template.format(**world.ids)

    return make


def question_set_edit() -> dict[str, Any]:
    """The default battery as an edit body, one question reworded."""
    sections = []
    for section in questions.default_sections():
        sections.append(
            {
                "key": section["key"],
                "titles": section["titles"],
                "questions": [
                    {"key": q["key"].split(".", 1)[1], "texts": q["texts"]}
                    for q in section["questions"]
                ],
            }
        )
    sections[0]["questions"][0]["texts"]["en"] = "What are your tasks at work?"
    return {"sections": sections}
