"""The monthly structured conversation (PTA, seed 003): versioned question sets in four
languages, conversations with answers per question, a comparison with the previous one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from shared_schemas.base import LocalId, Request, Struct
from shared_schemas.goals import Goal, GoalLevelsSet, Means, Title, Weight

Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9_]{1,20}$")]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Texts = dict[Literal["en", "pl", "fi", "he"], Text]
"""The text in each language; English is required, the others fall back to it."""
Answer = Annotated[str, msgspec.Meta(max_length=4000)]


class Question(Struct, kw_only=True):
    key: str
    """``section.question``: answers are matched across versions by this key."""
    texts: dict[str, str]


class Section(Struct, kw_only=True):
    key: str
    titles: dict[str, str]
    questions: list[Question]


class QuestionSet(Struct, kw_only=True):
    id: str
    version: int
    status: Literal["draft", "published"]
    sections: list[Section]
    based_on: int | None
    created_at: dt.datetime
    published_at: dt.datetime | None


class QuestionSetSummary(Struct, kw_only=True):
    id: str
    version: int
    status: Literal["draft", "published"]
    based_on: int | None
    created_at: dt.datetime
    published_at: dt.datetime | None
    conversations: int


class QuestionEdit(Request, kw_only=True):
    key: Key | None = None
    """The question's key without its section (``tasks``); left out for a new question."""
    texts: Texts
    local_id: LocalId | None = None
    """A new question: a UUID the PWA makes. The server derives the question's key from it and
    the version, so a repeated request adds the question once and the key never depends on the
    wording."""


class SectionEdit(Request, kw_only=True):
    key: Key
    titles: Texts
    questions: Annotated[list[QuestionEdit], msgspec.Meta(min_length=1, max_length=20)]


class QuestionSetEdit(Request, kw_only=True):
    """A draft's full content; the ten sections keep their keys and order. Questions are added
    (no key, a ``localId``), removed (left out) and reordered (their order here) within their
    section. Saving needs English; putting the version into use needs every language."""

    sections: Annotated[list[SectionEdit], msgspec.Meta(min_length=1, max_length=20)]


class QuestionSetCreate(Request, kw_only=True):
    from_version: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)] | None = None
    """Copy this version; the newest published one when omitted."""


class ConversationCreate(Request, kw_only=True):
    local_id: LocalId
    held_on: dt.date | None = None
    """Today when omitted."""
    locale: Literal["", "en", "pl", "fi", "he"] = ""
    """The language the conversation is held in (the PWA shows that language first)."""


class AnswerSet(Request, kw_only=True):
    question_key: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    answer: Answer


Mood = Annotated[int, msgspec.Meta(ge=-2, le=2)]
"""How the client has felt at work this month: −2 (bad) … +2 (very good), the five faces of
the goal check-ins."""


class AnswersSet(Request, kw_only=True):
    answers: Annotated[list[AnswerSet], msgspec.Meta(max_length=100)] = []
    mood: Mood | None = None
    """The client's face for the month (the wellbeing section); left out: as it was."""


class ProposedGoal(Request, kw_only=True):
    local_id: LocalId
    title: Title
    means: Means
    ends_on: dt.date
    starts_on: dt.date | None = None
    weight: Weight = 1.0
    levels: GoalLevelsSet | None = None
    """Required: the expected level (0), written with the client in the conversation."""


class ConversationEnd(Request, kw_only=True):
    """Ending proposes the next period's goals: they are made as drafts the client and the coach
    then start."""

    goals: Annotated[list[ProposedGoal], msgspec.Meta(max_length=10)] = []


class ConversationSummary(Struct, kw_only=True):
    id: str
    owner_id: str
    held_on: dt.date
    status: Literal["open", "ended"]
    version: int
    answered: int
    coach_name: str | None


class Conversation(Struct, kw_only=True):
    id: str
    owner_id: str
    """The client."""
    coach_id: str | None
    coach_name: str | None
    held_on: dt.date
    locale: str
    status: Literal["open", "ended"]
    version: int
    sections: list[Section]
    """The questions of the version it was held with."""
    answers: dict[str, str]
    """By question key."""
    mood: int | None = None
    """How the client has felt at work this month (−2 … +2); None: not chosen."""
    proposed_goals: list[Goal]
    started_at: dt.datetime
    ended_at: dt.datetime | None


class ConversationList(Struct, kw_only=True):
    due: bool
    """The last conversation is more than a month old, or there has been none."""
    last_held_on: dt.date | None
    conversations: list[ConversationSummary]


class ComparedAnswer(Struct, kw_only=True):
    section_key: str
    question_key: str
    texts: dict[str, str]
    current: str | None
    previous: str | None
    asked_now: bool = True
    """False: the current conversation's version no longer has this question."""
    asked_before: bool = True
    """False: the previous conversation's version did not have it yet (or there was none)."""


class Comparison(Struct, kw_only=True):
    current: ConversationSummary
    previous: ConversationSummary | None
    rows: list[ComparedAnswer]
    """Every question of the current conversation, in its version's order, then those only the
    previous version asked that were answered then (a removed question keeps its old answer)."""
