"""HTTP handlers for getting in: enrolment from an invitation, signing in with a passkey,
signing out."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import (
    enrollment,
    passkeys,
    people,
    sessions,
)
from backend.accounts.controllers.common import (
    CLEAR_SITE_DATA,
    _ip,
    limiter,
)
from backend.audit import record as audit
from backend.lib.actor import CurrentActor
from backend.lib.errors import ProblemError
from shared_schemas import accounts as wire


class EnrollController(Controller):
    path = "/api/enroll"
    tags = ["sign-in"]

    @post("/options", status_code=200, summary="Passkey creation options for a one-time link")
    async def enroll_options(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.TokenRequest]
    ) -> wire.CreationOptions:
        await limiter.hit("enroll", _ip(request))
        return await enrollment.options(data.token)

    @post("/", status_code=HTTP_201_CREATED, summary="Create the passkey and the account")
    async def enroll(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.EnrollVerify]
    ) -> Response[wire.Me]:
        await limiter.hit("enroll", _ip(request))
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
        await limiter.hit("signin", _ip(request))
        challenge_id, public_key = await passkeys.authentication_options()
        return wire.RequestOptions(challenge_id=challenge_id, public_key=public_key)

    @post("/signin", status_code=200, summary="Sign in with a passkey")
    async def signin(
        self, request: Request[Any, Any, Any], data: JSONBody[wire.SignInVerify]
    ) -> Response[wire.Me]:
        await limiter.hit("signin", _ip(request))
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
