"""Episodes of support and the dated history of their stages; the organisation's targets."""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import Job


class Episode(Table, tablename="journey_episodes"):
    """One period of support for a client, from intake to closure. At most one is open (no
    ``closed_on``) per client; closed ones stay readable and a new one can open later.

    The client's informed decision to take part is kept like a consent: when, by whom (the
    client on their own phone, or staff on their behalf), and the version and language of the
    words the client was shown (``backend/journey/texts.py``)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that entered it: a retry lands once
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    intake_on = Date()
    in_paid_work = Boolean(default=False)
    work_since = Date(null=True, default=None)
    benefits = Varchar(length=200, default="")  # the codes, comma separated
    benefits_note = Text(default="")
    decision_at = Timestamptz(null=True, default=None)
    decision_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    decision_by_role = Varchar(length=16, default="")
    decision_version = Integer(null=True, default=None)
    decision_locale = Varchar(length=8, default="")
    closed_on = Date(null=True, default=None)
    closure_reason = Varchar(length=24, default="")
    closure_note = Text(default="")
    follow_up_agreed = Boolean(default=False)
    """On closing: the client agreed to be asked about their situation six months later."""
    closed_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class StagePeriod(Table, tablename="journey_stages"):
    """A stage of an episode, from the day it started to the day it ended (none: going on).
    Stages may overlap, and a stage may come back after it ended."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    episode = ForeignKey(references=Episode, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    stage = Varchar(length=24)
    started_on = Date()
    ended_on = Date(null=True, default=None)
    started_cause = Varchar(length=16, default="coach")
    ended_cause = Varchar(length=16, default="")
    job = ForeignKey(
        references=Job, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    """The job whose start or end started this stage."""
    started_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    ended_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()


class FollowUp(Table, tablename="journey_follow_ups"):
    """A former client's situation about six months after their support ended, recorded by
    their coach where the client agreed to be asked (``Episode.follow_up_agreed``). One per
    episode; it feeds the funder reports' "in employment six months after leaving"."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone that entered it: a retry lands once
    episode = ForeignKey(references=Episode, unique=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    situation = Varchar(length=16)
    """``work``, ``education`` (education or training), ``looking``, ``other``."""
    situation_on = Date()
    """The day the situation was found (asked)."""
    recorded_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    created_at = Timestamptz()


class StageTarget(Table, tablename="journey_stage_targets"):
    """The organisation's target number of days for a stage; a stage going on longer is
    flagged on the caseload."""

    id = UUID(primary_key=True, default=UUID4())
    stage = Varchar(length=24, unique=True)
    days = Integer(null=True, default=None)
    updated_by = ForeignKey(
        references=User, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    updated_at = Timestamptz()
