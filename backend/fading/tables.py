"""A fading plan per client and job, its versions, its weekly figures and the alerts sent."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import Job


class FadingPlan(Table, tablename="fading_plans"):
    """One per (client, job): a unique index made in the migrations. ``version`` is the number
    of the version in force. The weeks are closed one by one (``checked_through``: the Monday of
    the latest closed week; ``next_check``: when the next one closes, for the engine's round),
    so no read goes through the plan's history. ``ever_present``: the coach was present in a
    closed week (the quarter mark needs support that faded); ``stable``: the latest closed week
    met the "stable" mark."""

    id = UUID(primary_key=True, default=UUID4())
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    job = ForeignKey(references=Job, index=True, on_delete=OnDelete.cascade)
    zone = Varchar(length=64)
    version = Integer(default=1)
    checked_through = Date(null=True, default=None)
    next_check = Timestamptz(null=True, default=None, index=True)
    ever_present = Boolean(default=False)
    stable = Boolean(default=False)
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class FadingVersion(Table, tablename="fading_versions"):
    """One version of a plan's steps, ``[{"fromDate", "hoursTenths", "percent"}]``. A changed
    plan is a new version: the closed weeks keep the planned value they had."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that saved it: a retry lands once
    plan = ForeignKey(references=FadingPlan, index=True, on_delete=OnDelete.cascade)
    number = Integer()
    steps = JSONB(default=[])
    made_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    made_at = Timestamptz()


class FadingWeek(Table, tablename="fading_weeks"):
    """A closed week's figures, kept: one per (plan, monday), a unique index made in the
    migrations. ``planned_*`` is the step in force then, whatever later versions say."""

    id = UUID(primary_key=True, default=UUID4())
    plan = ForeignKey(references=FadingPlan, index=True, on_delete=OnDelete.cascade)
    monday = Date()
    planned_tenths = Integer(null=True, default=None)
    planned_percent = Integer(null=True, default=None)
    coach_minutes = Integer(default=0)
    visits = Integer(default=0)
    shift_minutes = Integer(default=0)
    independent_steps = Integer(default=0)
    recorded_steps = Integer(default=0)
    closed_at = Timestamptz()


class FadingAlert(Table, tablename="fading_alerts"):
    """An alert told to the coach and the coordinator, once: one per (plan, kind, since), a
    unique index made in the migrations. ``kind``: ``not_faded`` (``since`` the Monday the run
    of weeks over plan began: a longer run is the same alert), ``quarter`` or ``stable`` (once
    per plan: ``since`` is the plan's first week)."""

    id = UUID(primary_key=True, default=UUID4())
    plan = ForeignKey(references=FadingPlan, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=12)
    since = Date()
    week = Date()  # the closed week that raised it
    created_at = Timestamptz(index=True)
