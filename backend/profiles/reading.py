"""The profile as the wire shows it (the draft with its choices and versions; one version) and
as the documents read it (``ApprovedProfile``). Everything here reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import msgspec

from backend.accounts import display_names
from backend.clients import ClientRow
from backend.profiles import face, media, templates
from backend.profiles.services import profile_row, section_rows
from backend.profiles.tables import Profile, ProfilePhoto, ProfileSection, ProfileVersion
from backend.profiles.versions import newest_version
from backend.tasks import voice_name
from shared_schemas import profiles as wire


def _kept(raw: list[dict[str, Any]]) -> list[wire.Kept]:
    return [
        wire.Kept(
            field=k["field"],
            value=k["value"],
            by_name=k["byName"],
            at=datetime.fromisoformat(k["at"]),
        )
        for k in raw
    ]


def _photo(p: dict[str, Any], caption: str | None = None) -> wire.ProfilePhoto | None:
    sizes = p["photo_sizes"] if isinstance(p["photo_sizes"], list) else []
    shown = media.PHOTOS.to_wire(str(p["id"]), p["photo_hash"], sizes)
    if shown is None:
        return None
    return wire.ProfilePhoto(
        id=str(p["id"]), caption=p["caption"] if caption is None else caption, photo=shown
    )


async def _photos_by_id(ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = (
        await ProfilePhoto.select(*ProfilePhoto.all_columns())
        .where(ProfilePhoto.id.is_in(ids))
        .output(load_json=True)
    )
    return {str(r["id"]): r for r in rows}


def _empty_choices() -> wire.Choices:
    return wire.Choices(
        revision=0,
        disclosure=None,
        disclosure_words="",
        benefits_offered=None,
        benefits_offered_on=None,
        benefits_offered_by_name=None,
        mentor_may_read=False,
        kept=[],
    )


def _empty_section(key: wire.SectionKey, with_notes: bool) -> wire.ProfileSection:
    return wire.ProfileSection(
        key=key,
        revision=0,
        words="",
        themes=[],
        own_themes=[],
        experiences=[],
        conditions=wire.Conditions(),
        photos=[],
        voice=None,
        notes="" if with_notes else None,
        kept=[],
        updated_at=None,
        updated_by_name=None,
    )


async def draft(record: ClientRow, with_notes: bool) -> wire.Profile:
    """The client's profile; empty sections when nobody wrote any yet. ``with_notes``: the
    coach's notes (and words kept for them) are in it (staff)."""
    profile = await profile_row(record.client_id)
    if profile is None:
        return wire.Profile(
            client_id=record.client_id,
            client_name=record.display_name,
            template_version=await templates.newest_version(),
            language="en",
            sections=[_empty_section(k, with_notes) for k in templates.SECTION_KEYS],
            choices=_empty_choices(),
            versions=[],
            approved=None,
            waiting=None,
            draft_changed=False,
        )
    sections = await section_rows(profile["id"])
    photos = (
        await ProfilePhoto.select(*ProfilePhoto.all_columns())
        .where((ProfilePhoto.profile == profile["id"]) & ProfilePhoto.in_draft.eq(True))
        .order_by(ProfilePhoto.created_at)
        .output(load_json=True)
    )
    versions = (
        await ProfileVersion.select(
            ProfileVersion.number,
            ProfileVersion.asked_at,
            ProfileVersion.asked_by,
            ProfileVersion.approved_at,
        )
        .where(ProfileVersion.profile == profile["id"])
        .order_by(ProfileVersion.number, ascending=False)
    )
    people = {str(s["updated_by"]) for s in sections.values() if s["updated_by"]}
    people |= {str(v["asked_by"]) for v in versions if v["asked_by"]}
    if profile["benefits_offered_by"]:
        people.add(str(profile["benefits_offered_by"]))
    names = await display_names(people) if people else {}
    out_sections = []
    for key in templates.SECTION_KEYS:
        s = sections[key]
        conditions = s["conditions"] or {}
        out_sections.append(
            wire.ProfileSection(
                key=key,
                revision=s["revision"],
                words=s["words"],
                themes=list(s["themes"] or []),
                own_themes=list(s["own_themes"] or []),
                experiences=msgspec.convert(s["experiences"] or [], list[wire.Experience]),
                conditions=wire.Conditions(
                    **{c: conditions.get(c, "") for c in templates.CONDITIONS},
                    **{a: conditions.get(c, "") for c, a in templates.LEVELS.items()},
                ),
                photos=[p for p in (_photo(r) for r in photos if r["section"] == key) if p],
                voice=wire.VoiceNote(
                    url=f"/api/clients/{record.client_id}/profile/sections/{key}/voice/"
                    + voice_name(s["voice_hash"], s["voice_type"]),
                    content_type=s["voice_type"],
                    seconds=s["voice_seconds"],
                )
                if s["voice_hash"]
                else None,
                notes=s["notes"] if with_notes else None,
                kept=_kept([k for k in s["kept"] or [] if with_notes or k["field"] != "notes"]),
                updated_at=s["updated_at"],
                updated_by_name=names.get(str(s["updated_by"])) if s["updated_by"] else None,
            )
        )
    by = profile["benefits_offered_by"]
    approved = next((v["number"] for v in versions if v["approved_at"] is not None), None)
    newest = versions[0] if versions else None
    changed_at = profile["changed_at"]
    return wire.Profile(
        client_id=record.client_id,
        client_name=record.display_name,
        template_version=profile["template_version"],
        language=profile["language"],
        sections=out_sections,
        choices=wire.Choices(
            revision=profile["revision"],
            disclosure=profile["disclosure"] or None,
            disclosure_words=profile["disclosure_words"],
            benefits_offered=profile["benefits_offered"],
            benefits_offered_on=profile["benefits_offered_on"],
            benefits_offered_by_name=names.get(str(by)) if by else None,
            mentor_may_read=profile["mentor_may_read"],
            kept=_kept(list(profile["kept"] or [])),
        ),
        versions=[
            wire.VersionSummary(
                number=v["number"],
                asked_at=v["asked_at"],
                asked_by_name=names.get(str(v["asked_by"])) if v["asked_by"] else None,
                approved_at=v["approved_at"],
            )
            for v in versions
        ],
        approved=approved,
        waiting=newest["number"] if newest and newest["approved_at"] is None else None,
        draft_changed=changed_at is not None
        and (newest is None or changed_at > newest["asked_at"]),
    )


async def version_row(client_id: str, number: int | None) -> dict[str, Any] | None:
    """Version ``number`` of the client's profile; None: the newest approved one."""
    query = ProfileVersion.select(*ProfileVersion.all_columns()).where(
        ProfileVersion.client == client_id
    )
    if number is None:
        query = query.where(ProfileVersion.approved_at.is_not_null())
    else:
        query = query.where(ProfileVersion.number == number)
    row: dict[str, Any] | None = (
        await query.order_by(ProfileVersion.number, ascending=False).first().output(load_json=True)
    )
    return row


async def version(row: dict[str, Any]) -> wire.ProfileVersion:
    content = row["content"]
    ids = [p["id"] for s in content["sections"] for p in s["photos"]]
    photos = await _photos_by_id(ids)
    names = await display_names({str(row["asked_by"])}) if row["asked_by"] else {}
    return wire.ProfileVersion(
        client_id=str(row["client"]),
        number=row["number"],
        template_version=row["template_version"],
        language=row["language"],
        sections=[
            wire.VersionSection(
                key=s["key"],
                words=s["words"],
                themes=s["themes"],
                own_themes=s["ownThemes"],
                experiences=msgspec.convert(s["experiences"], list[wire.Experience]),
                conditions=msgspec.convert(s["conditions"], wire.Conditions),
                photos=[
                    p
                    for p in (
                        _photo(photos[ref["id"]], ref["caption"])
                        for ref in s["photos"]
                        if ref["id"] in photos
                    )
                    if p
                ],
            )
            for s in content["sections"]
        ],
        disclosure=content["disclosure"],
        disclosure_words=content["disclosureWords"],
        asked_at=row["asked_at"],
        asked_by_name=names.get(str(row["asked_by"])) if row["asked_by"] else None,
        approved_at=row["approved_at"],
    )


def _section_text(s: dict[str, Any], words: dict[str, Any]) -> str:
    """A section's words for a document: the conditions at work each on its own line, named."""
    parts = [s["words"]] if s["words"] else []
    for c in templates.CONDITIONS:
        said = (s.get("conditions") or {}).get(c, "")
        if said:
            parts.append(f"{words['conditions'][c]}: {said}")
    return "\n".join(parts)


async def approved_profile(client_id: str, language: str) -> face.ApprovedProfile | None:
    """The version in force, headings and theme labels in ``language``; None when no version
    is approved. Never the coach's notes."""
    row = await version_row(client_id, None)
    if row is None:
        return None
    texts = await templates.texts_of(row["template_version"]) or templates.default_texts()
    words = templates.words_in(texts, language)
    names = await display_names({client_id})
    content = row["content"]
    themes = [words["themes"].get(t, t) for s in content["sections"] for t in s["themes"]]
    themes += [t for s in content["sections"] for t in s["ownThemes"]]
    return face.ApprovedProfile(
        client_id=client_id,
        display_name=names.get(client_id, ""),
        version=row["number"],
        approved_at=row["approved_at"],
        template_version=row["template_version"],
        language=row["language"],
        sections=[
            face.ProfileSection(
                key=s["key"],
                heading=words["sections"][s["key"]]["heading"],
                text=_section_text(s, words),
                photos=[face.ProfilePhoto(id=p["id"], caption=p["caption"]) for p in s["photos"]],
            )
            for s in content["sections"]
        ],
        themes=list(dict.fromkeys(themes)),
        experiences=[
            face.ProfileEntry(
                kind=e["kind"],
                what=e["what"],
                where=e.get("where", ""),
                from_date=date.fromisoformat(e["fromDate"]) if e.get("fromDate") else None,
                until=date.fromisoformat(e["until"]) if e.get("until") else None,
            )
            for s in content["sections"]
            for e in s["experiences"]
        ],
        disclosure=content["disclosure"],
        disclosure_words=content["disclosureWords"],
    )


async def themes_of(client_ids: Sequence[str]) -> dict[str, set[str]]:
    """Per client, the themes they chose in their profile (the draft: what they say now, the
    template's themes, not their own words), in one statement."""
    if not client_ids:
        return {}
    rows = (
        await ProfileSection.select(ProfileSection.client, ProfileSection.themes)
        .where(ProfileSection.client.is_in(list(client_ids)))
        .output(load_json=True)
    )
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(str(r["client"]), set()).update(r["themes"] or [])
    return out


async def photo_jpeg(photo_id: str) -> bytes:
    """The middle-size JPEG of a profile photo, metadata already stripped (LookupError when
    there is no such photo)."""
    row = await media.photo_row(photo_id)
    data = await media.middle_jpeg(row) if row else None
    if data is None:
        raise LookupError(f"no profile photo {photo_id}")
    return data


async def approved_photo_ids(client_id: str) -> set[str]:
    row = await version_row(client_id, None)
    if row is None:
        return set()
    return {p["id"] for s in row["content"]["sections"] for p in s["photos"]}


async def newest(profile_id: Any) -> dict[str, Any] | None:
    return await newest_version(profile_id)


async def needs_levels(client_id: str) -> tuple[str, dict[str, str]]:
    """What the client needs at work in levels (``templates.LEVELS``, by wire name, only those
    said) and where it was read: the approved version ("approved") when it says any, else the
    draft ("draft"), else ("none", {}). The job analysis compares a job's demands with it."""
    approved = await version_row(client_id, None)
    if approved is not None:
        found = _levels(s.get("conditions") or {} for s in approved["content"]["sections"])
        if found:
            return "approved", found
    profile = await Profile.select(Profile.id).where(Profile.client == client_id).first()
    if profile is None:
        return "none", {}
    rows = (
        await ProfileSection.select(ProfileSection.conditions)
        .where(ProfileSection.profile == profile["id"])
        .output(load_json=True)
    )
    found = _levels(r["conditions"] or {} for r in rows)
    return ("draft", found) if found else ("none", {})


def _levels(conditions: Iterable[dict[str, Any]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for c in conditions:
        for name in templates.LEVELS:
            if c.get(name):
                found[name] = str(c[name])
    return found
