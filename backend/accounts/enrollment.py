"""Turning a one-time link into an account with a passkey on the person's own device."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from webauthn import base64url_to_bytes

from backend.accounts import invitations, naming, notice, organisation, passkeys
from backend.accounts.events import PersonEnrolled
from backend.accounts.tables import User
from backend.lib import events, i18n
from backend.lib.clock import now
from backend.lib.errors import ProblemError, field_error
from shared_schemas import accounts as wire


async def options(token: str) -> wire.CreationOptions:
    row = await invitations.find_live(token)
    if row["target_user"]:  # recovery, or a demo person made before their first passkey
        user = await User.select(User.webauthn_handle).where(User.id == row["target_user"]).first()
        assert user is not None
        handle, user_id = user["webauthn_handle"], str(row["target_user"])
    else:
        handle, user_id = secrets.token_bytes(32), None
    challenge_id, public_key = await passkeys.registration_options(
        "enroll",
        display_name=row["display_name"],
        user_handle=handle,
        user_id=user_id,
        invitation=str(row["id"]),
    )
    return wire.CreationOptions(
        challenge_id=challenge_id,
        public_key=public_key,
        invitee=wire.Invitee(
            display_name=row["display_name"],
            role=row["role"],
            kind=row["kind"],
            expires_at=row["expires_at"],
        ),
    )


async def finish(body: wire.EnrollVerify, headers: Mapping[str, str]) -> tuple[str, dict[str, Any]]:
    """Returns (user id, invitation row). The challenge is taken first (single use), then the
    passkey is verified, then the link is marked used atomically, then the account is made.
    ``headers``: the request's, to name the passkey after the browser when its authenticator
    does not say what it is (``naming``)."""
    name = passkeys.given_name(body.passkey_name, "body.passkeyName")
    if body.notice_version is not None and body.notice_version not in notice.VERSIONS:
        raise field_error("body.noticeVersion", "There is no such version of the privacy notice.")
    challenge = await passkeys.take_challenge(body.challenge_id, "enroll")
    row = await invitations.find_live(body.token)
    if challenge["invitation"] != str(row["id"]):
        raise field_error("body.challengeId", "This attempt belongs to another link.", status=400)
    verified = passkeys.verify_registration(challenge, body.credential)
    if not await invitations.mark_used(str(row["id"])):
        raise field_error("body.token", "This link has already been used.", status=410, code="used")
    if row["target_user"]:
        user_id = str(row["target_user"])
    else:
        if row["kind"] == "setup" and await User.exists().where(User.role == "admin"):
            raise ProblemError(410, "Stepwise already has an administrator.")
        user = User(
            display_name=row["display_name"],
            role=row["role"],
            team=row["team"],
            webauthn_handle=base64url_to_bytes(challenge["user_handle"]),
            created_at=now(),
            preferences={},
        )
        await user.save()
        user_id = str(user.id)
        # The clients domain opens a client's record, or links a family member to their client.
        await events.emit(
            PersonEnrolled(
                user_id=user_id,
                role=row["role"],
                coach_id=str(row["coach"]) if row["coach"] else None,
                client_id=str(row["client"]) if row["client"] else None,
                relation=row["relation"],
            )
        )
        await invitations.attach_to_account(row, user_id)
    name = name or naming.passkey_name(
        verified.aaguid, headers, i18n.choose("", headers.get("accept-language"))
    )
    await passkeys.store_passkey(user_id, verified, body.credential, name)
    await organisation.record_seen(user_id, body.notice_version, body.notice_locale)
    return user_id, row
