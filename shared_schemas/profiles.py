"""The vocational profile: the client's own story of what they like, can do and need, written
with their coach, section by section, in the client's words (text, photos, a short voice note)
beside the coach's notes.

Edits go to one draft. Staff ask the client to approve it: that makes a numbered version,
which the client approves with their passkey; the approved version stays until the next one is
approved. Two phones may write the draft at once, one of them offline for a while: every write
names the section's revision it was made from (``baseRevision``). A field nobody else changed
meanwhile is taken; a field someone else changed meanwhile keeps the newer words and the
arriving ones are kept beside them (``kept``), so nothing is lost and a person chooses."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.tasks import Photo

Locale = Literal["en", "pl", "fi", "he"]
SectionKey = Literal[
    "who_i_am", "likes_and_strengths", "done", "how_i_learn", "needs", "not_want", "bring"
]
"""Who I am; what I like and what I am good at; what I have done; how I learn best; what I need
at work; what I do not want; what I can bring to an employer."""
Theme = Literal[
    "people",
    "animals",
    "food",
    "outdoors",
    "computers",
    "making_fixing",
    "order",
    "shops",
    "care",
    "creative",
    "transport",
    "office",
]
"""The short list of themes of interest the client picks from (their own go in ``ownThemes``)."""
EntryKind = Literal["work", "school", "volunteering", "other"]
Disclosure = Literal["nothing", "adjustments", "more"]
"""What the client wants employers to know about their disability: nothing, only the
adjustments they need, or more (in their own words, ``disclosureWords``)."""
Words = Annotated[str, msgspec.Meta(max_length=4000)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
Condition = Annotated[str, msgspec.Meta(max_length=500)]
Revision = Annotated[int, msgspec.Meta(ge=0)]
VersionNumber = Annotated[int, msgspec.Meta(ge=1)]
OwnTheme = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
Field = Literal[
    "words",
    "notes",
    "themes",
    "ownThemes",
    "experiences",
    "hours",
    "place",
    "people",
    "noise",
    "travel",
    "adjustments",
    "noiseLevel",
    "peopleLevel",
    "hoursPerWeek",
    "travelMinutes",
    "disclosure",
    "disclosureWords",
    "benefits",
]
"""A field of a section (or of the choices) that merges on its own."""


class SectionTemplate(Struct, kw_only=True):
    heading: str
    prompt: str
    """The plain question the client's screen asks (and reads aloud)."""


class TemplateText(Struct, kw_only=True):
    """The template's words in one language."""

    title: str
    sections: dict[SectionKey, SectionTemplate]
    themes: dict[Theme, str]
    conditions: dict[str, str]
    entry_kinds: dict[EntryKind, str]


ConditionKey = Literal["hours", "place", "people", "noise", "travel", "adjustments"]
Heading = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
Prompt = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Label = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]


class SectionTemplateIn(Request, kw_only=True):
    heading: Heading
    prompt: Prompt


class TemplateTextIn(Request, kw_only=True):
    """The template in one language: every section, theme, condition and kind of experience
    named (a missing one is refused, naming it)."""

    title: Heading
    sections: dict[SectionKey, SectionTemplateIn]
    themes: dict[Theme, Label]
    conditions: dict[ConditionKey, Label]
    entry_kinds: dict[EntryKind, Label]


class ProfileTemplateCreate(Request, kw_only=True):
    """The next version of the template, in all four languages (administrators)."""

    en: TemplateTextIn
    pl: TemplateTextIn
    fi: TemplateTextIn
    he: TemplateTextIn


class ProfileTemplate(Struct, kw_only=True):
    """One version of the profile template. Versions never change; a profile keeps the
    version it was started with."""

    version: int
    texts: dict[Locale, TemplateText]


class Experience(Struct, kw_only=True):
    """Something the client has done: work, school, volunteering or other."""

    kind: EntryKind
    what: str
    where: str = ""
    from_date: dt.date | None = None
    until: dt.date | None = None


class ExperienceIn(Request, kw_only=True):
    kind: EntryKind
    what: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    where: Short = ""
    from_date: dt.date | None = None
    until: dt.date | None = None


class Conditions(Struct, kw_only=True):
    """What the client needs at work, in their words, condition by condition."""

    hours: str = ""
    place: str = ""
    people: str = ""
    noise: str = ""
    travel: str = ""
    adjustments: str = ""
    noise_level: Literal["", "quiet", "moderate", "loud"] = ""
    """The same needs in levels the job analysis also speaks ("" not said): how quiet a place."""
    people_level: Literal["", "alone", "few", "many"] = ""
    """Working alone, with a few people around, among many (at most)."""
    hours_per_week: str = ""
    """At most this many hours a week, as digits ("" not said)."""
    travel_minutes: str = ""
    """At most this many minutes' travel one way, as digits ("" not said)."""


class ConditionsIn(Request, kw_only=True):
    """Only the conditions sent change."""

    hours: Condition | None = None
    place: Condition | None = None
    people: Condition | None = None
    noise: Condition | None = None
    travel: Condition | None = None
    adjustments: Condition | None = None
    noise_level: Literal["", "quiet", "moderate", "loud"] | None = None
    people_level: Literal["", "alone", "few", "many"] | None = None
    hours_per_week: Annotated[str, msgspec.Meta(pattern=r"^([1-9][0-9]?)?$")] | None = None
    travel_minutes: Annotated[str, msgspec.Meta(pattern=r"^([0-9]{1,3})?$")] | None = None


class ProfilePhoto(Struct, kw_only=True):
    id: str
    caption: str
    photo: Photo


class VoiceNote(Struct, kw_only=True):
    url: str
    content_type: str
    seconds: float | None


class Kept(Struct, kw_only=True):
    """Words that arrived for a field someone else had changed meanwhile: kept beside the newer
    words until a person chooses (writing the field again with ``resolve``)."""

    field: Field
    value: str
    """Text as written; a list (themes, experiences) as JSON."""
    by_name: str
    at: dt.datetime


class ProfileSection(Struct, kw_only=True):
    key: SectionKey
    revision: int
    """How many times the section changed: a write names the revision it was made from."""
    words: str
    """In my words."""
    themes: list[Theme]
    own_themes: list[str]
    experiences: list[Experience]
    conditions: Conditions
    photos: list[ProfilePhoto]
    voice: VoiceNote | None
    notes: str | None
    """The coach's notes: staff only (None for everyone else; the client reads them in My
    data, with everything kept about them)."""
    kept: list[Kept]
    updated_at: dt.datetime | None
    updated_by_name: str | None


class SectionWrite(Request, kw_only=True):
    """A change to one section of the draft. Only the fields sent change. ``localId``: made on
    the phone when the person wrote it, so a write sent again by the outbox lands once."""

    local_id: LocalId
    base_revision: Revision
    """The section's revision the writer's phone last saw."""
    words: Words | None = None
    notes: Words | None = None
    themes: Annotated[list[Theme], msgspec.Meta(max_length=12)] | None = None
    own_themes: Annotated[list[OwnTheme], msgspec.Meta(max_length=12)] | None = None
    experiences: Annotated[list[ExperienceIn], msgspec.Meta(max_length=40)] | None = None
    conditions: ConditionsIn | None = None
    resolve: list[Field] = []
    """Fields whose kept words the writer has read and dealt with: they are let go."""


class Choices(Struct, kw_only=True):
    """Two choices recorded before any employer is contacted."""

    revision: int
    disclosure: Disclosure | None
    disclosure_words: str
    benefits_offered: bool | None
    """Whether a benefits check (what work would change in the client's benefits) was offered;
    None: not recorded yet."""
    benefits_offered_on: dt.date | None
    benefits_offered_by_name: str | None
    mentor_may_read: bool
    """The client lets their mentors read the approved profile (without the coach's notes)."""
    kept: list[Kept]


class ChoicesWrite(Request, kw_only=True):
    local_id: LocalId
    base_revision: Revision
    disclosure: Disclosure | None = None
    disclosure_words: Words | None = None
    benefits_offered: bool | None = None
    """Staff record it; with ``benefitsOfferedOn`` (the writer is recorded as who offered it)."""
    benefits_offered_on: dt.date | None = None
    mentor_may_read: bool | None = None
    """The client's own choice."""
    resolve: list[Field] = []


class VersionSummary(Struct, kw_only=True):
    number: int
    asked_at: dt.datetime
    asked_by_name: str | None
    approved_at: dt.datetime | None


class Profile(Struct, kw_only=True):
    """The client's profile: the draft everyone writes, the choices, and its versions."""

    client_id: str
    client_name: str
    template_version: int
    language: Locale
    sections: list[ProfileSection]
    choices: Choices
    versions: list[VersionSummary]
    """Newest first."""
    approved: int | None
    """The version in force: the newest the client approved."""
    waiting: int | None
    """The newest version, when the client has not approved it yet."""
    draft_changed: bool
    """The draft holds changes that are in no version yet."""


class VersionSection(Struct, kw_only=True):
    key: SectionKey
    words: str
    themes: list[Theme]
    own_themes: list[str]
    experiences: list[Experience]
    conditions: Conditions
    photos: list[ProfilePhoto]


class ProfileVersion(Struct, kw_only=True):
    """One version as the client approves it: in their words, without the coach's notes."""

    client_id: str
    number: int
    template_version: int
    language: Locale
    sections: list[VersionSection]
    disclosure: Disclosure
    disclosure_words: str
    asked_at: dt.datetime
    asked_by_name: str | None
    approved_at: dt.datetime | None


class AskApproval(Request, kw_only=True):
    """Make a version of the draft for the client to approve (idempotent by ``localId``)."""

    local_id: LocalId
