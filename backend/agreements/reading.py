"""Agreements as the wire shows them: one agreement with all its versions, a client's
agreements, a person's own, and a mentor's clients. Everything here reads; ``services.py``
writes the agreements tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import msgspec

from backend import goals
from backend.accounts import display_names
from backend.agreements import meetings, rhythm
from backend.agreements.tables import Agreement, AgreementVersion
from backend.lib import clock
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from shared_schemas import agreements as wire

AGREEMENTS = "agreements"
"""The list's name in its cursors."""


def today() -> date:
    """The organisation's date, as for goals (UTC keeps every server agreeing)."""
    return clock.now().date()


async def agreement_row(agreement_id: str) -> dict[str, Any] | None:
    if as_uuid(agreement_id) is None:
        return None
    row: dict[str, Any] | None = (
        await Agreement.select(*Agreement.all_columns())
        .where(Agreement.id == as_uuid(agreement_id))
        .first()
    )
    return row


async def versions_of(agreement_ids: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
    """Each agreement's versions, newest first."""
    if not agreement_ids:
        return {}
    rows = (
        await AgreementVersion.select(*AgreementVersion.all_columns())
        .where(AgreementVersion.agreement.is_in(list(agreement_ids)))
        .order_by(AgreementVersion.number, ascending=False)
        .output(load_json=True)
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        found.setdefault(str(r["agreement"]), []).append(r)
    return found


def status_of(row: dict[str, Any], versions: list[dict[str, Any]]) -> str:
    if row["ended_at"] is not None:
        return "ended"
    newest = versions[0] if versions else None
    if newest is not None and newest["partner_signed_at"] is not None:
        return "agreed"
    if newest is not None and newest["client_agreed_at"] is not None:
        return "waiting_partner"
    return "waiting_client"


def in_force(versions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest version both agreed to."""
    return next((v for v in versions if v["partner_signed_at"] is not None), None)


def _version(
    v: dict[str, Any], titles: dict[str, str], names: dict[str, str]
) -> wire.AgreementVersion:
    return wire.AgreementVersion(
        number=v["number"],
        rules=list(v["rules"]),
        locale=v["locale"],
        starts_on=v["starts_on"],
        ends_on=v["ends_on"],
        rhythm=v["rhythm"],
        times=v["times"],
        ways=list(v["ways"]),
        goals=[
            wire.AgreementGoal(id=str(g), title=titles[str(g)])
            for g in v["goal_ids"]
            if str(g) in titles
        ],
        goal_text=v["goal_text"],
        remind_at=v["remind_at"] or None,
        zone=v["zone"] or None,
        template_version=v["template_version"],
        created_at=v["created_at"],
        created_by_name=names.get(str(v["created_by"])) if v["created_by"] else None,
        client_agreed_at=v["client_agreed_at"],
        partner_signed_at=v["partner_signed_at"],
    )


async def _meetings(
    row: dict[str, Any], version: dict[str, Any] | None
) -> wire.AgreementMeetings | None:
    if version is None:
        return None
    since: date = version["starts_on"]
    ends: list[date] = [version["ends_on"], today()]
    if row["ended_at"] is not None:
        ends.append(row["ended_at"].date())
    until = min(ends)
    held = (
        await meetings.held(str(row["client"]), str(row["partner"]), since, until)
        if row["partner"] is not None and until >= since
        else 0
    )
    return wire.AgreementMeetings(
        held=held,
        expected=rhythm.expected(version["rhythm"], version["times"], since, until),
        since=since,
        until=until,
    )


async def details(rows: Sequence[dict[str, Any]]) -> list[wire.Agreement]:
    """The agreements of ``rows`` with their versions, the names and the meetings held."""
    versions = await versions_of([r["id"] for r in rows])
    people = {str(r[k]) for r in rows for k in ("client", "partner", "ended_by") if r[k]}
    people |= {str(v["created_by"]) for vs in versions.values() for v in vs if v["created_by"]}
    names = await display_names(people) if people else {}
    titles: dict[str, str] = {}
    for r in rows:
        ids = {str(g) for v in versions.get(str(r["id"]), []) for g in v["goal_ids"]}
        titles |= await goals.goal_titles(str(r["client"]), ids)
    found = []
    for r in rows:
        vs = versions.get(str(r["id"]), [])
        agreed = in_force(vs)
        found.append(
            wire.Agreement(
                id=str(r["id"]),
                local_id=str(r["client_uuid"]),
                client_id=str(r["client"]),
                client_name=names.get(str(r["client"]), ""),
                partner_id=str(r["partner"]) if r["partner"] else None,
                partner_name=names.get(str(r["partner"])) if r["partner"] else None,
                partner_role=r["partner_role"],
                status=msgspec.convert(status_of(r, vs), wire.Status),
                in_force=agreed["number"] if agreed else None,
                versions=[_version(v, titles, names) for v in vs],
                created_at=r["created_at"],
                ended_at=r["ended_at"],
                ended_by_name=names.get(str(r["ended_by"])) if r["ended_by"] else None,
                end_reason=r["end_reason"],
                meetings=await _meetings(r, agreed),
            )
        )
    return found


async def detail(agreement_id: Any) -> wire.Agreement:
    row = await agreement_row(str(agreement_id))
    assert row is not None
    return (await details([row]))[0]


def list_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of agreements: newest first (then by id)."""
    return page_request(AGREEMENTS, cursor, limit, datetime, str)


async def agreements_where(
    where: Any, page: PageRequest
) -> tuple[list[wire.Agreement], str | None]:
    """Agreements matching ``where``, newest first: one page and the next page's cursor."""
    if (after := after_key(page, Agreement.created_at, Agreement.id, descending=True)) is not None:
        where &= after
    rows = (
        await Agreement.select(*Agreement.all_columns())
        .where(where)
        .order_by(Agreement.created_at, Agreement.id, ascending=False)
        .limit(page.fetch)
    )
    found, next_cursor = page_of(rows, page, AGREEMENTS, lambda r: (r["created_at"], str(r["id"])))
    return await details(found), next_cursor


async def agreements_of(
    client_id: str, partner_id: str | None, page: PageRequest
) -> tuple[list[wire.Agreement], str | None]:
    """A client's agreements (``partner_id``: only those with this partner)."""
    where: Any = Agreement.client == client_id
    if partner_id is not None:
        where &= Agreement.partner == partner_id
    return await agreements_where(where, page)


async def agreements_with(
    person_id: str, page: PageRequest
) -> tuple[list[wire.Agreement], str | None]:
    """A person's own agreements: as the client, or as the coach or mentor."""
    where: Any = (Agreement.client == person_id) | (Agreement.partner == person_id)
    return await agreements_where(where, page)
