"""Employers, the people who work there, and clients' jobs with them."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
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

from backend.accounts.tables import Team, User


class Employer(Table, tablename="employers"):
    """An employer in the team's shared register. Kept when a client's data is erased: the
    register belongs to the organisation, not to one client."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that entered it: a retry lands once
    team = ForeignKey(
        references=Team, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    name = Varchar(length=160)
    address = Varchar(length=300, default="")
    sector = Varchar(length=120, default="")
    notes = Text(default="")
    last_contact_at = Timestamptz(null=True, default=None)
    """The latest activity with the employer or one of its people (kept by the activity log)."""
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class EmployerPerson(Table, tablename="employer_people"):
    """A person at an employer (a supervisor, a co-worker, the owner). Minimal data: name, role
    at work, how to reach them; ``noticed_at`` is when they were given the organisation's
    notice about what is kept about them."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    employer = ForeignKey(references=Employer, index=True, on_delete=OnDelete.cascade)
    name = Varchar(length=120)
    role = Varchar(length=120, default="")
    phone = Varchar(length=40, default="")
    email = Varchar(length=254, default="")
    noticed_at = Timestamptz(null=True, default=None)
    notice_version = Integer(null=True, default=None)
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Job(Table, tablename="jobs"):
    """A client's job: with which employer, from when, how many hours at what pay, and whether it
    is competitive and integrated (at least the legal minimum wage, open to anyone, the same pay
    as others doing the work, alongside co-workers without disabilities). ``end_date`` and
    ``end_reason`` once it ended."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    employer = ForeignKey(
        references=Employer, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    title = Varchar(length=160)
    start_date = Date()
    end_date = Date(null=True, default=None)
    end_reason = Varchar(length=24, default="")
    hours_per_week_tenths = Integer(null=True, default=None)  # 12.5 h → 125
    hourly_pay_cents = Integer(null=True, default=None)
    currency = Varchar(length=3, default="EUR")
    contract_type = Varchar(length=24, default="")
    at_least_minimum_wage = Boolean(null=True, default=None)
    open_to_anyone = Boolean(null=True, default=None)
    same_pay_as_others = Boolean(null=True, default=None)
    alongside_others = Boolean(null=True, default=None)
    """The client works alongside co-workers without disabilities (None: not answered)."""
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class MinimumWage(Table, tablename="minimum_wage"):
    """The legal minimum hourly wage the administrator sets (one row, or none: not set); the
    figures compare the pay of clients' jobs with it."""

    id = UUID(primary_key=True, default=UUID4())
    hourly_cents = Integer()
    currency = Varchar(length=3, default="EUR")
    updated_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    updated_at = Timestamptz()
