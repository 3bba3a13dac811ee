"""Every API operation × every actor → the expected status.

Adding an operation to the API without a row here makes ``test_every_operation_has_a_row``
fail. Each cell runs on a fresh organisation (tests/support/world.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from backend.accounts.tables import Invitation
from backend.audit.controllers import cursor_after as audit_cursor
from backend.lib.clock import now
from backend.tasks import help_stream
from tests.api.access_rows_activities import ROWS as ACTIVITY_ROWS
from tests.api.access_rows_agreements import ROWS as AGREEMENT_ROWS
from tests.api.access_rows_competence import ROWS as COMPETENCE_ROWS
from tests.api.access_rows_competence_assessment import ROWS as COMPETENCE_ASSESSMENT_ROWS
from tests.api.access_rows_competence_mentors import ROWS as COMPETENCE_MENTOR_ROWS
from tests.api.access_rows_competence_path import ROWS as COMPETENCE_PATH_ROWS
from tests.api.access_rows_documents import ROWS as DOCUMENT_ROWS
from tests.api.access_rows_employers import ROWS as EMPLOYER_ROWS
from tests.api.access_rows_fading import ROWS as FADING_ROWS
from tests.api.access_rows_fidelity import ROWS as FIDELITY_ROWS
from tests.api.access_rows_handover import ROWS as HANDOVER_ROWS
from tests.api.access_rows_journey import ROWS as JOURNEY_ROWS
from tests.api.access_rows_opportunities import ROWS as OPPORTUNITY_ROWS
from tests.api.access_rows_outcomes import ROWS as OUTCOME_ROWS
from tests.api.access_rows_profiles import ROWS as PROFILE_ROWS
from tests.api.access_rows_reports import ROWS as REPORT_ROWS
from tests.api.access_rows_workplace import ROWS as WORKPLACE_ROWS
from tests.api.conftest import Api
from tests.support import coaching, openapi, tasks
from tests.support import family as family_world
from tests.support.world import World

ACTORS = [
    "admin",
    "coordinator",  # leads team North: coach Ada, client Alice
    "coach",  # Ada: Alice is in her caseload
    "other_coach",  # Ben, team South: Bob's coach
    "client",  # Alice, self
    "other_client",  # Bob
    "family",  # Finn, Alice's father
    "mentor",  # Mia, Alice's peer mentor
    None,  # signed out
]


def _all(status: int, signed_out: int = 401) -> dict[str | None, int]:
    return {a: (signed_out if a is None else status) for a in ACTORS}


STAFF_ACTORS = ("admin", "coordinator", "coach", "other_coach")
"""Staff get a copy of their own account and competence record (docs/privacy.md)."""


def _only(allowed: dict[str, int], others: int, signed_out: int = 401) -> dict[str | None, int]:
    return {a: (signed_out if a is None else allowed.get(a, others)) for a in ACTORS}


async def _coach_invitation(w: World) -> str:
    row = Invitation(
        token_hash="f" * 64,
        kind="invite",
        delivery="link",
        role="client",
        display_name="Carl",
        coach=w.ids["coach"],
        created_by=w.ids["coach"],
        created_at=now(),
        expires_at=now(),
    )
    await row.save()
    return str(row.id)


PathFn = Callable[[World], Any]


# --- tasks, steps, photos, training ---------------------------------------------
# Alice's task (tests/support/tasks.py): those who manage the client manage the task; Alice
# reads it and marks it from her player but changes it through her coach (403); everyone else,
# her father Finn included until the consent issue, gets 404 — for the task and its photos.


def _manage(status: int, client: int = 403) -> dict[str | None, int]:
    return _only({"admin": status, "coordinator": status, "coach": status, "client": client}, 404)


def _view(status: int) -> dict[str | None, int]:
    return _manage(status, client=status)


def _player(status: int) -> dict[str | None, int]:
    """Marks from the player: the client only; staff see the task but cannot mark for her."""
    return _manage(403, client=status)


def _mark(w: World, **extra: Any) -> dict[str, Any]:
    return {"localId": tasks.new_id(), "stepId": w.ids["step"], "at": tasks.timestamp(), **extra}


T = "/api/tasks/{task}"
TASK_ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "GET",
        "/api/clients/{client_id}/tasks",
        tasks.at("/api/clients/{client}/tasks"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/tasks",
        tasks.at("/api/clients/{client}/tasks"),
        lambda w: {"title": "Fold towels", "workplace": "Hotel Riverside"},
        _manage(201),
    ),
    (
        "GET",
        "/api/tasks/templates",
        tasks.at("/api/tasks/templates"),
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    ("GET", "/api/tasks/{task_id}", tasks.at(T), None, _view(200)),
    ("PATCH", "/api/tasks/{task_id}", tasks.at(T), lambda w: {"title": "Salad bar"}, _manage(200)),
    ("DELETE", "/api/tasks/{task_id}", tasks.at(T), None, _manage(204)),
    ("GET", "/api/tasks/{task_id}/player", tasks.at(T + "/player"), None, _view(200)),
    (
        "POST",
        "/api/tasks/{task_id}/copy",
        tasks.at(T + "/copy"),
        lambda w: {"toClientId": w.ids["client"]},
        _manage(201),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/template",
        tasks.at(T + "/template"),
        lambda w: {},
        _manage(201),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/steps",
        tasks.at(T + "/steps"),
        lambda w: {"text": "Wipe the counter."},
        _manage(201),
    ),
    (
        "PATCH",
        "/api/tasks/{task_id}/steps/{step_id}",
        tasks.at(T + "/steps/{step}"),
        lambda w: {"mastered": True},
        _manage(200),
    ),
    (
        "DELETE",
        "/api/tasks/{task_id}/steps/{step_id}",
        tasks.at(T + "/steps/{step}"),
        None,
        _manage(204),
    ),
    (
        "PUT",
        "/api/tasks/{task_id}/order",
        tasks.at(T + "/order"),
        lambda w: {"stepIds": [w.ids["step2"], w.ids["step"]]},
        _manage(200),
    ),
    # Uploads are multipart; a JSON body past the access check is refused as such (415). The
    # real uploads: tests/api/test_tasks_photos.py and test_tasks.py.
    (
        "PUT",
        "/api/tasks/{task_id}/steps/{step_id}/photo",
        tasks.at(T + "/steps/{step}/photo"),
        lambda w: {},
        _manage(415),
    ),
    (
        "DELETE",
        "/api/tasks/{task_id}/steps/{step_id}/photo",
        tasks.at(T + "/steps/{step}/photo"),
        None,
        _manage(204),
    ),
    (
        "PUT",
        "/api/tasks/{task_id}/steps/{step_id}/voice",
        tasks.at(T + "/steps/{step}/voice"),
        lambda w: {},
        _manage(415),
    ),
    (
        "DELETE",
        "/api/tasks/{task_id}/steps/{step_id}/voice",
        tasks.at(T + "/steps/{step}/voice"),
        None,
        _manage(204),
    ),
    (
        "GET",
        "/api/tasks/{task_id}/steps/{step_id}/voice/{file_name}",
        tasks.at(T + "/steps/{step}/voice/{voice_file}"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/completions",
        tasks.at(T + "/completions"),
        lambda w: _mark(w, runId=tasks.new_id()),
        _player(201),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/self-prompts",
        tasks.at(T + "/self-prompts"),
        _mark,
        _player(201),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/help-requests",
        tasks.at(T + "/help-requests"),
        _mark,
        _player(201),
    ),
    ("GET", "/api/tasks/{task_id}/help-requests", tasks.at(T + "/help-requests"), None, _view(200)),
    (
        "GET",
        "/api/tasks/{task_id}/help-requests/{help_id}",
        tasks.at(T + "/help-requests/{help}"),
        None,
        _view(200),
    ),
    (
        "GET",
        "/api/help-requests/stream",
        tasks.at("/api/help-requests/stream"),
        None,
        _only({"coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "GET",
        "/api/help-requests",
        tasks.at("/api/help-requests"),
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "POST",
        "/api/help-requests/seen",
        tasks.at("/api/help-requests/seen"),
        lambda w: {"ids": [w.ids["help"]]},
        _only({"admin": 204, "coordinator": 204, "coach": 204, "other_coach": 204}, 403),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/help-requests/{help_id}/resolve",
        tasks.at(T + "/help-requests/{help}/resolve"),
        None,
        _manage(200),
    ),
    (
        "POST",
        "/api/tasks/{task_id}/sessions",
        tasks.at(T + "/sessions"),
        lambda w: {
            "localId": tasks.new_id(),
            "startedAt": tasks.timestamp(),
            "records": [{"stepId": w.ids["step"], "level": "gestural"}],
        },
        _manage(201),
    ),
    (
        "PUT",
        "/api/tasks/{task_id}/sessions/{session_id}/records/{step_id}",
        tasks.at(T + "/sessions/{session}/records/{step2}"),
        lambda w: {"level": "independent", "durationSeconds": 40},
        _manage(200),
    ),
    ("GET", "/api/tasks/{task_id}/progress", tasks.at(T + "/progress"), None, _view(200)),
    ("GET", "/api/tasks/{task_id}/my-progress", tasks.at(T + "/my-progress"), None, _view(200)),
    (
        "GET",
        "/api/photos/{photo_id}/{file_name}",
        tasks.at("/api/photos/{photo}/{photo_file}"),
        None,
        _view(200),
    ),
]


# --- shifts, goals, PTA conversations, reminders and push ------------------------
# Alice's shift, goal, conversation and reminder (tests/support/coaching.py). Those who manage
# Alice enter and change her shifts (she reads them and asks the coach: 403); they
# and Alice herself set goals and choose reminders; the coach holds the
# conversation with her (she reads it); check-ins are hers alone. Everyone else, her father
# Finn included until the consent issue, gets 404. A person's own notifications: everyone.


def _client_too(status: int) -> dict[str | None, int]:
    return _manage(status, client=status)


def _staff(status: int, others: int = 403) -> dict[str | None, int]:
    return _only(
        {"admin": status, "coordinator": status, "coach": status, "other_coach": status}, others
    )


def _shift_body(w: World) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "workplace": "Hotel Aurora",
        "zone": "Europe/Helsinki",
        "startsAt": "14:00",
        "endsAt": "18:00",
        "repeat": "once",
        "date": (coaching.next_weekday(2)).isoformat(),
    }


def _goal_body(w: World) -> dict[str, Any]:
    return {
        "localId": coaching.new_id(),
        "title": "Ask for help when the trolley is full",
        "means": ["Say: can you help me"],
        "endsOn": (coaching.next_weekday(5) + timedelta(days=14)).isoformat(),
        "levels": {"expected": "I ask every time the trolley is full."},
    }


C = "/api/clients/{client}"
COACHING_ROWS: list[
    tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]
] = [
    ("GET", "/api/clients/{client_id}/shifts", coaching.at(C + "/shifts"), None, _view(200)),
    (
        "POST",
        "/api/clients/{client_id}/shifts",
        coaching.at(C + "/shifts"),
        _shift_body,
        _manage(201),
    ),
    (
        "GET",
        "/api/clients/{client_id}/shifts/next",
        coaching.at(C + "/shifts/next"),
        None,
        _view(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/shifts/today",
        coaching.at(C + "/shifts/today"),
        None,
        _view(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/shifts/upcoming",
        coaching.at(C + "/shifts/upcoming?days=14"),
        None,
        _view(200),
    ),
    ("GET", "/api/shifts/{shift_id}", coaching.at("/api/shifts/{shift}"), None, _view(200)),
    (
        "PATCH",
        "/api/shifts/{shift_id}",
        coaching.at("/api/shifts/{shift}"),
        lambda w: {"startsAt": "08:30"},
        _manage(200),
    ),
    (
        "DELETE",
        "/api/shifts/{shift_id}",
        coaching.at("/api/shifts/{shift}"),
        None,
        _manage(204),
    ),
    (
        "POST",
        "/api/shifts/{shift_id}/exceptions",
        coaching.at("/api/shifts/{shift}/exceptions"),
        lambda w: {"date": w.ids["cancelled"], "reason": "sick"},
        _manage(200),
    ),
    (
        "DELETE",
        "/api/shifts/{shift_id}/exceptions/{day}",
        coaching.at("/api/shifts/{shift}/exceptions/{cancelled}"),
        None,
        _manage(204),
    ),
    ("GET", "/api/week", coaching.at("/api/week"), None, _staff(200)),
    # Alice's mentor Mia reads her goal list and one goal, nothing else of goals.
    (
        "GET",
        "/api/clients/{client_id}/goals",
        coaching.at(C + "/goals"),
        None,
        {**_view(200), "mentor": 200},
    ),
    (
        "POST",
        "/api/clients/{client_id}/goals",
        coaching.at(C + "/goals"),
        _goal_body,
        _client_too(201),
    ),
    ("GET", "/api/clients/{client_id}/gas", coaching.at(C + "/gas"), None, _view(200)),
    (
        "GET",
        "/api/goals/{goal_id}",
        coaching.at("/api/goals/{goal}"),
        None,
        {**_view(200), "mentor": 200},
    ),
    (
        "PATCH",
        "/api/goals/{goal_id}",
        coaching.at("/api/goals/{goal}"),
        lambda w: {"means": ["Set the alarm at 6:15"]},
        _client_too(200),
    ),
    ("DELETE", "/api/goals/{goal_id}", coaching.at("/api/goals/{goal}"), None, _manage(204)),
    # A JSON body past the access check is refused as such (415); the real upload is in
    # tests/api/test_goals.py.
    (
        "PUT",
        "/api/goals/{goal_id}/photo",
        coaching.at("/api/goals/{goal}/photo"),
        lambda w: {},
        _client_too(415),
    ),
    (
        "DELETE",
        "/api/goals/{goal_id}/photo",
        coaching.at("/api/goals/{goal}/photo"),
        None,
        _client_too(204),
    ),
    (
        "GET",
        "/api/goals/{goal_id}/photo/{file_name}",
        coaching.at("/api/goals/{goal}/photo/{goal_file}"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/goals/{goal_id}/check-ins",
        coaching.at("/api/goals/{goal}/check-ins"),
        lambda w: {"localId": coaching.new_id(), "mood": 1, "at": tasks.timestamp()},
        _player(201),
    ),
    (
        "POST",
        "/api/goals/{goal_id}/end",
        coaching.at("/api/goals/{goal}/end"),
        lambda w: {"reason": "She changed jobs."},
        _manage(200),
    ),
    (
        "PUT",
        "/api/goals/{goal_id}/evaluation",
        coaching.at("/api/goals/{goal}/evaluation"),
        lambda w: {"rating": 1, "comment": "Late once."},
        _client_too(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/conversations",
        coaching.at(C + "/conversations"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/conversations",
        coaching.at(C + "/conversations"),
        lambda w: {"localId": coaching.new_id()},
        _manage(201),
    ),
    (
        "GET",
        "/api/conversations/{conversation_id}",
        coaching.at("/api/conversations/{conversation}"),
        None,
        _view(200),
    ),
    (
        "PUT",
        "/api/conversations/{conversation_id}/answers",
        coaching.at("/api/conversations/{conversation}/answers"),
        lambda w: {"answers": [{"questionKey": "wellbeing.feeling", "answer": "Hyvin."}]},
        _manage(200),
    ),
    (
        "POST",
        "/api/conversations/{conversation_id}/end",
        coaching.at("/api/conversations/{conversation}/end"),
        lambda w: {},
        _manage(200),
    ),
    (
        "GET",
        "/api/conversations/{conversation_id}/compare",
        coaching.at("/api/conversations/{conversation}/compare"),
        None,
        _view(200),
    ),
    (
        "GET",
        "/api/pta/question-sets",
        coaching.at("/api/pta/question-sets"),
        None,
        _staff(200),
    ),
    (
        "POST",
        "/api/pta/question-sets",
        coaching.at("/api/pta/question-sets"),
        lambda w: {},
        _only({"admin": 201}, 403),
    ),
    (
        "GET",
        "/api/pta/question-sets/{set_id}",
        coaching.at("/api/pta/question-sets/{question_set}"),
        None,
        _staff(200),
    ),
    (
        "PUT",
        "/api/pta/question-sets/{set_id}",
        coaching.at("/api/pta/question-sets/{question_set}"),
        lambda w: coaching.question_set_edit(),
        _only({"admin": 200}, 403),
    ),
    (
        "POST",
        "/api/pta/question-sets/{set_id}/publish",
        coaching.at("/api/pta/question-sets/{question_set}/publish"),
        None,
        _only({"admin": 200}, 403),
    ),
    ("GET", "/api/clients/{client_id}/reminders", coaching.at(C + "/reminders"), None, _view(200)),
    (
        "POST",
        "/api/clients/{client_id}/reminders",
        coaching.at(C + "/reminders"),
        lambda w: {"localId": coaching.new_id(), "kind": "shift_leave", "minutesBefore": 25},
        _client_too(201),
    ),
    (
        "PUT",
        "/api/clients/{client_id}/quiet-hours",
        coaching.at(C + "/quiet-hours"),
        lambda w: {"start": "22:00", "end": "07:00", "zone": "Europe/Helsinki"},
        _client_too(200),
    ),
    (
        "PATCH",
        "/api/reminders/{rule_id}",
        coaching.at("/api/reminders/{rule}"),
        lambda w: {"minutesBefore": 45},
        _client_too(200),
    ),
    (
        "DELETE",
        "/api/reminders/{rule_id}",
        coaching.at("/api/reminders/{rule}"),
        None,
        _client_too(204),
    ),
    ("GET", "/api/me/notifications", coaching.at("/api/me/notifications"), None, _all(200)),
    (
        "PATCH",
        "/api/me/notifications",
        coaching.at("/api/me/notifications"),
        lambda w: {"email": "me@example.org"},
        _all(200),
    ),
    (
        "POST",
        "/api/me/reminders",
        coaching.at("/api/me/reminders"),
        lambda w: {
            "localId": coaching.new_id(),
            "kind": "coach",
            "at": "08:00",
            "zone": "Europe/Helsinki",
        },
        _only({"client": 422, "other_client": 422, "family": 422, "mentor": 422}, 201),
    ),
    (
        "GET",
        "/api/me/push-subscriptions",
        coaching.at("/api/me/push-subscriptions"),
        None,
        _all(200),
    ),
    (
        "POST",
        "/api/me/push-subscriptions",
        coaching.at("/api/me/push-subscriptions"),
        lambda w: coaching.subscription("http://127.0.0.1:9/push/" + coaching.new_id()),
        _all(201),
    ),
    (
        "DELETE",
        "/api/me/push-subscriptions",
        coaching.at("/api/me/push-subscriptions"),
        lambda w: {"endpoint": coaching.ALICE_ENDPOINT},
        _only({"client": 204}, 404),
    ),
    ("POST", "/api/me/push-test", coaching.at("/api/me/push-test"), None, _all(200)),
    (
        "GET",
        "/api/push/vapid-public-key",
        lambda w: "/api/push/vapid-public-key",
        None,
        _all(200, 200),
    ),
]

# --- consent, updates, the family feed, my data, erasure ----------------------
# Alice shares "updates" with her father Finn (tests/support/family.py): one update she wrote,
# shared, with a photo; one her coach wrote, waiting for her. Those who read Alice's record see
# her sharing and her updates; they and Alice write updates and record consent (staff as
# helpers); only Alice approves. Finn sees the shared update and its photo, changes nothing
# (403), and never sees the rest of her record (404). Bob, Ben: 404.


def _with_family(status: int, family: int, client: int | None = None) -> dict[str | None, int]:
    return _only(
        {
            "admin": status,
            "coordinator": status,
            "coach": status,
            "client": status if client is None else client,
            "family": family,
        },
        404,
    )


def _decide(status: int) -> dict[str | None, int]:
    """Approving is Alice's alone; staff see the update (403), Finn does not while pending."""
    return _only({"admin": 403, "coordinator": 403, "coach": 403, "client": status}, 404)


def _consent_body(w: World) -> dict[str, Any]:
    return {
        "localId": family_world.new_id(),
        "familyId": w.ids["family"],
        "kind": "goals",
        "granted": True,
        "textVersion": 1,
    }


U = "/api/updates/{update}"
FAMILY_ROWS: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    (
        "GET",
        "/api/family/consent-texts",
        lambda w: "/api/family/consent-texts?locale=he",
        None,
        _all(200),
    ),
    (
        "GET",
        "/api/family/feed",
        family_world.at("/api/family/feed"),
        None,
        _only({"family": 200}, 403),
    ),
    (
        "GET",
        "/api/family/sharing",
        lambda w: "/api/family/sharing",
        None,
        _only({"family": 200}, 403),
    ),
    (
        "GET",
        "/api/clients/{client_id}/sharing",
        family_world.at("/api/clients/{client}/sharing"),
        None,
        _view(200),
    ),
    (
        "GET",
        "/api/clients/{client_id}/consents",
        family_world.at("/api/clients/{client}/consents"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/consents",
        lambda w: f"/api/clients/{w.ids['client']}/consents",
        _consent_body,
        _view(201),
    ),
    (
        "POST",
        "/api/clients/{client_id}/auto-share",
        lambda w: f"/api/clients/{w.ids['client']}/auto-share",
        lambda w: {
            "localId": family_world.new_id(),
            "kind": "training",
            "enabled": True,
            "textVersion": 1,
        },
        _view(201),
    ),
    (
        "GET",
        "/api/clients/{client_id}/updates",
        family_world.at("/api/clients/{client}/updates"),
        None,
        _view(200),
    ),
    (
        "POST",
        "/api/clients/{client_id}/updates",
        lambda w: f"/api/clients/{w.ids['client']}/updates",
        lambda w: {"localId": family_world.new_id(), "text": "A good day at work."},
        _view(201),
    ),
    ("GET", "/api/updates/{update_id}", family_world.at(U), None, _with_family(200, 200)),
    (
        "PATCH",
        "/api/updates/{update_id}",
        family_world.at(U),
        lambda w: {"text": "All the towels, folded."},
        _with_family(200, 403),
    ),
    ("DELETE", "/api/updates/{update_id}", family_world.at(U), None, _with_family(204, 403)),
    (
        "POST",
        "/api/updates/{update_id}/approve",
        family_world.at("/api/updates/{pending}/approve"),
        None,
        _decide(200),
    ),
    (
        "POST",
        "/api/updates/{update_id}/decline",
        family_world.at("/api/updates/{pending}/decline"),
        None,
        _decide(200),
    ),
    # Multipart uploads: a JSON body past the access check is refused as such (415); the real
    # upload is in tests/api/test_family_updates.py.
    (
        "PUT",
        "/api/updates/{update_id}/photo",
        family_world.at(U + "/photo"),
        lambda w: {},
        _with_family(415, 403),
    ),
    (
        "DELETE",
        "/api/updates/{update_id}/photo",
        family_world.at(U + "/photo"),
        None,
        _with_family(204, 403),
    ),
    (
        "GET",
        "/api/updates/{update_id}/photo/{file_name}",
        family_world.at(U + "/photo/{update_file}"),
        None,
        _with_family(200, 200),
    ),
    (
        "GET",
        "/api/me/data",
        lambda w: "/api/me/data",
        None,
        _only(dict.fromkeys(("client", "other_client", "family", *STAFF_ACTORS), 200), 403),
    ),
    (
        "GET",
        "/api/me/views",
        lambda w: "/api/me/views",
        None,
        _only(dict.fromkeys(("client", "other_client", "family", *STAFF_ACTORS), 200), 403),
    ),
    (
        "GET",
        "/api/me/export",
        lambda w: "/api/me/export",
        None,
        _only(dict.fromkeys(("client", "other_client", "family", *STAFF_ACTORS), 200), 403),
    ),
    (
        "POST",
        "/api/people/{user_id}/erase",
        lambda w: f"/api/people/{w.ids['client']}/erase",
        lambda w: {"confirmName": "Alice Client"},
        _only({"admin": 200}, 403),
    ),
]

# (method, path template, path factory, body factory, expected status per actor)
MATRIX: list[tuple[str, str, PathFn, Callable[[World], Any] | None, dict[str | None, int]]] = [
    ("GET", "/health", lambda w: "/health", None, _all(200, 200)),
    ("GET", "/api/version", lambda w: "/api/version", None, _all(200, 200)),
    ("GET", "/api/ready", lambda w: "/api/ready", None, _all(200, 200)),
    # From this machine or with STEPWISE_METRICS_TOKEN: the tests' client is another address.
    ("GET", "/metrics", lambda w: "/metrics", None, _all(403, 403)),
    ("POST", "/api/signin/options", lambda w: "/api/signin/options", None, _all(200, 200)),
    (
        "POST",
        "/api/signin",
        lambda w: "/api/signin",
        lambda w: {"challengeId": "00000000-0000-0000-0000-000000000000", "credential": {}},
        _all(400, 400),
    ),
    (
        "POST",
        "/api/enroll/options",
        lambda w: "/api/enroll/options",
        lambda w: {"token": "z" * 43},
        _all(404, 404),
    ),
    (
        "POST",
        "/api/enroll",
        lambda w: "/api/enroll",
        lambda w: {"token": "z" * 43, "challengeId": "x", "credential": {}},
        _all(400, 400),
    ),
    ("POST", "/api/signout", lambda w: "/api/signout", None, _all(204)),
    # Without a fresh step-up with one of their passkeys, nobody signs out everywhere, nor adds
    # or removes a passkey (tests/api/test_reverify.py has the allowed side).
    ("POST", "/api/signout-everywhere", lambda w: "/api/signout-everywhere", None, _all(403)),
    ("GET", "/api/me", lambda w: "/api/me", None, _all(200)),
    ("PATCH", "/api/me", lambda w: "/api/me", lambda w: {"locale": "fi"}, _all(200)),
    # A client's own day, whoever the client is (no client in the path); nobody else has one.
    (
        "GET",
        "/api/me/day",
        lambda w: "/api/me/day",
        None,
        _only({"client": 200, "other_client": 200}, 403),
    ),
    ("GET", "/api/me/passkeys", lambda w: "/api/me/passkeys", None, _all(200)),
    ("POST", "/api/me/reverify/options", lambda w: "/api/me/reverify/options", None, _all(200)),
    (
        "POST",
        "/api/me/reverify",
        lambda w: "/api/me/reverify",
        lambda w: {"challengeId": "00000000-0000-0000-0000-000000000000", "credential": {}},
        _all(400),
    ),
    ("POST", "/api/me/passkeys/options", lambda w: "/api/me/passkeys/options", None, _all(403)),
    (
        "POST",
        "/api/me/passkeys",
        lambda w: "/api/me/passkeys",
        lambda w: {"challengeId": "x", "credential": {}},
        _all(403),
    ),
    (
        "PATCH",
        "/api/me/passkeys/{passkey_id}",
        lambda w: f"/api/me/passkeys/{w.passkeys['admin']}",
        lambda w: {"name": "Mine now"},
        _only({"admin": 200}, 404),
    ),
    (
        "DELETE",
        "/api/me/passkeys/{passkey_id}",
        lambda w: f"/api/me/passkeys/{w.passkeys['admin']}",
        None,
        _only({"admin": 403}, 404),
    ),  # others' passkeys don't exist for them; the owner is asked for a step-up first
    (
        "GET",
        "/api/people",
        lambda w: "/api/people",
        None,
        _only({"admin": 200, "coordinator": 200}, 403),
    ),
    (
        "PATCH",
        "/api/people/{user_id}",
        lambda w: f"/api/people/{w.ids['other_coach']}",
        lambda w: {"teamId": w.teams["North"]},
        _only({"admin": 200}, 403),
    ),
    (
        "POST",
        "/api/people/{user_id}/recovery",
        lambda w: f"/api/people/{w.ids['client']}/recovery",
        lambda w: {"delivery": "link"},
        _only({"admin": 201, "coordinator": 201, "coach": 201}, 404),
    ),
    (
        "POST",
        "/api/people/{user_id}/revoke",
        lambda w: f"/api/people/{w.ids['client']}/revoke",
        None,
        _only({"admin": 204}, 403),
    ),
    (
        "GET",
        "/api/teams",
        lambda w: "/api/teams",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "POST",
        "/api/teams",
        lambda w: "/api/teams",
        lambda w: {"name": "East"},
        _only({"admin": 201}, 403),
    ),
    (
        "PATCH",
        "/api/teams/{team_id}",
        lambda w: f"/api/teams/{w.teams['North']}",
        lambda w: {"helpEscalationMinutes": 5},
        _only({"admin": 200, "coordinator": 200}, 403),
    ),
    (
        "GET",
        "/api/invitations",
        lambda w: "/api/invitations",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "other_coach": 200}, 403),
    ),
    (
        "POST",
        "/api/invitations",
        lambda w: "/api/invitations",
        lambda w: {"role": "family", "displayName": "Fay", "clientId": w.ids["client"]},
        _only({"admin": 201, "coordinator": 201, "coach": 201, "other_coach": 422}, 403),
    ),
    (
        "DELETE",
        "/api/invitations/{invitation_id}",
        None,
        None,
        _only({"admin": 204, "coach": 204, "coordinator": 404, "other_coach": 404}, 403),
    ),
    ("GET", "/api/clients", lambda w: "/api/clients", None, _all(200)),
    (
        "GET",
        "/api/clients/{client_id}",
        lambda w: f"/api/clients/{w.ids['client']}",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "client": 200}, 404),
    ),
    (
        "GET",
        "/api/clients/{client_id}/page",
        lambda w: f"/api/clients/{w.ids['client']}/page",
        None,
        _only({"admin": 200, "coordinator": 200, "coach": 200, "client": 403}, 404),
    ),
    (
        "PATCH",
        "/api/clients/{client_id}",
        lambda w: f"/api/clients/{w.ids['client']}",
        lambda w: {"stage": "profiling"},
        _only({"admin": 200, "coordinator": 200, "coach": 200, "client": 403}, 404),
    ),
    (
        "GET",
        "/api/audit",
        lambda w: "/api/audit",
        None,
        _only({"admin": 200, "coordinator": 200}, 403),
    ),
    (  # a later page, narrowed: the same people, the same answers
        "GET",
        "/api/audit",
        lambda w: (
            f"/api/audit?client={w.ids['client']}&kind=client_read&limit=5"
            f"&cursor={audit_cursor(10**6)}"
        ),
        None,
        _only({"admin": 200, "coordinator": 200}, 403),
    ),
    (
        "GET",
        "/api/privacy-notice",
        lambda w: "/api/privacy-notice?locale=fi",
        None,
        _all(200, 200),
    ),
    ("GET", "/api/me/privacy-notice", lambda w: "/api/me/privacy-notice", None, _all(200)),
    (
        "GET",
        "/api/organisation",
        lambda w: "/api/organisation",
        None,
        _only({"admin": 200}, 403),
    ),
    (
        "PUT",
        "/api/organisation",
        lambda w: "/api/organisation",
        lambda w: {"name": "Polku ry", "email": "info@polku.example"},
        _only({"admin": 200}, 403),
    ),
    *TASK_ROWS,
    *COACHING_ROWS,
    *FAMILY_ROWS,
    *AGREEMENT_ROWS,
    *ACTIVITY_ROWS,
    *EMPLOYER_ROWS,
    *JOURNEY_ROWS,
    *FADING_ROWS,
    *PROFILE_ROWS,
    *DOCUMENT_ROWS,
    *OPPORTUNITY_ROWS,
    *WORKPLACE_ROWS,
    *HANDOVER_ROWS,
    *OUTCOME_ROWS,
    *FIDELITY_ROWS,
    *COMPETENCE_ROWS,
    *COMPETENCE_PATH_ROWS,
    *COMPETENCE_MENTOR_ROWS,
    *COMPETENCE_ASSESSMENT_ROWS,
    *REPORT_ROWS,
]

CELLS = [
    pytest.param(
        method,
        template,
        path,
        body,
        actor,
        expected[actor],
        id=f"{method} {template} as {actor or 'signed-out'}",
    )
    for method, template, path, body, expected in MATRIX
    for actor in ACTORS
]


@pytest.fixture(autouse=True)
def short_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """An open screen's event stream ends at once here: the matrix asks who may open one."""
    monkeypatch.setattr(help_stream, "STREAM_SECONDS", 0.0)


@pytest.mark.parametrize(("method", "template", "path", "body", "actor", "status"), CELLS)
async def test_access(
    world_api: Api,
    method: str,
    template: str,
    path: PathFn | None,
    body: Callable[[World], Any] | None,
    actor: str | None,
    status: int,
) -> None:
    world = world_api.world
    assert world is not None
    url = path(world) if path else f"/api/invitations/{await _coach_invitation(world)}"
    if inspect.isawaitable(url):  # a factory that builds what the path needs first
        url = await url
    response = await world_api.request(method, url, as_=actor, json=body(world) if body else None)
    assert response.status_code == status, response.text


def test_every_operation_has_a_row() -> None:
    documented = {
        (method.upper(), path)
        for path, operations in openapi.document()["paths"].items()
        for method in operations
    }
    covered = {(method, template) for method, template, *_ in MATRIX}
    assert documented == covered, (
        f"missing rows: {sorted(documented - covered)}; stale rows: {sorted(covered - documented)}"
    )


async def test_caseload_contents_follow_the_caseload(world_api: Api) -> None:
    w = world_api.world
    assert w
    names = {
        actor: [c["displayName"] for c in (await world_api.get("/api/clients", as_=actor)).json()]
        for actor in ACTORS
        if actor
    }
    assert names["admin"] == ["Alice Client", "Bob Client"]
    assert names["coordinator"] == ["Alice Client"]
    assert names["coach"] == ["Alice Client"]
    assert names["other_coach"] == ["Bob Client"]
    assert names["client"] == names["other_client"] == names["family"] == []


async def test_a_client_record_read_by_staff_is_audit_logged(world_api: Api) -> None:
    w = world_api.world
    assert w
    await world_api.get(f"/api/clients/{w.ids['client']}", as_="coach")
    entries = (await world_api.get("/api/audit", as_="admin")).json()
    assert any(
        e["action"] == "client_read"
        and e["actor"] == w.ids["coach"]
        and e["subject"] == w.ids["client"]
        for e in entries
    )
