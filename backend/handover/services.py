"""The pack's writes: consents (append-only), a section's own words, links (made, ended), views
of a link's page and readers' feedback. The only module that writes the domain's tables."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from backend.clients import ClientRow
from backend.employers import person_of
from backend.handover.sections import CONSENT_VERSION
from backend.handover.tables import (
    HandoverConsent,
    HandoverFeedback,
    HandoverLink,
    HandoverView,
    HandoverWords,
)
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.sync import insert_once
from shared_schemas import handover as wire

TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG (secrets); only its SHA-256 is kept


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def consent(
    actor: Actor, record: ClientRow, job_id: str, section: str, data: wire.ConsentWrite
) -> bool:
    """Record the client's choice for one section: a new row, the latest counts at once.
    True when recorded now (False: this ``localId`` was sent before)."""
    row = HandoverConsent(
        client_uuid=uuid.UUID(data.local_id),
        client=record.client_id,
        job=as_uuid(job_id),
        section=section,
        granted=data.granted,
        actor=actor.id,
        actor_role=actor.role,
        text_version=CONSENT_VERSION,
        locale=data.locale,
        at=now(),
    )
    _, created = await insert_once(
        HandoverConsent, row, {"client": as_uuid(record.client_id)}, data
    )
    return created


async def write_words(
    actor: Actor, record: ClientRow, job_id: str, section: str, words: str
) -> None:
    place = f"{job_id}:{section}"
    found = await HandoverWords.select(HandoverWords.id).where(HandoverWords.place == place).first()
    if found is None:
        await HandoverWords.insert(
            HandoverWords(
                place=place,
                client=record.client_id,
                job=as_uuid(job_id),
                section=section,
                words=words.strip(),
                updated_by=actor.id,
                updated_at=now(),
            )
        ).on_conflict(target=HandoverWords.place, action="DO NOTHING")
    await HandoverWords.update(
        {
            HandoverWords.words: words.strip(),
            HandoverWords.updated_by: actor.id,
            HandoverWords.updated_at: now(),
        }
    ).where(HandoverWords.place == place)


async def make_link(
    actor: Actor, record: ClientRow, job: dict[str, Any], data: wire.LinkCreate
) -> tuple[dict[str, Any], str | None]:
    """A link for a named reader: (its row, the token — None when this ``localId`` made one
    before, whose token is not kept)."""
    name, role, person = data.reader_name.strip(), data.reader_role.strip(), None
    if data.employer_person_id is not None:
        found = await person_of(data.employer_person_id)
        if found is None or job["employer"] is None or found.employer_id != str(job["employer"]):
            raise field_error("body.employerPersonId", "This person is not at this job's employer.")
        name, role, person = found.name, found.role or role, found.id
    if not name:
        raise field_error("body.readerName", "Write the reader's name.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = HandoverLink(
        client_uuid=uuid.UUID(data.local_id),
        client=record.client_id,
        job=job["id"],
        token_hash=token_hash(token),
        reader_name=name,
        reader_role=role,
        employer_person=as_uuid(person) if person else None,
        language=data.language or "",
        created_by=actor.id,
        created_at=now(),
    )
    stored, created = await insert_once(
        HandoverLink, row, {"client": as_uuid(record.client_id)}, data
    )
    return stored, token if created else None


async def link_row(job_id: str, link_id: str) -> dict[str, Any] | None:
    if as_uuid(link_id) is None:
        return None
    return (
        await HandoverLink.select(*HandoverLink.all_columns())
        .where((HandoverLink.id == as_uuid(link_id)) & (HandoverLink.job == as_uuid(job_id)))
        .first()
    )


async def end_link(actor: Actor, link_id: Any) -> bool:
    """End a link at once (its next request gets 410). False when it had ended already."""
    ended = (
        await HandoverLink.update({HandoverLink.ended_at: now(), HandoverLink.ended_by: actor.id})
        .where((HandoverLink.id == link_id) & (HandoverLink.ended_at.is_null()))
        .returning(HandoverLink.id)
    )
    return bool(ended)


async def by_token(token: str) -> dict[str, Any] | None:
    if not 20 <= len(token) <= 100:
        return None
    return (
        await HandoverLink.select(*HandoverLink.all_columns())
        .where(HandoverLink.token_hash == token_hash(token))
        .first()
    )


async def log_view(link: dict[str, Any], language: str) -> None:
    await HandoverView.insert(
        HandoverView(link=link["id"], client=link["client"], language=language, at=now())
    )


async def add_feedback(
    link: dict[str, Any], nonce: str, kind: str, task_title: str, step: int | None
) -> bool:
    """The reader's feedback, once per button of a page (``nonce`` is the page's): True when
    recorded now."""
    once = hashlib.sha256(f"{link['id']}|{nonce}|{task_title}|{kind}|{step}".encode()).hexdigest()
    made = (
        await HandoverFeedback.insert(
            HandoverFeedback(
                once=once,
                link=link["id"],
                client=link["client"],
                job=link["job"],
                kind=kind,
                task_title=task_title[:120],
                step=step,
                at=now(),
            )
        )
        .on_conflict(target=HandoverFeedback.once, action="DO NOTHING")
        .returning(HandoverFeedback.id)
    )
    return bool(made)
