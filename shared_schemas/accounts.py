"""Sign-in, enrollment, passkeys, people, teams and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from shared_schemas.base import Request, Struct

Role = Literal["admin", "coordinator", "coach", "client", "family", "mentor"]
NoticeLocale = Literal["en", "pl", "fi", "he"]
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


class Ready(Struct, kw_only=True):
    status: Literal["ok"]
    database: Literal["ok"]
    migrations: Literal["ok"]


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
    notice_version: Annotated[int, msgspec.Meta(ge=1)] | None = None
    """The version of the privacy notice shown before the passkey was made (kept with the
    account, GDPR Art. 13)."""
    notice_locale: NoticeLocale | None = None
    """The language it was shown in."""


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
    help_escalation_minutes: int = 10
    """An unanswered "I need help" made during a shift goes to the team's other coaches and
    coordinators after this many minutes; 0: never."""


class TeamCreate(Request, kw_only=True):
    name: Name


class TeamUpdate(Request, kw_only=True):
    """Coordinators (their team) and administrators; what is left out stays."""

    name: Name | None = None
    help_escalation_minutes: int | None = None
    """0 to 240 minutes; 0: never pass a request on."""


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
    actor_name: str | None = None
    """The person who acted, by name (None when signed out, or the person is erased)."""
    subject_name: str | None = None
    """The person acted on, by name."""
    cursor: str = ""
    """Opaque: pass it as ``cursor`` to read the entries older than this one."""


# --- the privacy notice and the organisation behind it (GDPR Art. 13) -----------------------


class NoticeSection(Struct, kw_only=True):
    heading: str
    paragraphs: list[str]


class PrivacyNotice(Struct, kw_only=True):
    """One version of the privacy notice in one language, for clients and family members
    (``person``), staff, or contact people at employers (``employer_contact``), with the
    organisation's details filled in."""

    version: int
    latest_version: int
    locale: NoticeLocale
    direction: Literal["ltr", "rtl"]
    audience: Literal["person", "staff", "employer_contact"]
    title: str
    intro: str
    sections: list[NoticeSection]
    organisation: str
    """The organisation's name as the notice names it."""
    locales: list[NoticeLocale]


class NoticeSeen(Struct, kw_only=True):
    version: int
    locale: str
    at: datetime


class MyPrivacyNotice(Struct, kw_only=True):
    seen: NoticeSeen | None
    """The version and language shown at enrollment; None for accounts made before it."""
    notice: PrivacyNotice
    """The version the person saw (else the latest), in their language, for their role."""


class Organisation(Struct, kw_only=True):
    """Who is responsible for the data (the controller), as the privacy notice names it."""

    name: str
    email: str
    phone: str
    address: str
    dpo_name: str
    dpo_email: str
    authority: str
    """The supervisory authority to complain to, with its address or web site."""
    retention_years: int | None
    """How long data is kept after support ends; None: as long as the law requires."""
    configured: bool
    updated_at: datetime | None


class OrganisationUpdate(Request, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    email: Annotated[str, msgspec.Meta(min_length=1, max_length=254)]
    phone: Annotated[str, msgspec.Meta(max_length=40)] = ""
    address: Annotated[str, msgspec.Meta(max_length=200)] = ""
    dpo_name: Annotated[str, msgspec.Meta(max_length=120)] = ""
    dpo_email: Annotated[str, msgspec.Meta(max_length=254)] = ""
    authority: Annotated[str, msgspec.Meta(max_length=200)] = ""
    retention_years: Annotated[int, msgspec.Meta(ge=1, le=50)] | None = None
