"""Where a document's words come from: the client's approved profile (``backend.profiles``, the
only module of this domain that reads it), turned into a ``Document`` by one adapter.

The adapter decides what an employer may read. Never the client's "what I do not want" (it
steers the search, it is not for employers). Disability and adjustments only as the client
chose (``disclosure``): ``nothing`` — no word of how they learn, what they need or their
disability; ``adjustments`` — the "what I need at work" section only; ``more`` — that, how they
learn best, and the client's own words about their disability.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from backend.documents.render import Block, Document, Group, Item, Kind, Picture
from backend.lib import i18n
from backend.profiles import ApprovedProfile, ProfileEntry, ProfileSection, approved_profile
from backend.profiles import photo_jpeg as photo_jpeg

__all__ = ["Source", "approved", "document_of", "photo_jpeg"]

STATEMENT = ("who_i_am", "bring")
GROUPS = ("work", "school", "volunteering", "other")  # Europass's order
STRENGTHS = ("likes_and_strengths",)
PHOTOS_IN_CV = 3
PHOTOS_ON_ABOUT_ME = 3


@dataclass(frozen=True, slots=True)
class Source:
    """A document ready to typeset: the document and, per picture file, the photo's id."""

    document: Document
    photos: dict[str, str]
    version: int


async def approved(client_id: str, language: str) -> ApprovedProfile | None:
    return await approved_profile(client_id, language)


def _month(day: date | None) -> str:
    return f"{day.month:02d}/{day.year}" if day else ""


def _dates(entry: ProfileEntry, language: str) -> str:
    start, end = _month(entry.from_date), _month(entry.until)
    if start and not end:
        end = i18n.text(language, "document.present")
    return " – ".join(x for x in (start, end) if x)


def _blocks(sections: dict[str, ProfileSection], keys: tuple[str, ...]) -> list[Block]:
    return [
        Block(heading=s.heading, text=s.text)
        for key in keys
        if (s := sections.get(key)) and s.text.strip()
    ]


DISCLOSED = {"nothing": (), "adjustments": ("needs",), "more": ("how_i_learn", "needs")}
"""The sections an employer may read, by the client's disclosure choice (their photos too)."""


def _disclosed(
    profile: ApprovedProfile, sections: dict[str, ProfileSection], language: str
) -> list[Block]:
    """Only what the client chose employers may know (see the module's docstring)."""
    told = _blocks(sections, DISCLOSED[profile.disclosure])
    if profile.disclosure == "more" and profile.disclosure_words.strip():
        heading = i18n.text(language, "document.disclosure")
        told.append(Block(heading=heading, text=profile.disclosure_words))
    return told


def _photos(profile: ApprovedProfile, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(photo id, caption) of the photos of the sections that may be shown, in the profile's
    order, each once."""
    seen: dict[str, str] = {}
    for section in profile.sections:
        if section.key in keys:
            for photo in section.photos:
                seen.setdefault(photo.id, photo.caption)
    return list(seen.items())


def _experience(profile: ApprovedProfile, language: str) -> list[Group]:
    """The entries by kind, each kind newest first (those still going on first of all)."""
    groups = []
    for kind in GROUPS:
        entries = sorted(
            (e for e in profile.experiences if e.kind == kind),
            key=lambda e: (e.until is None, e.until or date.min, e.from_date or date.min),
            reverse=True,
        )
        if entries:
            items = [Item(what=e.what, where=e.where, dates=_dates(e, language)) for e in entries]
            groups.append(Group(heading=i18n.text(language, f"document.group.{kind}"), items=items))
    return groups


def document_of(profile: ApprovedProfile, kind: Kind, language: str) -> Source:
    """The adapter: the approved profile as the ``kind`` of document, labelled in ``language``
    (the headings the profile's template has in it); the client's words as they wrote them, set
    in the profile's language and direction."""
    sections = {s.key: s for s in profile.sections}
    disclosed = _disclosed(profile, sections, language)
    shown = (*STATEMENT, *STRENGTHS, "done", *DISCLOSED[profile.disclosure])
    found = _photos(profile, shown)
    # The CV's portrait is the first photo of "who I am" (Europass puts a photo at the top).
    who = sections.get("who_i_am")
    portrait_id = who.photos[0].id if who and who.photos and kind == "cv" else None
    limit = PHOTOS_IN_CV if kind == "cv" else PHOTOS_ON_ABOUT_ME
    others = [(pid, cap) for pid, cap in found if pid != portrait_id][:limit]
    files = {f"photo-{n}.jpg": pid for n, (pid, _) in enumerate(others)}
    pictures = [Picture(file=f"photo-{n}.jpg", caption=cap) for n, (_, cap) in enumerate(others)]
    portrait = None
    if portrait_id is not None and who is not None:
        files["portrait.jpg"] = portrait_id
        portrait = Picture(file="portrait.jpg", caption=who.photos[0].caption)
    labels = {key: i18n.text(language, f"document.{key}") for key in ("themes", "pictures")}
    title = i18n.text(language, "document.cv" if kind == "cv" else "document.about_me")
    document = Document(
        kind=kind,
        language=language,
        direction=i18n.direction(language),
        title=title,
        name=profile.display_name,
        contact="",
        labels=labels,
        statement=_blocks(sections, STATEMENT),
        done=_blocks(sections, ("done",)),
        experience=_experience(profile, language),
        strengths=_blocks(sections, STRENGTHS),
        themes=list(profile.themes),
        disclosed=disclosed,
        portrait=portrait,
        pictures=pictures,
        words_language=profile.language,
        words_direction=i18n.direction(profile.language),
    )
    return Source(document=document, photos=files, version=profile.version)
