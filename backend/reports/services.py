"""Filling in a funder's table, submitting it as a signed snapshot, correcting it, and reading
submitted reports back. The only writer of ``funder_reports``, and it only inserts."""

from __future__ import annotations

import calendar
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec

from backend import accounts
from backend.clients import InScope
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.reports import access, definitions, suppression
from backend.reports.definitions import DefinitionData
from backend.reports.figures import figures
from backend.reports.tables import Report
from backend.sync import insert_once
from shared_schemas import reports as wire

NO_DEFINITION = "There is no such report definition."
NO_REPORT = "There is no such report."
REPORTS = "funder-reports"
"""The list's name in its cursors."""


class Snapshot(msgspec.Struct, kw_only=True):
    """What is stored and hashed: everything a report says, as it was submitted. The submitter
    is named by id (a pseudonym once their account is erased, like the audit log's)."""

    definition: DefinitionData
    scope: wire.ReportScope
    period: str
    start: date
    end: date
    cells: list[list[wire.Cell]]
    """Per row, per column: already suppressed. The raw counts are not kept."""
    submitted_by: str
    submitted_at: datetime
    corrects: str | None
    note: str


@dataclass(frozen=True, slots=True)
class Chosen:
    """A period asked for: its name and days."""

    name: str
    kind: wire.PeriodKind
    first: date
    last: date


def parse_period(text: str, found: DefinitionData, field: str) -> Chosen:
    """``2026``, ``2026-Q3`` or ``2026-11``, of a kind the definition asks about; begun."""
    try:
        year = int(text[:4])
        if len(text) == 4:
            chosen = Chosen(text, "year", date(year, 1, 1), date(year, 12, 31))
        elif text[5] == "Q":
            quarter = int(text[6])
            first = date(year, 3 * quarter - 2, 1)
            last_month = 3 * quarter
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
            chosen = Chosen(text, "quarter", first, last)
        else:
            month = int(text[5:7])
            chosen = Chosen(
                text,
                "month",
                date(year, month, 1),
                date(year, month, calendar.monthrange(year, month)[1]),
            )
    except (ValueError, IndexError) as exc:
        raise field_error(
            field, "Choose a year (2026), a quarter (2026-Q3) or a month (2026-11).", 400
        ) from exc
    if chosen.kind not in found.periods:
        raise field_error(field, "This report is not made for such a period.", 400)
    if chosen.first > clock.now().date():
        raise field_error(field, "Choose a period that has begun.", 400)
    return chosen


def definition(definition_id: str, field: str) -> DefinitionData:
    found = definitions.current(definition_id)
    if found is None:
        raise field_error(field, NO_DEFINITION, 400)
    return found


async def resolve_scope(
    actor: Actor, kind: wire.ScopeKind | None, scope_id: str | None
) -> wire.ReportScope:
    """The scope asked for (by default the reader's own), or 403 when out of reach."""
    access.require(access.can_use_reports(actor))
    if kind is None:
        kind = "organisation" if actor.role == "admin" else "team"
        scope_id = actor.team_id if kind == "team" else None
    if kind == "organisation":
        access.require(access.can_report_on_organisation(actor), access.OUT_OF_REACH)
        return wire.ReportScope(kind="organisation")
    access.require(access.can_report_on_team(actor, scope_id), access.OUT_OF_REACH)
    teams = await accounts.team_names(scope_id)
    access.require(bool(teams), access.OUT_OF_REACH)
    return wire.ReportScope(kind="team", id=teams[0].id, name=teams[0].name)


async def fill(
    found: DefinitionData, scope: wire.ReportScope, period: Chosen
) -> list[list[wire.Cell]]:
    """The definition's rows over the scope and the period, suppressed."""
    within = InScope(team=scope.id) if scope.kind == "team" else InScope()
    counts = await figures(period.first, period.last, within)
    return [
        suppression.suppress_row([counts.count(row.measure, col.entry) for col in found.columns])
        for row in found.rows
    ]


def table(
    found: DefinitionData,
    scope: wire.ReportScope,
    period: str,
    start: date,
    end: date,
    cells: list[list[wire.Cell]],
    locale: str,
) -> wire.Table:
    return wire.Table(
        definition_id=found.id,
        definition_version=found.version,
        name=found.name(locale),
        scope=scope,
        period=period,
        start=start,
        end=end,
        row_heading=found.row_heading(locale),
        columns=[wire.Column(id=c.id, label=c.label(locale)) for c in found.columns],
        rows=[
            wire.Row(
                id=r.id,
                code=r.code,
                label=r.label(locale),
                definition=r.definition(locale),
                cells=row_cells,
            )
            for r, row_cells in zip(found.rows, cells, strict=True)
        ],
        notes=[n(locale) for n in found.notes],
    )


def snapshot_table(snap: Snapshot, locale: str) -> wire.Table:
    return table(snap.definition, snap.scope, snap.period, snap.start, snap.end, snap.cells, locale)


async def preview(
    actor: Actor,
    definition_id: str,
    period: str,
    kind: wire.ScopeKind | None,
    scope_id: str | None,
    locale: str,
) -> wire.Table:
    found = definition(definition_id, "query.definition")
    chosen = parse_period(period, found, "query.period")
    scope = await resolve_scope(actor, kind, scope_id)
    cells = await fill(found, scope, chosen)
    return table(found, scope, chosen.name, chosen.first, chosen.last, cells, locale)


async def _row(report_id: str) -> dict[str, Any] | None:
    key = as_uuid(report_id)
    if key is None:
        return None
    row: dict[str, Any] | None = (
        await Report.select(
            *Report.all_columns(), Report.submitted_by.display_name.as_alias("by_name")
        )
        .where(Report.id == key)
        .first()
    )
    return row


async def _visible(actor: Actor, report_id: str) -> dict[str, Any]:
    access.require(access.can_use_reports(actor))
    row = await _row(report_id)
    if row is None or not access.can_see_report(
        actor, row["scope_kind"], str(row["team"]) if row["team"] else None
    ):
        raise not_found(NO_REPORT)
    return row


async def submit(actor: Actor, data: wire.ReportCreate) -> tuple[str, bool]:
    """A new signed snapshot (or the one this ``localId`` made before): (its id, created)."""
    uid = as_uuid(data.local_id)
    owner = {"submitted_by": actor.id}
    if uid is not None and await Report.exists().where(Report.client_uuid == uid):
        found_row, _ = await insert_once(Report, Report(client_uuid=uid), owner, data)
        return str(found_row["id"]), False
    found = definition(data.definition, "body.definition")
    chosen = parse_period(data.period, found, "body.period")
    if chosen.last >= clock.now().date():
        raise field_error("body.period", "A report is submitted once its period has ended.")
    scope = await resolve_scope(actor, data.scope, data.scope_id)
    corrects = None
    if data.corrects is not None:
        old = await _row(data.corrects)
        if old is None or not access.can_see_report(
            actor, old["scope_kind"], str(old["team"]) if old["team"] else None
        ):
            raise field_error("body.corrects", NO_REPORT, 404)
        if await Report.exists().where(Report.corrects == old["id"]):
            raise field_error(
                "body.corrects", "This report was corrected already: correct the newest.", 409
            )
        team = str(old["team"]) if old["team"] else None
        if (old["definition_id"], old["period"], old["scope_kind"], team) != (
            found.id,
            chosen.name,
            scope.kind,
            scope.id,
        ):
            raise field_error(
                "body.corrects", "A correction is of the same report, team and period."
            )
        if not data.note.strip():
            raise field_error("body.note", "Say in a few words what the correction changes.")
        corrects = str(old["id"])
    at = clock.now()
    snap = Snapshot(
        definition=found,
        scope=scope,
        period=chosen.name,
        start=chosen.first,
        end=chosen.last,
        cells=await fill(found, scope, chosen),
        submitted_by=actor.id,
        submitted_at=at,
        corrects=corrects,
        note=data.note.strip(),
    )
    content = msgspec.json.encode(snap)
    row = Report(
        client_uuid=uid or uuid.uuid4(),
        definition_id=found.id,
        definition_version=found.version,
        scope_kind=scope.kind,
        team=as_uuid(scope.id) if scope.id else None,
        period=chosen.name,
        period_start=chosen.first,
        period_end=chosen.last,
        content=content.decode(),
        content_hash=hashlib.sha256(content).hexdigest(),
        submitted_by=actor.id,
        submitted_at=at,
        corrects=as_uuid(corrects) if corrects else None,
        note=data.note.strip(),
    )
    stored, created = await insert_once(Report, row, owner, data)
    return str(stored["id"]), created


def _snapshot(row: dict[str, Any]) -> Snapshot:
    return msgspec.json.decode(row["content"].encode(), type=Snapshot)


async def _superseded_by(report_id: Any) -> str | None:
    found = await Report.select(Report.id).where(Report.corrects == report_id).first()
    return str(found["id"]) if found else None


async def read(actor: Actor, report_id: str, locale: str) -> tuple[wire.Report, Snapshot]:
    row = await _visible(actor, report_id)
    snap = _snapshot(row)
    base = f"/api/reports/{row['id']}"
    return (
        wire.Report(
            id=str(row["id"]),
            submitted_at=snap.submitted_at,
            submitted_by=row["by_name"] or "",
            submitted_by_id=str(row["submitted_by"]) if row["submitted_by"] else None,
            content_hash=row["content_hash"],
            intact=hashlib.sha256(row["content"].encode()).hexdigest() == row["content_hash"],
            corrects=snap.corrects,
            superseded_by=await _superseded_by(row["id"]),
            note=snap.note,
            table=snapshot_table(snap, locale),
            downloads=[
                wire.Download(kind=kind, href=f"{base}/report.{kind}?language={locale}")
                for kind in ("xlsx", "csv", "pdf")
            ],
        ),
        snap,
    )


async def snapshot_for_download(actor: Actor, report_id: str) -> tuple[dict[str, Any], Snapshot]:
    row = await _visible(actor, report_id)
    return row, _snapshot(row)


def list_request(cursor: str | None, limit: int) -> PageRequest:
    """Newest first, then by id."""
    return page_request(REPORTS, cursor, limit, datetime, str)


async def listing(
    actor: Actor, page: PageRequest, locale: str
) -> tuple[list[wire.ReportSummary], str | None]:
    """The reports the reader may see, newest first: an administrator's all, a coordinator's
    her team's."""
    access.require(access.can_use_reports(actor))
    where: Any = Report.id.is_not_null()
    if actor.role != "admin":
        team = as_uuid(actor.team_id) if actor.team_id else None
        where &= (Report.scope_kind == "team") & (Report.team == team)
    if (after := after_key(page, Report.submitted_at, Report.id, descending=True)) is not None:
        where &= after
    rows = (
        await Report.select(
            Report.id,
            Report.definition_id,
            Report.definition_version,
            Report.scope_kind,
            Report.team,
            Report.team.name.as_alias("team_name"),
            Report.period,
            Report.submitted_at,
            Report.corrects,
            Report.submitted_by.display_name.as_alias("by_name"),
        )
        .where(where)
        .order_by(Report.submitted_at, Report.id, ascending=False)
        .limit(page.fetch)
    )
    ids = [r["id"] for r in rows]
    corrected = {
        str(r["corrects"]): str(r["id"])
        for r in (
            await Report.select(Report.id, Report.corrects).where(Report.corrects.is_in(ids))
            if ids
            else []
        )
    }
    items = [
        wire.ReportSummary(
            id=str(r["id"]),
            name=_name(r["definition_id"], r["definition_version"], locale),
            scope=wire.ReportScope(
                kind=r["scope_kind"],
                id=str(r["team"]) if r["team"] else None,
                name=r["team_name"] or "",
            ),
            period=r["period"],
            submitted_at=r["submitted_at"],
            submitted_by=r["by_name"] or "",
            corrects=str(r["corrects"]) if r["corrects"] else None,
            superseded_by=corrected.get(str(r["id"])),
        )
        for r in rows
    ]
    return page_of(items, page, REPORTS, lambda s: (s.submitted_at.isoformat(), s.id))


def _name(definition_id: str, version: int, locale: str) -> str:
    found = definitions.version(definition_id, version)
    return found.name(locale) if found else definition_id
