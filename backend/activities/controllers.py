"""HTTP handlers for the activity log: log, change and remove an activity, a visit from a shift
in one request, a client's log, one's own and the team's log, the day recap and time use."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from litestar import Controller, Request, Response, Router, delete, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import accounts, clients, shifts
from backend.activities import access, kept, reading, services
from backend.lib import clock
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import hhmm, instant, is_zone, today
from backend.lib.paging import DEFAULT_LIMIT, LINK, MAX_LIMIT, Cursor, Limit, PageRequest, paged
from shared_schemas import activities as wire
from shared_schemas.base import refusal

_CREATED = {
    HTTP_200_OK: ResponseSpec(
        data_container=wire.Activity,
        description="Already logged: this localId was sent before.",
        generate_examples=False,
    )
}
MAX_PERIOD = timedelta(days=366)
TIME_USE_DAYS = 30


def _zone(zone: str) -> str:
    if not is_zone(zone):
        raise field_error("query.zone", "Choose a time zone from the list.", status=400)
    return zone


def _day(value: date | None, name: str) -> date | None:
    if value is not None and (reason := refusal(value, is_name=False)):
        raise field_error(f"query.{name}", reason, status=400, code="date_range")
    return value


def _period(
    since: date | None, until: date | None, zone: str
) -> tuple[datetime | None, datetime | None]:
    """The instants of the local days ``since`` … ``until`` (inclusive) at ``zone``."""
    _day(since, "since")
    _day(until, "until")
    if since is not None and until is not None and until < since:
        raise field_error("query.until", "The last day cannot be before the first.", status=400)
    start = instant(since, time(), zone) if since else None
    end = instant(until + timedelta(days=1), time(), zone) if until else None
    return start, end


def _filters(
    whom: wire.WithWhom | None,
    purpose: wire.Purpose | None,
    since: date | None,
    until: date | None,
    zone: str,
    **more: Any,
) -> reading.Filters:
    start, end = _period(since, until, _zone(zone))
    return reading.Filters(with_whom=whom, purpose=purpose, start=start, end=end, **more)


def _created(result: tuple[wire.Activity, bool]) -> Response[wire.Activity]:
    activity, created = result
    return Response(activity, status_code=HTTP_201_CREATED if created else HTTP_200_OK)


async def _listed(
    request: Request[Any, Any, Any], actor: Actor, rows: list[wire.Activity], cursor: str | None
) -> Response[list[wire.Activity]]:
    items = reading.rights(actor, rows)
    await services.audit_restricted_in(request, actor, items)
    return paged(request, items, cursor)


class ClientActivitiesController(Controller):
    path = "/api/clients/{client_id:str}/activities"
    tags = ["activities"]

    @get(
        "/",
        summary="A client's activity log, newest first, a page at a time (the client and a "
        "mentor: without restricted ones)",
        response_headers=LINK,
    )
    async def client_log(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        whom: FromQuery[wire.WithWhom | None] = None,
        purpose: FromQuery[wire.Purpose | None] = None,
        author: FromQuery[str | None] = None,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Activity]]:
        """``whom``, ``purpose``, ``author`` and the local days ``since`` … ``until`` at ``zone``
        narrow the log: the contacts with the family are ``whom=family``, with employers
        ``whom=employer_person``."""
        page = reading.log_request(cursor, limit)
        record = await clients.visible_record(actor, client_id, access.can_view_log)
        if author is not None and as_uuid(author) is None:
            raise field_error("query.author", "Choose a person from the list.", status=400)
        f = _filters(
            whom,
            purpose,
            since,
            until,
            zone,
            author=as_uuid(author),
            hide_restricted=not access.sees_restricted(actor, record),
        )
        rows, next_cursor = await kept.client_page(record.client_id, f, page)
        items = reading.rights(actor, rows)
        # One audit entry per read; one that shows restricted activities of others names them.
        shown = [a.id for a in items if a.restricted and a.author_id != actor.id]
        action = "restricted_activity_read" if shown else "activities_read"
        await clients.audit_read(
            request, actor, action, record, {"activities": shown} if shown else None
        )
        return paged(request, items, next_cursor)

    @get(
        "/kept-back",
        summary="How many of the client's activities are restricted (kept from the client)",
    )
    async def kept_back(self, actor: CurrentActor, client_id: FromPath[str]) -> wire.KeptBack:
        record = await clients.visible_record(actor, client_id, access.can_view_log)
        return wire.KeptBack(restricted=await reading.count_restricted(record.client_id))


class ActivitiesController(Controller):
    path = "/api/activities"
    tags = ["activities"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Log an activity (idempotent by localId)",
        responses=_CREATED,
    )
    async def log_activity(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.ActivityCreate],
    ) -> Response[wire.Activity]:
        access.require(access.can_see_own_log(actor))
        return _created(await services.create(request, actor, data))

    @post(
        "/visits",
        status_code=HTTP_201_CREATED,
        summary='"I was there": a visit at the workplace from a shift, in one request '
        "(idempotent by localId)",
        responses=_CREATED,
    )
    async def log_visit(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.VisitCreate],
    ) -> Response[wire.Activity]:
        access.require(access.can_see_own_log(actor))
        return _created(await services.log_visit(request, actor, data))

    @get(
        "/",
        summary="My activity log (view=team: the team's, for coordinators; the organisation's "
        "for administrators), newest first, a page at a time",
        response_headers=LINK,
    )
    async def log(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        view: FromQuery[Literal["own", "team"]] = "own",
        client: FromQuery[str | None] = None,
        author: FromQuery[str | None] = None,
        whom: FromQuery[wire.WithWhom | None] = None,
        purpose: FromQuery[wire.Purpose | None] = None,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Activity]]:
        page = reading.log_request(cursor, limit)
        access.require(access.can_see_own_log(actor))
        if view == "team":
            access.require(access.can_see_team_log(actor))
        for name, value in (("client", client), ("author", author)):
            if value is not None and as_uuid(value) is None:
                raise field_error(f"query.{name}", "Choose a person from the list.", status=400)
        who = actor.id if view == "own" else as_uuid(author)
        f = _filters(whom, purpose, since, until, zone, author=who)
        if client is not None:
            record = await clients.visible_record(actor, client, access.can_view_log)
            if view == "team":
                f = _filters(
                    whom,
                    purpose,
                    since,
                    until,
                    zone,
                    author=who,
                    hide_restricted=not access.sees_restricted(actor, record),
                )
            rows, next_cursor = await kept.client_page(record.client_id, f, page)
        elif view == "team" and actor.role == "coordinator":
            team = [c.id for c in await clients.caseload(actor)]
            rows, next_cursor = await reading.page_by_clients(team, f, page)
        else:
            rows, next_cursor = await reading.page_by_author(f, page)
        return await _listed(request, actor, rows, next_cursor)

    @get(
        "/recap",
        summary="The coach's day recap: what I logged on the day, and the caseload's shifts "
        "that day with no visit logged (a page of the caseload's clients at a time)",
        response_headers=LINK,
    )
    async def recap(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        day: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[wire.DayRecap]:
        """``day``: the local date at ``zone`` (today there when absent)."""
        access.require(access.can_see_own_log(actor))
        zone = _zone(zone)
        on = _day(day, "day") or today(clock.now(), zone)
        page = clients.caseload_request(cursor, limit)
        if actor.role == "mentor":
            names = await accounts.display_names(await clients.mentored_by(actor.id))
            next_cursor = None
        else:
            part, next_cursor = await clients.caseload_page(actor, page)
            names = {c.id: c.display_name for c in part}

        async def make() -> tuple[tuple[wire.Activity, ...], tuple[wire.ShiftWithoutVisit, ...]]:
            logged: list[wire.Activity] = []
            if cursor is None:
                start = instant(on, time(), zone)
                end = instant(on + timedelta(days=1), time(), zone)
                rows, _ = await reading.page_by_author(
                    reading.Filters(author=actor.id, start=start, end=end),
                    PageRequest(MAX_LIMIT),
                )
                logged = rows
            found = await shifts.on_day(list(names), on)
            visited = await reading.visits_logged([(o.shift_id, o.day) for o in found])
            missing = tuple(
                wire.ShiftWithoutVisit(
                    shift_id=o.shift_id,
                    client_id=o.client,
                    display_name=names.get(o.client, ""),
                    date=o.day,
                    starts_at=hhmm(o.starts_at),
                    ends_at=hhmm(o.ends_at),
                    workplace=o.workplace,
                    zone=o.zone,
                )
                for o in found
                if (o.shift_id, o.day) not in visited
            )
            return tuple(logged), missing

        # Kept while the page of clients and their names are the same and neither the coach's
        # stamp nor theirs has moved (backend/activities/kept.py).
        own, missing = await kept.answer(
            ("recap", actor.id, on, zone, cursor, limit),
            (actor.id, *names),
            tuple(names.items()),
            make,
        )
        logged = reading.rights(actor, list(own))
        await services.audit_restricted_in(request, actor, logged)
        return paged(
            request,
            wire.DayRecap(
                date=on,
                logged=logged,
                without_visit=list(missing),
                minutes=sum(a.minutes for a in logged),
            ),
            next_cursor,
        )

    @get("/time-use", summary="A person's logged minutes by main purpose over a period")
    async def time_use(
        self,
        actor: CurrentActor,
        person: FromQuery[str | None] = None,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
    ) -> wire.TimeUseSummary:
        """The last 30 days when no period is given; a year at most."""
        access.require(access.can_see_own_log(actor))
        zone = _zone(zone)
        last = _day(until, "until") or today(clock.now(), zone)
        first = _day(since, "since") or last - timedelta(days=TIME_USE_DAYS - 1)
        if last < first or last - first > MAX_PERIOD:
            raise field_error(
                "query.since", "Choose a period of a year at most, first day first.", status=400
            )
        who = actor.id if person is None else as_uuid(person)
        info = await accounts.person(who) if who else None
        if info is None or not access.can_see_time_use_of(actor, info.id, info.team_id):
            raise field_error("query.person", "There is no such person in your team.", status=404)
        start, end = _period(first, last, zone)
        assert start is not None and end is not None
        rows = await reading.minutes_by_purpose(info.id, start, end)
        return wire.TimeUseSummary(
            person_id=info.id,
            start=first,
            end=last,
            minutes=sum(m for _, m, _ in rows),
            by_purpose=[
                wire.TimeUse(purpose=p, minutes=m, activities=n)  # type: ignore[arg-type]
                for p, m, n in rows
            ],
        )

    @get("/{activity_id:str}", summary="One activity")
    async def get_activity(
        self, request: Request[Any, Any, Any], actor: CurrentActor, activity_id: FromPath[str]
    ) -> wire.Activity:
        row, _ = await services.visible(request, actor, activity_id)
        return (await reading.to_wire(actor, [row]))[0]

    @patch("/{activity_id:str}", summary="Change an activity (its author)")
    async def update_activity(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        activity_id: FromPath[str],
        data: JSONBody[wire.ActivityUpdate],
    ) -> wire.Activity:
        row, records = await services.visible(request, actor, activity_id)
        access.require(
            access.can_edit(actor, reading.author_of(row)), "Only its author can change it."
        )
        return await services.update(request, actor, row, records, data)

    @delete(
        "/{activity_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove an activity (its author, within a day of logging it)",
    )
    async def remove_activity(
        self, request: Request[Any, Any, Any], actor: CurrentActor, activity_id: FromPath[str]
    ) -> None:
        row, _ = await services.visible(request, actor, activity_id)
        await services.remove(actor, row)


router = Router(path="/", route_handlers=[ClientActivitiesController, ActivitiesController])
