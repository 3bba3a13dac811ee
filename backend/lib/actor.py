"""Who is asking: resolved once per request from the session cookie."""

from __future__ import annotations

from dataclasses import dataclass

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
