"""Reading the audit log: administrators all of it, coordinators their team's."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Collection
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from litestar import Controller, Router, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, Parameter

from backend.audit import access, services
from backend.lib import localtime
from backend.lib.actor import CurrentActor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from shared_schemas.accounts import AuditEntry

MAX_PAGE = 200
_CURSOR = b"audit-before:"


def cursor_after(entry_id: int) -> str:
    """The opaque cursor that reads the entries older than ``entry_id`` (keyset paging: a page
    costs the same however far back it is, and entries written meanwhile shift nothing)."""
    return base64.urlsafe_b64encode(_CURSOR + str(entry_id).encode()).decode().rstrip("=")


def _before(cursor: str | None, before: int | None) -> int | None:
    if cursor is None or cursor == "":
        return before  # ``before``: the id, from versions of the app before the cursor
    bad = field_error(
        "query.cursor",
        "This is not a place in the audit log: start again from the newest entries.",
        status=400,
    )
    if len(cursor) > 64:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        raise bad from None
    number = raw.removeprefix(_CURSOR)
    if number == raw or not number.isdigit() or len(number) > 19:
        raise bad
    return int(number)


def _id(value: str | None, field: str, reason: str) -> str | None:
    if value is None or value == "":
        return None
    if as_uuid(value) is None:
        raise field_error(field, reason, status=400)
    return value


def _start(day: date | None, zone: str) -> datetime | None:
    return None if day is None else localtime.instant(day, time(0, 0), zone)


NameLookup = Callable[[Collection[str]], Awaitable[dict[str, str]]]
"""People's display names by id, in one query (the accounts domain answers it; ``app.py``
registers it as the ``display_names`` dependency, so the log needs no import of who signs in)."""
DisplayNames = NamedDependency[NameLookup]


async def _names(rows: list[dict[str, Any]], display_names: NameLookup) -> dict[str, str]:
    """The names of the people on one page: one query for at most two ids an entry."""
    ids = sorted({i for r in rows for i in (r["actor"], r["subject"]) if as_uuid(i)})
    return await display_names(ids) if ids else {}


class AuditController(Controller):
    path = "/api/audit"
    tags = ["audit"]

    @get("/", summary="The audit log, newest first, a page at a time, narrowed by filters")
    async def entries(
        self,
        actor: CurrentActor,
        display_names: DisplayNames,
        person: FromQuery[str | None] = None,
        client: FromQuery[str | None] = None,
        kind: FromQuery[str | None] = None,
        since: FromQuery[date | None] = None,
        until: FromQuery[date | None] = None,
        zone: FromQuery[str] = "UTC",
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, Parameter(ge=1, le=MAX_PAGE)] = MAX_PAGE,
        before: FromQuery[int | None] = None,
    ) -> list[AuditEntry]:
        """``person``: who acted; ``client``: who it was about; ``kind``: the action;
        ``since`` and ``until``: the first and last day, on the clock of ``zone`` (the app
        sends the phone's). ``cursor``: the ``cursor`` of the last entry of the previous page;
        fewer than ``limit`` entries means there are no older ones. (``before``, the id of that
        entry, is what earlier versions of the app send.) Coordinators read only their team's
        entries."""
        access.require(access.can_read_log(actor))
        if not localtime.is_zone(zone):
            raise field_error("query.zone", "Give a time zone such as Europe/Warsaw.", status=400)
        if since is not None and until is not None and until < since:
            raise field_error("query.until", "The last day cannot be before the first.", status=400)
        if kind is not None and (len(kind) > 48 or not kind.replace("_", "").isalpha()):
            raise field_error("query.kind", "Choose a kind from the list.", status=400)
        filters = services.Filters(
            team=access.team_scope(actor),
            actor=_id(person, "query.person", "Choose a person from the list."),
            subject=_id(client, "query.client", "Choose a client from the list."),
            action=kind or None,
            since=_start(since, zone),
            until=_start(until + timedelta(days=1), zone) if until else None,
        )
        rows = await services.page(filters, before=_before(cursor, before), limit=limit)
        names = await _names(rows, display_names)
        return [
            AuditEntry(
                id=r["id"],
                at=r["at"],
                action=r["action"],
                outcome=r["outcome"],
                actor=r["actor"],
                subject=r["subject"],
                detail=r["detail"],
                ip=r["ip"],
                user_agent=r["user_agent"],
                actor_name=names.get(r["actor"]),
                subject_name=names.get(r["subject"]),
                cursor=cursor_after(r["id"]),
            )
            for r in rows
        ]


router = Router(path="/", route_handlers=[AuditController])
