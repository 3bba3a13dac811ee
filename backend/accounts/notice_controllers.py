"""HTTP handlers for the privacy notice and the organisation it names (GDPR Art. 13)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, get, put
from litestar.params import FromQuery, JSONBody, QueryParameter

from backend.accounts import access, notice, organisation
from backend.audit import record as audit
from backend.lib import i18n
from backend.lib.actor import CurrentActor, ReaderLocale
from backend.lib.errors import not_found
from shared_schemas import accounts as wire


class PrivacyNoticeController(Controller):
    path = "/api/privacy-notice"
    tags = ["privacy"]

    @get(
        "/",
        summary="The privacy notice, shown before a passkey is made (no sign-in needed)",
        cache=False,
    )
    async def privacy_notice(
        self,
        request: Request[Any, Any, Any],
        # ``locale`` on the wire; ``locale`` in a handler is the reader's (``ReaderLocale``).
        language: Annotated[str | None, QueryParameter(name="locale")] = None,
        audience: FromQuery[Literal["person", "staff", "employer_contact"]] = "person",
        version: FromQuery[int | None] = None,
    ) -> wire.PrivacyNotice:
        lang = i18n.choose(language, request.headers.get("accept-language"))
        shown = await organisation.render(version or notice.LATEST, lang, audience)
        if shown is None:
            raise not_found("There is no such version of the privacy notice.")
        return shown


class MyPrivacyNoticeController(Controller):
    path = "/api/me/privacy-notice"
    tags = ["me"]

    @get("/", summary="The privacy notice I was shown when I made my passkey, to read again")
    async def my_privacy_notice(
        self, actor: CurrentActor, locale: ReaderLocale
    ) -> wire.MyPrivacyNotice:
        return await organisation.mine(actor.id, actor.role, locale)


class OrganisationController(Controller):
    path = "/api/organisation"
    tags = ["people"]

    @get("/", summary="The organisation the privacy notice names (administrators)")
    async def get_organisation(self, actor: CurrentActor) -> wire.Organisation:
        access.require(access.can_edit_organisation(actor))
        return await organisation.get()

    @put("/", summary="Set the organisation's name and contact for the privacy notice")
    async def set_organisation(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.OrganisationUpdate],
    ) -> wire.Organisation:
        access.require(access.can_edit_organisation(actor))
        saved = await organisation.update(actor.id, data)
        await audit(
            "organisation_changed",
            request=request,
            actor=actor.id,
            detail={"name": saved.name},
        )
        return saved
