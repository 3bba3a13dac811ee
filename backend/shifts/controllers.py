"""HTTP handlers for shifts, their cancelled dates, the client's next and today's shifts, and
the coach's week."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Request, Response, Router, delete, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import clients
from backend.audit import record as audit
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.shifts import access, services, week
from shared_schemas import shifts as wire
from shared_schemas.base import refusal


async def _editable(actor: Actor, client_id: str) -> clients.ClientRow:
    record = await clients.visible_record(actor, client_id, access.can_view_shifts)
    access.require(access.can_edit_shifts(actor, record))
    return record


async def _shift(actor: Actor, shift_id: str, *, edit: bool) -> dict[str, Any]:
    shift = await services.shift_row(shift_id)
    record = await clients.record_of(str(shift["client"])) if shift else None
    if shift is None or record is None or not access.can_view_shifts(actor, record):
        raise not_found(services.NO_SHIFT)
    access.require(not edit or access.can_edit_shifts(actor, record))
    return shift


class ClientShiftsController(Controller):
    path = "/api/clients/{client_id:str}/shifts"
    tags = ["shifts"]

    @get(
        "/",
        summary="A client's shifts (the client: my shifts), as entered, a page at a time",
        response_headers=LINK,
    )
    async def list_shifts(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Shift]]:
        page = services.shifts_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_shifts)
        await clients.audit_read(request, actor, "shifts_read", record)
        return paged(request, *await services.shifts_of(record.client_id, page))

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Add a shift: one-off or weekly (idempotent by localId)",
        responses={
            HTTP_200_OK: ResponseSpec(
                data_container=wire.Shift,
                description="Already recorded: this localId was sent before.",
                generate_examples=False,
            )
        },
    )
    async def create_shift(
        self, actor: CurrentActor, client_id: FromPath[str], data: JSONBody[wire.ShiftCreate]
    ) -> Response[wire.Shift]:
        record = await _editable(actor, client_id)
        shift_id, created = await services.create(actor, record.client_id, data)
        return Response(
            await services.detail(shift_id),
            status_code=HTTP_201_CREATED if created else HTTP_200_OK,
        )

    @get("/next", summary="The next shift, in plain-words data (the client's home)")
    async def next_shift(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> wire.NextShift:
        record = await clients.visible_record(actor, client_id, access.can_view_shifts)
        await clients.audit_read(request, actor, "shifts_read", record)
        return await services.next_shift(record.client_id)

    @get("/today", summary="Today's shifts at their workplaces, cancelled ones marked")
    async def today(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> list[wire.Occurrence]:
        record = await clients.visible_record(actor, client_id, access.can_view_shifts)
        await clients.audit_read(request, actor, "shifts_read", record)
        return await services.todays(record.client_id)

    @get(
        "/upcoming",
        summary="Shifts not yet ended in the next days (at most 62), cancelled ones marked",
    )
    async def upcoming(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        days: FromQuery[int] = 7,
    ) -> list[wire.Occurrence]:
        record = await clients.visible_record(actor, client_id, access.can_view_shifts)
        await clients.audit_read(request, actor, "shifts_read", record)
        return await services.upcoming(record.client_id, max(1, min(days, services.MAX_DAYS)))


class ShiftController(Controller):
    path = "/api/shifts"
    tags = ["shifts"]

    @get("/{shift_id:str}", summary="A shift with its cancelled dates")
    async def get_shift(self, actor: CurrentActor, shift_id: FromPath[str]) -> wire.Shift:
        shift = await _shift(actor, shift_id, edit=False)
        return await services.detail(shift["id"])

    @patch("/{shift_id:str}", summary="Change a shift's workplace, times or days")
    async def update_shift(
        self, actor: CurrentActor, shift_id: FromPath[str], data: JSONBody[wire.ShiftUpdate]
    ) -> wire.Shift:
        shift = await _shift(actor, shift_id, edit=True)
        await services.update(shift, data)
        return await services.detail(shift["id"])

    @delete("/{shift_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a shift")
    async def remove_shift(self, actor: CurrentActor, shift_id: FromPath[str]) -> None:
        shift = await _shift(actor, shift_id, edit=True)
        await services.remove(shift)

    @post(
        "/{shift_id:str}/exceptions",
        status_code=HTTP_200_OK,
        summary="Cancel the shift on one date (holiday, sick day)",
    )
    async def cancel_date(
        self,
        actor: CurrentActor,
        shift_id: FromPath[str],
        data: JSONBody[wire.ShiftExceptionCreate],
    ) -> wire.Shift:
        shift = await _shift(actor, shift_id, edit=True)
        await services.cancel_date(actor, shift, data)
        return await services.detail(shift["id"])

    @delete(
        "/{shift_id:str}/exceptions/{day:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="The shift happens on this date after all",
    )
    async def restore_date(
        self, actor: CurrentActor, shift_id: FromPath[str], day: FromPath[str]
    ) -> None:
        shift = await _shift(actor, shift_id, edit=True)
        await services.restore_date(shift, day)


class WeekController(Controller):
    path = "/api/week"
    tags = ["shifts"]

    @get(
        "/",
        summary="The coach's week: the caseload's shifts, conversations due, goals ending; a "
        "page of clients at a time",
        response_headers=LINK,
    )
    async def coach_week(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        start: FromQuery[date | None] = None,
        coach: FromQuery[str | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[wire.CoachWeek]:
        """``coach`` narrows a coordinator's (or administrator's) week to one coach's clients."""
        access.require(access.can_see_week(actor))
        if coach is not None and as_uuid(coach) is None:
            raise field_error("coach", "Choose a coach from the list.", status=400)
        if start is not None and (reason := refusal(start, is_name=False)):
            raise field_error("query.start", reason, status=400, code="date_range")
        page = week.week_request(cursor, limit)
        result, next_cursor = await week.coach_week(actor, start, coach, page)
        await audit(
            "week_read",
            request=request,
            actor=actor.id,
            team=actor.team_id,
            detail={"clients": len({s.occurrence.owner_id for s in result.shifts})},
        )
        return paged(request, result, next_cursor)


router = Router(path="/", route_handlers=[ClientShiftsController, ShiftController, WeekController])
