"""HTTP handlers for the staff's view of unanswered requests for help: the list, what an open
screen shows of it, and the live stream."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import JSONBody
from litestar.response import ServerSentEvent
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.lib.actor import CurrentActor
from backend.tasks import access, help, help_stream
from backend.tasks.controllers.common import (
    NO_COMPRESSION,
)
from shared_schemas import tasks as wire


class HelpRequestsController(Controller):
    path = "/api/help-requests"
    tags = ["tasks"]

    @get("/", summary="Unanswered requests for help in the caller's caseload, newest first")
    async def list_open_help(
        self, request: Request[Any, Any, Any], actor: CurrentActor
    ) -> list[wire.OpenHelpRequest]:
        access.require(access.can_list_open_help(actor))
        found = await help.open_for(actor)
        for client_id in sorted({r.client_id for r in found}):  # one audit event per client seen
            record = await clients.record_of(client_id)
            await audit(
                "help_requests_read",
                request=request,
                actor=actor.id,
                subject=client_id,
                team=record.audit_team if record else "",
            )
        return found

    @post(
        "/seen",
        summary="Say which unanswered requests for help the caller's open screen shows",
        description="Requests of the caller's own clients that no push reached are marked "
        "`reached: screen` (the client's player says the coach has seen it); the others are left "
        "as they are. Idempotent: sending the same ids again changes nothing.",
        status_code=HTTP_204_NO_CONTENT,
    )
    async def mark_seen(self, actor: CurrentActor, data: JSONBody[wire.HelpRequestsSeen]) -> None:
        access.require(access.can_list_open_help(actor))
        await help.mark_seen(actor, data.ids)

    @get(
        "/stream",
        summary="Server-sent events for an open staff screen: a request for help was made, "
        "reached its coach, was passed to the team or answered",
        description="text/event-stream (WHATWG HTML §9.2). First `ready` with "
        '`{"resumed": bool}` (false: fetch the list again), then `help` with `{"id", "open"}` '
        "for each request the caller is told of. The stream ends after about 30 seconds; the "
        "browser reconnects with `Last-Event-ID` and resumes where it was.",
        opt=NO_COMPRESSION,
        media_type="text/event-stream",
    )
    async def stream(self, request: Request[Any, Any, Any], actor: CurrentActor) -> ServerSentEvent:
        access.require(access.can_open_help_stream(actor))
        return ServerSentEvent(
            help_stream.staff_events(actor, request.headers.get("last-event-id")),
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )
