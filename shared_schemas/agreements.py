"""Agreements between a client and their coach or a mentor (the mentoring contract), and the
organisation's templates for them.

An agreement states the rules of working together, the goal (linked to the client's goals),
the duration, how often they meet and how. The coach drafts it; the client reads it in plain
words and agrees with their passkey; then the coach or mentor signs. A change makes a new
version that both agree to again; earlier versions stay readable. Either side can end it,
without blame."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.shifts import LocalTime, Zone

Locale = Literal["en", "pl", "fi", "he"]
Rule = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Rules = Annotated[list[Rule], msgspec.Meta(min_length=1, max_length=20)]
TemplateTitle = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
GoalText = Annotated[str, msgspec.Meta(max_length=400)]
Reason = Annotated[str, msgspec.Meta(max_length=500)]
Times = Annotated[int, msgspec.Meta(ge=1, le=31)]
Rhythm = Literal["weekly", "every_two_weeks", "monthly", "times_per_week", "times_per_month"]
"""How often they meet: every week, every two weeks, every month, or a number of times
(``times``) per week or per month."""
Way = Literal["face_to_face", "phone", "messages"]
"""How they meet: face to face, by phone, by messages."""
Ways = Annotated[list[Way], msgspec.Meta(min_length=1, max_length=3)]
Status = Literal["waiting_client", "waiting_partner", "agreed", "ended"]
"""``waiting_client``: the newest version waits for the client to agree; ``waiting_partner``:
the client agreed, the coach or mentor has not signed yet; ``agreed``: both agreed the newest
version; ``ended``: one of them ended it."""


class AgreementTemplateText(Struct, kw_only=True):
    """A template's words in one language."""

    title: str
    rules: list[str]


class AgreementTemplateTextSet(Request, kw_only=True):
    title: TemplateTitle
    rules: Rules


class AgreementTemplate(Struct, kw_only=True):
    """One version of the organisation's agreement template. Versions never change: editing
    makes the next one, and an agreement keeps the version it was made from."""

    id: str
    version: int
    texts: dict[Locale, AgreementTemplateText]
    """The template in English, Polish, Finnish and Hebrew."""
    created_at: dt.datetime
    created_by_name: str | None


class AgreementTemplateCreate(Request, kw_only=True):
    """The next version of the template, in all four languages."""

    en: AgreementTemplateTextSet
    pl: AgreementTemplateTextSet
    fi: AgreementTemplateTextSet
    he: AgreementTemplateTextSet


class AgreementPartner(Struct, kw_only=True):
    """Someone an agreement with the client can be with: their coach, or a mentor of the
    client's team."""

    id: str
    display_name: str
    role: Literal["coach", "mentor"]


class AgreementGoal(Struct, kw_only=True):
    id: str
    title: str


class AgreementTerms(Request, kw_only=True):
    """What an agreement says: the body of a draft and of every new version."""

    rules: Rules
    """The rules of working together in plain words (from the template, adjusted)."""
    locale: Locale
    """The language the rules are written in (read aloud in it)."""
    starts_on: dt.date
    ends_on: dt.date
    """The last day; on or after ``startsOn``, at most three years later."""
    rhythm: Rhythm
    ways: Ways
    goal_ids: Annotated[list[str], msgspec.Meta(max_length=10)] = []
    """The client's goals this agreement works towards (each must be the client's)."""
    goal_text: GoalText = ""
    """The goal in the client's own words, when no goal is written down yet."""
    times: Times | None = None
    """How many times per week or month (``times_per_week``, ``times_per_month``)."""
    remind_at: LocalTime | None = None
    """When both agreed: a reminder at this local time on each day a meeting is due, for both
    of them. None: no reminders."""
    zone: Zone | None = None
    """The zone of ``remindAt``; required with it."""
    template_version: int | None = None
    """The template version the rules came from."""


class AgreementCreate(AgreementTerms, kw_only=True):
    local_id: LocalId
    partner_id: str
    """The coach (themselves) or a mentor who works with the client."""


class AgreementVersion(Struct, kw_only=True):
    number: int
    rules: list[str]
    locale: Locale
    starts_on: dt.date
    ends_on: dt.date
    rhythm: Rhythm
    times: int | None
    ways: list[Way]
    goals: list[AgreementGoal]
    """The linked goals that still exist."""
    goal_text: str
    remind_at: str | None
    zone: str | None
    template_version: int | None
    created_at: dt.datetime
    created_by_name: str | None
    client_agreed_at: dt.datetime | None
    partner_signed_at: dt.datetime | None


class AgreementMeetings(Struct, kw_only=True):
    """How often they actually met, from the activity log, against what they agreed."""

    held: int | None
    """Meetings logged between the two from the start to today (or the end); None while the
    activity log cannot tell."""
    expected: int
    """Meetings the agreed rhythm asks for in the same days."""
    since: dt.date
    until: dt.date


class Agreement(Struct, kw_only=True):
    id: str
    local_id: str
    client_id: str
    client_name: str
    partner_id: str | None
    """None once the partner's account is gone."""
    partner_name: str | None
    partner_role: Literal["coach", "mentor"]
    status: Status
    in_force: int | None
    """The number of the newest version both agreed to (it holds while a newer one waits)."""
    versions: list[AgreementVersion]
    """Newest first."""
    created_at: dt.datetime
    ended_at: dt.datetime | None = None
    ended_by_name: str | None = None
    end_reason: str = ""
    meetings: AgreementMeetings | None = None
    """For the version in force; None before both agreed."""


class AgreementAgree(Request, kw_only=True):
    """Agree to (the client) or sign (the coach or mentor) the version read: it must be the
    newest, or 409 ``version_changed``."""

    version: Annotated[int, msgspec.Meta(ge=1)]


class AgreementEnd(Request, kw_only=True):
    reason: Reason = ""
    """Optional: why, in a few words. Ending is nobody's fault."""
