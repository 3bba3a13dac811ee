"""HTTP handlers for reminder rules, quiet hours and e-mail, push subscriptions per device,
the VAPID public key and the test notification."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import not_found
from backend.lib.replay import replayed as _replayed
from backend.reminders import access, services, webpush
from shared_schemas import reminders as wire


async def _settable(actor: Actor, client_id: str) -> clients.ClientRow:
    record = await clients.visible_record(actor, client_id, access.can_view_client_reminders)
    access.require(access.can_set_client_reminders(actor, record))
    return record


async def _rule(actor: Actor, rule_id: str) -> dict[str, Any]:
    rule = await services.rule_row(rule_id)
    record = await clients.record_of(str(rule["user"])) if rule else None
    if rule is None or not access.can_change_rule(actor, rule, record):
        raise not_found(services.NO_RULE)
    return rule


class ClientRemindersController(Controller):
    path = "/api/clients/{client_id:str}"
    tags = ["reminders"]

    @get("/reminders", summary="A client's reminders, quiet hours and devices")
    async def client_reminders(
        self, actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.Notifications:
        record = await clients.visible_record(actor, client_id, access.can_view_client_reminders)
        own = actor.id == record.client_id
        return await services.notifications(record.client_id, own=own)

    @post(
        "/reminders",
        status_code=HTTP_201_CREATED,
        summary="Add a reminder for a client (idempotent by localId)",
        responses=_replayed(wire.ReminderRule),
    )
    async def add_client_reminder(
        self,
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[wire.ReminderRuleCreate],
    ) -> Response[wire.ReminderRule]:
        record = await _settable(actor, client_id)
        rule_id, created = await services.create_rule(actor, record.client_id, "client", data)
        return Response(
            await services.rule_detail(rule_id),
            status_code=HTTP_201_CREATED if created else HTTP_200_OK,
        )

    @put("/quiet-hours", summary="A client's quiet hours: no push then, sent at their end")
    async def client_quiet_hours(
        self, actor: CurrentActor, client_id: FromPath[str], data: JSONBody[wire.QuietHoursSet]
    ) -> wire.Notifications:
        record = await _settable(actor, client_id)
        await services.set_quiet_hours(record.client_id, data)
        return await services.notifications(record.client_id, own=actor.id == record.client_id)


class RuleController(Controller):
    path = "/api/reminders"
    tags = ["reminders"]

    @patch("/{rule_id:str}", summary="Change a reminder, or switch it off and on")
    async def update_rule(
        self, actor: CurrentActor, rule_id: FromPath[str], data: JSONBody[wire.ReminderRuleUpdate]
    ) -> wire.ReminderRule:
        rule = await _rule(actor, rule_id)
        await services.update_rule(rule, data)
        return await services.rule_detail(rule["id"])

    @delete("/{rule_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a reminder")
    async def remove_rule(self, actor: CurrentActor, rule_id: FromPath[str]) -> None:
        rule = await _rule(actor, rule_id)
        await services.remove_rule(rule)


class MyNotificationsController(Controller):
    path = "/api/me"
    tags = ["reminders"]

    @get("/notifications", summary="My reminders, quiet hours, devices and e-mail address")
    async def my_notifications(self, actor: CurrentActor) -> wire.Notifications:
        return await services.notifications(actor.id, own=True)

    @patch("/notifications", summary="My e-mail address for reminders, my quiet hours")
    async def update_my_notifications(
        self, actor: CurrentActor, data: JSONBody[wire.NotificationsUpdate]
    ) -> wire.Notifications:
        if data.email is not None:
            await services.set_email(actor.id, data.email)
        if data.quiet_hours is not None:
            await services.set_quiet_hours(actor.id, data.quiet_hours)
        return await services.notifications(actor.id, own=True)

    @post(
        "/reminders",
        status_code=HTTP_201_CREATED,
        summary="Add a reminder for myself (idempotent by localId)",
        responses=_replayed(wire.ReminderRule),
    )
    async def add_my_reminder(
        self, actor: CurrentActor, data: JSONBody[wire.ReminderRuleCreate]
    ) -> Response[wire.ReminderRule]:
        rule_id, created = await services.create_rule(actor, actor.id, actor.role, data)
        return Response(
            await services.rule_detail(rule_id),
            status_code=HTTP_201_CREATED if created else HTTP_200_OK,
        )

    @get("/push-subscriptions", summary="My devices with notifications on (never their keys)")
    async def my_devices(self, actor: CurrentActor) -> list[wire.PushDevice]:
        return await services.devices_of(actor.id)

    @post(
        "/push-subscriptions",
        status_code=HTTP_201_CREATED,
        summary="Turn notifications on for this device (again: confirms it)",
    )
    async def subscribe(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.PushSubscriptionCreate],
    ) -> wire.PushDevice:
        return await services.subscribe(actor, data, request.headers.get("user-agent", ""))

    @delete(
        "/push-subscriptions",
        status_code=HTTP_204_NO_CONTENT,
        summary="Turn notifications off for this device (by its endpoint)",
    )
    async def unsubscribe(
        self, actor: CurrentActor, data: JSONBody[wire.PushSubscriptionDelete]
    ) -> None:
        await services.unsubscribe(actor, data.endpoint)

    @post("/push-test", status_code=HTTP_200_OK, summary="Send me a test notification now")
    async def push_test(self, actor: CurrentActor) -> wire.PushTestResult:
        return await services.send_test(actor)


@get(
    "/api/push/vapid-public-key",
    summary="The server's VAPID public key, for pushManager.subscribe",
    tags=["reminders"],
)
async def vapid_public_key() -> wire.VapidPublicKey:
    return wire.VapidPublicKey(public_key=(await webpush.load_vapid()).public_key)


router = Router(
    path="/",
    route_handlers=[
        ClientRemindersController,
        RuleController,
        MyNotificationsController,
        vapid_public_key,
    ],
)
