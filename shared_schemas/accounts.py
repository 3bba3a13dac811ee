"""Sign-in, enrollment, passkeys, people, teams and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from shared_schemas.base import Request, Struct

Role = Literal["admin", "coordinator", "coach", "client", "family"]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
ShortName = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
PasskeyName = Annotated[
    str, msgspec.Meta(min_length=1, max_length=60, description="1–60 characters, trimmed")
]
# WebAuthn JSON (WebAuthn L3 §5.1.8 toJSON / §5.4 parseCreationOptionsFromJSON).
WebAuthnJSON = dict[str, Any]


class Health(Struct, kw_only=True):
    status: Literal["ok"]
    database: Literal["ok"]


class Version(Struct, kw_only=True):
    name: str
    version: str


class Preferences(Struct, kw_only=True):
    text_size: Annotated[int, msgspec.Meta(ge=100, le=200)] = 100
    contrast: Literal["standard", "more"] = "standard"
    reduce_motion: bool = False
    read_aloud: bool = True


class Me(Struct, kw_only=True):
    id: str
    display_name: str
    role: Role
    team_id: str | None
    locale: str
    preferences: Preferences
    passkey_count: int
    clients: list[PersonRef] = []
    """For a family member: the clients they are linked to (names only)."""


class MeUpdate(Request, kw_only=True):
    locale: Literal["", "en", "pl", "fi", "he"] | None = None
    preferences: Preferences | None = None
    display_name: Name | None = None


class TokenRequest(Request, kw_only=True):
    token: Annotated[str, msgspec.Meta(min_length=20, max_length=100)]


class Invitee(Struct, kw_only=True):
    """What an enrollment link is for, shown before the passkey is made."""

    display_name: str
    role: Role
    kind: Literal["setup", "invite", "recovery"]
    expires_at: datetime


class CreationOptions(Struct, kw_only=True):
    challenge_id: str
    public_key: WebAuthnJSON
    invitee: Invitee | None = None


class RequestOptions(Struct, kw_only=True):
    challenge_id: str
    public_key: WebAuthnJSON


class EnrollVerify(Request, kw_only=True):
    token: Annotated[str, msgspec.Meta(min_length=20, max_length=100)]
    challenge_id: str
    credential: WebAuthnJSON
    passkey_name: PasskeyName | None = None
    """The person's own name for it; absent: named from its authenticator, else the browser."""


class SignInVerify(Request, kw_only=True):
    challenge_id: str
    credential: WebAuthnJSON


class PasskeyAdd(Request, kw_only=True):
    challenge_id: str
    credential: WebAuthnJSON
    name: PasskeyName | None = None
    """The person's own name for it; absent: named from its authenticator, else the browser."""


class PasskeyRename(Request, kw_only=True):
    name: PasskeyName


class Passkey(Struct, kw_only=True):
    id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    backed_up: bool


class Team(Struct, kw_only=True):
    id: str
    name: str
    coordinators: list[PersonRef]
    coach_count: int
    client_count: int


class TeamCreate(Request, kw_only=True):
    name: Name


class PersonRef(Struct, kw_only=True):
    id: str
    display_name: str


class Person(Struct, kw_only=True):
    id: str
    display_name: str
    role: Role
    team_id: str | None
    passkey_count: int
    created_at: datetime


class PersonUpdate(Request, kw_only=True):
    team_id: str | msgspec.UnsetType | None = msgspec.UNSET
    """A team id, or null to take the person out of their team; absent leaves it."""
    display_name: Name | None = None


class InvitationCreate(Request, kw_only=True):
    role: Role
    display_name: Name
    delivery: Literal["qr", "link"] = "qr"
    team_id: str | None = None
    """Coordinators and coaches: their team. Clients: follows the coach when omitted."""
    coach_id: str | None = None
    """A new client's coach; a coach inviting a client is the coach."""
    client_id: str | None = None
    """A new family member's client."""
    relation: Annotated[str, msgspec.Meta(max_length=60)] = ""


class Invitation(Struct, kw_only=True):
    id: str
    kind: Literal["setup", "invite", "recovery"]
    role: Role
    display_name: str
    delivery: Literal["qr", "link"]
    created_at: datetime
    expires_at: datetime
    status: Literal["pending", "used", "expired", "revoked"]
    url: str | None = None
    """Only in the answer that created it: the link is a secret."""
    qr_svg: str | None = None
    """The link as a QR code (SVG), only in the answer that created it."""


class RecoveryCreate(Request, kw_only=True):
    delivery: Literal["qr", "link"] = "qr"


class AuditEntry(Struct, kw_only=True):
    id: int
    at: datetime
    action: str
    outcome: str
    actor: str
    subject: str
    detail: dict[str, Any]
    ip: str
    user_agent: str
