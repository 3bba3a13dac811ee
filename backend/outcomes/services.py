"""The dashboard and the rows behind one figure."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from backend import activities
from backend.lib import i18n
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import local
from backend.lib.paging import PageRequest, cursor_of, page_of, page_request
from backend.outcomes import keeping
from backend.outcomes.indicators import BY_ID, INDICATORS, Indicator
from backend.outcomes.periods import Period, trend
from backend.outcomes.scope import Context
from shared_schemas import outcomes as wire

ROWS = "outcome-rows"
"""The rows' list name in its cursors."""
BAD_CURSOR = "This cursor was not given by this list. Start again from the first page."


def texts(indicator: Indicator, locale: str) -> tuple[str, str, str]:
    """The indicator's name, definition and the title of its rows, in the reader's language."""
    key = f"outcomes.{indicator.id}"
    return (
        i18n.text(locale, f"{key}.name"),
        i18n.text(locale, f"{key}.definition"),
        i18n.text(locale, f"{key}.rows"),
    )


async def dashboard(
    scope: wire.Scope,
    zone: str,
    period: Period,
    locale: str,
    context: Callable[[], Awaitable[Context]],
) -> list[wire.Figure]:
    """Every figure over the period, with its trend: the figures kept (``keeping.py``) as they
    are, the others computed (the scope read, through ``context``, only then) and kept."""
    periods = trend(period)
    ahead = {i.id for i in INDICATORS if i.looks_ahead}
    seen = await keeping.changes_seen()
    found = await keeping.kept(scope, zone, periods, ahead)
    ctx: Context | None = None
    to_keep: list[keeping.ToKeep] = []
    figures = []
    for indicator in INDICATORS:
        points = []
        last: keeping.Kept | None = None
        for p in periods:
            last = found.get((indicator.id, p.first, p.last))
            if last is None:
                if ctx is None:
                    ctx = await context()
                result = await indicator.compute(ctx, p)
                last = keeping.Kept(result.value, result.base, result.parts)
                reach = keeping.reach(p, indicator.looks_back_days, indicator.looks_ahead)
                to_keep.append(
                    keeping.ToKeep(indicator.id, p, reach, *(last.value, last.base, last.parts))
                )
            points.append(wire.Point(start=p.first, end=p.last, value=last.value, base=last.base))
        assert last is not None
        name, definition, rows_label = texts(indicator, locale)
        figures.append(
            wire.Figure(
                id=indicator.id,
                name=name,
                definition=definition,
                rows_label=rows_label,
                unit=indicator.unit,
                value=last.value,
                base=last.base,
                target=indicator.target,
                higher_is_better=indicator.higher_is_better,
                parts=last.parts,
                trend=points,
            )
        )
    await keeping.keep(scope, zone, seen, to_keep)
    return figures


def rows_request(indicator: Indicator, cursor: str | None, limit: int) -> PageRequest:
    """Clients by name then id; activities newest first then by id."""
    return page_request(ROWS + ":" + indicator.id, cursor, limit, str, str)


async def rows(
    ctx: Context, period: Period, indicator: Indicator, page: PageRequest
) -> tuple[list[wire.OutcomeRow], str | None]:
    """One page of the rows behind the figure over the period."""
    name = ROWS + ":" + indicator.id
    if indicator.activity_rows:
        if page.after is not None:
            page = _activity_page(page)
        start, end = period.instants(ctx.zone)
        found = await activities.employer_contact_rows(
            ctx.coach_ids, start, end, page, face_to_face=indicator.id == "employer_contacts_face"
        )
        out = [
            wire.OutcomeRow(
                kind="activity",
                id=c.activity_id,
                name=c.employer_name,
                coach_name=c.author_name,
                day=local(c.occurred_at, ctx.zone).date(),
                detail=c.mode,
            )
            for c in found
        ]
        items, more = out[: page.limit], len(out) > page.limit
        last = found[page.limit - 1] if more else None
        return items, cursor_of(
            name, (last.occurred_at.isoformat(), last.activity_id)
        ) if last else None
    ctx.want_rows = True
    result = await indicator.compute(ctx, period)
    ordered = sorted(result.rows, key=_key)
    if page.after is not None:
        ordered = [r for r in ordered if _key(r) > (page.after[0], page.after[1])]
    return page_of(ordered[: page.fetch], page, name, _key)


def _activity_page(page: PageRequest) -> PageRequest:
    """The activities' cursor read back: (when, id), or 400 for one this list did not give."""
    assert page.after is not None
    at, last = page.after
    try:
        when = datetime.fromisoformat(at)
    except ValueError as exc:
        raise field_error("query.cursor", BAD_CURSOR, status=400) from exc
    if when.tzinfo is None or as_uuid(last) is None:
        raise field_error("query.cursor", BAD_CURSOR, status=400)
    return PageRequest(page.limit, (when.isoformat(), last))


def _key(row: wire.OutcomeRow) -> tuple[str, str]:
    """Name, then id and day: a client with two jobs has two rows."""
    return row.name, f"{row.id}:{row.day.isoformat() if row.day else ''}"


__all__ = ["BY_ID", "dashboard", "rows", "rows_request"]
