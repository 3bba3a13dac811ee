"""Shifts as local date and time plus the IANA zone of the workplace."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Time, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import Job


class Shift(Table, tablename="shifts"):
    """One-off (``repeat = once``, on ``on_date``) or weekly (``weekdays`` from ``from_date``
    to ``until``). An end time at or before the start time ends on the next day; the services
    keep such a shift only when the person said it ends the next day (``endsNextDay``)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that entered it: a retry lands once
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    workplace = Varchar(length=120)
    zone = Varchar(length=64)  # IANA, e.g. Europe/Helsinki
    starts_at = Time()
    ends_at = Time()
    repeat = Varchar(length=8)  # once | weekly
    on_date = Date(null=True, default=None)
    weekdays = JSONB(default=[])  # ISO weekdays, 1 = Monday
    from_date = Date(null=True, default=None)
    until = Date(null=True, default=None)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
    # The client's job whose workplace this is (``backend/employers``); None: not said.
    job = ForeignKey(
        references=Job, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )


class ShiftException(Table, tablename="shift_exceptions"):
    """A date on which the shift does not happen: a holiday, a sick day. One per (shift,
    on_date): a unique index made in the migrations (Piccolo's composite constraints are not
    written in a form SQLite reads)."""

    id = UUID(primary_key=True, default=UUID4())
    shift = ForeignKey(references=Shift, index=True, on_delete=OnDelete.cascade)
    on_date = Date()
    reason = Varchar(length=12)  # holiday | sick | other
    note = Varchar(length=200, default="")
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
