"""Consent and auto-share: recording the client's choices and answering, at each request,
what a family member may see now.

Both tables are append-only: a choice is a new row, never an update, so the history shows who
decided what, when, with which wording. "Live" means the latest row for the (client, family
member, kind) says granted *and* the family link still exists; nothing is cached, so a
withdrawal is in force for the family member's very next request.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from backend.accounts.tables import User
from backend.clients.tables import FamilyLink
from backend.family import texts
from backend.family.tables import AutoShare, Consent
from backend.lib import i18n
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, cursor_of, page_request
from backend.sync import insert_once
from shared_schemas import family as wire

_TICK = timedelta(microseconds=1)


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


async def links_of_client(client_id: str) -> list[dict[str, Any]]:
    """The client's family members: ``family``, ``name``, ``relation``."""
    rows = (
        await FamilyLink.select(
            FamilyLink.family,
            FamilyLink.family.display_name.as_alias("name"),
            FamilyLink.relation,
        )
        .where(FamilyLink.client == client_id)
        .order_by(FamilyLink.family.display_name)
    )
    return list(rows)


async def links_of_family(family_id: str) -> list[dict[str, Any]]:
    """The clients a family member is linked to: ``client``, ``name``, ``relation``."""
    rows = (
        await FamilyLink.select(
            FamilyLink.client,
            FamilyLink.client.display_name.as_alias("name"),
            FamilyLink.relation,
        )
        .where(FamilyLink.family == family_id)
        .order_by(FamilyLink.client.display_name)
    )
    return list(rows)


def _latest(rows: list[dict[str, Any]], key: tuple[str, ...]) -> dict[tuple[str, ...], Any]:
    """The latest row per ``key`` (rows ordered oldest first)."""
    latest: dict[tuple[str, ...], Any] = {}
    for row in rows:
        latest[tuple(str(row[k]) for k in key)] = row
    return latest


async def live_kinds_by_client(family_id: str) -> dict[str, set[str]]:
    """For a family member: client id → the kinds they may see now. One query per question,
    at every request: consent is never cached (withdrawal takes effect at once)."""
    if as_uuid(family_id) is None:
        return {}
    links = {str(link["client"]) for link in await links_of_family(family_id)}
    if not links:
        return {}
    rows = (
        await Consent.select(Consent.client, Consent.kind, Consent.granted)
        .where(Consent.family == family_id)
        .order_by(Consent.at)
    )
    live: dict[str, set[str]] = {client: set() for client in links}
    for (client, kind), row in _latest(list(rows), ("client", "kind")).items():
        if row["granted"] and client in live:
            live[client].add(kind)
    return live


async def may_see(family_id: str, client_id: str, kind: str) -> bool:
    """Whether a family member may see ``kind`` about a client at this moment. Other domains
    call this before showing a family member anything (shift times, goals)."""
    return kind in (await live_kinds_by_client(family_id)).get(str(client_id), set())


async def family_recipients(client_id: str, kind: str) -> list[str]:
    """The family members who may be told about ``kind`` now (live consent): the push engine
    asks this right before sending, never earlier, so a withdrawal stops the next message."""
    if as_uuid(client_id) is None:
        return []
    linked = {str(link["family"]) for link in await links_of_client(client_id)}
    rows = (
        await Consent.select(Consent.family, Consent.granted)
        .where((Consent.client == client_id) & (Consent.kind == kind))
        .order_by(Consent.at)
    )
    latest = _latest(list(rows), ("family",))
    return sorted(f for (f,), row in latest.items() if row["granted"] and f in linked)


async def auto_share_kinds(client_id: str) -> set[str]:
    rows = (
        await AutoShare.select(AutoShare.kind, AutoShare.enabled)
        .where(AutoShare.client == client_id)
        .order_by(AutoShare.at)
    )
    return {k for (k,), row in _latest(list(rows), ("kind",)).items() if row["enabled"]}


async def _next_at(table: Any, where: Any) -> datetime:
    """Now, but strictly after the group's latest row, so "latest" is never a tie."""
    at = now()
    last = await table.select(table.at).where(where).order_by(table.at, ascending=False).first()
    if last is not None and last["at"] >= at:
        at = last["at"] + _TICK
    return at


def _check_version(version: int) -> None:
    if version not in texts.VERSIONS:
        raise field_error(
            "body.textVersion", "This wording is not known. Show the latest wording again."
        )


async def record_consent(
    actor: Actor, client_id: str, data: wire.ConsentCreate
) -> tuple[wire.ConsentEvent, bool]:
    _check_version(data.text_version)
    if not texts.offers(data.text_version, data.kind):
        raise field_error(
            "body.kind", "The wording shown does not ask about this. Show the latest wording again."
        )
    family_id = as_uuid(data.family_id)
    linked = {str(link["family"]) for link in await links_of_client(client_id)}
    if family_id is None or family_id not in linked:
        raise field_error("body.familyId", "Choose a family member linked to this client.")
    at = await _next_at(
        Consent,
        (Consent.client == client_id) & (Consent.family == family_id) & (Consent.kind == data.kind),
    )
    row = Consent(
        client_uuid=as_uuid(data.local_id),
        client=client_id,
        family=family_id,
        kind=data.kind,
        granted=data.granted,
        actor=actor.id,
        actor_role=actor.role,
        text_version=data.text_version,
        locale=data.locale,
        at=at,
    )
    found, created = await insert_once(Consent, row, {"client": client_id}, data)
    return (await _consent_events([found]))[0], created


async def record_auto_share(
    actor: Actor, client_id: str, data: wire.AutoShareCreate
) -> tuple[wire.AutoShareEvent, bool]:
    _check_version(data.text_version)
    at = await _next_at(AutoShare, (AutoShare.client == client_id) & (AutoShare.kind == data.kind))
    row = AutoShare(
        client_uuid=as_uuid(data.local_id),
        client=client_id,
        kind=data.kind,
        enabled=data.enabled,
        actor=actor.id,
        actor_role=actor.role,
        text_version=data.text_version,
        locale=data.locale,
        at=at,
    )
    found, created = await insert_once(AutoShare, row, {"client": client_id}, data)
    return (await _auto_share_events([found]))[0], created


async def _names(ids: set[str]) -> dict[str, str]:
    wanted = [i for i in ids if as_uuid(i)]
    if not wanted:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(wanted))
    return {str(r["id"]): r["display_name"] for r in rows}


async def _consent_events(rows: list[dict[str, Any]]) -> list[wire.ConsentEvent]:
    names = await _names({str(r[k]) for r in rows for k in ("family", "actor") if r[k]})
    return [
        wire.ConsentEvent(
            id=str(r["id"]),
            family_id=str(r["family"]),
            family_name=names.get(str(r["family"]), ""),
            kind=r["kind"],
            granted=r["granted"],
            actor_id=_s(r["actor"]),
            actor_name=names.get(str(r["actor"])) if r["actor"] else None,
            actor_role=r["actor_role"],
            helped=str(r["actor"]) != str(r["client"]),
            text_version=r["text_version"],
            locale=r["locale"],
            at=r["at"],
        )
        for r in rows
    ]


async def _auto_share_events(rows: list[dict[str, Any]]) -> list[wire.AutoShareEvent]:
    names = await _names({str(r["actor"]) for r in rows if r["actor"]})
    return [
        wire.AutoShareEvent(
            id=str(r["id"]),
            kind=r["kind"],
            enabled=r["enabled"],
            actor_id=_s(r["actor"]),
            actor_name=names.get(str(r["actor"])) if r["actor"] else None,
            actor_role=r["actor_role"],
            helped=str(r["actor"]) != str(r["client"]),
            text_version=r["text_version"],
            locale=r["locale"],
            at=r["at"],
        )
        for r in rows
    ]


CONSENTS = "consents"
"""The consent history's name in its cursors."""


def history_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of the consent history: up to ``limit`` of each of its two lists, newest first
    (then by id); the cursor holds where each list stopped (null: not started)."""
    return page_request(CONSENTS, cursor, limit, datetime, str, datetime, str)


async def _newest(
    table: Any, client_id: str, limit: int, after: tuple[Any, ...] | None
) -> list[Any]:
    where: Any = table.client == client_id
    if (
        later := after_key(PageRequest(limit, after), table.at, table.id, descending=True)
    ) is not None:
        where &= later
    return list(
        await table.select(*table.all_columns())
        .where(where)
        .order_by(table.at, table.id, ascending=False)
        .limit(limit + 1)
    )


async def history(client_id: str, page: PageRequest) -> tuple[wire.ConsentHistory, str | None]:
    """Every consent choice and auto-share choice, newest first, a page of each at a time, and
    the next page's cursor while either list has more."""
    keys = page.after or (None, None, None, None)
    consent_after = keys[:2] if keys[0] is not None else None
    auto_after = keys[2:] if keys[2] is not None else None
    consents = await _newest(Consent, client_id, page.limit, consent_after)
    autos = await _newest(AutoShare, client_id, page.limit, auto_after)
    more = len(consents) > page.limit or len(autos) > page.limit
    consents, autos = consents[: page.limit], autos[: page.limit]
    # Where each list stopped: its last item here, else where it stopped before.
    last_consent = (consents[-1]["at"], str(consents[-1]["id"])) if consents else consent_after
    last_auto = (autos[-1]["at"], str(autos[-1]["id"])) if autos else auto_after
    next_cursor = (
        cursor_of(CONSENTS, (*(last_consent or (None, None)), *(last_auto or (None, None))))
        if more
        else None
    )
    return (
        wire.ConsentHistory(
            consents=await _consent_events(consents), auto_share=await _auto_share_events(autos)
        ),
        next_cursor,
    )


async def sharing(client_id: str) -> wire.Sharing:
    links = await links_of_client(client_id)
    rows = (
        await Consent.select(Consent.family, Consent.kind, Consent.granted, Consent.at)
        .where(Consent.client == client_id)
        .order_by(Consent.at)
    )
    latest = _latest(list(rows), ("family", "kind"))
    autos = (
        await AutoShare.select(AutoShare.kind, AutoShare.enabled, AutoShare.at)
        .where(AutoShare.client == client_id)
        .order_by(AutoShare.at)
    )
    latest_auto = _latest(list(autos), ("kind",))
    people = []
    for link in links:
        family_id = str(link["family"])
        choices = []
        for kind in texts.KINDS:
            row = latest.get((family_id, kind))
            choices.append(
                wire.KindChoice(
                    kind=kind,  # type: ignore[arg-type]
                    granted=bool(row and row["granted"]),
                    since=row["at"] if row else None,
                )
            )
        people.append(
            wire.FamilySharing(
                family_id=family_id,
                display_name=link["name"],
                relation=link["relation"],
                kinds=choices,
            )
        )
    auto_share = []
    for kind in texts.UPDATE_KINDS:
        auto = latest_auto.get((kind,))
        auto_share.append(
            wire.AutoShareChoice(
                kind=kind,  # type: ignore[arg-type]
                enabled=bool(auto and auto["enabled"]),
                since=auto["at"] if auto else None,
            )
        )
    return wire.Sharing(
        client_id=client_id,
        latest_text_version=texts.LATEST,
        people=people,
        auto_share=auto_share,
    )


async def shares_with(family_id: str, client_id: str, kind: str) -> bool:
    """Whether the client shares ``kind`` with this family member now (a live consent, asked
    at every request: a withdrawal is in force at once)."""
    return kind in (await live_kinds_by_client(family_id)).get(client_id, set())


async def my_sharing(family_id: str) -> list[wire.MySharing]:
    """For a family member: each linked client and the kinds they share now."""
    live = await live_kinds_by_client(family_id)
    return [
        wire.MySharing(
            client_id=str(link["client"]),
            client_name=link["name"],
            relation=link["relation"],
            kinds=[k for k in texts.KINDS if k in live.get(str(link["client"]), set())],  # type: ignore[misc]
        )
        for link in await links_of_family(family_id)
    ]


def consent_texts(version: int | None, locale: str | None) -> wire.ConsentTexts | None:
    chosen_version = version or texts.LATEST
    chosen_locale = locale if locale in i18n.LOCALES else "en"
    words = texts.wording(chosen_version, chosen_locale)
    if words is None:
        return None
    return wire.ConsentTexts(
        version=chosen_version,
        latest_version=texts.LATEST,
        locale=chosen_locale,  # type: ignore[arg-type]
        direction=i18n.direction(chosen_locale),
        title=words["title"],
        intro=words["intro"],
        kinds=[
            wire.KindText(kind=kind, title=title, text=text)
            for kind, (title, text) in words["kinds"].items()
        ],
        auto_share=words["auto_share"],
        withdraw=words["withdraw"],
        locales=list(i18n.LOCALES),
    )
