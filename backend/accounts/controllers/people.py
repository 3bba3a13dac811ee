"""HTTP handlers for the organisation: people, lost-phone links and revocation, teams,
invitations."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import (
    access,
    invitations,
    people,
    sessions,
)
from backend.accounts.tables import Passkey
from backend.audit import record as audit
from backend.lib.actor import CurrentActor
from backend.lib.errors import field_error, not_found
from backend.lib.ids import as_uuid
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, PageRequest, paged
from shared_schemas import accounts as wire


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
