""" "Who looked at your record": the audit entries about a person made by someone else, grouped
per person and day into one plain sentence each, in the reader's language.

The screen reads them a few days at a time, newest first ("Show earlier"), from the
(subject, id) index of the audit log: a page costs what its days hold, never the whole history.
The export groups all of them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from backend import audit as audit_log
from backend.accounts.tables import User
from backend.lib import i18n, localtime
from backend.lib.ids import as_uuid
from backend.privacy import describe, walk
from shared_schemas import privacy as wire

DAYS_PER_PAGE = 7
BATCH = 500


def group(
    rows: Iterable[audit_log.Reading],
    people: dict[str, dict[str, str]],
    locale: str,
    zone: str,
    reader: str = "client",
) -> list[wire.ViewGroup]:
    """``rows`` newest first (``id``, ``at``, ``action``, ``actor``) → one group per day and
    person: days newest first, within a day the person who acted last first."""
    groups: dict[tuple[date, str], list[audit_log.Reading]] = {}
    for row in rows:
        groups.setdefault((localtime.today(row.at, zone), row.actor), []).append(row)
    out = []
    for (day, actor), entries in groups.items():
        actions: list[str] = []
        for entry in reversed(entries):  # in the order done
            if entry.action not in actions:
                actions.append(entry.action)
        who = people.get(actor, {})
        name = who.get("name") or describe.someone(locale)
        role = who.get("role", "unknown")
        out.append(
            wire.ViewGroup(
                day=day,
                actor_name=name,
                actor_role=role,
                actions=actions,
                count=len(entries),
                sentence=describe.view_sentence(name, role, actions, day, locale, reader),
            )
        )
    return out


async def people_of(ids: Iterable[str]) -> dict[str, dict[str, str]]:
    wanted = sorted({i for i in ids if as_uuid(i)})
    people: dict[str, dict[str, str]] = {}
    for chunk in walk._chunks(wanted):
        for r in await User.select(User.id, User.display_name, User.role).where(
            User.id.is_in(chunk)
        ):
            people[str(r["id"])] = {"name": r["display_name"], "role": r["role"]}
    return people


async def page(
    who: walk.Person, locale: i18n.Locale, zone: str, before: int | None
) -> wire.RecordViews:
    """Up to ``DAYS_PER_PAGE`` days with entries, older than the entry ``before``. Rows come in
    batches until the day after the last one shows up, so every day on the page is whole."""
    rows: list[audit_log.Reading] = []
    days: list[date] = []
    earlier: str | None = None
    cursor = before
    while earlier is None:
        batch = await audit_log.about(who.id, before=cursor, limit=BATCH)
        for row in batch:
            day = localtime.today(row.at, zone)
            if not days or days[-1] != day:
                if len(days) == DAYS_PER_PAGE:
                    earlier = str(row.id + 1)
                    break
                days.append(day)
            rows.append(row)
        if len(batch) < BATCH:
            break
        cursor = batch[-1].id
    people = await people_of(r.actor for r in rows)
    return wire.RecordViews(
        groups=group(rows, people, locale, zone, who.role),
        earlier=earlier,
        locale=locale,
        direction=i18n.direction(locale),
    )
