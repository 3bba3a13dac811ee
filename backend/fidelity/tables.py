"""Fidelity reviews and their scores, one row per item (a unique index on (review, item) in the
migrations)."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import Team, User


class Review(Table, tablename="fidelity_reviews"):
    """A self-assessment of a team or the organisation over a period, with one version of a
    template (``templates.py``): a draft until finished, then never changed."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    template = Varchar(length=10)  # ips | euse
    version = Integer()
    scope = Varchar(length=12)  # organisation | team
    team = ForeignKey(
        references=Team, null=True, default=None, on_delete=OnDelete.cascade, index=True
    )
    start_on = Date()
    end_on = Date()
    zone = Varchar(length=64, default="UTC")
    status = Varchar(length=8)  # draft | finished
    started_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz(index=True)
    updated_at = Timestamptz()
    finished_at = Timestamptz(null=True, default=None)


class Score(Table, tablename="fidelity_scores"):
    """One item of a review: the suggested score and its evidence (fixed when the review
    starts), and the reviewer's score and notes."""

    id = UUID(primary_key=True, default=UUID4())
    review = ForeignKey(references=Review, on_delete=OnDelete.cascade, index=True)
    item = Varchar(length=40)
    section = Varchar(length=40)
    position = Integer()
    suggested = Integer(null=True, default=None)
    evidence = JSONB(null=True, default=None)
    score = Integer(null=True, default=None)
    notes = Text(default="")
    local_id = UUID(null=True, default=None)
    updated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    updated_at = Timestamptz(null=True, default=None)
