"""Litestar dependencies: the signed-in person, or 401."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency, Provide

from backend.accounts import sessions
from backend.lib import i18n
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    token = request.cookies.get(sessions.cookie_name())
    actor = await sessions.lookup(token) if token else None
    if actor is None:
        raise ProblemError(401, "Please sign in.")
    return actor


async def provide_reader_locale(
    request: Request[Any, Any, Any], actor: NamedDependency[Actor]
) -> i18n.Locale:
    """The language of the person asking, for texts the server writes (``backend.lib.i18n``)."""
    return i18n.of_reader(actor.locale, request.headers)


ACTOR = {"actor": Provide(provide_actor)}
# The signed-in person and their language: ``locale: ReaderLocale`` in a handler.
ACTOR_AND_LOCALE = {**ACTOR, "locale": Provide(provide_reader_locale)}

# The handler parameter type for the signed-in person.
CurrentActor = NamedDependency[Actor]
ReaderLocale = NamedDependency[i18n.Locale]
