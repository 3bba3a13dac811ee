"""Versions of the profile: "ask the client to approve" keeps the draft's words as a numbered
version (never the coach's notes), and the client approves the newest version with their
passkey. The approved version stays in force until a later one is approved."""

from __future__ import annotations

from typing import Any

from backend.clients import ClientRow
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.events import emit
from backend.lib.ids import as_uuid
from backend.profiles import templates
from backend.profiles.events import ProfileApproved
from backend.profiles.services import profile_row, section_rows
from backend.profiles.tables import ProfilePhoto, ProfileVersion
from shared_schemas import profiles as wire

NO_VERSION = "There is no such version of the profile."


async def _draft_content(profile: dict[str, Any]) -> dict[str, Any]:
    """What a version keeps of the draft: the client's words, never the coach's notes."""
    sections = await section_rows(profile["id"])
    photos = (
        await ProfilePhoto.select(ProfilePhoto.id, ProfilePhoto.section, ProfilePhoto.caption)
        .where((ProfilePhoto.profile == profile["id"]) & ProfilePhoto.in_draft.eq(True))
        .order_by(ProfilePhoto.created_at)
    )
    return {
        "sections": [
            {
                "key": key,
                "words": sections[key]["words"],
                "themes": list(sections[key]["themes"] or []),
                "ownThemes": list(sections[key]["own_themes"] or []),
                "experiences": list(sections[key]["experiences"] or []),
                "conditions": dict(sections[key]["conditions"] or {}),
                "photos": [
                    {"id": str(p["id"]), "caption": p["caption"]}
                    for p in photos
                    if p["section"] == key
                ],
            }
            for key in templates.SECTION_KEYS
        ],
        "disclosure": profile["disclosure"],
        "disclosureWords": profile["disclosure_words"],
    }


async def newest_version(profile_id: Any) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await ProfileVersion.select(*ProfileVersion.all_columns())
        .where(ProfileVersion.profile == profile_id)
        .order_by(ProfileVersion.number, ascending=False)
        .first()
        .output(load_json=True)
    )
    return row


async def ask_approval(actor: Actor, record: ClientRow, data: wire.AskApproval) -> tuple[int, bool]:
    """A version of the draft for the client to approve: (its number, made now). The draft
    unchanged since the newest version: that version again."""
    found = (
        await ProfileVersion.select(ProfileVersion.number, ProfileVersion.client)
        .where(ProfileVersion.client_uuid == as_uuid(data.local_id))
        .first()
    )
    if found is not None:
        if str(found["client"]) != record.client_id:
            raise field_error(
                "body.localId", "This id was already used for something else.", 409, "conflict"
            )
        return int(found["number"]), False
    profile = await profile_row(record.client_id)
    if profile is None:
        raise field_error(
            "body", "The profile is empty: write it with the client first.", 422, "empty"
        )
    if not profile["disclosure"]:
        raise field_error(
            "body.disclosure",
            "Record first what the client wants employers to know about their disability.",
            422,
            "disclosure_missing",
        )
    newest = await newest_version(profile["id"])
    content = await _draft_content(profile)
    if newest is not None and newest["content"] == content:
        return int(newest["number"]), False
    number = (newest["number"] if newest else 0) + 1
    try:
        await ProfileVersion.insert(
            ProfileVersion(
                client_uuid=as_uuid(data.local_id),
                profile=profile["id"],
                client=record.client_id,
                number=number,
                template_version=profile["template_version"],
                language=profile["language"],
                content=content,
                asked_by=actor.id,
                asked_at=clock.now(),
            )
        )
    except Exception:  # the same request at once, or another version numbered meanwhile
        again = await ProfileVersion.exists().where(
            ProfileVersion.client_uuid == as_uuid(data.local_id)
        )
        if again:
            return await ask_approval(actor, record, data)
        raise ProblemError(
            409, "Someone asked for approval at the same moment. Look again."
        ) from None
    return number, True


async def approve(record: ClientRow, number: int) -> bool:
    """The client approves version ``number`` (the newest only: an older one was replaced
    before they saw it). True when approved now, False when it was approved before."""
    profile = await profile_row(record.client_id)
    newest = await newest_version(profile["id"]) if profile else None
    if profile is None or newest is None:
        raise ProblemError(404, NO_VERSION)
    if number > newest["number"] or number < 1:
        raise ProblemError(404, NO_VERSION)
    if number < newest["number"]:
        raise field_error(
            "body.version",
            "There is a newer version of the profile. Read that one and approve it.",
            409,
            "not_newest",
        )
    if newest["approved_at"] is not None:
        return False
    at = clock.now()
    await ProfileVersion.update({ProfileVersion.approved_at: at}).where(
        ProfileVersion.id == newest["id"]
    )
    await emit(ProfileApproved(client_id=record.client_id, version=number, approved_at=at))
    return True
