"""Every row about a person, found from Piccolo's table registry, so a new domain's tables are
included without changes here. (Longer than 400 lines: one algorithm, its rules and its SQL.)

The walk starts at the person's row in ``users`` and follows foreign keys *into* it:

- a row whose foreign key to a found row deletes with it (``ON DELETE CASCADE``, or RESTRICT,
  which must go first) is **theirs**: it is exported, and erased. Its own children are found the
  same way (the steps of the client's tasks, the answers of their conversations);
- a row that names the person in a ``SET NULL`` column (``created_by``, ``resolved_by``)
  **mentions** them: it is exported, and on erasure the column is emptied, the row kept.

Four kinds of rows have no foreign key to follow and are found by ``EXTRA`` rules below: the
replay copies of the person's own writes, invitations with their name, a client's day stamp, and
the audit log, which is kept (pseudonymised), never deleted.

Rows **about** the person that are not theirs are found by ``ABOUT`` rules: a row their link row
points at (an activity for several clients, through each client's ``activity_clients`` row). They
are exported, never erased here (their own domain removes them: an activity goes with its last
client's link); those kept from the person (a restricted activity) are only counted.
"""

from __future__ import annotations

import asyncio
import graphlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

import msgspec
from piccolo.columns import JSON, JSONB, ForeignKey, Integer, Serial, Text, Varchar
from piccolo.columns import UUID as UUIDColumn
from piccolo.columns.base import Column, OnDelete
from piccolo.table import Table

from backend.accounts.tables import Invitation, User
from backend.activities.tables import Activity, ActivityClient, ActivityStamp, AgreedAction
from backend.audit.tables import AuditEvent
from backend.lib.clock import now
from backend.lib.db import Statement, fetch
from backend.lib.ids import as_uuid
from backend.sync.tables import IdempotencyRecord, ReplayMention
from backend.today.tables import DayStamp

CHUNK = 500

# Never exported: keys, hashes of secrets, WebAuthn handles, replayed bodies, the audit chain's
# own bookkeeping. Columns declared ``secret=True`` (Piccolo) are left out as well, so a new
# domain marks its secrets there (push subscription keys do).
SECRET_COLUMNS = frozenset(
    {
        "public_key",
        "credential_id",
        "id_hash",
        "token_hash",
        "webauthn_handle",
        "user_handle",
        "challenge",
        "fingerprint",
        "personal_salt",
        "personal_digest",
        "prev_hash",
        "seal",
        "hash",
    }
)
SECRET_IN_TABLE = frozenset({("idempotency_records", "body")})
INDEX_TABLES = frozenset({ReplayMention._meta.tablename})
"""Not the person's data, only where to look for it (a digest, no words): not exported; its
rows go with the rows they point at."""
KEPT_TABLES = frozenset({AuditEvent._meta.tablename})
"""Found and exported, never erased: the audit log keeps the id as a pseudonym."""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str


@dataclass
class Found:
    person: Person
    theirs: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """table → primary key → row: exported, and erased."""
    mentions: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """table → primary key → row that names the person in a SET NULL column."""
    mention_columns: list[tuple[str, str]] = field(default_factory=list)
    """(table, column): the SET NULL columns that name the person, to empty on erasure (any row
    naming them later is emptied by the database itself, as their account goes)."""
    kept: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """The audit log's entries by or about the person."""
    about: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """table → primary key → row about the person that is not theirs (``ABOUT``): exported,
    not erased here."""
    withheld: dict[str, int] = field(default_factory=dict)
    """table → how many rows about the person are kept from them (``About.withheld``)."""

    def row_count(self) -> int:
        parts = (self.theirs, self.mentions, self.about)
        return sum(len(rows) for part in parts for rows in part.values())

    def tables(self) -> list[str]:
        return sorted({*self.theirs, *self.mentions, *self.kept, *self.about, *self.withheld})


@cache
def table_classes() -> dict[str, type[Table]]:
    """Every table of every app, by name. Piccolo's finder imports and walks every app's
    registry on each call (about as long as a small query): once per process is enough.
    (Imported here: ``piccolo.conf.apps`` brings ``black`` and the migration machinery, a fifth
    of a second of every server's start-up.)"""
    from piccolo.conf.apps import Finder

    return {t._meta.tablename: t for t in Finder().get_table_classes()}


def _pk(table: type[Table]) -> Column:
    return table._meta.primary_key


def _references(fk: ForeignKey[Any]) -> str:
    return str(fk._foreign_key_meta.resolved_references._meta.tablename)


def _keeps_row(fk: ForeignKey[Any]) -> bool:
    """SET NULL / SET DEFAULT: the row outlives what it points at (it only mentions it)."""
    return fk._foreign_key_meta.on_delete in {OnDelete.set_null, OnDelete.set_default}


def _key(value: Any) -> str:
    return str(value)


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


PAGE = 200
"""Rows read in one statement: a page is read whole in a reader thread (SQLite) and turned into
dicts on the event loop, so no step holds either for long."""
_SIZES = (1, 8, 64, CHUNK)
"""How many keys an ``IN (…)`` list takes: a list is padded (with its last key repeated) to the
next of these, so each (table, column) has four statements, built once per process."""

Sql = str


@dataclass(frozen=True, slots=True)
class _Shape:
    """How a table's rows are read: its columns in order, which hold JSON, and its key."""

    name: str
    columns: tuple[str, ...]
    """The rows' keys: the columns' names (as Piccolo's ``select`` gives them)."""
    json: frozenset[str]
    pk: str
    select: Sql


def _is_uuid(column: Column) -> bool:
    if isinstance(column, ForeignKey):
        column = _pk(column._foreign_key_meta.resolved_references)
    return isinstance(column, UUIDColumn)


def _lean_columns(table: type[Table]) -> list[Column]:
    """What erasure uses of a row: its key, its references and its text."""
    return list(_lean(table._meta.tablename))


@cache
def _lean(tablename: str) -> tuple[Column, ...]:
    table = table_classes()[tablename]
    return tuple(
        c
        for c in table._meta.columns
        if c is _pk(table) or isinstance(c, ForeignKey | Varchar | Text)
    )


@cache
def _shape(tablename: str, lean: bool = False) -> _Shape:
    """``lean``: only what erasure uses (keys, references, text), as the database holds it:
    ids as text, no values turned into Python objects (most of a read's cost on SQLite)."""
    table = table_classes()[tablename]
    chosen = _lean_columns(table) if lean else list(table._meta.columns)
    json = frozenset(c._meta.name for c in chosen if isinstance(c, JSON | JSONB))
    listed = ", ".join(
        f'CAST("{c._meta.db_column_name}" AS TEXT)'
        if lean and _is_uuid(c)
        else f'"{c._meta.db_column_name}"'
        for c in chosen
    )
    return _Shape(
        name=tablename,
        columns=tuple(c._meta.name for c in chosen),
        json=json,
        pk=_pk(table)._meta.name,
        select=f'SELECT {listed} FROM "{tablename}"',  # noqa: S608 (names from the tables)
    )


@cache
def _statement(tablename: str, where: Sql, after: bool, lean: bool) -> Statement:
    """One page of the rows ``where`` selects, in primary-key order (``after``: past a key)."""
    shape = _shape(tablename, lean)
    pk = _pk(table_classes()[tablename])._meta.db_column_name
    past = f' AND "{pk}" > ?' if after else ""
    return Statement(f'{shape.select} WHERE ({where}){past} ORDER BY "{pk}" LIMIT {PAGE}')


def _as_dict(shape: _Shape, row: Sequence[Any]) -> dict[str, Any]:
    out = dict(zip(shape.columns, row, strict=True))
    for column in shape.json:
        value = out[column]
        if isinstance(value, str | bytes):
            out[column] = msgspec.json.decode(value)
    return out


async def _select(
    tablename: str, where: Sql, *args: Any, lean: bool = False
) -> list[dict[str, Any]]:
    """Every row ``where`` (plain SQL, ``?`` placeholders) selects, a page at a time in
    primary-key order, letting other requests run between pages: a person with 10,000 audit
    entries must not hold the event loop for the whole read. Plain SQL built once per process:
    Piccolo's query builder costs more than these indexed reads themselves."""
    shape = _shape(tablename, lean)
    engine = table_classes()[tablename]._meta.db
    out: list[dict[str, Any]] = []
    last: Any = None
    while True:
        if last is None:
            rows = await fetch(engine, _statement(tablename, where, False, lean), *args)
        else:
            rows = await fetch(engine, _statement(tablename, where, True, lean), *args, last)
        out += [_as_dict(shape, r) for r in rows]
        if len(rows) < PAGE:
            return out
        last = out[-1][shape.pk]
        await asyncio.sleep(0)


def _in(column: str, count: int) -> Sql:
    return f'"{column}" IN ({", ".join("?" * count)})'


async def _select_in(
    tablename: str, column: str, keys: list[Any], lean: bool = False
) -> list[dict[str, Any]]:
    """The rows whose ``column`` is one of ``keys``."""
    out: list[dict[str, Any]] = []
    for chunk in _chunks(keys):
        size = next(s for s in _SIZES if s >= len(chunk))
        padded = chunk + [chunk[-1]] * (size - len(chunk))
        out += await _select(tablename, _in(column, size), *padded, lean=lean)
    return out


GROUP = 12
"""Parts of one erasure statement (see ``_Level``)."""
_PARAMETERS = 30_000
"""Keys one statement takes at most, over all its parts (SQLite and PostgreSQL stop at 32,766
and 32,767)."""


def _is_integer(column: Column) -> bool:
    if isinstance(column, ForeignKey):
        column = _pk(column._foreign_key_meta.resolved_references)
    return isinstance(column, Integer | Serial)


@dataclass(frozen=True, slots=True)
class _Level:
    """Erasure reads the rows of every foreign key into one table in a few statements: a part
    per key column (``UNION ALL``), each row led by its part's number, every value as text (the
    parts' columns differ; ``ints`` says which to turn back into numbers). ``GROUP`` parts to a
    statement, so that each stays small enough to run on the event loop within its budget
    (``backend/lib/db.py``) instead of moving to a reader thread."""

    parts: tuple[tuple[str, str, bool], ...]
    """(table, column, keeps the row) of each part, as ``_children`` lists them."""
    names: tuple[tuple[str, ...], ...]
    """The columns each part reads, by name."""
    ints: tuple[tuple[str, ...], ...]
    sizes: tuple[int, ...]
    """How many keys each statement takes (the ``IN`` lists' sizes)."""
    statements: dict[tuple[int, int], Statement] = field(default_factory=dict)

    def groups(self) -> range:
        return range(0, len(self.parts), GROUP)

    def statement(self, first: int, size: int) -> Statement:
        """The statement of the parts from ``first`` on (``GROUP`` of them) for ``size`` keys."""
        made = self.statements.get((first, size))
        if made is None:
            numbers = range(first, min(first + GROUP, len(self.parts)))
            width = max(len(self.names[n]) for n in numbers)
            selects = []
            for number in numbers:
                tablename, column, keeps = self.parts[number]
                table = table_classes()[tablename]
                # A row that only mentions the person: its key says it is there.
                chosen = [_pk(table)] if keeps else _lean_columns(table)
                listed = [f'CAST("{c._meta.db_column_name}" AS TEXT)' for c in chosen]
                listed += ["CAST(NULL AS TEXT)"] * (width - len(chosen))
                selects.append(
                    f'SELECT {number}, {", ".join(listed)} FROM "{tablename}"'  # noqa: S608 (names)
                    f" WHERE {_in(column, size)}"
                )
            made = self.statements[(first, size)] = Statement(" UNION ALL ".join(selects))
        return made


@cache
def _level(parent: str) -> _Level | None:
    """How erasure reads the rows pointing at ``parent``'s rows (None: nothing points at it
    that erasure follows — a row that only mentions a row other than the person's account
    stays as it is)."""
    parts = tuple(
        (tablename, column, keeps)
        for tablename, column, keeps in _children().get(parent, [])
        if not keeps or parent == User._meta.tablename
    )
    if not parts:
        return None
    most = max(1, _PARAMETERS // min(GROUP, len(parts)))
    sizes = tuple(s for s in _SIZES if s <= most) or (most,)
    chosen = [
        [_pk(table_classes()[t])] if keeps else _lean_columns(table_classes()[t])
        for t, _, keeps in parts
    ]
    return _Level(
        parts=parts,
        names=tuple(tuple(c._meta.name for c in columns) for columns in chosen),
        ints=tuple(tuple(c._meta.name for c in columns if _is_integer(c)) for columns in chosen),
        sizes=sizes,
    )


async def _level_rows(parent: str, keys: list[Any]) -> list[tuple[int, dict[str, Any]]]:
    """(part number, lean row) of every row pointing at ``keys`` of ``parent``."""
    level = _level(parent)
    if level is None or not keys:
        return []
    engine = table_classes()[parent]._meta.db
    out: list[tuple[int, dict[str, Any]]] = []
    step = level.sizes[-1]
    for start in range(0, len(keys), step):
        chunk = keys[start : start + step]
        size = next(s for s in level.sizes if s >= len(chunk))
        padded = chunk + [chunk[-1]] * (size - len(chunk))
        rows: list[Sequence[Any]] = []
        for first in level.groups():
            count = min(GROUP, len(level.parts) - first)
            rows += await fetch(engine, level.statement(first, size), *(padded * count))
        for number, row in enumerate(rows):
            if number and number % PAGE == 0:
                await asyncio.sleep(0)  # thousands of rows: other requests run in between
            part = int(row[0])
            found = dict(zip(level.names[part], row[1:], strict=False))
            for name in level.ints[part]:
                if found[name] is not None:
                    found[name] = int(found[name])
            out.append((part, found))
    return out


# Rows about a person that no foreign key leads to: (plain SQL, its arguments).
EXTRA: dict[str, Callable[[Person], tuple[Sql, tuple[Any, ...]] | None]] = {
    # The replay copies of the person's own writes (Idempotency-Key), keyed "<user id>:<key>".
    IdempotencyRecord._meta.tablename: lambda p: _own_replays(p),
    # Links point at the account they made (and recovery links at theirs): found by that key.
    # Links used before that was so point at nobody: matched by role and name, see below.
    Invitation._meta.tablename: lambda p: _enrolled_with(p),
    # The counter of changes to a client's day (kept by triggers, so no foreign key; the
    # triggers count changes to anyone's account, so everyone has one).
    DayStamp._meta.tablename: lambda p: ('"client" = ?', (p.id,)),
    # The counter of changes to the activities about or by a person (triggers, no foreign key).
    ActivityStamp._meta.tablename: lambda p: ('"person" = ?', (p.id,)),
}


@dataclass(frozen=True, slots=True)
class About:
    """Rows about a person found through a link row of theirs (``link``'s ``person`` column
    names them, its ``points_at`` column the row), with the rows below them (``children``:
    table, column pointing at the row) and the condition under which a row is kept from the
    person (``withheld``, plain SQL on the row's own columns): such rows are only counted."""

    link: str
    person: str
    points_at: str
    withheld: Sql
    children: tuple[tuple[str, str], ...] = ()

    def where(self, kept: bool) -> Sql:
        chosen = f"({self.withheld})" if kept else f"NOT ({self.withheld})"
        return (
            f'"id" IN (SELECT "{self.points_at}" FROM "{self.link}"'  # noqa: S608 (names)
            f' WHERE "{self.person}" = ?) AND {chosen}'
        )


ABOUT: dict[str, About] = {
    # What was done with or about a client (an activity may be for several clients, so it is
    # not theirs alone): what was agreed in it too. A restricted one holds what someone said
    # in confidence: counted, not shown.
    Activity._meta.tablename: About(
        link=ActivityClient._meta.tablename,
        person=ActivityClient.client._meta.db_column_name,
        points_at=ActivityClient.activity._meta.db_column_name,
        withheld='"restricted"',
        children=((AgreedAction._meta.tablename, AgreedAction.activity._meta.db_column_name),),
    ),
}


@cache
def _count(tablename: str, where: Sql) -> Statement:
    return Statement(f'SELECT COUNT(*) FROM "{tablename}" WHERE {where}')  # noqa: S608 (names)


async def _about(found: Found) -> None:
    """The rows ``ABOUT`` rules find for the person, and the count of those kept from them."""
    tables = table_classes()
    key = as_uuid(found.person.id)
    for tablename, rule in ABOUT.items():
        if tablename not in tables:
            continue
        rows = await _select(tablename, rule.where(kept=False), key)
        if rows:
            pk = _shape(tablename).pk
            found.about[tablename] = {_key(r[pk]): r for r in rows}
            for child, column in rule.children:
                below = await _select_in(child, column, [r[pk] for r in rows])
                if below:
                    child_pk = _shape(child).pk
                    found.about[child] = {_key(r[child_pk]): r for r in below}
        engine = tables[tablename]._meta.db
        counted = await fetch(engine, _count(tablename, rule.where(kept=True)), key)
        if counted and int(counted[0][0]):
            found.withheld[tablename] = int(counted[0][0])


def _own_replays(p: Person) -> tuple[Sql, tuple[Any, ...]]:
    """The keys that start "<user id>:". On SQLite as a range of the unique index of keys (its
    ``LIKE`` ignores case, so no index serves it: it read every stored answer's key); on
    PostgreSQL as ``LIKE`` (a range compares by the database's collation, which may order the
    punctuation differently)."""
    if IdempotencyRecord._meta.db.engine_type == "sqlite":
        return '"scope_key" >= ? AND "scope_key" < ?', (f"{p.id}:", f"{p.id};")
    return '"scope_key" LIKE ?', (f"{p.id}:%",)


def _enrolled_with(p: Person) -> tuple[Sql, tuple[Any, ...]]:
    """Links made before enrollment kept the account they made (``attach_to_account``): by role
    and name, never a link still waiting for someone (a namesake's), a client's only from their
    own coach."""
    where = (
        '"role" = ? AND "display_name" = ? AND "target_user" IS NULL'
        ' AND ("used_at" IS NOT NULL OR "revoked_at" IS NOT NULL OR "expires_at" < ?)'
    )
    args: tuple[Any, ...] = (p.role, p.name, now())
    if p.role == "client":
        where += ' AND "coach" IN (SELECT "coach" FROM "client_records" WHERE "user" = ?)'
        args += (p.id,)
    if p.role == "family":
        # A family member's invitation names the client it links them to: only a client they
        # are linked to, so that another "Mum" invited for another client is not theirs (it
        # would tell them that client's name, coach and family).
        where += ' AND "client" IN (SELECT "client" FROM "family_links" WHERE "family" = ?)'
        args += (p.id,)
    return where, args


_PERSON = Statement('SELECT CAST("id" AS TEXT), "display_name", "role" FROM "users" WHERE "id" = ?')


async def person(user_id: str) -> Person | None:
    key = as_uuid(user_id)
    if key is None:
        return None
    rows = await fetch(User._meta.db, _PERSON, key)
    if not rows:
        return None
    return Person(id=str(as_uuid(rows[0][0])), name=rows[0][1], role=rows[0][2])


@cache
def _children() -> dict[str, list[tuple[str, str, bool]]]:
    """table → the (table, column, keeps the row) of every foreign key pointing at it."""
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for table in table_classes().values():
        tablename = table._meta.tablename
        if tablename in INDEX_TABLES:
            continue
        for fk in table._meta.foreign_key_columns:
            out.setdefault(_references(fk), []).append(
                (tablename, fk._meta.db_column_name, _keeps_row(fk))
            )
    return out


async def collect(who: Person, *, for_erasure: bool = False) -> Found:
    """Everything about ``who``: theirs (with children), mentions, and audit entries.

    ``for_erasure``: what erasure needs, read cheaply: of each row its key, its references and
    its text (ids as text), and no audit entries (erasure blanks them where they are)."""
    tables = table_classes()
    found = Found(person=who)
    frontier: list[tuple[str, list[Any]]] = []

    def add_theirs(tablename: str, rows: list[dict[str, Any]]) -> None:
        pk = _shape(tablename, for_erasure).pk
        bucket = found.theirs.setdefault(tablename, {})
        new = [r for r in rows if _key(r[pk]) not in bucket]
        for r in new:
            bucket[_key(r[pk])] = r
        if new:
            frontier.append((tablename, [r[pk] for r in new]))

    users = User._meta.tablename
    add_theirs(users, await _select_in(users, "id", [as_uuid(who.id)], for_erasure))
    for tablename, where in EXTRA.items():
        rule = where(who) if tablename in tables else None
        if rule is not None:
            add_theirs(tablename, await _select(tablename, rule[0], *rule[1], lean=for_erasure))

    while frontier and for_erasure:
        parent, ids = frontier.pop(0)
        level = _level(parent)
        by_part: dict[int, list[dict[str, Any]]] = {}
        for part, row in await _level_rows(parent, ids):
            by_part.setdefault(part, []).append(row)
        for part, rows in sorted(by_part.items()):
            tablename, column, keeps = level.parts[part] if level else ("", "", False)
            if not keeps:
                add_theirs(tablename, rows)
            elif (tablename, column) not in found.mention_columns:
                found.mention_columns.append((tablename, column))
    while frontier:
        parent, ids = frontier.pop(0)
        for tablename, column, keeps in _children().get(parent, []):
            rows = await _select_in(tablename, column, ids, for_erasure)
            if not keeps:
                add_theirs(tablename, rows)
            elif parent == users:
                pk = _shape(tablename, for_erasure).pk
                if rows:
                    found.mention_columns.append((tablename, column))
                bucket = found.mentions.setdefault(tablename, {})
                for r in rows:
                    bucket.setdefault(_key(r[pk]), r)
    # A row that is theirs is not also a mention.
    for tablename, mentioned in list(found.mentions.items()):
        for key in list(mentioned):
            if key in found.theirs.get(tablename, {}):
                del mentioned[key]
        if not mentioned:
            del found.mentions[tablename]
    if for_erasure:
        return found
    await _about(found)
    audit = await _select(
        AuditEvent._meta.tablename, '"actor" = ? OR "subject" = ?', who.id, who.id
    )
    if audit:
        found.kept[AuditEvent._meta.tablename] = {_key(r["id"]): r for r in audit}
    return found


@cache
def _children_first() -> tuple[str, ...]:
    tables = table_classes()
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name, table in tables.items():
        parents = {_references(fk) for fk in table._meta.foreign_key_columns} - {name}
        sorter.add(name, *parents)
    try:
        order = list(sorter.static_order())  # parents first
    except graphlib.CycleError:
        order = list(tables)
    return tuple(reversed(order))


def prepare() -> None:
    """Work out, once per process, what every walk uses: the tables, who points at whom, the
    order of deletion, each level's parts and columns. Done after the server has started
    (``backend/app.py``), so that the first My data or erasure of a process does not pay for
    it (Piccolo's table finder and its imports alone are about a fifth of a second)."""
    tables = table_classes()
    _children_first()
    for tablename in tables:
        _level(tablename)
        _shape(tablename, True)
        _shape(tablename, False)


def deletion_order(tablenames: Iterable[str]) -> list[str]:
    """Children before parents, so no foreign key ever points at a deleted row."""
    wanted = set(tablenames)
    return [name for name in _children_first() if name in wanted]


def is_secret(tablename: str, column: Column) -> bool:
    return (
        bool(column._meta.secret)
        or column._meta.name in SECRET_COLUMNS
        or (tablename, column._meta.name) in SECRET_IN_TABLE
    )


_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain_value(value: Any) -> Any:
    """A value as JSON can carry it."""
    if type(value) in _AS_IS:  # most values: checked first, once (10,000 audit rows add up)
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return f"({len(bytes(value))} bytes of binary data)"
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    return value


@cache
def _secret_columns(tablename: str) -> frozenset[str]:
    table = table_classes()[tablename]
    return frozenset(c._meta.name for c in table._meta.columns if is_secret(tablename, c))


def exportable(tablename: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row without secret columns, every value JSON-ready."""
    secret = _secret_columns(tablename)
    return {k: plain_value(v) for k, v in row.items() if k not in secret}


@cache
def user_columns(tablename: str) -> list[str]:
    """Columns of a table that hold a person's id (foreign keys to ``users``)."""
    table = table_classes()[tablename]
    return [
        fk._meta.name
        for fk in table._meta.foreign_key_columns
        if _references(fk) == User._meta.tablename
    ]


@cache
def foreign_columns(tablename: str) -> list[str]:
    table = table_classes()[tablename]
    return [fk._meta.name for fk in table._meta.foreign_key_columns]
