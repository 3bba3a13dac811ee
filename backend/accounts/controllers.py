"""HTTP handlers for accounts: parse, authorise, call a service, return a Struct."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, Router, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import (
    access,
    enrollment,
    events,
    invitations,
    naming,
    passkeys,
    people,
    sessions,
)
from backend.accounts.notice_controllers import (
    MyPrivacyNoticeController,
    OrganisationController,
    PrivacyNoticeController,
)
from backend.accounts.tables import Passkey
from backend.audit import record as audit
from backend.lib import i18n
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import ProblemError, field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, PageRequest, paged
from backend.lib.ratelimit import RateLimiter
from backend.settings import get_settings
from shared_schemas import accounts as wire

limiter = RateLimiter(get_settings().rate_limit_per_minute)

# Clear-Site-Data wipes what this person left in the browser (W3C Clear Site Data §3).
CLEAR_SITE_DATA = {"Clear-Site-Data": '"cache", "storage"'}


def _ip(request: Request[Any, Any, Any]) -> str:
    return sessions.client_ip(request)


class EnrollController(Controller):
    path = "/api/enroll"
    tags = ["sign-in"]

    @post("/options", status_code=200, summary="Passkey creation options for a one-time link")
    async def enroll_options(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.TokenRequest]
    ) -> wire.CreationOptions:
        limiter.hit("enroll", _ip(request))
        return await enrollment.options(data.token)

    @post("/", status_code=HTTP_201_CREATED, summary="Create the passkey and the account")
    async def enroll(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.EnrollVerify]
    ) -> Response[wire.Me]:
        limiter.hit("enroll", _ip(request))
        try:
            user_id, invitation = await enrollment.finish(data, request.headers)
        except ProblemError as exc:
            await audit("enroll", request=request, outcome="refused", detail={"reason": exc.detail})
            raise
        await audit(
            "enroll",
            request=request,
            actor=user_id,
            subject=user_id,
            detail={"kind": invitation["kind"], "role": invitation["role"]},
        )
        response = Response(await people.me(user_id), status_code=HTTP_201_CREATED)
        await sessions.start(response, request, user_id)
        return response


class SignInController(Controller):
    path = "/api"
    tags = ["sign-in"]

    @post("/signin/options", status_code=200, summary="Passkey request options (no user name)")
    async def signin_options(self, request: Request[Any, Any, Any]) -> wire.RequestOptions:
        limiter.hit("signin", _ip(request))
        challenge_id, public_key = await passkeys.authentication_options()
        return wire.RequestOptions(challenge_id=challenge_id, public_key=public_key)

    @post("/signin", status_code=200, summary="Sign in with a passkey")
    async def signin(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.SignInVerify]
    ) -> Response[wire.Me]:
        limiter.hit("signin", _ip(request))
        try:
            challenge = await passkeys.take_challenge(data.challenge_id, "signin")
            user_id = await passkeys.finish_authentication(challenge, data.credential)
        except ProblemError as exc:
            await audit(
                "signin",
                request=request,
                outcome="refused",
                detail={"reason": exc.problem.errors[0].code if exc.problem.errors else "refused"},
            )
            raise
        await audit("signin", request=request, actor=user_id, subject=user_id)
        response = Response(await people.me(user_id))
        await sessions.start(response, request, user_id)
        return response

    @post("/signout", status_code=HTTP_204_NO_CONTENT, summary="Sign out")
    async def signout(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Response[None]:
        await sessions.end(actor)
        await audit("signout", request=request, actor=actor.id, subject=actor.id)
        response = Response(None, status_code=HTTP_204_NO_CONTENT, headers=CLEAR_SITE_DATA)
        sessions.end_cookie(response)
        return response

    @post(
        "/signout-everywhere",
        status_code=HTTP_204_NO_CONTENT,
        summary="Sign out on every device",
    )
    async def signout_everywhere(
        self, request: Request[Any, Any, Any], actor: CurrentActor
    ) -> Response[None]:
        await sessions.require_fresh(actor)
        count = await sessions.end_all(actor.id)
        await audit(
            "signout_everywhere",
            request=request,
            actor=actor.id,
            subject=actor.id,
            detail={"sessions": count},
        )
        response = Response(None, status_code=HTTP_204_NO_CONTENT, headers=CLEAR_SITE_DATA)
        sessions.end_cookie(response)
        return response


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
        limiter.hit("signin", _ip(request))
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


class PeopleController(Controller):
    path = "/api"
    tags = ["people"]

    @get(
        "/people",
        summary="People: administrators see everyone, coordinators their team; by name, a page "
        "at a time",
        response_headers=LINK,
    )
    async def list_people(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Person]]:
        access.require(access.can_list_people(actor))
        page = people.people_request(cursor, limit)
        return paged(request, *await people.people(actor, page))

    @patch("/people/{user_id:str}", summary="Change a person's team or name (administrators)")
    async def update_person(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        user_id: FromPath[str],
        data: JSONBody[wire.PersonUpdate],
    ) -> wire.Person:
        access.require(access.can_administer_people(actor))
        target = await people.person(user_id)
        if target is None:
            raise not_found("There is no such person.")
        if data.team_id is not msgspec.UNSET:
            if target.role not in {"coordinator", "coach"}:
                raise field_error("body.teamId", "Only coordinators and coaches belong to a team.")
            await people.set_team(user_id, data.team_id)
            await audit(
                "team_changed",
                request=request,
                actor=actor.id,
                subject=user_id,
                team=data.team_id,
                detail={"from": target.team_id or "", "to": data.team_id or ""},
            )
        if data.display_name is not None:
            await people.rename(user_id, data.display_name)
        return (await people.people(actor, PageRequest(1), only=user_id))[0][0]

    @post(
        "/people/{user_id:str}/recovery",
        status_code=HTTP_201_CREATED,
        summary="A new enrollment link for a person who lost their phone",
    )
    async def recovery(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        user_id: FromPath[str],
        data: JSONBody[wire.RecoveryCreate],
    ) -> wire.Invitation:
        row, token = await invitations.create_recovery(actor, user_id, data.delivery)
        await audit(
            "recovery_issued",
            request=request,
            actor=actor.id,
            subject=user_id,
            detail={"invitation": str(row["id"]), "delivery": data.delivery},
        )
        return invitations.to_wire(row, token)

    @post(
        "/people/{user_id:str}/revoke",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove all of a person's passkeys and sessions (administrators)",
    )
    async def revoke(
        self, request: Request[Any, Any, Any], actor: CurrentActor, user_id: FromPath[str]
    ) -> None:
        access.require(access.can_administer_people(actor))
        if await people.person(user_id) is None:
            raise not_found("There is no such person.")
        removed = await Passkey.delete().where(Passkey.user == user_id).returning(Passkey.id)
        ended = await sessions.end_all(user_id)
        await audit(
            "access_revoked",
            request=request,
            actor=actor.id,
            subject=user_id,
            detail={"passkeys": len(removed), "sessions": ended},
        )

    @get(
        "/teams",
        summary="Teams: administrators see all, coordinators and coaches their own; by name, a "
        "page at a time",
        response_headers=LINK,
    )
    async def list_teams(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Team]]:
        access.require(access.can_list_teams(actor))
        page = people.teams_request(cursor, limit)
        return paged(request, *await people.teams(actor, page))

    @post("/teams", status_code=HTTP_201_CREATED, summary="Create a team (administrators)")
    async def create_team(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: JSONBody[wire.TeamCreate]
    ) -> wire.Team:
        access.require(access.can_administer_people(actor))
        if not data.name.strip():
            raise field_error("body.name", "Please write the team's name.")
        team_id = await people.create_team(data.name)
        await audit(
            "team_created",
            request=request,
            actor=actor.id,
            team=team_id,
            detail={"name": data.name.strip()},
        )
        return (await people.teams(actor, PageRequest(1), only=team_id))[0][0]

    @patch(
        "/teams/{team_id:str}",
        summary="Rename a team or set its time before an unanswered request for help goes to "
        "the whole team (administrators; coordinators their team)",
    )
    async def update_team(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        team_id: FromPath[str],
        data: JSONBody[wire.TeamUpdate],
    ) -> wire.Team:
        access.require(access.can_edit_team_settings(actor))
        if as_uuid(team_id) is None or not access.can_edit_team(actor, team_id):
            raise not_found("There is no such team in your reach.")
        changed = await people.update_team(team_id, data)
        if changed is None:
            raise not_found("There is no such team in your reach.")
        await audit(
            "team_settings_changed", request=request, actor=actor.id, team=team_id, detail=changed
        )
        return (await people.teams(actor, PageRequest(1), only=team_id))[0][0]

    @get(
        "/invitations",
        summary="Invitations I made (administrators: all), newest first, a page at a time",
        response_headers=LINK,
    )
    async def list_invitations(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Invitation]]:
        access.require(access.can_handle_invitations(actor))
        page = invitations.visible_request(cursor, limit)
        return paged(request, *await invitations.visible(actor, page))

    @post("/invitations", status_code=HTTP_201_CREATED, summary="Invite a person")
    async def invite(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.InvitationCreate],
    ) -> wire.Invitation:
        access.require(access.can_handle_invitations(actor))
        row, token = await invitations.create(actor, data)
        await audit(
            "invitation_created",
            request=request,
            actor=actor.id,
            team=actor.team_id,
            detail={"invitation": str(row["id"]), "role": data.role, "delivery": data.delivery},
        )
        return invitations.to_wire(row, token)

    @delete(
        "/invitations/{invitation_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Cancel an invitation",
    )
    async def cancel_invitation(
        self, request: Request[Any, Any, Any], actor: CurrentActor, invitation_id: FromPath[str]
    ) -> None:
        access.require(access.can_handle_invitations(actor))
        await invitations.revoke(actor, invitation_id)
        await audit(
            "invitation_revoked",
            request=request,
            actor=actor.id,
            detail={"invitation": invitation_id},
        )


router = Router(
    path="/",
    route_handlers=[
        EnrollController,
        SignInController,
        MeController,
        PeopleController,
        PrivacyNoticeController,
        MyPrivacyNoticeController,
        OrganisationController,
    ],
)
