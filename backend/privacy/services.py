"""My data (GDPR Art. 15), the export (Art. 15 and 20) and erasure (Art. 17), over the rows
``walk.collect`` finds. The rules are written down in ``docs/privacy.md``.

(Longer than 400 lines: the three share finding the person, the audit entry of each and the
walk's result; the next split is one module each for My data, the export and erasure.)"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import io
import re
import time
import zipfile
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

import msgspec

from backend import accounts, sync
from backend.accounts.tables import User
from backend.audit import Reading, forget_personal_fields
from backend.audit import record as audit
from backend.audit.tables import AuditEvent
from backend.clients.tables import ClientRecord
from backend.lib import i18n
from backend.lib.clock import now
from backend.lib.db import Statement, fetch
from backend.lib.ids import as_uuid
from backend.lib.storage import get_storage
from backend.privacy import describe, files, views, walk
from backend.sync.tables import IdempotencyRecord
from backend.tasks.tables import Photo, Task
from shared_schemas import privacy as wire

T = TypeVar("T")
FORMAT = "stepwise-export/1"
# Whose data the privacy pages show and who is erased here: the people Stepwise holds data
# *about*. Staff accounts mostly hold what staff did for clients, which is the clients' data; an
# administrator answers a staff member's request by hand.
SUBJECTS = frozenset({"client", "family"})
_ISO_INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


async def _people(found: walk.Found) -> dict[str, dict[str, str]]:
    """Every person a found row points at: id → name and role."""
    ids: set[str] = set()
    for part in (found.theirs, found.mentions, found.about):
        for tablename, rows in part.items():
            columns = walk.user_columns(tablename)
            async for row in _turns(rows.values()):
                ids.update(str(row[c]) for c in columns if row.get(c) is not None)
    # Thousands of audit entries: in turns too, like every loop over them here.
    async for row in _turns(found.kept.get(AuditEvent._meta.tablename, {}).values(), 1000):
        ids.add(row["actor"])
        ids.add(row["subject"])
    ids.discard("")
    ids.add(found.person.id)
    wanted = sorted(i for i in ids if as_uuid(i))
    people: dict[str, dict[str, str]] = {}
    for chunk in walk._chunks(wanted):
        for r in await User.select(User.id, User.display_name, User.role).where(
            User.id.is_in(chunk)
        ):
            people[str(r["id"])] = {"name": r["display_name"], "role": r["role"]}
    return people


def _audit_row(person_id: str, row: dict[str, Any]) -> dict[str, Any]:
    """An audit entry for the person: the address and browser only when the action was theirs
    (staff's are the staff member's personal data)."""
    own = row["actor"] == person_id
    out = walk.exportable(AuditEvent._meta.tablename, row)
    if not own:
        out.pop("ip", None)
        out.pop("user_agent", None)
    return out


TURN = 100
"""Rows put into words between two turns of other requests (the event loop's)."""


async def _turns(rows: Iterable[T], turn: int = TURN) -> AsyncIterator[T]:
    """``rows``, letting other requests run every ``TURN`` rows: thousands of rows in words
    are CPU work, done here in turns rather than in a thread (a thread holding the GIL makes
    every other request wait for it at each step, which costs them more)."""
    for number, row in enumerate(rows):
        if number and number % turn == 0:
            await asyncio.sleep(0)
        yield row


async def _tables(found: walk.Found) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for part in (found.theirs, found.mentions, found.about):
        for tablename, rows in part.items():
            bucket = out.setdefault(tablename, [])
            async for row in _turns(rows.values()):
                bucket.append(walk.exportable(tablename, row))
    for tablename, rows in found.kept.items():
        out[tablename] = [_audit_row(found.person.id, row) async for row in _turns(rows.values())]
    return dict(sorted(out.items()))


async def _view_rows(found: walk.Found) -> list[Reading]:
    """What others did in the person's record, newest first."""
    person = found.person.id
    rows = [
        Reading(id=r["id"], at=r["at"], action=r["action"], actor=r["actor"])
        async for r in _turns(found.kept.get(AuditEvent._meta.tablename, {}).values())
        if r["subject"] == person and r["actor"] not in {"", person}
    ]
    rows.sort(key=lambda r: r.id, reverse=True)
    return rows


async def _views(
    found: walk.Found, people: dict[str, dict[str, str]], locale: str
) -> list[wire.RecordView]:
    rows = await _view_rows(found)
    return [
        wire.RecordView(
            at=r.at,
            actor_name=people.get(r.actor, {}).get("name", describe.someone(locale)),
            actor_role=people.get(r.actor, {}).get("role", "unknown"),
            action=r.action,
            what=describe.action(r.action, locale),
        )
        async for r in _turns(rows)
    ]


async def _plain_audit(
    found: walk.Found, rows: dict[str, dict[str, Any]], names: dict[str, str], locale: str
) -> list[dict[str, Any]]:
    """The audit entries in words: who by name, what in words, no team or subject ids."""
    out = []
    async for row in _turns(sorted(rows.values(), key=lambda r: r["id"])):
        entry = _audit_row(found.person.id, row)
        entry["actor"] = names.get(row["actor"], row["actor"] and describe.someone(locale))
        entry["action"] = describe.action(row["action"], locale)
        entry.pop("subject", None)
        entry.pop("team", None)
        out.append(describe.plain_row(AuditEvent._meta.tablename, entry, names, locale))
    return out


async def _sections(
    found: walk.Found, people: dict[str, dict[str, str]], locale: str
) -> list[wire.DataSection]:
    names = {i: p["name"] for i, p in people.items()}
    order = [*describe.ORDER, *sorted(set(found.tables()) - set(describe.ORDER))]
    sections = []
    for tablename in order:
        if tablename in found.kept:
            plain = await _plain_audit(found, found.kept[tablename], names, locale)
        else:
            plain = [
                describe.plain_row(tablename, row, names, locale)
                for part in (found.theirs, found.mentions, found.about)
                async for row in _turns(part.get(tablename, {}).values())
            ]
            if not plain and tablename not in found.withheld:
                continue
        title, description = describe.title(tablename, locale, found.person.role)
        if tablename in found.withheld:
            description += " " + describe.withheld(tablename, found.withheld[tablename], locale)
        sections.append(
            wire.DataSection(key=tablename, title=title, description=description, rows=plain)
        )
    return sections


async def _plain(
    who: walk.Person, found: walk.Found, people: dict[str, dict[str, str]], locale: i18n.Locale
) -> wire.MyData:
    return wire.MyData(
        person_id=who.id,
        display_name=who.name,
        role=who.role,
        generated_at=now(),
        sections=await _sections(found, people, locale),
        views=await _views(found, people, locale),
        row_count=found.row_count(),
        locale=locale,
        direction=i18n.direction(locale),
    )


def _their_copy(found: walk.Found) -> walk.Found:
    """The rows as the person gets them: without the columns their role does not get
    (``describe.HIDDEN_FROM``: a family member's copy of a consent given to them). Erasure
    works on what ``walk.collect`` found, never on this."""

    def trim(part: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for tablename, rows in part.items():
            hidden = describe.hidden(found.person.role, tablename)
            out[tablename] = {
                key: {c: v for c, v in row.items() if c not in hidden} for key, row in rows.items()
            }
        return out

    return dataclasses.replace(
        found,
        theirs=trim(found.theirs),
        mentions=trim(found.mentions),
        about=trim(found.about),
    )


STAFF = frozenset({"admin", "coordinator", "coach"})
STAFF_OWN = frozenset(
    {
        "users",
        "competence_self_assessments",
        "competence_self_ratings",
        "competence_visits",
        "competence_evidence",
        "competence_assessments",
        "competence_certificates",
        "competence_onboarding",
        "competence_trainings",
        "competence_plan_goals",
        "competence_simulations",
        "competence_field_mentors",
    }
)
"""A staff member's own copy holds their account and their competence record (the rows that are
theirs as the person developed: self-assessments, visits of their work, evidence attached to
their record, their assessments and certificates; their onboarding, training records with their
certificate files, plan goals and simulations; who mentors them in the field, and whom they
mentor), and the audit entries about them. Not what
they did for clients (their activities, clients' records, profiles, analyses: the clients'
data, some of it special-category), nor rows that only name them (a visit they logged of a
colleague, an assessment they signed of one)."""


def _staff_copy(found: walk.Found) -> walk.Found:
    audit = AuditEvent._meta.tablename
    about_them = {
        key: row
        for key, row in found.kept.get(audit, {}).items()
        if str(row.get("subject", "")) == found.person.id
    }
    return dataclasses.replace(
        found,
        theirs={t: rows for t, rows in found.theirs.items() if t in STAFF_OWN},
        mentions={},
        about={},
        kept={audit: about_them} if about_them else {},
    )


async def _collect(who: walk.Person) -> walk.Found:
    found = _their_copy(await walk.collect(who))
    return _staff_copy(found) if who.role in STAFF else found


async def my_data(who: walk.Person, locale: i18n.Locale) -> wire.MyData:
    """Everything about the person in plain words, in ``locale`` (``backend.lib.i18n.choose``)."""
    found = await _collect(who)
    people = await _people(found)
    return await _plain(who, found, people, locale)


# --- the export -----------------------------------------------------------------------------


def _when(value: str, locale: str, zone: str) -> str | None:
    """An ISO date or instant (as ``walk.plain_value`` writes them) in the person's words."""
    try:
        if _ISO_DAY.match(value):
            return i18n.format_date(locale, date.fromisoformat(value))
        if _ISO_INSTANT.match(value):
            at = datetime.fromisoformat(value)
            if at.tzinfo is not None:
                return i18n.format_datetime(locale, at, zone)
    except ValueError:
        pass
    return None


def _cell(value: Any, locale: str, zone: str) -> str:
    if isinstance(value, dict | list):
        return html.escape(msgspec.json.encode(value).decode())
    if isinstance(value, str) and (when := _when(value, locale, zone)) is not None:
        return html.escape(when)
    return html.escape("" if value is None else str(value))


_STYLE = (
    "body{font:1.125rem/1.6 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;"
    "color:#111;background:#fff}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "caption{text-align:start;font-style:italic;padding:.25rem 0}"
    "th,td{border:1px solid #555;padding:.25rem .5rem;text-align:start;vertical-align:top}"
    "th{background:#eee}img{max-width:100%;height:auto}"
    ".table{overflow-x:auto;margin:.5rem 0 1.5rem}.table table{margin:0}"
    ".table:focus{outline:3px solid #000;outline-offset:2px}"
)


def _table(number: int, caption: str, columns: list[str], rows: list[list[str]]) -> str:
    """A data table with a caption and column headers (WCAG 1.3.1, techniques H39 and H63), in
    a region that scrolls sideways by itself and takes keyboard focus, so a wide table never
    makes the page scroll (WCAG 1.4.10 Reflow, 2.1.1 Keyboard)."""
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<div class="table" role="region" tabindex="0" aria-labelledby="table-{number}">'
        f'<table><caption id="table-{number}">{esc(caption)}</caption>'
        f"<tr>{head}</tr>{body}</table></div>"
    )


async def _html(
    data: wire.MyData, groups: list[wire.ViewGroup], file_names: list[str], zone: str
) -> str:
    """A page in the person's language (``lang``, ``dir``) and times on the clock of ``zone``,
    that opens from the archive with no network: no scripts, no external resources, every
    value escaped."""
    esc = html.escape
    locale = data.locale

    def say(key: str, **params: object) -> str:
        return esc(describe.say(data.role, locale, key, **params))

    title = say("export.title", name=data.display_name)
    parts = [
        "<!doctype html>",
        f'<html lang="{locale}" dir="{data.direction}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style>",
        "</head><body><main>",
        f"<h1>{title}</h1>",
        f"<p>{say('export.made', date=i18n.format_datetime(locale, data.generated_at, zone))}</p>",
        f"<h2>{say('export.viewsTitle')}</h2>",
    ]
    if groups:
        # One sentence per person and day ("Jonas, your job coach, looked at your tasks and
        # your goals — 5 December 2026"); data.json keeps every entry with its time.
        parts.append(f"<p>{say('export.viewsCaption')}</p><ul>")
        parts += [f"<li>{esc(g.sentence)}</li>" for g in groups]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{say('export.viewsNone')}</p>")
    for number, section in enumerate(data.sections, start=1):
        columns: list[str] = []
        for row in section.rows:
            columns += [c for c in row if c not in columns]
        parts.append(f"<h2>{esc(section.title)}</h2>")
        parts.append(
            _table(
                number,
                section.description,
                columns,
                [
                    [_cell(row.get(c), locale, zone) for c in columns]
                    async for row in _turns(section.rows)
                ],
            )
        )
    if file_names:
        parts.append(f"<h2>{say('export.filesTitle')}</h2><ul>")
        for name in file_names:
            link = esc(name, quote=True)
            if name.endswith(".jpg"):
                alt = say("export.photo", name=name)
                parts.append(f'<li><a href="{link}"><img src="{link}" alt="{alt}"></a></li>')
            else:
                parts.append(f'<li><a href="{link}">{esc(name)}</a></li>')
        parts.append("</ul>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


class _Sink(io.RawIOBase):
    """Where ``zipfile`` writes: it keeps what was written until the stream takes it. It can
    tell its position but not seek, so ``zipfile`` writes each entry's sizes after its data
    (a data descriptor, APPNOTE 4.3.9) and never goes back."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._at = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        piece = bytes(data)
        self._parts.append(piece)
        self._at += len(piece)
        return len(piece)

    def tell(self) -> int:
        return self._at

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


Entry = tuple[str, AsyncIterator[bytes], int]


async def _zip_stream(entries: list[Entry]) -> AsyncIterator[bytes]:
    """The ZIP archive of ``entries`` as it is written, a piece at a time: what is held at any
    moment is one piece of one file, however many photos there are."""
    sink = _Sink()
    stamp = time.localtime()[:6]
    with zipfile.ZipFile(sink, "w") as archive:
        for name, source, compression in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = compression
            info.external_attr = 0o600 << 16
            with archive.open(info, "w") as out:
                async for piece in source:
                    out.write(piece)
                    if ready := sink.take():
                        yield ready
            if ready := sink.take():
                yield ready
    if ready := sink.take():
        yield ready


async def _documents(
    who: walk.Person,
    found: walk.Found,
    people: dict[str, dict[str, str]],
    locale: i18n.Locale,
    zone: str,
    names: list[str],
) -> tuple[bytes, bytes]:
    """data.json and index.html."""
    plain = await _plain(who, found, people, locale)
    groups = views.group(await _view_rows(found), people, locale, zone, who.role)
    data = {
        "format": FORMAT,
        "generatedAt": plain.generated_at.isoformat(),
        "person": {"id": who.id, "displayName": who.name, "role": who.role},
        "tables": await _tables(found),
        "withheld": dict(sorted(found.withheld.items())),
        "people": people,
        "recordViews": msgspec.to_builtins(plain.views),
        "recordViewsInWords": msgspec.to_builtins(groups),
        "files": names,
    }
    return (
        msgspec.json.format(msgspec.json.encode(data)),
        (await _html(plain, groups, names, zone)).encode(),
    )


async def export(
    who: walk.Person, locale: i18n.Locale, zone: str = "UTC"
) -> tuple[AsyncIterator[bytes], dict[str, int]]:
    """One ZIP: ``data.json`` (every row, machine-readable, instants in UTC), ``index.html``
    (the same in plain words, in ``locale``, times on the clock of ``zone``) and the person's
    photos and recordings, streamed (the files read from the storage a piece at a time).
    Returns (the archive's bytes as they are made, counts for the audit)."""
    found = await _collect(who)
    storage = get_storage()
    stored = [
        (key, name)
        for key, name in files.export_files(found.theirs)
        if await storage.size(key) is not None
    ]
    people = await _people(found)
    names = [name for _, name in stored]
    data_json, page = await _documents(who, found, people, locale, zone, names)
    entries: list[Entry] = [
        ("data.json", _once(data_json), zipfile.ZIP_DEFLATED),
        ("index.html", _once(page), zipfile.ZIP_DEFLATED),
        *((name, storage.chunks(key), zipfile.ZIP_STORED) for key, name in stored),
    ]
    return _zip_stream(entries), {"rows": found.row_count(), "files": len(stored)}


def export_name(at: datetime) -> str:
    return f"stepwise-my-data-{at.strftime('%Y-%m-%d')}.zip"


# --- erasure -----------------------------------------------------------------------------


_IN_SIZES = (1, 8, 64, walk.CHUNK)


class _Keyed:
    """``sql`` with ``{keys}`` as an ``IN`` list of each size in ``_IN_SIZES``, each made the
    first time it is needed (most lists are short: the long forms are seldom built)."""

    def __init__(self, sql: str) -> None:
        self.sql = sql
        self._made: dict[int, Statement] = {}

    def __getitem__(self, size: int) -> Statement:
        made = self._made.get(size)
        if made is None:
            made = self._made[size] = Statement(self.sql.format(keys=", ".join("?" * size)))
        return made


@cache
def _delete_by_key(tablename: str) -> _Keyed:
    pk = walk.table_classes()[tablename]._meta.primary_key._meta.db_column_name
    return _Keyed(f'DELETE FROM "{tablename}" WHERE "{pk}" IN ({{keys}})')  # noqa: S608 (names)


@cache
def _empty(tablename: str, column: str) -> Statement:
    sql = f'UPDATE "{tablename}" SET "{column}" = NULL WHERE "{column}" = ?'  # noqa: S608 (names)
    return Statement(sql)


# Copies are found by the partial index of copies (``copied_from <> ''``, a tasks migration).
_UNLINK_COPIES = _Keyed(
    'UPDATE "tasks" SET "copied_from" = ? WHERE "copied_from" IN ({keys}) AND "copied_from" <> \'\''
)


async def _run_in(statements: _Keyed, keys: list[Any], *before: Any) -> None:
    """``statements`` for every chunk of ``keys`` (after the arguments ``before``)."""
    for chunk in walk._chunks(keys):
        size = next(n for n in _IN_SIZES if n >= len(chunk))
        await fetch(
            User._meta.db, statements[size], *before, *chunk, *[chunk[-1]] * (size - len(chunk))
        )


_COPIES = _Keyed(
    'SELECT CAST("id" AS TEXT) FROM "tasks" WHERE "copied_from" IN ({keys})'
    " AND \"copied_from\" <> ''"
)
_PHOTOS_OF_TASKS = _Keyed(
    'SELECT "id", "task", "content_hash" FROM "photos" WHERE "task" IN ({keys})'
)


async def _fetch_in(statements: _Keyed, keys: list[Any]) -> list[Sequence[Any]]:
    """The rows of ``statements[n]`` for ``keys``, a chunk at a time, each chunk padded (its
    last key repeated) to a size there is a statement for."""
    out: list[Sequence[Any]] = []
    for chunk in walk._chunks(keys):
        size = next(n for n in _IN_SIZES if n >= len(chunk))
        out += await fetch(
            Task._meta.db, statements[size], *chunk, *[chunk[-1]] * (size - len(chunk))
        )
    return out


async def _copies_of_photos(found: walk.Found) -> list[dict[str, Any]]:
    """Step photos in copies of the person's tasks (a task copied to a template, that template
    to another client: ``copied_from``, followed down) with the content of one of the person's
    photos: copying carried the files, so they are the person's photos too. A photo elsewhere
    with the same content is someone else's and stays."""
    theirs = found.theirs.get(Photo._meta.tablename, {})
    hashes = {row["content_hash"] for row in theirs.values()}
    if not hashes:
        return []
    seen = set(found.theirs.get(Task._meta.tablename, {}))
    parents = sorted(seen)
    copies_of_tasks: list[str] = []
    while parents:
        children = sorted({str(r[0]) for r in await _fetch_in(_COPIES, parents)} - seen)
        seen.update(children)
        copies_of_tasks += children
        parents = children
    tasks = [as_uuid(t) or t for t in copies_of_tasks]
    return [
        {"id": row[0], "task": row[1]}
        for row in await _fetch_in(_PHOTOS_OF_TASKS, tasks)
        if row[2] in hashes and str(row[0]) not in theirs
    ]


def same_name(a: str, b: str) -> bool:
    """The confirmation: the name as shown, ignoring case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_TEAM = Statement('SELECT CAST("team" AS TEXT) FROM "client_records" WHERE "user" = ?')


async def erase_and_record(
    who: walk.Person, *, actor: str, request: Any = None, via: str = "api"
) -> wire.ErasureReport:
    """Erase, then write the one audit entry that remains of it: the pseudonymous id, the
    administrator (or "" at the command line), counts — no name."""
    record = await fetch(ClientRecord._meta.db, _TEAM, who.id)
    report = await erase(who)
    await audit(
        "erased",
        request=request,
        actor=actor,
        subject=who.id,
        team=str(record[0][0] or "") if record else "",
        detail={"rows": sum(report.rows.values()), "storedItems": report.stored_items, "via": via},
    )
    return report


async def erase(who: walk.Person) -> wire.ErasureReport:
    """Every row about the person and every file of theirs; the audit log keeps only the id,
    as a pseudonym, with the personal fields blanked (docs/privacy.md)."""
    found = await walk.collect(who, for_erasure=True)
    copies = await _copies_of_photos(found)
    prefixes = files.erase_prefixes(found.theirs) + [
        f"tasks/{row['task']}/photos/{row['id']}" for row in copies
    ]
    storage = get_storage()
    await accounts.end_all_sessions(who.id)
    # Files first: a failure here leaves the rows, and erasure can simply be run again. Their
    # keys go at once; the storage frees the bytes meanwhile (``delete_prefixes``).
    await storage.delete_prefixes(prefixes)
    counts: dict[str, int] = {}
    own_replays = [
        row["scope_key"] for row in found.theirs.get(IdempotencyRecord._meta.tablename, {}).values()
    ]
    # Others' writes whose stored answer names the person: found by the index kept with them.
    replays = sorted(set(await sync.answers_naming(who.id)) - set(own_replays))
    engine = User._meta.db
    async with engine.transaction():
        for tablename, column in found.mention_columns:
            await fetch(engine, _empty(tablename, column), who.id)
        if copies:
            await _run_in(_delete_by_key(Photo._meta.tablename), [row["id"] for row in copies])
            counts[Photo._meta.tablename] = len(copies)
        # A copy of one of their tasks (a team template) keeps its steps, not the link back.
        await _run_in(_UNLINK_COPIES, list(found.theirs.get(Task._meta.tablename, {})), "")
        for tablename in walk.deletion_order(found.theirs):
            pk = walk.table_classes()[tablename]._meta.primary_key._meta.name
            keys = [row[pk] for row in found.theirs[tablename].values()]
            await _run_in(_delete_by_key(tablename), keys)
            counts[tablename] = counts.get(tablename, 0) + len(keys)
        await sync.forget_answers(replays + own_replays)
        if replays:
            counts[IdempotencyRecord._meta.tablename] = counts.get(
                IdempotencyRecord._meta.tablename, 0
            ) + len(replays)
    pseudonymised = await forget_personal_fields(who.id)
    return wire.ErasureReport(
        user_id=who.id,
        rows=dict(sorted(counts.items())),
        stored_items=len(prefixes),
        audit_entries_pseudonymised=pseudonymised,
    )
