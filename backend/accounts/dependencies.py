"""Litestar dependencies: the signed-in person, or 401, and their language.

``backend/app.py`` registers ``DEPENDENCIES`` for the whole application; handlers declare
``actor: CurrentActor`` or ``locale: ReaderLocale`` (``backend.lib.actor``). A dependency is
resolved only for the handlers that declare it, so public routes still need no session.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import Provide

from backend.accounts import people, sessions
from backend.audit import NameLookup
from backend.lib import i18n
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import ProblemError


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    token = request.cookies.get(sessions.cookie_name())
    actor = await sessions.lookup(token) if token else None
    if actor is None:
        raise ProblemError(401, "Please sign in.")
    return actor


async def provide_reader_locale(
    request: Request[Any, Any, Any], actor: CurrentActor
) -> i18n.Locale:
    """The language of the person asking, for texts the server writes (``backend.lib.i18n``)."""
    return i18n.of_reader(actor.locale, request.headers)


def provide_display_names() -> NameLookup:
    """How the audit log names the people on a page."""
    return people.display_names


DEPENDENCIES = {
    "actor": Provide(provide_actor),
    "locale": Provide(provide_reader_locale),
    "display_names": Provide(provide_display_names, sync_to_thread=False),
}
