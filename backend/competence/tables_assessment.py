"""Evidence attached to a framework's indicators, summative assessments and certificates. A
person's rows go with them (``ON DELETE CASCADE``); who attached, assessed or signed is kept as
a ``SET NULL`` reference; a version in use cannot be deleted (``RESTRICT``)."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.competence.tables import Framework


class Evidence(Table, tablename="competence_evidence"):
    """One record of the person's own practice attached to an indicator of a competence, with a
    note. ``slot`` (person, competence, indicator, kind, source) is unique: a record is attached
    to an indicator once. Nothing here changes a level."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    slot = Varchar(length=260, unique=True, secret=True)  # an index key, not the person's words
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    competence = Varchar(length=80)
    indicator = Integer()
    kind = Varchar(length=24)
    source_id = Varchar(length=64)
    occurred_on = Date()
    amount = Integer(default=1)
    note = Text(default="")
    attached_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz(index=True)


class Assessment(Table, tablename="competence_assessments"):
    """A summative assessment: two assessors, the observed practice, a scenario, a knowledge test
    score, a level per competence, a decision and a re-assessment day. Once both assessors signed
    (``status`` signed) it never changes."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    framework = ForeignKey(references=Framework, index=True, on_delete=OnDelete.restrict)
    assessor_a = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    assessor_b = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    observed = Text(default="")
    scenario = Text(default="")
    knowledge_score = Integer(null=True, default=None)
    decided_levels = JSONB(default={})
    decision = Varchar(length=32, null=True, default=None)
    decision_conditions = Text(default="")
    reassess_on = Date(null=True, default=None)
    revision = Integer(default=1)
    status = Varchar(length=10)  # open | signed
    signed_a_at = Timestamptz(null=True, default=None)
    signed_b_at = Timestamptz(null=True, default=None)
    assessed_on = Date(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Certificate(Table, tablename="competence_certificates"):
    """The certificate a signed "certified" (or "certified with conditions") assessment made:
    valid until a day, reviewed yearly."""

    id = UUID(primary_key=True, default=UUID4())
    person = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    assessment = ForeignKey(
        references=Assessment, unique=True, index=True, on_delete=OnDelete.cascade
    )
    issued_on = Date()
    valid_until = Date(index=True)
    review_on = Date()
    decision_conditions = Text(default="")
    created_at = Timestamptz()
