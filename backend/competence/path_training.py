"""Training records of the path of a new coach: course, hours, day, provider, the competences it
serves, the certificate file (a PDF kept as sent, or a photo re-encoded without metadata) and its
expiry, flagged from 30 days ahead. ``training_hours`` adds hours up per competence for the
reports. The only writer of ``competence_trainings``."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any

from backend import accounts
from backend.accounts import PersonInfo
from backend.competence import framework, reminding
from backend.competence.tables_path import TrainingRecord
from backend.lib import clock, images
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.lib.localtime import is_zone
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.lib.photo_pool import process
from backend.lib.storage import Opened, get_storage
from backend.sync import insert_once
from shared_schemas import competence as wire

NO_TRAINING = "There is no such training record."
TRAININGS = "competence-trainings"
EXPIRY_AHEAD = timedelta(days=30)
"""A certificate is flagged from 30 days before it expires …"""
EXPIRY_AFTER = timedelta(days=90)
"""… until 90 days after (by then it was renewed, or the course is no longer needed)."""
EXPIRING_READ = 20
CERTIFICATES = "competence/certificates"
PDF_MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg"}


# --- training records --------------------------------------------------------------------------


async def framework_keys() -> set[str]:
    return {c["key"] for c in framework.competences(await framework.current())}


def _check_competences(keys: set[str], chosen: list[str], field: str) -> list[str]:
    out: list[str] = []
    for i, key in enumerate(chosen):
        if key not in keys:
            raise field_error(f"{field}.{i}", "This competence is not in the framework.")
        if key in out:
            raise field_error(f"{field}.{i}", "Each competence is named once.")
        out.append(key)
    return out


async def add_training(
    actor: Actor, person: PersonInfo, data: wire.TrainingRecordCreate
) -> tuple[str, bool]:
    competences = _check_competences(await framework_keys(), data.competences, "body.competences")
    if data.taken_on > clock.now().date():
        raise field_error("body.takenOn", "The day of the course cannot be in the future.")
    if data.expires_on is not None and data.expires_on < data.taken_on:
        raise field_error("body.expiresOn", "A certificate expires after the course was taken.")
    if not is_zone(data.zone):
        raise field_error("body.zone", "Choose a time zone from the list.")
    row = TrainingRecord(
        client_uuid=as_uuid(data.local_id),
        person=person.id,
        course=data.course.strip(),
        provider=data.provider.strip(),
        hours=data.hours,
        taken_on=data.taken_on,
        competences=competences,
        expires_on=data.expires_on,
        created_by=actor.id,
        created_at=clock.now(),
    )
    stored, created = await insert_once(TrainingRecord, row, {"person": person.id}, data)
    if created and data.expires_on is not None:
        await reminding.ensure(person.id, data.zone)
    return str(stored["id"]), created


async def training_row(training_id: str) -> dict[str, Any] | None:
    if as_uuid(training_id) is None:
        return None
    row: dict[str, Any] | None = (
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(TrainingRecord.id == as_uuid(training_id))
        .first()
        .output(load_json=True)
    )
    return row


async def remove_training(row: dict[str, Any]) -> None:
    """Remove a training record and its certificate file (the file's key goes at once)."""
    await TrainingRecord.delete().where(TrainingRecord.id == row["id"])
    await get_storage().delete_prefixes([certificate_prefix(str(row["id"]))])


def expiring(expires_on: date | None, today: date) -> bool:
    return expires_on is not None and today - EXPIRY_AFTER <= expires_on <= today + EXPIRY_AHEAD


def certificate_key(row_id: str, content_hash: str, kind: str) -> str | None:
    """The storage key of a record's certificate file (None without one)."""
    if not content_hash or kind not in CONTENT_TYPES:
        return None
    return f"{CERTIFICATES}/{row_id}/{content_hash[:16]}.{kind}"


def key_of(row: dict[str, Any]) -> str | None:
    return certificate_key(str(row["id"]), row["certificate_hash"], row["certificate_type"])


def certificate_prefix(row_id: str) -> str:
    return f"{CERTIFICATES}/{row_id}"


async def names(ids: set[str]) -> dict[str, str]:
    return await accounts.display_names(ids) if ids else {}


async def trainings_wire(rows: list[dict[str, Any]]) -> list[wire.TrainingRecord]:
    creators = await names({str(r["created_by"]) for r in rows if r["created_by"]})
    today = clock.now().date()
    return [
        wire.TrainingRecord(
            id=str(r["id"]),
            person_id=str(r["person"]),
            course=r["course"],
            provider=r["provider"],
            hours=float(r["hours"]),
            taken_on=r["taken_on"],
            competences=list(r["competences"]),
            expires_on=r["expires_on"],
            expiring=expiring(r["expires_on"], today),
            certificate=(
                wire.CertificateFile(
                    kind=r["certificate_type"],
                    url=f"/api/competence/trainings/{r['id']}/certificate",
                )
                if key_of(r)
                else None
            ),
            created_by_name=creators.get(str(r["created_by"]), ""),
            created_at=r["created_at"],
        )
        for r in rows
    ]


def trainings_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of training records: the latest course first (then the newest, then by id)."""
    return page_request(TRAININGS, cursor, limit, date, datetime, str)


async def trainings_of(
    person_id: str, page: PageRequest
) -> tuple[list[wire.TrainingRecord], str | None]:
    where: Any = TrainingRecord.person == person_id
    order = (TrainingRecord.taken_on, TrainingRecord.created_at, TrainingRecord.id)
    if (after := after_key(page, *order, descending=True)) is not None:
        where &= after
    rows, next_cursor = page_of(
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(where)
        .order_by(*order, ascending=False)
        .limit(page.fetch)
        .output(load_json=True),
        page,
        TRAININGS,
        lambda r: (r["taken_on"], r["created_at"], str(r["id"])),
    )
    return await trainings_wire(rows), next_cursor


async def expiring_of(person_ids: Collection[str]) -> dict[str, list[wire.TrainingRecord]]:
    """Each person's flagged certificates (a bounded read: the expiry window only)."""
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    today = clock.now().date()
    rows = (
        await TrainingRecord.select(*TrainingRecord.all_columns())
        .where(
            TrainingRecord.person.is_in(wanted)
            & (TrainingRecord.expires_on >= today - EXPIRY_AFTER)
            & (TrainingRecord.expires_on <= today + EXPIRY_AHEAD)
        )
        .order_by(TrainingRecord.expires_on)
        .limit(EXPIRING_READ * len(wanted))
        .output(load_json=True)
    )
    out: dict[str, list[wire.TrainingRecord]] = {}
    for record in await trainings_wire(rows):
        out.setdefault(record.person_id, []).append(record)
    return out


async def attach_certificate(row: dict[str, Any], data: bytes) -> None:
    """The certificate of a record: a PDF kept as sent (``%PDF-`` by content, 10 MB at most), or
    a photo through the photo pipeline — re-encoded, its largest size as JPEG, with no EXIF, GPS
    or other metadata (``backend/lib/images.py``). Written beside the old file, then the row,
    then the old file removed: the row never names a missing file."""
    if data[:5] == b"%PDF-":
        if len(data) > PDF_MAX_BYTES:
            raise field_error("file", "This PDF is too large: 10 MB at most.", 413, "too_large")
        kind, content = "pdf", data
    elif images.sniff(data) is not None:
        processed = await process(data)
        kind, content = "jpg", processed.variants[0].jpeg
    else:
        raise field_error(
            "file", "Send the certificate as a PDF or a photo.", 415, "unsupported_type"
        )
    content_hash = hashlib.sha256(content).hexdigest()
    storage = get_storage()
    old = key_of(row)
    new = f"{certificate_prefix(str(row['id']))}/{content_hash[:16]}.{kind}"
    await storage.put(new, content, CONTENT_TYPES[kind])
    try:
        await TrainingRecord.update(
            {TrainingRecord.certificate_hash: content_hash, TrainingRecord.certificate_type: kind}
        ).where(TrainingRecord.id == row["id"])
    except BaseException:
        if new != old:
            await storage.delete(new)
        raise
    if old and old != new:
        await storage.delete(old)


async def read_certificate(row: dict[str, Any]) -> tuple[str, Opened] | None:
    """(content type, the certificate opened for streaming), or None when there is none."""
    key = key_of(row)
    if key is None:
        return None
    opened = await get_storage().open(key)
    return (CONTENT_TYPES[row["certificate_type"]], opened) if opened is not None else None


async def training_hours(
    *,
    team_ids: Collection[str] | None = None,
    person_ids: Collection[str] | None = None,
    since: date,
    until: date,
) -> dict[str, float]:
    """Hours of training per competence key, of the courses taken from ``since`` to ``until``
    (both days included) by the people of ``team_ids`` (anyone whose account is in one of those
    teams) or by ``person_ids`` (either or both; neither: the whole organisation). A course that
    serves several competences counts its hours for each of them; a course that names none is
    under ``""``. Reads only the period's records."""
    where: Any = (TrainingRecord.taken_on >= since) & (TrainingRecord.taken_on <= until)
    if team_ids is not None or person_ids is not None:
        teams = [as_uuid(t) for t in team_ids or () if as_uuid(t) is not None]
        people = [as_uuid(p) for p in person_ids or () if as_uuid(p) is not None]
        if not teams and not people:
            return {}
        who: Any = None
        if teams:
            who = TrainingRecord.person._.team.is_in(teams)
        if people:
            by_person = TrainingRecord.person.is_in(people)
            who = by_person if who is None else who | by_person
        where &= who
    rows = (
        await TrainingRecord.select(TrainingRecord.hours, TrainingRecord.competences)
        .where(where)
        .output(load_json=True)
    )
    hours: dict[str, float] = {}
    for r in rows:
        for key in r["competences"] or [""]:
            hours[key] = hours.get(key, 0.0) + float(r["hours"])
    return {k: round(v, 2) for k, v in sorted(hours.items())}
