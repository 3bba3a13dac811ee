"""HTTP handlers for the signed-in person: who I am, my settings, my passkeys and the fresh
check before changing them."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import (
    events,
    naming,
    passkeys,
    people,
    sessions,
)
from backend.accounts.controllers.common import (
    _ip,
    limiter,
)
from backend.accounts.tables import Passkey
from backend.audit import record as audit
from backend.lib import i18n
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import ProblemError, field_error, not_found
from backend.lib.ids import as_uuid
from shared_schemas import accounts as wire


class MeController(Controller):
    path = "/api/me"
    tags = ["me"]

    @get("/", summary="The signed-in person")
    async def get_me(self, actor: CurrentActor) -> wire.Me:
        return await people.me(actor.id)

    @patch("/", summary="Language and accessibility preferences, which follow the person")
    async def update_me(self, actor: CurrentActor, data: JSONBody[wire.MeUpdate]) -> wire.Me:
        await people.update_me(actor.id, data)
        return await people.me(actor.id)

    @get("/passkeys", summary="My passkeys")
    async def list_passkeys(self, actor: CurrentActor) -> list[wire.Passkey]:
        return await people.passkeys_of(actor.id)

    @post(
        "/reverify/options",
        status_code=200,
        summary="Options to confirm it is me with one of my passkeys (a step-up)",
    )
    async def reverify_options(self, actor: CurrentActor) -> wire.RequestOptions:
        challenge_id, public_key = await passkeys.reverify_options(actor.id)
        return wire.RequestOptions(challenge_id=challenge_id, public_key=public_key)

    @post(
        "/reverify",
        status_code=HTTP_204_NO_CONTENT,
        summary="Confirm it is me: for five minutes this session may change its passkeys",
    )
    async def reverify(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.SignInVerify],
    ) -> None:
        await limiter.hit("signin", _ip(request))
        try:
            challenge = await passkeys.take_challenge(data.challenge_id, "reverify")
            if str(challenge["user"]) != actor.id:
                raise field_error(
                    "body.challengeId", "This attempt belongs to someone else.", status=400
                )
            user_id = await passkeys.finish_authentication(challenge, data.credential)
            if user_id != actor.id:
                raise field_error(
                    "body.credential",
                    "This passkey belongs to someone else. Use one of your own passkeys.",
                    status=400,
                    code="passkey_refused",
                )
        except ProblemError as exc:
            await audit(
                "reverify",
                request=request,
                actor=actor.id,
                subject=actor.id,
                outcome="refused",
                detail={"reason": exc.problem.errors[0].code if exc.problem.errors else "refused"},
            )
            raise
        await sessions.mark_verified(actor)
        await audit("reverify", request=request, actor=actor.id, subject=actor.id)

    @post("/passkeys/options", status_code=200, summary="Options to add another passkey")
    async def passkey_options(self, actor: CurrentActor) -> wire.CreationOptions:
        await sessions.require_fresh(actor)
        challenge_id, public_key = await passkeys.registration_options(
            "add",
            display_name=actor.display_name,
            user_handle=await people.webauthn_handle(actor.id),
            user_id=actor.id,
        )
        return wire.CreationOptions(challenge_id=challenge_id, public_key=public_key)

    @post("/passkeys", status_code=HTTP_201_CREATED, summary="Add another passkey")
    async def add_passkey(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: JSONBody[wire.PasskeyAdd]
    ) -> wire.Passkey:
        await sessions.require_fresh(actor)
        given = passkeys.given_name(data.name, "body.name")
        challenge = await passkeys.take_challenge(data.challenge_id, "add")
        if str(challenge["user"]) != actor.id:
            raise field_error(
                "body.challengeId", "This attempt belongs to someone else.", status=400
            )
        verified = passkeys.verify_registration(challenge, data.credential)
        name = given or naming.passkey_name(
            verified.aaguid, request.headers, i18n.of_reader(actor.locale, request.headers)
        )
        passkey = await passkeys.store_passkey(actor.id, verified, data.credential, name)
        await audit(
            "passkey_added",
            request=request,
            actor=actor.id,
            subject=actor.id,
            detail={"passkey": str(passkey.id)},
        )
        await events.passkeys_changed(actor.id, "added")
        return next(p for p in await people.passkeys_of(actor.id) if p.id == str(passkey.id))

    @patch("/passkeys/{passkey_id:str}", summary="Rename a passkey")
    async def rename_passkey(
        self, actor: CurrentActor, passkey_id: FromPath[str], data: JSONBody[wire.PasskeyRename]
    ) -> wire.Passkey:
        await _own_passkey(actor, passkey_id)
        name = passkeys.given_name(data.name, "body.name")
        await Passkey.update({Passkey.name: name}).where(Passkey.id == passkey_id)
        return next(p for p in await people.passkeys_of(actor.id) if p.id == passkey_id)

    @delete(
        "/passkeys/{passkey_id:str}", status_code=HTTP_204_NO_CONTENT, summary="Remove a passkey"
    )
    async def remove_passkey(
        self, request: Request[Any, Any, Any], actor: CurrentActor, passkey_id: FromPath[str]
    ) -> None:
        await _own_passkey(actor, passkey_id)
        await sessions.require_fresh(actor)
        if await Passkey.count().where(Passkey.user == actor.id) <= 1:
            raise ProblemError(
                409,
                "This is your only passkey. Add another one first, so you can still sign in.",
                code="last_passkey",
            )
        await Passkey.delete().where(Passkey.id == passkey_id)
        await audit(
            "passkey_removed",
            request=request,
            actor=actor.id,
            subject=actor.id,
            detail={"passkey": passkey_id},
        )
        await events.passkeys_changed(actor.id, "removed")


async def _own_passkey(actor: Actor, passkey_id: str) -> None:
    ok = as_uuid(passkey_id) is not None and await Passkey.exists().where(
        (Passkey.id == passkey_id) & (Passkey.user == actor.id)
    )
    if not ok:
        raise not_found("There is no such passkey.")
