"""``GET /api/outcomes``: the figures over a scope and a period; ``GET
/api/outcomes/{indicator}/rows``: the rows behind one of them, a page at a time."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Request, Response, Router, get
from litestar.params import FromPath, FromQuery, QueryParameter

from backend.lib import clock
from backend.lib.actor import CurrentActor, ReaderLocale
from backend.lib.errors import field_error, not_found
from backend.lib.i18n import Locale
from backend.lib.localtime import is_zone, today
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.outcomes import scope as scopes
from backend.outcomes import services
from backend.outcomes.periods import MAX_DAYS, Period, month_of
from shared_schemas import outcomes as wire
from shared_schemas.base import refusal

NO_INDICATOR = "There is no such figure."
ScopeQuery = Annotated[
    wire.ScopeKind | None,
    QueryParameter(name="scope", description="The organisation, a team or a coach's caseload."),
]


def _period(month: str | None, start: date | None, end: date | None, zone: str) -> Period:
    if not is_zone(zone):
        raise field_error("query.zone", "Choose a time zone from the list.", status=400)
    now = today(clock.now(), zone)
    if start is not None or end is not None:
        for name, value in (("start", start), ("end", end)):
            if value is not None and (reason := refusal(value, is_name=False)):
                raise field_error(f"query.{name}", reason, status=400, code="date_range")
        if start is None or end is None:
            raise field_error("query.start", "Choose the first and the last day.", status=400)
        if end < start or (end - start).days >= MAX_DAYS:
            raise field_error(
                "query.start", "Choose a period of a year at most, first day first.", status=400
            )
        period = Period(start, end, now)
    elif month is not None:
        try:
            first = date.fromisoformat(f"{month}-01")
        except ValueError as exc:
            raise field_error("query.month", "Choose a month (YYYY-MM).", status=400) from exc
        period = month_of(first, now)
    else:
        period = month_of(now, now)
    if period.first > now:
        raise field_error("query.start", "Choose a period that has begun.", status=400)
    return period


class OutcomesController(Controller):
    path = "/api/outcomes"
    tags = ["outcomes"]

    @get("/", summary="The figures over a scope and a period, each with its trend")
    async def dashboard(
        self,
        actor: CurrentActor,
        locale: ReaderLocale,
        kind: ScopeQuery = None,
        id: FromQuery[str | None] = None,
        month: FromQuery[str | None] = None,
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        language: FromQuery[Locale | None] = None,
    ) -> wire.Dashboard:
        """``scope`` and ``id``: the organisation, a team or a coach (by default: the reader's
        own); the calendar ``month`` (YYYY-MM, by default this one) or the local days ``start``
        … ``end`` at ``zone``; the names and definitions in ``language`` (by default the
        reader's: the screen asks in the language it shows, which may have changed a moment
        ago). Not a read of any client's record: no client is named."""
        chosen = await scopes.resolve(actor, kind, id)
        period = _period(month, start, end, zone)
        figures = await services.dashboard(
            chosen, zone, period, language or locale, lambda: scopes.context(chosen, zone)
        )
        return wire.Dashboard(
            scope=chosen,
            start=period.first,
            end=period.last,
            as_of=period.as_of,
            figures=figures,
            choices=await scopes.choices(actor, chosen),
        )

    @get(
        "/{indicator:str}/rows",
        summary="The clients or activities behind one figure, a page at a time",
        response_headers=LINK,
    )
    async def rows(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        indicator: FromPath[str],
        kind: ScopeQuery = None,
        id: FromQuery[str | None] = None,
        month: FromQuery[str | None] = None,
        start: FromQuery[date | None] = None,
        end: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.OutcomeRow]]:
        """Clients by name (activities newest first): those of the scope, which the reader sees
        in the caseload anyway. Like the caseload, the list is not an audit-logged read of a
        client's record: opening a client from it is."""
        chosen = await scopes.resolve(actor, kind, id)
        found = services.BY_ID.get(indicator)  # type: ignore[call-overload]
        if found is None:
            raise not_found(NO_INDICATOR)
        period = _period(month, start, end, zone)
        page = services.rows_request(found, cursor, limit)
        ctx = await scopes.context(chosen, zone)
        items, next_cursor = await services.rows(ctx, period, found, page)
        return paged(request, items, next_cursor)


router = Router(path="/", route_handlers=[OutcomesController])
