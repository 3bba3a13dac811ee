"""The activity log: every contact and piece of work with or about clients.

One activity says with whom (the client, a family member, a person at an employer, a co-worker,
another professional, a funder), how (face to face at the workplace, at the office or elsewhere,
phone, video, message), whether it was made or only attempted, when and for how many minutes,
for which clients, what it was about (``purposes``, the first the main one), a short note, what
was agreed, and whether the client may read it (``restricted``: only what a third party said in
confidence, with the reason)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct

WithWhom = Literal["client", "family", "employer_person", "coworker", "professional", "funder"]
Mode = Literal["workplace", "office", "elsewhere", "phone", "video", "message"]
Purpose = Literal[
    "job_search",
    "employer_contact",
    "training",
    "follow_along",
    "family",
    "benefits",
    "admin",
    "other",
]
Who = Literal["coach", "client"]
AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]
Minutes = Annotated[int, msgspec.Meta(ge=0, le=24 * 60)]
Note = Annotated[str, msgspec.Meta(max_length=2000)]
ShortName = Annotated[str, msgspec.Meta(max_length=120)]
Reason = Annotated[str, msgspec.Meta(max_length=300)]
HhMm = Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Purposes = Annotated[list[Purpose], msgspec.Meta(min_length=1, max_length=8)]
ClientIds = Annotated[list[str], msgspec.Meta(min_length=1, max_length=20)]


class AgreedActionSet(Request, kw_only=True):
    """One thing agreed: who does it, by when, and whether to be reminded on that day."""

    text: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    who: Who = "coach"
    due_on: dt.date | None = None
    remind: bool = False
    """A reminder on ``dueOn`` (required then) to the coach or the client."""


class AgreedAction(Struct, kw_only=True):
    text: str
    who: Who
    due_on: dt.date | None
    remind: bool


class ActivityCreate(Request, kw_only=True):
    local_id: LocalId
    client_ids: ClientIds
    """The clients it was for (one or more)."""
    mode: Mode
    occurred_at: AwareDatetime
    """When it started."""
    purposes: Purposes
    """What it was about; the first is the main one."""
    with_whom: WithWhom = "client"
    with_name: ShortName = ""
    """A short name for whom it was with, when not the client nor a person in the employer
    register (e.g. "Mother", "Dr Lehto")."""
    employer_id: str | None = None
    employer_person_id: str | None = None
    """For ``employer_person``: the person in the employer register (their employer follows),
    or the employer, or at least ``withName``."""
    made: bool = True
    """False: only attempted (no answer, nobody came)."""
    minutes: Minutes = 0
    note: Note = ""
    agreed: Annotated[list[AgreedActionSet], msgspec.Meta(max_length=10)] = []
    restricted: bool = False
    """Kept from the client: only for what a third party said in confidence."""
    restricted_reason: Reason = ""
    """Required when ``restricted``."""


class ActivityUpdate(Request, kw_only=True):
    """The author changes what they logged; absent fields stay as they are."""

    mode: Mode | None = None
    occurred_at: AwareDatetime | None = None
    purposes: Purposes | None = None
    with_whom: WithWhom | None = None
    with_name: ShortName | None = None
    employer_id: str | None = None
    employer_person_id: str | None = None
    made: bool | None = None
    minutes: Minutes | None = None
    note: Note | None = None
    agreed: Annotated[list[AgreedActionSet], msgspec.Meta(max_length=10)] | None = None
    restricted: bool | None = None
    restricted_reason: Reason | None = None


class VisitCreate(Request, kw_only=True):
    """ "I was there": a face-to-face visit at the workplace for training on the job, for the
    shift's client, at the shift's times on ``date`` unless other times are given."""

    local_id: LocalId
    shift_id: str
    date: dt.date
    """The day of the shift (the local date it starts on)."""
    starts_at: HhMm | None = None
    ends_at: HhMm | None = None
    note: Note = ""


class ActivityClient(Struct, kw_only=True):
    id: str
    display_name: str


class Activity(Struct, kw_only=True):
    id: str
    local_id: str
    author_id: str | None
    author_name: str
    clients: list[ActivityClient]
    with_whom: WithWhom
    with_name: str
    employer_id: str | None
    employer_person_id: str | None
    mode: Mode
    made: bool
    occurred_at: dt.datetime
    minutes: int
    purposes: list[Purpose]
    note: str
    agreed: list[AgreedAction]
    restricted: bool
    restricted_reason: str
    """"" unless ``restricted``."""
    shift_id: str | None
    shift_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    can_edit: bool = False
    """The author: may change it."""
    can_delete: bool = False
    """The author, within a day of logging it."""


class KeptBack(Struct, kw_only=True):
    """What the client (or a mentor) is not shown of a client's log."""

    restricted: int
    """How many activities are kept restricted because someone asked for confidence."""


class ShiftWithoutVisit(Struct, kw_only=True):
    """A shift of a client in the caseload on the recap's day with no visit logged from it."""

    shift_id: str
    client_id: str
    display_name: str
    date: dt.date
    starts_at: str
    ends_at: str
    workplace: str
    zone: str


class DayRecap(Struct, kw_only=True):
    """The coach's day at its end: what they logged, and the caseload's shifts that day with no
    visit logged (a page of the caseload's clients at a time; what was logged comes on the first
    page)."""

    date: dt.date
    logged: list[Activity]
    without_visit: list[ShiftWithoutVisit]
    minutes: int
    """Minutes logged that day (made and attempted)."""


class TimeUse(Struct, kw_only=True):
    purpose: Purpose
    minutes: int
    activities: int


class TimeUseSummary(Struct, kw_only=True):
    """A person's logged time over a period, by main purpose."""

    person_id: str
    start: dt.date
    end: dt.date
    minutes: int
    by_purpose: list[TimeUse]
