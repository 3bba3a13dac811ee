"""The organisation behind Stepwise (the data controller) and the privacy notice that names it.

An administrator sets the organisation's name and contact, its data protection officer, the
supervisory authority and how long data is kept; the notice (``notice.py``) is filled in with
them whenever it is read, so a change shows at once and the versioned wording stays as
published.
"""

from __future__ import annotations

import re
from typing import Any

from backend.accounts import notice
from backend.accounts.tables import Organisation, User
from backend.lib import i18n
from backend.lib.clock import now
from backend.lib.db import change, naming
from backend.lib.errors import field_error
from shared_schemas import accounts as wire

# A practical address check (RFC 5321 allows more, people type less): one @, a dot after it,
# no spaces. The wording of the refusal says what to write.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,38}[0-9]$")


async def _row() -> dict[str, Any] | None:
    return (
        await Organisation.select(*Organisation.all_columns())
        .order_by(Organisation._meta.primary_key)
        .first()
    )


async def get() -> wire.Organisation:
    row = await _row() or {}
    return wire.Organisation(
        name=row.get("name", ""),
        email=row.get("email", ""),
        phone=row.get("phone", ""),
        address=row.get("address", ""),
        dpo_name=row.get("dpo_name", ""),
        dpo_email=row.get("dpo_email", ""),
        authority=row.get("authority", ""),
        retention_years=row.get("retention_years"),
        configured=bool(row.get("name")),
        updated_at=row.get("updated_at"),
    )


def _clean(data: wire.OrganisationUpdate) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": data.name.strip(),
        "email": data.email.strip(),
        "phone": data.phone.strip(),
        "address": data.address.strip(),
        "dpo_name": data.dpo_name.strip(),
        "dpo_email": data.dpo_email.strip(),
        "authority": data.authority.strip(),
        "retention_years": data.retention_years,
    }
    if not values["name"]:
        raise field_error("body.name", "Write the organisation's name.")
    if not _EMAIL.match(values["email"]):
        raise field_error(
            "body.email", "Write an email address people can write to, like privacy@example.org."
        )
    if values["phone"] and not _PHONE.match(values["phone"]):
        raise field_error(
            "body.phone", "Write a phone number with digits only, like +358 40 123 4567."
        )
    if values["dpo_email"] and not _EMAIL.match(values["dpo_email"]):
        raise field_error(
            "body.dpoEmail", "Write the officer's email address, like dpo@example.org."
        )
    if values["dpo_email"] and not values["dpo_name"]:
        raise field_error("body.dpoName", "Write the data protection officer's name.")
    return values


async def update(actor_id: str | None, data: wire.OrganisationUpdate) -> wire.Organisation:
    """Set the organisation's details; ``actor_id`` None: set by the operator's CLI (the demo)."""
    values = _clean(data)
    row = await _row()
    stamp = {**values, "updated_by": actor_id, "updated_at": now()}
    if row is None:
        await Organisation.insert(Organisation(**stamp))
    else:
        await Organisation.update({getattr(Organisation, k): v for k, v in stamp.items()}).where(
            Organisation._meta.primary_key == row["id"]
        )
    return await get()


def _contact(org: wire.Organisation, words: dict[str, Any]) -> str:
    parts = [org.email, org.phone, org.address]
    return ", ".join(p for p in parts if p) or words["unknown_contact"]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


async def render(version: int, locale: str, audience: notice.Audience) -> wire.PrivacyNotice | None:
    """The notice of ``version`` in ``locale`` for ``audience``, filled in; None: no such
    version."""
    lang: i18n.Locale = locale if locale in i18n.LOCALES else "en"  # type: ignore[assignment]
    words = notice.wording(version, lang)
    if words is None:
        return None
    org = await get()
    name = org.name or words["unknown_organisation"]
    values = {"organisation": name, "contact": _contact(org, words)}

    def fill(text: str) -> str:
        return _sentence(notice.fill(text, **values))

    who_heading, who_text = words["who"]
    who = [fill(who_text)]
    if org.dpo_name:
        dpo = ", ".join(p for p in (org.dpo_name, org.dpo_email) if p)
        who.append(notice.fill(words["dpo"], dpo=dpo))
    retention = words["retention"][audience]
    kept = (
        notice.fill(
            retention["years"], years=notice.years_in_words(words, lang, org.retention_years)
        )
        if org.retention_years
        else retention["law"]
    )
    rights_heading, rights = words["rights"][audience]
    complain = (
        notice.fill(words["complain"], authority=org.authority)
        if org.authority
        else words["complain_default"]
    )
    sections = [
        wire.NoticeSection(heading=who_heading, paragraphs=who),
        *(
            wire.NoticeSection(heading=heading, paragraphs=[fill(p) for p in paragraphs])
            for heading, paragraphs in (words[k][audience] for k in ("what", "why", "sees"))
        ),
        wire.NoticeSection(heading=words["how_long"], paragraphs=[fill(kept), words["audit"]]),
        wire.NoticeSection(
            heading=rights_heading, paragraphs=[*(fill(p) for p in rights), complain]
        ),
    ]
    return wire.PrivacyNotice(
        version=version,
        latest_version=notice.LATEST,
        locale=lang,
        direction=i18n.direction(lang),
        audience=audience,
        title=words["title"],
        intro=fill(words["intro"][audience]),
        sections=sections,
        organisation=name,
        locales=list(i18n.LOCALES),
    )


async def record_seen(user_id: str, version: int | None, locale: str | None) -> None:
    """At enrollment: the notice the person was shown, kept with their account."""
    if version is None:
        return
    if version not in notice.VERSIONS:
        raise field_error("body.noticeVersion", "There is no such version of the privacy notice.")
    await naming(
        change("users", user_id),
        User.update(
            {
                User.notice_version: version,
                User.notice_locale: locale or "en",
                User.notice_seen_at: now(),
            }
        ).where(User.id == user_id),
    )


async def mine(user_id: str, role: str, locale: str) -> wire.MyPrivacyNotice:
    row = (
        await User.select(User.notice_version, User.notice_locale, User.notice_seen_at)
        .where(User.id == user_id)
        .first()
    )
    seen = (
        wire.NoticeSeen(
            version=row["notice_version"], locale=row["notice_locale"], at=row["notice_seen_at"]
        )
        if row and row["notice_version"] and row["notice_seen_at"]
        else None
    )
    version = seen.version if seen and seen.version in notice.VERSIONS else notice.LATEST
    shown = await render(version, locale, notice.audience_of(role))
    assert shown is not None
    return wire.MyPrivacyNotice(seen=seen, notice=shown)
