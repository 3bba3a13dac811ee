"""The job analysis: its template's versions, one analysis per job, the analysis' tasks (with
job carving), the natural supports, photos, and the log of every write to the analysis (which
makes a phone's repeated write land once)."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import EmployerPerson, Job
from backend.tasks.tables import Task


class AnalysisTemplate(Table, tablename="analysis_templates"):
    """One version of the template: the parts' headings and questions and the fields' labels,
    in four languages. A version never changes."""

    id = UUID(primary_key=True, default=UUID4())
    version = Integer(unique=True)
    texts = JSONB(default={})
    created_at = Timestamptz()


class JobAnalysis(Table, tablename="job_analyses"):
    """The analysis of one job: the written fields (``texts``, by field key), the demands in
    levels, the glossary, the agreed adjustments, the coach's notes."""

    id = UUID(primary_key=True, default=UUID4())
    job = ForeignKey(references=Job, unique=True, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    template_version = Integer(default=1)
    revision = Integer(default=0)
    texts = JSONB(default={})
    noise_level = Varchar(length=12, default="")
    people_level = Varchar(length=12, default="")
    hours_per_week = Integer(null=True, default=None)
    travel_minutes = Integer(null=True, default=None)
    glossary = JSONB(default=[])
    adjustments = JSONB(default=[])
    notes = Text(default="")
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class AnalysisEdit(Table, tablename="analysis_edits"):
    """Every write to an analysis, once: ``client_uuid`` is the phone's ``localId``."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    analysis = ForeignKey(references=JobAnalysis, index=True, on_delete=OnDelete.cascade)
    author = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    at = Timestamptz()


class AnalysisTask(Table, tablename="analysis_tasks"):
    """A task of the job, as the analysis found it; ``task`` is the client's photo task it opens.
    Job carving: ``taken_from`` whom, ``agreed_with`` whom, ``agreed_on`` when."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    analysis = ForeignKey(references=JobAnalysis, index=True, on_delete=OnDelete.cascade)
    position = Integer(default=0)
    title = Varchar(length=120)
    kind = Varchar(length=12, default="core")
    how_often = Varchar(length=200, default="")
    standard = Text(default="")
    task = ForeignKey(
        references=Task, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    taken_from = Varchar(length=200, default="")
    agreed_with = Varchar(length=200, default="")
    agreed_on = Date(null=True, default=None)
    created_at = Timestamptz()


class NaturalSupport(Table, tablename="natural_supports"):
    """Who at work helps with what; agreed with the client and with that person; reviewed."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    analysis = ForeignKey(references=JobAnalysis, index=True, on_delete=OnDelete.cascade)
    person = ForeignKey(
        references=EmployerPerson, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    name = Varchar(length=120)
    role = Varchar(length=120, default="")
    helps_with = Varchar(length=300)
    client_agreed_on = Date(null=True, default=None)
    person_agreed_on = Date(null=True, default=None)
    review_on = Date(null=True, default=None, index=True)
    reviewed_on = Date(null=True, default=None)
    """The day it was last marked reviewed; marking it moves ``review_on`` to the next review day
    (or clears it), so a review is due while ``review_on`` has come."""
    created_at = Timestamptz()
    updated_at = Timestamptz()


class AnalysisPhoto(Table, tablename="analysis_photos"):
    """A photo of the workplace: the clean sizes (workplace/photos/<photo>/…)."""

    id = UUID(primary_key=True, default=UUID4())
    analysis = ForeignKey(references=JobAnalysis, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    caption = Varchar(length=200, default="")
    photo_hash = Varchar(length=64, default="")
    photo_sizes = JSONB(default=[])
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
