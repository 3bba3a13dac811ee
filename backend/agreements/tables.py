"""Agreement templates, agreements between a client and their coach or a mentor, and the
versions of each agreement."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User


class AgreementTemplate(Table, tablename="agreement_templates"):
    """One version of the organisation's template. Versions never change: editing makes the
    next. ``texts``: ``{"en": {"title": …, "rules": [...]}, "pl": …, "fi": …, "he": …}``."""

    id = UUID(primary_key=True, default=UUID4())
    version = Integer(unique=True)
    texts = JSONB(default={})
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()


class Agreement(Table, tablename="agreements"):
    """An agreement between a client and a partner (their coach, or a mentor); what it says is
    in its versions. Ended by either side (``ended_at``), with an optional reason."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    partner = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    partner_role = Varchar(length=12)  # coach | mentor
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    ended_at = Timestamptz(null=True, default=None)
    ended_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    end_reason = Text(default="")


class AgreementVersion(Table, tablename="agreement_versions"):
    """What the agreement says, version by version; a version is agreed when the client agreed
    (``client_agreed_at``) and the partner signed after (``partner_signed_at``). A version
    never changes once the client agreed to it: a change is a new version."""

    id = UUID(primary_key=True, default=UUID4())
    agreement = ForeignKey(references=Agreement, index=True, on_delete=OnDelete.cascade)
    number = Integer()
    rules = JSONB(default=[])
    locale = Varchar(length=8, default="en")
    starts_on = Date()
    ends_on = Date()
    rhythm = Varchar(length=20)
    times = Integer(null=True, default=None)
    ways = JSONB(default=[])
    goal_ids = JSONB(default=[])
    goal_text = Text(default="")
    remind_at = Varchar(length=5, default="")
    zone = Varchar(length=64, default="")
    template_version = Integer(null=True, default=None)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    client_agreed_at = Timestamptz(null=True, default=None)
    partner_signed_at = Timestamptz(null=True, default=None)
