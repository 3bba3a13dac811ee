"""The client record and who is around the client."""

from __future__ import annotations

from piccolo.columns import UUID, Date, ForeignKey, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import Team, User


class ClientRecord(Table, tablename="client_records"):
    """One per client account. ``coach`` is the caseload; ``team`` follows the coach."""

    id = UUID(primary_key=True, default=UUID4())
    user = ForeignKey(references=User, unique=True)
    coach = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    team = ForeignKey(
        references=Team, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    # The five stages of supported employment (EUSE): engagement, profiling, job_finding,
    # employer_engagement, support.
    stage = Varchar(length=24, default="engagement")
    # The view of the client's journey (backend/journey), kept here so the caseload reads it
    # in its one query: since when the current stage goes on, and when the organisation's
    # target for it runs out (none without a target, or without an open episode).
    stage_since = Date(null=True, default=None)
    stage_due = Date(null=True, default=None)
    support_summary = Text(default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class FamilyLink(Table, tablename="family_links"):
    id = UUID(primary_key=True, default=UUID4())
    client = ForeignKey(references=User, index=True)
    family = ForeignKey(references=User, index=True)
    relation = Varchar(length=60, default="")
    created_at = Timestamptz()


class Mentorship(Table, tablename="mentorships"):
    """A mentor (a peer mentor or a volunteer, role ``mentor``) working with a client. Opened and
    closed by the agreement between them; while ``ended_on`` is empty the mentor sees the
    client's agreements, goals and activities, and nothing else of the client."""

    id = UUID(primary_key=True, default=UUID4())
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    mentor = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    started_on = Date()
    ended_on = Date(null=True, default=None)
    created_at = Timestamptz()
