"""A client's record read for the other domains' access rules: ``record_of`` (one client, the
record and its open mentorships in one statement: the prologue of every handler about one
client) and ``records_of`` (several)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backend.clients import caseloads
from backend.clients.record import ClientRow
from backend.clients.tables import ClientRecord, Mentorship
from backend.lib.db import Statement, fetch
from backend.lib.db import moment as db_moment
from backend.lib.ids import as_uuid


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


_ROW = (
    ClientRecord.user,
    ClientRecord.coach,
    ClientRecord.team,
    ClientRecord.stage,
    ClientRecord.coach.display_name.as_alias("coach_name"),
    ClientRecord.user.display_name.as_alias("client_name"),
)


def _row(r: dict[str, Any], mentors: dict[str, list[str]]) -> ClientRow:
    client_id = str(r["user"])
    return ClientRow(
        client_id=client_id,
        coach_id=_s(r["coach"]),
        team_id=_s(r["team"]),
        stage=r["stage"],
        coach_name=r["coach_name"],
        mentor_ids=tuple(sorted(mentors.get(client_id, ()))),
        display_name=r["client_name"] or "",
    )


async def _mentors_of(client_ids: list[str]) -> dict[str, list[str]]:
    """The mentors working with each client now (one indexed read)."""
    rows = await Mentorship.select(Mentorship.client, Mentorship.mentor).where(
        Mentorship.client.is_in(client_ids), Mentorship.ended_on.is_null()
    )
    mentors: dict[str, list[str]] = {}
    for r in rows:
        mentors.setdefault(str(r["client"]), []).append(str(r["mentor"]))
    return mentors


# One client's record with its open mentorships in one statement: the prologue of every
# handler about one client (``visible_record``), so one round trip, not two.
_RECORD = """
    SELECT CAST(c."user" AS TEXT), CAST(c.coach AS TEXT), CAST(c.team AS TEXT), c.stage,
           k.display_name, u.display_name,
           (SELECT {mentors} FROM mentorships AS m
            WHERE m.client = c."user" AND m.ended_on IS NULL)
    FROM client_records AS c
    LEFT JOIN users AS u ON u.id = c."user"
    LEFT JOIN users AS k ON k.id = c.coach
    WHERE c."user" = ?
"""
_RECORD_BY = {
    "sqlite": Statement(_RECORD.format(mentors="group_concat(CAST(m.mentor AS TEXT), ',')")),
    "postgres": Statement(_RECORD.format(mentors="string_agg(CAST(m.mentor AS TEXT), ',')")),
}


async def record_of(client_id: str) -> ClientRow | None:
    """The client's record, unchecked (the caller decides with its ``access.py``).

    Read on every request about one client; answered from this server's copy while nothing it
    shows can have changed: the database's moment is the one it was read at (no write of this
    process's own to client records, mentorships or people since; on PostgreSQL every change
    heard, on SQLite no other connection committed) and nothing was told on the caseloads'
    channel (PostgreSQL: a trigger tells every change to client records, mentorships and
    names, from any process: migrations ``clients_2026_12_07t03_40…`` and ``…t09_30…``)."""
    key = as_uuid(client_id)
    if key is None:
        return None
    engine = ClientRecord._meta.db
    at, told = db_moment(engine), caseloads.told_count()
    name = str(key)
    kept = _kept.get(name)
    if kept is not None and at is not None and (kept.at, kept.told) == (at, told):
        _kept.move_to_end(name)
        return kept.row
    kind = "postgres" if engine.engine_type == "postgres" else "sqlite"
    rows = await fetch(engine, _RECORD_BY[kind], key if kind == "postgres" else name)
    if not rows:
        return None
    user, coach, team, stage, coach_name, display_name, mentors = rows[0]
    row = ClientRow(
        client_id=str(user),
        coach_id=coach,
        team_id=team,
        stage=stage,
        coach_name=coach_name,
        mentor_ids=tuple(sorted(mentors.split(","))) if mentors else (),
        display_name=display_name or "",
    )
    if at is not None:
        _kept[name] = _KeptRecord(at, told, row)
        while len(_kept) > KEPT_RECORDS:
            _kept.popitem(last=False)
    return row


KEPT_RECORDS = 4096
"""Records kept per process, the least recently asked for dropped first (about 1 MB)."""


@dataclass(frozen=True, slots=True)
class _KeptRecord:
    at: tuple[int, int]
    told: int
    row: ClientRow


_kept: OrderedDict[str, _KeptRecord] = OrderedDict()


async def records_of(client_ids: set[str]) -> dict[str, ClientRow]:
    """Several clients' records by client id, unchecked; ids without a record are left out."""
    wanted = sorted(i for i in client_ids if as_uuid(i) is not None)
    if not wanted:
        return {}
    rows = await ClientRecord.select(*_ROW).where(ClientRecord.user.is_in(wanted))
    mentors = await _mentors_of(wanted)
    return {str(r["user"]): _row(r, mentors) for r in rows}


async def records_in(team: str | None = None, coach: str | None = None) -> list[ClientRow]:
    """The records of a team's clients, of a coach's caseload, or (neither) of every client:
    the clients a figure over that scope counts (one indexed read, bounded by the scope)."""
    where: Any = ClientRecord.id.is_not_null()
    if team is not None:
        where &= ClientRecord.team == as_uuid(team)
    if coach is not None:
        where &= ClientRecord.coach == as_uuid(coach)
    if (team is not None and as_uuid(team) is None) or (
        coach is not None and as_uuid(coach) is None
    ):
        return []
    rows = await ClientRecord.select(*_ROW).where(where)
    return [_row(r, {}) for r in rows]


@dataclass(frozen=True, slots=True)
class InScope:
    """The clients of a team, of a coach's caseload, or (neither) of the whole organisation,
    as a condition the domains above put into their own reads (``column.is_in(scope.users())``:
    a sub-select on ``client_records``), so a figure over 2,000 clients sends no list of 2,000
    ids."""

    team: str | None = None
    coach: str | None = None

    def users(self) -> Any:
        """``SELECT user FROM client_records WHERE …``: the clients' person ids."""
        where: Any = ClientRecord.id.is_not_null()
        if self.team is not None:
            where &= ClientRecord.team == as_uuid(self.team)
        if self.coach is not None:
            where &= ClientRecord.coach == as_uuid(self.coach)
        return ClientRecord.select(ClientRecord.user).where(where)


def among(column: Any, clients: Sequence[str] | InScope) -> Any:
    """``column`` is one of these clients: a list of ids, or a scope's sub-select."""
    if isinstance(clients, InScope):
        return column.is_in(clients.users())
    keys: list[Any] = [k for k in (as_uuid(c) for c in clients) if k is not None]
    return column.is_in(keys or [None])
