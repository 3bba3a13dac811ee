"""Writing the profile: the draft's sections and choices (merged field by field, each write once
by its ``localId``: ``merge.py``), asking the client to approve (a version), and the client's
approval. With ``media.py`` (photos, voice notes), the only writer of the profile's tables."""

from __future__ import annotations

from typing import Any

import msgspec

from backend.accounts.tables import User
from backend.clients import ClientRow
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.profiles import access, templates
from backend.profiles.merge import State, merge
from backend.profiles.tables import (
    Profile,
    ProfileEdit,
    ProfileSection,
)
from shared_schemas import profiles as wire

NO_VERSION = "There is no such version of the profile."
_TRIES = 5


class _Moved(Exception):
    """Another write changed the row between our read and our update: read it again."""


async def profile_row(client_id: str) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await Profile.select(*Profile.all_columns())
        .where(Profile.client == client_id)
        .first()
        .output(load_json=True)
    )
    return row


async def _language_of(client_id: str) -> str:
    row = await User.select(User.locale).where(User.id == client_id).first()
    locale = row["locale"] if row else ""
    return locale if locale in templates.LOCALES else "en"


async def ensure_profile(record: ClientRow) -> dict[str, Any]:
    """The client's profile, made with its seven empty sections the first time it is written."""
    if (found := await profile_row(record.client_id)) is not None:
        return found
    at = clock.now()
    profile = Profile(
        client=record.client_id,
        template_version=await templates.newest_version(),
        language=await _language_of(record.client_id),
        created_at=at,
    )
    try:
        async with Profile._meta.db.transaction():
            await Profile.insert(profile)
            await ProfileSection.insert(
                *(
                    ProfileSection(
                        slot=f"{profile.id}:{key}",
                        profile=profile.id,
                        client=record.client_id,
                        key=key,
                    )
                    for key in templates.SECTION_KEYS
                )
            )
    except Exception:  # the other phone made it at the same moment (unique client)
        if (found := await profile_row(record.client_id)) is None:
            raise
        return found
    made = await profile_row(record.client_id)
    assert made is not None
    return made


async def section_rows(profile_id: Any) -> dict[str, dict[str, Any]]:
    rows = (
        await ProfileSection.select(*ProfileSection.all_columns())
        .where(ProfileSection.profile == profile_id)
        .output(load_json=True)
    )
    return {r["key"]: r for r in rows}


async def _replay(profile_id: Any, local_id: str, section: str) -> bool:
    """Whether this write landed before (the outbox sent it again); 409 when its id was used
    for another section or another client's profile."""
    found = (
        await ProfileEdit.select(ProfileEdit.profile, ProfileEdit.section)
        .where(ProfileEdit.client_uuid == as_uuid(local_id))
        .first()
    )
    if found is None:
        return False
    if str(found["profile"]) != str(profile_id) or found["section"] != section:
        raise field_error(
            "body.localId",
            "This id was already used for something else. Make a new one.",
            409,
            "conflict",
        )
    return True


def _edit(
    profile: dict[str, Any],
    section: str,
    actor: Actor,
    local_id: str,
    base: int,
    sent: dict[str, Any],
    kept: list[str],
) -> ProfileEdit:
    return ProfileEdit(
        client_uuid=as_uuid(local_id),
        profile=profile["id"],
        client=profile["client"],
        section=section,
        base_revision=base,
        sent=msgspec.to_builtins(sent),
        kept_fields=kept,
        author=actor.id,
        at=clock.now(),
    )


def _section_values(row: dict[str, Any]) -> dict[str, Any]:
    conditions = row["conditions"] or {}
    return {
        "words": row["words"],
        "notes": row["notes"],
        "themes": list(row["themes"] or []),
        "ownThemes": list(row["own_themes"] or []),
        "experiences": list(row["experiences"] or []),
        **{c: conditions.get(c, "") for c in templates.CONDITIONS},
        **{c: conditions.get(c, "") for c in templates.LEVELS},
    }


def _sent_fields(data: wire.SectionWrite) -> dict[str, Any]:
    sent: dict[str, Any] = {}
    if data.words is not None:
        sent["words"] = data.words.strip()
    if data.notes is not None:
        sent["notes"] = data.notes.strip()
    if data.themes is not None:
        sent["themes"] = list(dict.fromkeys(data.themes))
    if data.own_themes is not None:
        sent["ownThemes"] = list(dict.fromkeys(t.strip() for t in data.own_themes if t.strip()))
    if data.experiences is not None:
        for i, e in enumerate(data.experiences):
            if e.from_date and e.until and e.until < e.from_date:
                raise field_error(
                    f"body.experiences[{i}].until", "The end comes on or after the start."
                )
        sent["experiences"] = msgspec.to_builtins(data.experiences)
    if data.conditions is not None:
        for c in templates.CONDITIONS:
            value = getattr(data.conditions, c)
            if value is not None:
                sent[c] = value.strip()
        for c, attribute in templates.LEVELS.items():
            if (level := getattr(data.conditions, attribute)) is not None:
                sent[c] = level
    return sent


async def write_section(
    actor: Actor, record: ClientRow, key: wire.SectionKey, data: wire.SectionWrite
) -> bool:
    """Apply a write to one section of the draft: True when it landed now, False when it had
    landed before (a repeat)."""
    sent = _sent_fields(data)
    if "notes" in sent or "notes" in data.resolve:
        access.require(
            access.can_write_notes(actor, record), "The coach's notes are written by staff."
        )
    profile = await ensure_profile(record)
    for _ in range(_TRIES):
        if await _replay(profile["id"], data.local_id, key):
            return False
        row = (await section_rows(profile["id"]))[key]
        values = _section_values(row)
        state = State(
            values, dict(row["field_revs"] or {}), list(row["kept"] or []), row["revision"]
        )
        at = clock.now()
        outcome = merge(
            state, sent, data.base_revision, list(data.resolve), actor.id, actor.display_name, at
        )
        changes: dict[Any, Any] = {}
        if outcome.anything:
            changes = {
                ProfileSection.words: values["words"],
                ProfileSection.notes: values["notes"],
                ProfileSection.themes: values["themes"],
                ProfileSection.own_themes: values["ownThemes"],
                ProfileSection.experiences: values["experiences"],
                ProfileSection.conditions: {
                    c: values[c] for c in (*templates.CONDITIONS, *templates.LEVELS)
                },
                ProfileSection.field_revs: state.field_revs,
                ProfileSection.kept: state.kept,
                ProfileSection.revision: state.revision,
                ProfileSection.updated_at: at,
                ProfileSection.updated_by: actor.id,
            }
        try:
            async with ProfileSection._meta.db.transaction():
                await ProfileEdit.insert(
                    _edit(
                        profile, key, actor, data.local_id, data.base_revision, sent, outcome.kept
                    )
                )
                if changes:
                    moved = (
                        await ProfileSection.update(changes)
                        .where(
                            (ProfileSection.id == row["id"])
                            & (ProfileSection.revision == row["revision"])
                        )
                        .returning(ProfileSection.id)
                    )
                    if not moved:
                        raise _Moved
                    await _touch(profile["id"], at)
            return True
        except _Moved:
            continue
        except Exception:
            if await _replay(profile["id"], data.local_id, key):
                return False
            raise
    raise ProblemError(503, "The profile is being changed by many at once. Please try again.")


async def _touch(profile_id: Any, at: Any) -> None:
    await Profile.update({Profile.changed_at: at}).where(Profile.id == profile_id)


async def touch(profile_id: Any) -> None:
    await _touch(profile_id, clock.now())


async def write_choices(actor: Actor, record: ClientRow, data: wire.ChoicesWrite) -> bool:
    """The disclosure, the benefits check and whether mentors read the approved profile."""
    benefits = data.benefits_offered is not None or data.benefits_offered_on is not None
    if benefits:
        access.require(
            access.can_write_notes(actor, record), "The coach records the benefits check."
        )
    if data.mentor_may_read is not None:
        access.require(
            access.can_choose_mentor_reading(actor, record),
            "Only the client chooses whether their mentors read the profile.",
        )
    if data.benefits_offered and data.benefits_offered_on is None:
        raise field_error("body.benefitsOfferedOn", "Write the day the benefits check was offered.")
    sent: dict[str, Any] = {}
    if data.disclosure is not None:
        sent["disclosure"] = data.disclosure
    if data.disclosure_words is not None:
        sent["disclosureWords"] = data.disclosure_words.strip()
    profile = await ensure_profile(record)
    for _ in range(_TRIES):
        if await _replay(profile["id"], data.local_id, "choices"):
            return False
        row = await profile_row(record.client_id)
        assert row is not None
        values = {"disclosure": row["disclosure"], "disclosureWords": row["disclosure_words"]}
        state = State(
            values, dict(row["field_revs"] or {}), list(row["kept"] or []), row["revision"]
        )
        at = clock.now()
        outcome = merge(
            state, sent, data.base_revision, list(data.resolve), actor.id, actor.display_name, at
        )
        changes: dict[Any, Any] = {}
        if outcome.anything:
            changes = {
                Profile.disclosure: values["disclosure"],
                Profile.disclosure_words: values["disclosureWords"],
                Profile.field_revs: state.field_revs,
                Profile.kept: state.kept,
            }
        if benefits:
            changes[Profile.benefits_offered] = data.benefits_offered
            changes[Profile.benefits_offered_on] = (
                data.benefits_offered_on if data.benefits_offered else None
            )
            changes[Profile.benefits_offered_by] = actor.id if data.benefits_offered else None
        if data.mentor_may_read is not None:
            changes[Profile.mentor_may_read] = data.mentor_may_read
        if changes:
            changes[Profile.revision] = state.revision + (0 if outcome.anything else 1)
            changes[Profile.changed_at] = at
        try:
            async with Profile._meta.db.transaction():
                await ProfileEdit.insert(
                    _edit(
                        row,
                        "choices",
                        actor,
                        data.local_id,
                        data.base_revision,
                        msgspec.to_builtins(data),
                        outcome.kept,
                    )
                )
                if changes:
                    moved = (
                        await Profile.update(changes)
                        .where((Profile.id == row["id"]) & (Profile.revision == row["revision"]))
                        .returning(Profile.id)
                    )
                    if not moved:
                        raise _Moved
            return True
        except _Moved:
            continue
        except Exception:
            if await _replay(profile["id"], data.local_id, "choices"):
                return False
            raise
    raise ProblemError(503, "The profile is being changed by many at once. Please try again.")
