"""Consent decisions (append-only), auto-share decisions (append-only) and updates."""

from __future__ import annotations

from piccolo.columns import JSONB, UUID, Boolean, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User


class Consent(Table, tablename="family_consents"):
    """One choice of the client about one family member and one kind: never changed, never
    deleted (except by erasure). The live consent is the latest row per (client, family, kind)
    while the family link exists. ``actor`` is who recorded it: the client, or staff helping."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the phone: a retried write lands once
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    family = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)  # shifts | goals | training | updates | help_alerts
    granted = Boolean()
    actor = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    actor_role = Varchar(length=16)  # client | coach | coordinator | admin
    text_version = Integer()  # the consent wording shown (backend/family/texts.py)
    locale = Varchar(length=8)
    at = Timestamptz()


class AutoShare(Table, tablename="family_auto_shares"):
    """The client lets updates of one kind go to family without asking each time.
    Append-only like ``Consent``; the latest row per (client, kind) counts."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)
    enabled = Boolean()
    actor = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    actor_role = Varchar(length=16)
    text_version = Integer()
    locale = Varchar(length=8)
    at = Timestamptz()


class Update(Table, tablename="family_updates"):
    """A few words and optionally a photo about the client, written by the coach or the client
    or suggested by Stepwise (a mastered task). Family see it only while it is ``shared`` and
    they have a live consent for its kind.

    The photo: ``family/updates/<update>/<size>-<hash16>.<webp|jpg>`` in the storage, made by
    the same pipeline as step photos (re-encoded, no metadata)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    author = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    author_role = Varchar(length=16, default="")  # "" for a suggestion
    kind = Varchar(length=16, default="updates")
    text = Varchar(length=500)
    source = Varchar(length=80, default="")  # coach | client | task:<id> | goal:<id> | …
    status = Varchar(length=10, index=True)  # pending | shared | declined
    shared_how = Varchar(length=12, default="")  # client | auto_share
    shared_at = Timestamptz(null=True, default=None)
    decided_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    photo_hash = Varchar(length=64, default="")
    photo_sizes = JSONB(default=[])  # [{"size": 1600, "width": …, "height": …}, …]
    created_at = Timestamptz()
    updated_at = Timestamptz()
    # A suggestion by Stepwise is stored as a message of the server's catalogue and its words
    # (``suggestion.task_mastered``, {"title": …}) and written out in each reader's language:
    # the client reads it in theirs, each family member in their own. ``text`` holds it in the
    # client's language, for the export and old clients. Editing the text ends this: "" = the
    # text is what someone wrote.
    text_key = Varchar(length=40, default="")
    text_params = JSONB(default={})
