"""Who is asking: resolved once per request from the session cookie.

``backend/app.py`` registers the providers (the accounts domain reads the session) for the whole
application, so a handler anywhere declares ``actor: CurrentActor`` (and ``locale: ReaderLocale``
for texts the server writes) without importing the domain that signs people in.
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar.di import NamedDependency

from backend.lib import i18n
from shared_schemas.accounts import Role


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    role: Role
    team_id: str | None
    display_name: str
    session_hash: str
    locale: str = ""
    """The language saved with the person; "" = the browser's choice (``backend.lib.i18n``)."""

    @property
    def is_staff(self) -> bool:
        return self.role in {"admin", "coordinator", "coach"}


# The handler parameter types: the signed-in person (401 when nobody is), and their language.
CurrentActor = NamedDependency[Actor]
ReaderLocale = NamedDependency[i18n.Locale]
