"""A client's opportunities (an employer and a job, or an idea) and the dated history of their
steps."""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.activities.tables import Activity
from backend.employers.tables import Employer, EmployerPerson


class Opportunity(Table, tablename="opportunities"):
    """An employer and a job, or an idea to approach an employer with, for one client. Goes with
    the client (``ON DELETE CASCADE``); the employer and its people stay in the register.

    ``step`` and ``step_on`` are the newest step of the history (kept here so that a pipeline is
    read in one statement); ``themes`` is written ``,food,people,`` (one ``LIKE`` on both
    engines). ``follow_up_on`` reminds ``follow_up_by`` that day; the interview is its local date
    and time at ``interview_zone`` and the instant, for the client's reminder before it."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that entered it: a retry lands once
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    employer = ForeignKey(
        references=Employer, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    employer_person = ForeignKey(
        references=EmployerPerson, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    job_title = Varchar(length=160, default="")
    idea = Text(default="")
    themes = Varchar(length=200, default="")
    step = Varchar(length=16, default="idea")
    step_on = Date()
    follow_up_on = Date(null=True, default=None)
    follow_up_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    interview_on = Date(null=True, default=None)
    interview_time = Varchar(length=5, default="")
    interview_zone = Varchar(length=64, default="")
    interview_at = Timestamptz(null=True, default=None, index=True)
    interview_place = Varchar(length=300, default="")
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    by_client = Boolean(default=False)  # the client added it themself (an idea of their own)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class OpportunityStep(Table, tablename="opportunity_steps"):
    """One step of an opportunity's history: which, on which day, by whom, with a short note;
    ``activity`` is the employer contact logged with it. ``position`` is the order in which the
    steps were recorded (0, 1, …): of two steps on one day, the later recorded is the newer."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    opportunity = ForeignKey(references=Opportunity, index=True, on_delete=OnDelete.cascade)
    step = Varchar(length=16)
    taken_on = Date()
    position = Integer(default=0)
    note = Varchar(length=300, default="")
    activity = ForeignKey(
        references=Activity, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    moved_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
