"""Families: the client's consent per family member and kind, updates the client
approves, and the family feed.

Consent is the client's decision, recorded with who made it (the client, or staff helping),
when, and the version of the wording shown. Requests the client's phone may send from its
outbox carry ``localId``: a UUID the phone made when the person acted, so a repeat lands once.
``clientId`` is always the client the item is about (as in ``TaskSummary``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.tasks import Photo

Kind = Literal["shifts", "goals", "training", "updates", "help_alerts", "workplace", "profile"]
"""What a family member may see: shift times, goals reached, training progress, updates and
photos posted by the coach or the client, "I need help" alerts, the name of the workplace
next to the shift times (wording version 2), and the vocational profile the client approved
(wording version 3)."""
UpdateKind = Literal["shifts", "goals", "training", "updates"]
"""The kinds an update can be about (help alerts are notifications only)."""
Locale = Literal["en", "pl", "fi", "he"]
UpdateStatus = Literal["pending", "shared", "declined"]
UpdateText = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
TextVersion = Annotated[int, msgspec.Meta(ge=1)]


# --- the wording shown ---------------------------------------------------------------------


class KindText(Struct, kw_only=True):
    kind: Kind
    title: str
    """A short name for the choice ("Goals I reach")."""
    text: str
    """What the family member will see, in plain words, to read or hear before choosing."""


class ConsentTexts(Struct, kw_only=True):
    """One version of the consent wording in one language. The version is recorded with every
    choice, so it is always known what the client was shown."""

    version: int
    latest_version: int
    locale: Locale
    direction: Literal["ltr", "rtl"]
    title: str
    intro: str
    kinds: list[KindText]
    auto_share: str
    """What "share without asking me" means."""
    withdraw: str
    """That a choice can be changed at any time and takes effect at once."""
    locales: list[Locale]


# --- consent ---------------------------------------------------------------------------------


class PersonRef(Struct, kw_only=True):
    id: str
    display_name: str


class KindChoice(Struct, kw_only=True):
    kind: Kind
    granted: bool
    since: datetime | None
    """When the latest choice was recorded; None when never chosen (not shared)."""


class FamilySharing(Struct, kw_only=True):
    family_id: str
    display_name: str
    relation: str
    kinds: list[KindChoice]


class AutoShareChoice(Struct, kw_only=True):
    kind: UpdateKind
    enabled: bool
    since: datetime | None


class Sharing(Struct, kw_only=True):
    """What the client shares with each family member now, and which kinds go without asking."""

    client_id: str
    latest_text_version: int
    people: list[FamilySharing]
    auto_share: list[AutoShareChoice]


class ConsentCreate(Request, kw_only=True):
    local_id: LocalId
    family_id: str
    kind: Kind
    granted: bool
    """True to share, False to withdraw: takes effect with the next request of the family
    member."""
    text_version: TextVersion
    """The version of the wording the client was shown (``GET /api/family/consent-texts``)."""
    locale: Locale = "en"


class AutoShareCreate(Request, kw_only=True):
    local_id: LocalId
    kind: UpdateKind
    enabled: bool
    text_version: TextVersion
    locale: Locale = "en"


class ConsentEvent(Struct, kw_only=True):
    """One recorded choice: the history is append-only."""

    id: str
    family_id: str
    family_name: str
    kind: Kind
    granted: bool
    actor_id: str | None
    actor_name: str | None
    actor_role: str
    helped: bool
    """True when staff recorded the choice with the client (coach, coordinator, admin)."""
    text_version: int
    locale: str
    at: datetime


class AutoShareEvent(Struct, kw_only=True):
    id: str
    kind: UpdateKind
    enabled: bool
    actor_id: str | None
    actor_name: str | None
    actor_role: str
    helped: bool
    text_version: int
    locale: str
    at: datetime


class ConsentHistory(Struct, kw_only=True):
    consents: list[ConsentEvent]
    """Newest first."""
    auto_share: list[AutoShareEvent]


class MySharing(Struct, kw_only=True):
    """For a family member: what one client shares with them now."""

    client_id: str
    client_name: str
    relation: str
    kinds: list[Kind]


# --- updates -------------------------------------------------------------------------------


class UpdateCreate(Request, kw_only=True):
    local_id: LocalId
    text: UpdateText
    kind: UpdateKind = "updates"


class UpdateEdit(Request, kw_only=True):
    text: UpdateText | None = None
    kind: UpdateKind | None = None


class Update(Struct, kw_only=True):
    """An update as the client and staff see it. ``status``: ``pending`` waits for the client,
    ``shared`` goes to every family member with a live consent for its kind, ``declined`` does
    not (any more)."""

    id: str
    client_id: str
    kind: UpdateKind
    text: str
    photo: Photo | None
    status: UpdateStatus
    source: str
    """``coach``, ``client``, or what suggested it (``task:<id>``, ``goal:<id>``)."""
    author_id: str | None
    author_name: str | None
    author_role: str | None
    shared_at: datetime | None
    shared_how: Literal["client", "auto_share"] | None
    """The client approved or wrote it, or their auto-share for the kind sent it."""
    audience: list[PersonRef]
    """Who may see it now (family with a live consent for the kind), if it is shared."""
    created_at: datetime
    updated_at: datetime


class FeedItem(Struct, kw_only=True):
    id: str
    client_id: str
    client_name: str
    kind: UpdateKind
    text: str
    photo: Photo | None
    author_name: str | None
    author_role: str | None
    shared_at: datetime


class FamilyShift(Struct, kw_only=True):
    """A client's coming shift as a family member with "My work times" sees it: the day and the
    hours at the workplace (its local time), and the workplace's name only when the client also
    shares "My workplace". Nothing else: no time zone, no cancelled dates or their reasons."""

    client_id: str
    client_name: str
    date: date
    """The local date the shift starts on."""
    starts_at: str
    ends_at: str
    ends_next_day: bool
    workplace: str | None = None


class Feed(Struct, kw_only=True):
    """For a family member: what the clients they are linked to share with them, newest first,
    checked against live consent at this request."""

    items: list[FeedItem]
    sharing: list[MySharing]
    shifts: list[FamilyShift] = []
    """The next two weeks' shifts of the clients who share "My work times" with them, soonest
    first (one under way included)."""
