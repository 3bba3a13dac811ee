"""The activity log: every contact and piece of work, for one or more clients."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    BigInt,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import Employer, EmployerPerson
from backend.shifts.tables import Shift


class Activity(Table, tablename="activities"):
    """One contact or piece of work: with whom, how, made or only attempted, when, for how
    long, what about, what was agreed, and whether the client may read it.

    ``purposes`` is written ``,job_search,training,`` (the first is the main one, which the
    coach's time use counts it under), so that a filter by one purpose is the same ``LIKE`` on
    both engines. ``shift`` and ``shift_day`` name the shift a visit was logged from (the day
    recap asks which shifts have none). The index on (author, occurred_at) is made in the
    migrations: a page of a coach's log costs the same whatever the history."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that logged it: a retry lands once
    author = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    with_whom = Varchar(length=16)  # client | family | employer_person | coworker | …
    with_name = Varchar(length=120, default="")
    employer = ForeignKey(
        references=Employer, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    employer_person = ForeignKey(
        references=EmployerPerson, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    mode = Varchar(length=16)  # workplace | office | elsewhere | phone | video | message
    made = Boolean(default=True)  # False: only attempted (no answer, not met)
    occurred_at = Timestamptz()
    minutes = Integer(default=0)
    purposes = Varchar(length=200, default="")
    note = Text(default="")
    restricted = Boolean(default=False)
    restricted_reason = Varchar(length=300, default="")
    shift = ForeignKey(
        references=Shift, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    shift_day = Date(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ActivityClient(Table, tablename="activity_clients"):
    """Which clients an activity was for. Goes with the client (``ON DELETE CASCADE``); an
    activity left without any client goes too (a trigger made in the migrations), one with
    several clients keeps the others. ``occurred_at`` is the activity's, copied here so a page
    of a client's log is one range of the index on (client, occurred_at)."""

    id = UUID(primary_key=True, default=UUID4())
    activity = ForeignKey(references=Activity, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    occurred_at = Timestamptz()


class AgreedAction(Table, tablename="activity_agreed_actions"):
    """What was agreed in an activity: one action, for the coach or the client, by a date;
    ``remind`` asks for a reminder on that date."""

    id = UUID(primary_key=True, default=UUID4())
    activity = ForeignKey(references=Activity, index=True, on_delete=OnDelete.cascade)
    position = Integer(default=0)
    text = Varchar(length=200)
    who = Varchar(length=8)  # coach | client
    due_on = Date(null=True, default=None)
    remind = Boolean(default=False)


class ActivityStamp(Table, tablename="activity_stamps"):
    """A counter per person that moves on with every change to an activity about them (as a
    client) or by them (as its author): the activities, their clients and what was agreed.
    Written only by database triggers (``piccolo_migrations/activities_2026_12_06t14_40_…``),
    in the transaction of the change itself, from any process; read by a client's log to tell
    whether the page it keeps still holds (``backend/activities/kept.py``). No foreign key, like
    ``day_stamps``: the row goes when the person does (a trigger on ``users``), and My data
    finds it by the person's id (``backend/privacy/walk.py``)."""

    person = UUID(unique=True)
    changes = BigInt(default=0)
