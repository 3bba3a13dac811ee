"""Passkeys with py_webauthn (WebAuthn Level 3).

Challenges are 32 random bytes, single use (deleted as they are taken), and expire after five
minutes. Origin and RP ID are checked, user verification is required, attestation is ``none``.
Sign-in uses discoverable credentials: no user name is typed (WCAG 2.2 SC 3.3.8).
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, options_to_json_dict
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationConveyancePreference,
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from backend.accounts import naming
from backend.accounts.tables import Challenge, Passkey, User
from backend.lib.clock import now
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from backend.settings import get_settings

log = logging.getLogger("stepwise.passkeys")

CHALLENGE_LIFETIME = timedelta(minutes=5)
RP_NAME = "Stepwise"


async def _new_challenge(
    purpose: str, *, user: str | None = None, invitation: str = "", user_handle: str = ""
) -> tuple[str, bytes]:
    challenge = secrets.token_bytes(32)
    row = Challenge(
        challenge=bytes_to_base64url(challenge),
        purpose=purpose,
        user=user,
        invitation=invitation,
        user_handle=user_handle,
        expires_at=now() + CHALLENGE_LIFETIME,
    )
    await row.save()
    # Expired challenges are swept as new ones are made.
    await Challenge.delete().where(Challenge.expires_at < now() - CHALLENGE_LIFETIME)
    return str(row.id), challenge


async def take_challenge(challenge_id: str, purpose: str) -> dict[str, Any]:
    """Single use: the row is deleted whether or not the answer then verifies."""
    rows = (
        await Challenge.delete()
        .where((Challenge.id == challenge_id) & (Challenge.purpose == purpose))
        .returning(*Challenge.all_columns())
        if as_uuid(challenge_id)
        else []
    )
    if not rows:
        raise field_error(
            "body.challengeId",
            "This sign-in attempt is no longer valid. Please try again.",
            status=400,
            code="challenge_unknown",
        )
    row = rows[0]
    if row["expires_at"] <= now():
        raise field_error(
            "body.challengeId",
            "This took longer than five minutes. Please try again.",
            status=400,
            code="challenge_expired",
        )
    return dict(row)


async def registration_options(
    purpose: str,
    *,
    display_name: str,
    user_handle: bytes,
    user_id: str | None = None,
    invitation: str = "",
) -> tuple[str, dict[str, Any]]:
    """Options to create a passkey for an existing person (``user_id``) or for the account an
    invitation will create (``user_handle`` remembered with the challenge)."""
    settings = get_settings()
    existing = (
        await Passkey.select(Passkey.credential_id).where(Passkey.user == user_id)
        if user_id
        else []
    )
    challenge_id, challenge = await _new_challenge(
        purpose,
        user=user_id,
        invitation=invitation,
        user_handle=bytes_to_base64url(user_handle),
    )
    options = generate_registration_options(
        rp_id=settings.rp_id,
        rp_name=RP_NAME,
        user_id=user_handle,
        user_name=display_name,
        user_display_name=display_name,
        challenge=challenge,
        timeout=int(CHALLENGE_LIFETIME.total_seconds() * 1000),
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=_b64(row["credential_id"])) for row in existing
        ],
    )
    return challenge_id, options_to_json_dict(options)


def verify_registration(challenge_row: dict[str, Any], credential: dict[str, Any]) -> Any:
    settings = get_settings()
    try:
        return verify_registration_response(
            credential=credential,
            expected_challenge=_b64(challenge_row["challenge"]),
            expected_rp_id=settings.rp_id,
            expected_origin=settings.origin,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        log.info("registration refused: %s", exc)
        raise field_error(
            "body.credential",
            "The passkey could not be checked. Please try again on this device.",
            status=400,
            code="passkey_invalid",
        ) from exc


def given_name(name: str | None, field: str) -> str | None:
    """A name the person typed: trimmed, 1–60 characters (None: none given)."""
    if name is None:
        return None
    trimmed = name.strip()
    if not 1 <= len(trimmed) <= naming.MAX_NAME:
        raise field_error(field, f"Give the passkey a name of 1 to {naming.MAX_NAME} characters.")
    return trimmed


async def store_passkey(
    user_id: str, verified: Any, credential: dict[str, Any], name: str
) -> Passkey:
    credential_id = bytes_to_base64url(verified.credential_id)
    if await Passkey.exists().where(Passkey.credential_id == credential_id):
        raise field_error("body.credential", "This passkey is already registered.", status=409)
    transports = credential.get("response", {}).get("transports") or []
    passkey = Passkey(
        user=user_id,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t) for t in transports][:8],
        backed_up=verified.credential_backed_up,
        name=name,
        created_at=now(),
    )
    await passkey.save()
    return passkey


async def authentication_options() -> tuple[str, dict[str, Any]]:
    settings = get_settings()
    challenge_id, challenge = await _new_challenge("signin")
    options = generate_authentication_options(
        rp_id=settings.rp_id,
        challenge=challenge,
        timeout=int(CHALLENGE_LIFETIME.total_seconds() * 1000),
        allow_credentials=[],  # discoverable credentials: the authenticator offers the account
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return challenge_id, options_to_json_dict(options)


async def reverify_options(user_id: str) -> tuple[str, dict[str, Any]]:
    """A step-up: the signed-in person proves with one of their own passkeys that they are here
    (user verification required), before a change that could lock them out of their account."""
    settings = get_settings()
    own = await Passkey.select(Passkey.credential_id, Passkey.transports).where(
        Passkey.user == user_id
    )
    challenge_id, challenge = await _new_challenge("reverify", user=user_id)
    options = generate_authentication_options(
        rp_id=settings.rp_id,
        challenge=challenge,
        timeout=int(CHALLENGE_LIFETIME.total_seconds() * 1000),
        allow_credentials=[PublicKeyCredentialDescriptor(id=_b64(r["credential_id"])) for r in own],
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return challenge_id, options_to_json_dict(options)


async def finish_authentication(challenge_row: dict[str, Any], credential: dict[str, Any]) -> str:
    """Returns the user id of the verified passkey."""
    settings = get_settings()
    credential_id = str(credential.get("id", ""))
    passkey = await Passkey.objects().where(Passkey.credential_id == credential_id).first()
    refused = field_error(
        "body.credential",
        "This passkey was not accepted. It may have been removed. Ask your coach for a new link.",
        status=400,
        code="passkey_refused",
    )
    if passkey is None:
        raise refused
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=_b64(challenge_row["challenge"]),
            expected_rp_id=settings.rp_id,
            expected_origin=settings.origin,
            credential_public_key=passkey.public_key,
            # The counter is compared below: a counter that goes backwards is logged, not
            # refused, because synced passkeys report 0 (WebAuthn L3 §6.1.1).
            credential_current_sign_count=0,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        log.info("authentication refused: %s", exc)
        raise refused from exc
    # The user handle, when the authenticator returns it, must be the passkey's owner.
    handle = credential.get("response", {}).get("userHandle")
    owner = await User.select(User.webauthn_handle).where(User.id == passkey.user).first()
    if handle and owner and _b64(handle) != owner["webauthn_handle"]:
        raise refused
    if verified.new_sign_count and verified.new_sign_count <= passkey.sign_count:
        log.warning(
            "passkey %s sign counter went backwards (%s <= %s): possible clone",
            passkey.id,
            verified.new_sign_count,
            passkey.sign_count,
        )
    await Passkey.update(
        {
            Passkey.sign_count: max(verified.new_sign_count, passkey.sign_count),
            Passkey.last_used_at: now(),
            Passkey.backed_up: verified.credential_backed_up,
        }
    ).where(Passkey.id == passkey.id)
    return str(passkey.user)


def _b64(value: str) -> bytes:
    from webauthn import base64url_to_bytes

    return base64url_to_bytes(value)
