"""The path of a new coach: the onboarding module's completions, training records (with an
optional certificate file), the development plan's goals and practice simulations. Each row is the
person's (``ON DELETE CASCADE`` from the user); who wrote it is kept in ``SET NULL`` columns."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Real, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.competence.tables import Framework


class OnboardingCompletion(Table, tablename="competence_onboarding"):
    """A person finished the onboarding module on values and confidentiality (this version of
    it), answering its check questions right. ``slot`` (person and module version) is unique."""

    id = UUID(primary_key=True, default=UUID4())
    slot = Varchar(length=80, unique=True, secret=True)  # an index key, not the person's words
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    module_version = Integer()
    completed_at = Timestamptz()


class TrainingRecord(Table, tablename="competence_trainings"):
    """A course a person took: hours, day, provider, the competences it serves, its certificate
    (a PDF kept as sent, or a photo re-encoded without metadata) and when that expires."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    course = Varchar(length=200)
    provider = Varchar(length=200, default="")
    hours = Real()
    taken_on = Date(index=True)
    competences = JSONB(default=[])
    expires_on = Date(null=True, default=None, index=True)
    certificate_hash = Varchar(length=64, default="")
    certificate_type = Varchar(length=4, default="")  # "" | pdf | jpg
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()


class PlanGoal(Table, tablename="competence_plan_goals"):
    """A goal of a person's development plan (at most three open at a time), in the shape of the
    goal tool: the goal, how, the competence it serves, its days, and progress rated on the Goal
    Attainment Scale (−2 … +2). Proposed by one of the person and their coordinator, agreed by the
    other."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    title = Varchar(length=200)
    means = Text(default="")
    competence = Varchar(length=80)
    starts_on = Date()
    ends_on = Date()
    status = Varchar(length=10, index=True)  # proposed | agreed | closed
    progress = Integer(null=True, default=None)
    progress_note = Text(default="")
    proposed_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    agreed_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    agreed_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Simulation(Table, tablename="competence_simulations"):
    """A practice scenario the person played while someone observed: the day, the scenario, the
    competences practised each with the level seen, notes and the next step."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    observer = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    framework = ForeignKey(references=Framework, index=True, on_delete=OnDelete.restrict)
    held_on = Date(index=True)
    scenario = Varchar(length=30)
    scenario_text = Text(default="")
    seen = JSONB(default=[])
    notes = Text(default="")
    next_step = Text(default="")
    created_at = Timestamptz()


class FieldMentoring(Table, tablename="competence_field_mentors"):
    """A senior colleague named the field mentor of a coach for their mentoring period: a coach
    with a valid certificate, or the coordinator of the coach's team. While it runs (``ended_on``
    empty) the mentor reads the coach's record, logs mentoring visits and simulations and attaches
    evidence. One runs at a time; naming another ends the one before."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    mentor = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    started_on = Date()
    ended_on = Date(null=True, default=None, index=True)
    named_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
