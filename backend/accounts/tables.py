"""Who uses Stepwise and how they get in."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    Boolean,
    Bytea,
    ForeignKey,
    Integer,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table


class Team(Table, tablename="teams"):
    """Coaches always work in a team under a coordinator."""

    id = UUID(primary_key=True, default=UUID4())
    name = Varchar(length=120)
    created_at = Timestamptz()
    # An unanswered "I need help" made during a shift goes to the whole team after this many
    # minutes (0: never).
    help_escalation_minutes = Integer(default=10)


class User(Table, tablename="users"):
    id = UUID(primary_key=True, default=UUID4())
    display_name = Varchar(length=120)
    role = Varchar(length=16, index=True)  # admin | coordinator | coach | client | family
    team = ForeignKey(
        references=Team, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )  # coordinators and coaches
    locale = Varchar(length=8, default="")  # "" = the browser's choice
    preferences = JSONB(default={})
    # WebAuthn user handle: random, no personal data in it (WebAuthn L3 §14.6.1).
    webauthn_handle = Bytea(default=b"")
    created_at = Timestamptz()
    # The privacy notice shown before the passkey was made (backend/accounts/notice.py).
    notice_version = Integer(default=0)  # 0: made before the notice existed
    notice_locale = Varchar(length=8, default="")
    notice_seen_at = Timestamptz(null=True, default=None)


class Organisation(Table, tablename="organisation"):
    """The organisation that runs Stepwise: the data controller the privacy notice names.
    One row, set by an administrator."""

    name = Varchar(length=120, default="")
    email = Varchar(length=254, default="")
    phone = Varchar(length=40, default="")
    address = Varchar(length=200, default="")
    dpo_name = Varchar(length=120, default="")
    dpo_email = Varchar(length=254, default="")
    authority = Varchar(length=200, default="")
    retention_years = Integer(null=True, default=None)
    updated_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    updated_at = Timestamptz(null=True, default=None)


class Passkey(Table, tablename="passkeys"):
    id = UUID(primary_key=True, default=UUID4())
    user = ForeignKey(references=User, index=True)
    credential_id = Varchar(length=1400, unique=True)  # base64url
    public_key = Bytea()
    sign_count = Integer(default=0)
    transports = JSONB(default=[])
    backed_up = Boolean(default=False)
    name = Varchar(length=80)
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)


class Session(Table, tablename="sessions"):
    """Server-side sessions shared by every app server. The cookie holds a 256-bit random id;
    the table holds only its SHA-256, so a leaked table grants nothing."""

    id_hash = Varchar(length=64, primary_key=True)
    user = ForeignKey(references=User, index=True)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz()
    user_agent = Varchar(length=300, default="")
    ip = Varchar(length=64, default="")
    # When this session last proved, with one of the person's passkeys, that the person is
    # here (a step-up before adding or removing a passkey or signing out everywhere).
    verified_at = Timestamptz(null=True, default=None)


class Challenge(Table, tablename="challenges"):
    """WebAuthn challenges: 32 random bytes, single use, 5 minutes (WebAuthn L3 §13.4.3)."""

    id = UUID(primary_key=True, default=UUID4())
    challenge = Varchar(length=64)  # base64url
    purpose = Varchar(length=16)  # enroll | signin | add | reverify
    user = ForeignKey(references=User, null=True, default=None, index=True)
    invitation = Varchar(length=36, default="")
    # The WebAuthn user handle offered with an enrollment, for the account made on success.
    user_handle = Varchar(length=64, default="")
    expires_at = Timestamptz()


class Invitation(Table, tablename="invitations"):
    """A one-time enrollment link. The URL carries a 256-bit token; the table its SHA-256."""

    id = UUID(primary_key=True, default=UUID4())
    token_hash = Varchar(length=64, unique=True)
    kind = Varchar(length=12)  # setup | invite | recovery
    delivery = Varchar(length=8)  # qr | link
    role = Varchar(length=16)
    display_name = Varchar(length=120)
    team = ForeignKey(
        references=Team, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    coach = ForeignKey(references=User, null=True, default=None, index=True)  # for a new client
    client = ForeignKey(
        references=User, null=True, default=None, index=True
    )  # for a new family member
    relation = Varchar(length=60, default="")
    target_user = ForeignKey(references=User, null=True, default=None, index=True)  # recovery
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
