"""The vocational profile: its template's versions, the client's profile (one draft and the two
choices), the draft's sections, their photos, the versions the client approves, and the log of
every write (which makes a phone's repeated write land once)."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Real,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import User


class ProfileTemplate(Table, tablename="profile_templates"):
    """One version of the template: the sections' headings and questions, the themes and the
    conditions, in four languages. A version never changes."""

    id = UUID(primary_key=True, default=UUID4())
    version = Integer(unique=True)
    texts = JSONB(default={})
    created_at = Timestamptz()


class Profile(Table, tablename="profiles"):
    """The client's profile: one per client. The two choices made before any employer is
    contacted live here, merged field by field like a section (``field_revs``, ``kept``)."""

    id = UUID(primary_key=True, default=UUID4())
    client = ForeignKey(references=User, unique=True, index=True, on_delete=OnDelete.cascade)
    template_version = Integer(default=1)
    language = Varchar(length=8, default="en")
    disclosure = Varchar(length=12, default="")  # nothing | adjustments | more
    disclosure_words = Text(default="")
    benefits_offered = Boolean(null=True, default=None)
    benefits_offered_on = Date(null=True, default=None)
    benefits_offered_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    mentor_may_read = Boolean(default=False)
    revision = Integer(default=0)
    field_revs = JSONB(default={})
    kept = JSONB(default=[])
    changed_at = Timestamptz(null=True, default=None)
    """The last change to the draft (a section, a photo, a choice): compared with the newest
    version's ``asked_at`` to tell whether the draft holds changes not in a version."""
    created_at = Timestamptz()


class ProfileSection(Table, tablename="profile_sections"):
    """One section of the draft: the client's words (and themes, experiences, conditions by
    section), the coach's notes, a voice note. ``revision`` counts its changes; ``field_revs``
    the revision at which each field last changed; ``kept`` the words that arrived for a field
    changed meanwhile by someone else."""

    id = UUID(primary_key=True, default=UUID4())
    slot = Varchar(length=80, unique=True)  # <profile id>:<section key>: one row per section
    profile = ForeignKey(references=Profile, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    key = Varchar(length=24)
    revision = Integer(default=0)
    words = Text(default="")
    notes = Text(default="")
    themes = JSONB(default=[])
    own_themes = JSONB(default=[])
    experiences = JSONB(default=[])
    conditions = JSONB(default={})
    field_revs = JSONB(default={})
    kept = JSONB(default=[])
    # The voice note: profiles/voice/<section>/<hash16>.<webm|m4a>, only the sound kept.
    voice_hash = Varchar(length=64, default="")
    voice_type = Varchar(length=16, default="")
    voice_seconds = Real(null=True, default=None)
    updated_at = Timestamptz(null=True, default=None)
    updated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )


class ProfilePhoto(Table, tablename="profile_photos"):
    """A photo of a section: the clean sizes (profiles/photos/<photo>/…). Taken out of the
    draft, it stays while a version shows it (``in_draft`` false)."""

    id = UUID(primary_key=True, default=UUID4())
    profile = ForeignKey(references=Profile, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    section = Varchar(length=24)
    caption = Varchar(length=200, default="")
    photo_hash = Varchar(length=64, default="")
    photo_sizes = JSONB(default=[])
    in_draft = Boolean(default=True)
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()


class ProfileVersion(Table, tablename="profile_versions"):
    """A version of the profile the client is asked to approve: the draft's words as they were
    (``content``; never the coach's notes). Approved with the client's passkey."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    profile = ForeignKey(references=Profile, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    number = Integer()
    template_version = Integer()
    language = Varchar(length=8)
    content = JSONB(default={})
    asked_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    asked_at = Timestamptz()
    approved_at = Timestamptz(null=True, default=None)


class ProfileEdit(Table, tablename="profile_edits"):
    """Every write to the draft, once: ``client_uuid`` is the phone's ``localId``, so a write
    the outbox sends again finds its first landing. What was sent, and the fields whose words
    were kept beside newer ones."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    profile = ForeignKey(references=Profile, index=True, on_delete=OnDelete.cascade)
    client = ForeignKey(references=User, index=True, on_delete=OnDelete.cascade)
    section = Varchar(length=24)  # a section's key, or "choices"
    base_revision = Integer()
    sent = JSONB(default={})
    kept_fields = JSONB(default=[])
    author = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    at = Timestamptz()
