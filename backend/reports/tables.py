"""Submitted funder reports: each a dated, signed, unchangeable snapshot.

A row is written once and never updated: its ``content`` is the snapshot as submitted (the
definition as it was, the scope, the period, the cells already suppressed, who and when), and
``content_hash`` its SHA-256. A correction is a new row whose ``corrects`` names the old one
(unique: a report is corrected once, the newest of a chain is the one to correct); the old row
is superseded because a correction points to it, and nothing in it changes.
"""

from __future__ import annotations

from piccolo.columns import UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import Team, User


class Report(Table, tablename="funder_reports"):
    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the browser that submitted it: a retry lands once
    definition_id = Varchar(length=64)
    definition_version = Integer()
    scope_kind = Varchar(length=16)
    team = ForeignKey(
        references=Team, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    """The team reported on (None: the organisation); its name is in the snapshot."""
    period = Varchar(length=16)
    period_start = Date()
    period_end = Date()
    content = Text()
    """The snapshot (JSON), exactly as hashed."""
    content_hash = Varchar(length=64)
    submitted_by = ForeignKey(  # its id is in the snapshot too: a pseudonym after an erasure
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    submitted_at = Timestamptz(index=True)
    corrects = ForeignKey(  # type: ignore[var-annotated]
        references="self", null=True, default=None, unique=True, on_delete=OnDelete.set_null
    )
    note = Text(default="")
