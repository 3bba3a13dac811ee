"""The competence framework's versions, self-assessments with their ratings, and field-mentoring
visits. A person's assessments and visits go with them (``ON DELETE CASCADE``); a version in use
cannot be deleted (``RESTRICT``)."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User


class Framework(Table, tablename="competence_frameworks"):
    """One version of the framework: levels, tracks (roles with targets) and areas of
    competences. A published version never changes."""

    id = UUID(primary_key=True, default=UUID4())
    version = Integer(unique=True)
    status = Varchar(length=10)  # draft | published
    content = JSONB(default={})
    based_on = Integer(null=True, default=None)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
    published_at = Timestamptz(null=True, default=None)


class SelfAssessment(Table, tablename="competence_self_assessments"):
    """A coach's self-assessment against the version current when it started."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    framework = ForeignKey(references=Framework, index=True, on_delete=OnDelete.restrict)
    status = Varchar(length=10)  # open | finished
    started_at = Timestamptz()
    finished_at = Timestamptz(null=True, default=None)


class SelfRating(Table, tablename="competence_self_ratings"):
    """One competence of a self-assessment: the level chosen (0–4) and a note. ``slot`` (assessment
    and competence) is unique, so a repeated save changes the one row."""

    id = UUID(primary_key=True, default=UUID4())
    slot = Varchar(length=130, unique=True, secret=True)  # an index key, not the person's words
    assessment = ForeignKey(references=SelfAssessment, index=True, on_delete=OnDelete.cascade)
    competence = Varchar(length=80)
    rated_level = Integer()
    note = Text(default="")
    updated_at = Timestamptz()


class MentoringVisit(Table, tablename="competence_visits"):
    """A field-mentoring visit: whom, when, where, which competences were seen at which level,
    the notes in the Situation–Task–Action–Result–Reflection form and the next step."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    mentor = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    framework = ForeignKey(references=Framework, index=True, on_delete=OnDelete.restrict)
    visited_on = Date(index=True)
    setting = Varchar(length=20)
    seen = JSONB(default=[])
    situation = Text(default="")
    task = Text(default="")
    action = Text(default="")
    result = Text(default="")
    reflection = Text(default="")
    next_step = Text(default="")
    created_at = Timestamptz()
