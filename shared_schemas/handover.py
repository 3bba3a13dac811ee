"""The handover pack: what a client shares with an employer or co-worker, section by section,
through links made for named readers.

A section's ``words`` are the client's or coach's own (never a diagnosis unless they write
one); its ``lines`` and ``cards`` are read from the rest of the record (the approved profile,
the job's photo tasks, supports, adjustments, the coach and the fading plan), headings and fixed
sentences in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

Locale = Literal["en", "pl", "fi", "he"]
SectionKey = Literal[
    "about_me",
    "how_i_learn",
    "tasks",
    "adjustments",
    "who_helps",
    "if_wrong",
    "phone",
    "coach",
]
"""The eight sections, in the order the reader sees them."""
Words = Annotated[str, msgspec.Meta(max_length=2000)]
ReaderName = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
ReaderRole = Annotated[str, msgspec.Meta(max_length=120)]


class CardStep(Struct, kw_only=True):
    position: int
    text: str
    level: str | None
    """The help the step needed in the latest training session (``independent``, ``verbal``,
    ``gestural``, ``model``, ``physical``); None before any."""
    level_words: str
    """``level`` in the reader's language ("" for none)."""
    photo: str | None
    """Where the step's photo is, for this reader (the pack page's own address for a link)."""


class TaskCard(Struct, kw_only=True):
    id: str
    title: str
    steps: list[CardStep]
    on_own: int
    """Steps done on their own in the latest training session."""


class PackSection(Struct, kw_only=True):
    key: SectionKey
    heading: str
    words: str
    """The client's or coach's own words for the section ("" for none)."""
    lines: list[str]
    """What the section reads from the record, one sentence a line."""
    cards: list[TaskCard]
    shared: bool
    """The client's live consent: shared with the pack's readers."""
    shared_at: dt.datetime | None


class PackLink(Struct, kw_only=True):
    id: str
    reader_name: str
    reader_role: str
    language: str
    created_at: dt.datetime
    ended_at: dt.datetime | None
    views: int
    last_view_at: dt.datetime | None


class ReaderChoice(Struct, kw_only=True):
    """A person at the job's employer (the team's register) a link can be made for."""

    id: str
    name: str
    role: str


class HandoverPack(Struct, kw_only=True):
    """The pack as the client previews it: every section (``shared`` says which the readers
    see), in ``language``; the links (newest first, at most 20)."""

    client_id: str
    job_id: str
    job_title: str
    language: Locale
    consent_version: int
    consent_text: str
    sections: list[PackSection]
    links: list[PackLink]
    people: list[ReaderChoice] = []
    """The people at the job's employer, for staff to make a link for (empty for the client:
    the register is staff's)."""


class ConsentWrite(Request, kw_only=True):
    local_id: LocalId
    granted: bool
    locale: Locale = "en"
    """The language the consent wording was read in."""


class WordsWrite(Request, kw_only=True):
    words: Words


class LinkCreate(Request, kw_only=True):
    local_id: LocalId
    reader_name: ReaderName
    reader_role: ReaderRole = ""
    employer_person_id: str | None = None
    """A person of the job's employer (their name and role are then taken from the register)."""
    language: Locale | None = None
    """The page's first language; None: the reader's browser decides."""


class LinkMade(Struct, kw_only=True):
    """A new link: the address and its QR code, shown once (only a hash of the token is kept)."""

    link: PackLink
    url: str
    qr_svg: str


class PackViewRow(Struct, kw_only=True):
    link_id: str
    reader_name: str
    reader_role: str
    language: str
    at: dt.datetime


class PackFeedbackRow(Struct, kw_only=True):
    id: str
    link_id: str
    reader_name: str
    kind: Literal["well", "help"]
    task_title: str
    step: int | None
    at: dt.datetime


class WorkFeedback(Struct, kw_only=True):
    """What a reader of the client's handover pack said in two taps, for the client's home and
    the client's page: at which job (and employer), "went well" or "needed help" (with the task
    and step they named). The reader is not named: they gave no name of their own."""

    id: str
    job_id: str
    job_title: str
    employer_name: str
    """"" for an employer not in the register."""
    kind: Literal["well", "help"]
    task_title: str
    step: int | None
    at: dt.datetime
