"""The handover pack: the client's consent per section (append-only), the words of the free-text
sections, the links made for named readers, every view of a link, and the readers' feedback."""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User
from backend.employers.tables import EmployerPerson, Job


class HandoverConsent(Table, tablename="handover_consents"):
    """One choice of the client about one section of one job's pack: never changed, never
    deleted (except by erasure). The live consent is the latest row per (job, section).
    ``actor`` is who recorded it (the client: consent is theirs to give)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone: a retried write lands once
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    job = ForeignKey(references=Job, index=True, on_delete=OnDelete.cascade)
    section = Varchar(length=16)
    granted = Boolean()
    actor = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    actor_role = Varchar(length=16)
    text_version = Integer()  # the consent wording shown (backend/handover/sections.py)
    locale = Varchar(length=8)
    at = Timestamptz()


class HandoverWords(Table, tablename="handover_words"):
    """The client's or coach's own words for a free-text section of one job's pack.
    ``place`` is ``<job id>:<section>``: one row per section."""

    id = UUID(primary_key=True, default=UUID4())
    place = Varchar(length=60, unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    job = ForeignKey(references=Job, index=True, on_delete=OnDelete.cascade)
    section = Varchar(length=16)
    words = Text(default="")
    updated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    updated_at = Timestamptz()


class HandoverLink(Table, tablename="handover_links"):
    """A link to one job's pack for one named reader. Only the SHA-256 of its token is kept:
    the token itself is shown once, to the person who made the link."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    job = ForeignKey(references=Job, index=True, on_delete=OnDelete.cascade)
    token_hash = Varchar(length=64, unique=True)
    reader_name = Varchar(length=120)
    reader_role = Varchar(length=120, default="")
    employer_person = ForeignKey(
        references=EmployerPerson, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    language = Varchar(length=8, default="")
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    ended_at = Timestamptz(null=True, default=None)
    ended_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )


class HandoverView(Table, tablename="handover_views"):
    """One opening of a link's page: when, and in which language."""

    id = UUID(primary_key=True, default=UUID4())
    link = ForeignKey(references=HandoverLink, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    language = Varchar(length=8)
    at = Timestamptz(index=True)


class HandoverFeedback(Table, tablename="handover_feedback"):
    """A reader's two-tap feedback. ``once`` is the SHA-256 of the link, the page's nonce and the
    button: the same button of the same page sent twice is one feedback."""

    id = UUID(primary_key=True, default=UUID4())
    once = Varchar(length=80, unique=True)
    link = ForeignKey(references=HandoverLink, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    job = ForeignKey(references=Job, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=8)  # well | help
    task_title = Varchar(length=120, default="")
    step = Integer(null=True, default=None)
    at = Timestamptz(index=True)
