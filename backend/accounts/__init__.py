"""People, teams, passkeys, sessions and invitations.

What other domains use: ``DEPENDENCIES`` (the signed-in person, their language and people's
names, registered for the whole application; handlers declare ``CurrentActor`` and
``ReaderLocale`` from ``backend.lib.actor``); ``session_cookie``, ``actor_of_session`` and
``end_all_sessions``; ``person`` (a ``PersonInfo``), ``display_names``,
``leaders_of`` (administrators and a team's coordinators) and ``mentors_of_team``;
``staff_since`` (when staff joined: their month of service);
``coaches_of`` and ``team_names`` (``TeamName``), whom the figures over a team count;
``require_fresh`` (a step-up with the person's passkey in the last minutes, before what they
sign); the events
``PasskeysChanged``, ``PersonEnrolled`` and ``StaffTeamChanged``; ``Caseload`` and
``answer_caseload``, the questions about caseloads that the clients domain answers; ``router``.
"""

from backend.accounts.caseload import Caseload
from backend.accounts.caseload import answered_by as answer_caseload
from backend.accounts.controllers import router
from backend.accounts.dependencies import DEPENDENCIES
from backend.accounts.events import (
    PasskeysChanged,
    PersonEnrolled,
    StaffTeamChanged,
)
from backend.accounts.notice import VERSIONS as NOTICE_VERSIONS
from backend.accounts.people import (
    PersonInfo,
    TeamName,
    coaches_of,
    display_names,
    leaders_of,
    mentors_of_team,
    person,
    staff_since,
    team_names,
)
from backend.accounts.sessions import cookie_name as session_cookie
from backend.accounts.sessions import end_all as end_all_sessions
from backend.accounts.sessions import lookup as actor_of_session
from backend.accounts.sessions import require_fresh

__all__ = [
    "DEPENDENCIES",
    "NOTICE_VERSIONS",
    "Caseload",
    "PasskeysChanged",
    "PersonEnrolled",
    "PersonInfo",
    "StaffTeamChanged",
    "TeamName",
    "actor_of_session",
    "answer_caseload",
    "coaches_of",
    "display_names",
    "end_all_sessions",
    "leaders_of",
    "mentors_of_team",
    "person",
    "require_fresh",
    "router",
    "session_cookie",
    "staff_since",
    "team_names",
]
