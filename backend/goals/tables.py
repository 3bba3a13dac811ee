"""Goals with their means, check-ins and end evaluations; PTA question sets and conversations."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    Date,
    ForeignKey,
    Integer,
    Real,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User


class QuestionSet(Table, tablename="pta_question_sets"):
    """A version of the PTA question battery. Published versions never change: a conversation
    keeps the version it was held with. ``sections``: the ten sections, each with its
    questions, every text in en, pl, fi and he (``data/pta_questions_v1.json``)."""

    id = UUID(primary_key=True, default=UUID4())
    version = Integer(unique=True)
    status = Varchar(length=10)  # draft | published
    sections = JSONB(default=[])
    based_on = Integer(null=True, default=None)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
    published_at = Timestamptz(null=True, default=None)


class Conversation(Table, tablename="pta_conversations"):
    """One monthly structured conversation of a client with their coach."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    coach = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    question_set = ForeignKey(references=QuestionSet, on_delete=OnDelete.restrict, index=True)
    held_on = Date()
    locale = Varchar(length=8, default="")
    status = Varchar(length=8)  # open | ended
    mood = Integer(null=True, default=None)
    """How the client has felt at work this month, −2 … +2 (the goal check-ins' five faces),
    chosen by the client in the conversation's wellbeing section; None: not asked."""
    started_at = Timestamptz()
    ended_at = Timestamptz(null=True, default=None)


class ConversationAnswer(Table, tablename="pta_answers"):
    """One per (conversation, question_key): a unique index made in the migrations."""

    id = UUID(primary_key=True, default=UUID4())
    conversation = ForeignKey(references=Conversation, index=True, on_delete=OnDelete.cascade)
    question_key = Varchar(length=40)
    answer = Text(default="")
    updated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    updated_at = Timestamptz()


class Goal(Table, tablename="goals"):
    """A goal for one to four weeks in plain words with one to five means ("how I will do it"),
    evaluated at the end by the client and by the coach on the Goal Attainment Scale (−2 … +2),
    both kept side by side. ``levels``: the scale's levels in the goal's own words, written
    when it was set (``{"expected": …, "more": …}``); None for goals set before levels were
    asked for."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    title = Varchar(length=200)
    means = JSONB(default=[])
    starts_on = Date()
    ends_on = Date(index=True)
    weight = Real(default=1.0)
    status = Varchar(length=10, index=True)  # draft | active | ended (early) | cancelled
    conversation = ForeignKey(
        references=Conversation, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    client_rating = Integer(null=True, default=None)
    client_comment = Text(default="")
    client_rated_at = Timestamptz(null=True, default=None)
    coach_rating = Integer(null=True, default=None)
    coach_comment = Text(default="")
    coach_rated_at = Timestamptz(null=True, default=None)
    coach_rated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
    # The optional photo: goals/<goal>/<size>-<hash16>.<webp|jpg> (backend/goals/photos.py).
    photo_hash = Varchar(length=64, default="")
    photo_sizes = JSONB(default=[])  # [{"size": 1600, "width": …, "height": …}, …]
    levels = JSONB(null=True, default=None)
    # Staff ended the goal before its last day (status "ended"), and why.
    ended_early_on = Date(null=True, default=None)
    end_reason = Text(default="")


class CheckIn(Table, tablename="goal_check_ins"):
    """The client's check-in during the period: −2 … +2, one of the goal's levels (``level``)
    or, for goals without written levels, one of five faces (``mood`` only)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    goal = ForeignKey(references=Goal, index=True, on_delete=OnDelete.cascade)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    mood = Integer()
    level = Integer(null=True, default=None)
    note = Varchar(length=280, default="")
    at = Timestamptz()
    received_at = Timestamptz()
