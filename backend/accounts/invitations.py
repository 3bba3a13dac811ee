"""One-time enrollment links: invitations, the first-run setup link and recovery links.

The link carries 256 random bits after ``#`` (a URL fragment never reaches server logs or a
Referer header); the table keeps only their SHA-256. A link works once and expires: 15 minutes
when shown as a QR code on screen, up to 7 days when sent by other means, 1 day for setup.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from datetime import datetime, timedelta
from typing import Any

import segno

from backend.accounts import access
from backend.accounts.tables import Invitation, Team, User
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import PageRequest, after_key, page_of, page_request
from backend.settings import get_settings
from shared_schemas import accounts as wire

SETUP_LIFETIME = timedelta(days=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def enrollment_url(token: str) -> str:
    return f"{get_settings().origin}/enroll#{token}"


def qr_svg(url: str) -> str:
    # Dark modules on white, a quiet zone of 4 (ISO/IEC 18004), scaled for a phone camera.
    # A standalone SVG (xmlns, viewBox) so it also renders as an <img> data URL.
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        scale=6,
        dark="#000",
        light="#fff",
        border=4,
    )
    return buffer.getvalue().decode()


def lifetime(delivery: str) -> timedelta:
    settings = get_settings()
    if delivery == "qr":
        return timedelta(minutes=settings.invite_qr_minutes)
    return timedelta(days=settings.invite_link_days)


def status_of(row: dict[str, Any], at: datetime) -> str:
    if row["used_at"] is not None:
        return "used"
    if row["revoked_at"] is not None:
        return "revoked"
    if row["expires_at"] <= at:
        return "expired"
    return "pending"


def to_wire(row: dict[str, Any], token: str | None = None) -> wire.Invitation:
    url = enrollment_url(token) if token else None
    return wire.Invitation(
        id=str(row["id"]),
        kind=row["kind"],
        role=row["role"],
        display_name=row["display_name"],
        delivery=row["delivery"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        status=status_of(row, now()),  # type: ignore[arg-type]
        url=url,
        qr_svg=qr_svg(url) if url else None,
    )


async def _insert(**fields: Any) -> tuple[dict[str, Any], str]:
    token = secrets.token_urlsafe(32)
    at = now()
    row = Invitation(token_hash=_hash(token), created_at=at, **fields)
    if "expires_at" not in fields:
        row.expires_at = at + lifetime(fields["delivery"])
    await row.save()
    return row.to_dict(), token


async def create(actor: Actor, body: wire.InvitationCreate) -> tuple[dict[str, Any], str]:
    """Administrators invite anyone; coordinators and coaches invite the clients of their
    caseload, those clients' family, and mentors to their team. Every refusal names the field."""
    fields: dict[str, Any] = {
        "kind": "invite",
        "delivery": body.delivery,
        "role": body.role,
        "display_name": body.display_name.strip(),
        "relation": body.relation.strip(),
        "created_by": actor.id,
    }
    if not fields["display_name"]:
        raise field_error("body.displayName", "Please write the person's name.")
    if body.role in {"admin", "coordinator", "coach"}:
        access.require_field(
            access.can_invite_staff(actor),
            "body.role",
            "Only an administrator can invite staff.",
            code="forbidden",
        )
        if body.role != "admin":
            if not body.team_id or not await _team_exists(body.team_id):
                raise field_error("body.teamId", "Choose the team this person works in.")
            fields["team"] = body.team_id
    elif body.role == "client":
        coach_id = body.coach_id or access.default_coach(actor)
        access.require_field(
            access.can_invite_to_caseload_of(actor, coach_id),
            "body.coachId",
            "You can invite clients to your own caseload only.",
        )
        access.require(access.can_invite_clients(actor))
        coach = await _user(coach_id) if coach_id else None
        if coach is None or coach["role"] != "coach":
            raise field_error("body.coachId", "Choose the coach who will work with this client.")
        access.require_field(
            access.can_invite_for_coach(actor, coach),
            "body.coachId",
            "Choose a coach from your team.",
        )
        fields["coach"] = coach_id
    elif body.role == "mentor":
        access.require_field(
            access.can_invite_mentors(actor),
            "body.role",
            "Only staff can invite a mentor.",
            code="forbidden",
        )
        team_id = access.mentor_team(actor, body.team_id)
        if not team_id or not await _team_exists(team_id):
            raise field_error("body.teamId", "Choose the team this mentor works with.")
        fields["team"] = team_id
    elif body.role == "family":
        if not body.client_id or not await access.can_invite_family_of(actor, body.client_id):
            raise field_error("body.clientId", "Choose a client from your caseload.")
        fields["client"] = body.client_id
    return await _insert(**fields)


async def create_recovery(
    actor: Actor, target_id: str, delivery: str
) -> tuple[dict[str, Any], str]:
    target = await _user(target_id)
    if target is None or not await access.can_recover(actor, target):
        raise not_found("There is no such person in your reach.")
    return await _insert(
        kind="recovery",
        delivery=delivery,
        role=target["role"],
        display_name=target["display_name"],
        target_user=target_id,
        created_by=actor.id,
    )


async def setup_link_if_needed() -> str | None:
    """While there is no administrator, a fresh one-time setup link (older ones are revoked)."""
    if await User.exists().where(User.role == "admin"):
        return None
    at = now()
    await Invitation.update({Invitation.revoked_at: at}).where(
        (Invitation.kind == "setup")
        & Invitation.used_at.is_null()
        & Invitation.revoked_at.is_null()
    )
    _, token = await _insert(
        kind="setup",
        delivery="link",
        role="admin",
        display_name="Administrator",
        expires_at=at + SETUP_LIFETIME,
    )
    return enrollment_url(token)


async def find_live(token: str) -> dict[str, Any]:
    row = await Invitation.select().where(Invitation.token_hash == _hash(token)).first()
    status = status_of(row, now()) if row else "unknown"
    if row is None or status != "pending":
        reasons = {
            "used": "This link has already been used. Each link works once. "
            "Ask your coach for a new one.",
            "expired": "This link has expired. Ask your coach for a new one.",
            "revoked": "This link was cancelled. Ask your coach for a new one.",
            "unknown": "This link is not valid. Check that it was copied whole, "
            "or ask your coach for a new one.",
        }
        raise field_error("body.token", reasons[status], status=410 if row else 404, code=status)
    return row


async def attach_to_account(row: dict[str, Any], user_id: str) -> None:
    """The link that made an account, and the earlier dead links (revoked or expired, never
    used) made for the same person — same role, name and coach, client or team — point at the
    account from now on: My data shows them and erasure removes them by that key, never by a
    name a namesake may share."""
    same: Any = (
        (Invitation.role == row["role"])
        & (Invitation.display_name == row["display_name"])
        & (Invitation.kind == row["kind"])
        & Invitation.target_user.is_null()
        & Invitation.used_at.is_null()
        & (Invitation.revoked_at.is_not_null() | (Invitation.expires_at < now()))
    )
    for column in (Invitation.coach, Invitation.client, Invitation.team):
        value = row[column._meta.name]
        same &= column.is_null() if value is None else column == value
    await Invitation.update({Invitation.target_user: user_id}).where(
        (Invitation.id == row["id"]) | same
    )


async def mark_used(invitation_id: str) -> bool:
    """Atomic: only one enrollment can use a link, even when two race."""
    rows = (
        await Invitation.update({Invitation.used_at: now()})
        .where(
            (Invitation.id == invitation_id)
            & Invitation.used_at.is_null()
            & Invitation.revoked_at.is_null()
        )
        .returning(Invitation.id)
    )
    return bool(rows)


INVITATIONS = "invitations"
"""The list's name in its cursors."""


def visible_request(cursor: str | None, limit: int) -> PageRequest:
    """A page of invitations: newest first (then by id)."""
    return page_request(INVITATIONS, cursor, limit, datetime, str)


async def visible(actor: Actor, page: PageRequest) -> tuple[list[wire.Invitation], str | None]:
    """Invitations, newest first: administrators see all, others their own. One page and the
    next page's cursor."""
    query = Invitation.select()
    if not access.sees_every_invitation(actor):
        query = query.where(Invitation.created_by == actor.id)
    if (
        after := after_key(page, Invitation.created_at, Invitation.id, descending=True)
    ) is not None:
        query = query.where(after)
    rows = await query.order_by(Invitation.created_at, Invitation.id, ascending=False).limit(
        page.fetch
    )
    found, next_cursor = page_of(rows, page, INVITATIONS, lambda r: (r["created_at"], str(r["id"])))
    return [to_wire(row) for row in found], next_cursor


async def revoke(actor: Actor, invitation_id: str) -> None:
    row = (
        await Invitation.select().where(Invitation.id == invitation_id).first()
        if as_uuid(invitation_id)
        else None
    )
    if row is None or not access.can_cancel_invitation(actor, row):
        raise not_found("There is no such invitation.")
    await Invitation.update({Invitation.revoked_at: now()}).where(
        (Invitation.id == invitation_id) & Invitation.revoked_at.is_null()
    )


async def _user(user_id: str) -> dict[str, Any] | None:
    if as_uuid(user_id) is None:
        return None
    return await User.select().where(User.id == user_id).first()


async def _team_exists(team_id: str) -> bool:
    if as_uuid(team_id) is None:
        return False
    return bool(await Team.exists().where(Team.id == team_id))
