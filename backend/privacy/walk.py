"""Every row about a person, found from Piccolo's table registry, so a new domain's tables are
included without changes here.

The walk starts at the person's row in ``users`` and follows foreign keys *into* it:

- a row whose foreign key to a found row deletes with it (``ON DELETE CASCADE``, or RESTRICT,
  which must go first) is **theirs**: it is exported, and erased. Its own children are found the
  same way (the steps of the client's tasks, the answers of their conversations);
- a row that names the person in a ``SET NULL`` column (``created_by``, ``resolved_by``)
  **mentions** them: it is exported, and on erasure the column is emptied, the row kept.

Four kinds of rows have no foreign key to follow and are found by ``EXTRA`` rules below: the
replay copies of the person's own writes, invitations with their name, a client's day stamp, and
the audit log, which is kept (pseudonymised), never deleted.
"""

from __future__ import annotations

import asyncio
import graphlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

from piccolo.columns import ForeignKey
from piccolo.columns.base import Column, OnDelete
from piccolo.conf.apps import Finder
from piccolo.table import Table

from backend.accounts.tables import Invitation, User
from backend.audit.tables import AuditEvent
from backend.clients.tables import ClientRecord, FamilyLink
from backend.lib.clock import now
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
    """(table, column): the SET NULL columns to empty on erasure."""
    kept: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """The audit log's entries by or about the person."""

    def row_count(self) -> int:
        return sum(len(rows) for part in (self.theirs, self.mentions) for rows in part.values())

    def tables(self) -> list[str]:
        return sorted({*self.theirs, *self.mentions, *self.kept})


@cache
def table_classes() -> dict[str, type[Table]]:
    """Every table of every app, by name. Piccolo's finder imports and walks every app's
    registry on each call (about as long as a small query): once per process is enough."""
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


async def _select(table: type[Table], where: Any) -> list[dict[str, Any]]:
    """Every row ``where`` selects, a page at a time in primary-key order, letting other
    requests run between pages: a person with 10,000 audit entries must not hold the event loop
    (on SQLite each statement runs in it) for the whole read."""
    pk = _pk(table)
    out: list[dict[str, Any]] = []
    last: Any = None
    while True:
        page_where = where if last is None else where & (pk > last)
        rows = (
            await table.select(*table.all_columns())
            .where(page_where)
            .order_by(pk)
            .limit(PAGE)
            .output(load_json=True)
        )
        out += [dict(r) for r in rows]
        if len(rows) < PAGE:
            return out
        last = rows[-1][pk._meta.name]
        await asyncio.sleep(0)


# Rows about a person that no foreign key leads to.
EXTRA: dict[str, Callable[[Person], Any]] = {
    # The replay copies of the person's own writes (Idempotency-Key), keyed "<user id>:<key>".
    IdempotencyRecord._meta.tablename: lambda p: IdempotencyRecord.scope_key.like(f"{p.id}:%"),
    # Links point at the account they made (and recovery links at theirs): found by that key.
    # Links used before that was so point at nobody: matched by role and name, see below.
    Invitation._meta.tablename: lambda p: _enrolled_with(p),
    # The counter of changes to a client's day (kept by triggers, so no foreign key).
    DayStamp._meta.tablename: lambda p: DayStamp.client == p.id,
}


def _enrolled_with(p: Person) -> Any:
    """Links made before enrollment kept the account they made (``attach_to_account``): by role
    and name, never a link still waiting for someone (a namesake's), a client's only from their
    own coach."""
    where = (
        (Invitation.role == p.role)
        & (Invitation.display_name == p.name)
        & Invitation.target_user.is_null()
        & (
            Invitation.used_at.is_not_null()
            | Invitation.revoked_at.is_not_null()
            | (Invitation.expires_at < now())
        )
    )
    if p.role == "client":
        coach = ClientRecord.select(ClientRecord.coach).where(ClientRecord.user == p.id)
        where &= Invitation.coach.is_in(coach)
    if p.role == "family":
        # A family member's invitation names the client it links them to: only a client they
        # are linked to, so that another "Mum" invited for another client is not theirs (it
        # would tell them that client's name, coach and family).
        linked = FamilyLink.select(FamilyLink.client).where(FamilyLink.family == p.id)
        where &= Invitation.client.is_in(linked)
    return where


async def person(user_id: str) -> Person | None:
    if as_uuid(user_id) is None:
        return None
    row = (
        await User.select(User.id, User.display_name, User.role)
        .where(User.id == as_uuid(user_id))
        .first()
    )
    if row is None:
        return None
    return Person(id=str(row["id"]), name=row["display_name"], role=row["role"])


async def collect(who: Person) -> Found:
    """Everything about ``who``: theirs (with children), mentions, and audit entries."""
    tables = table_classes()
    found = Found(person=who)
    frontier: list[tuple[str, list[Any]]] = []

    def add_theirs(tablename: str, rows: list[dict[str, Any]]) -> None:
        pk = _pk(tables[tablename])._meta.name
        bucket = found.theirs.setdefault(tablename, {})
        new = [r for r in rows if _key(r[pk]) not in bucket]
        for r in new:
            bucket[_key(r[pk])] = r
        if new:
            frontier.append((tablename, [r[pk] for r in new]))

    users = tables[User._meta.tablename]
    add_theirs(users._meta.tablename, await _select(users, _pk(users) == who.id))
    for tablename, where in EXTRA.items():
        if tablename in tables:
            add_theirs(tablename, await _select(tables[tablename], where(who)))

    while frontier:
        parent, ids = frontier.pop(0)
        for table in tables.values():
            tablename = table._meta.tablename
            if tablename in INDEX_TABLES:
                continue
            for fk in table._meta.foreign_key_columns:
                if _references(fk) != parent:
                    continue
                rows: list[dict[str, Any]] = []
                for chunk in _chunks(ids):
                    rows += await _select(table, fk.is_in(chunk))
                if not _keeps_row(fk):
                    add_theirs(tablename, rows)
                elif parent == User._meta.tablename:
                    pk = _pk(table)._meta.name
                    found.mention_columns.append((tablename, fk._meta.name))
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
    audit = await _select(AuditEvent, (AuditEvent.actor == who.id) | (AuditEvent.subject == who.id))
    if audit:
        found.kept[AuditEvent._meta.tablename] = {_key(r["id"]): r for r in audit}
    return found


def deletion_order(tablenames: Iterable[str]) -> list[str]:
    """Children before parents, so no foreign key ever points at a deleted row."""
    tables = table_classes()
    wanted = set(tablenames)
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name, table in tables.items():
        parents = {_references(fk) for fk in table._meta.foreign_key_columns} - {name}
        sorter.add(name, *parents)
    try:
        order = list(sorter.static_order())  # parents first
    except graphlib.CycleError:
        order = list(tables)
    return [name for name in reversed(order) if name in wanted]


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
