"""What each kind of notification says and how long a push service keeps it, and the push
message itself: a neutral sentence, never a name, a goal's words, a workplace or anything about
health."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from backend.reminders import webpush
from shared_schemas.reminders import PushPayload

PAYLOAD_LIMIT = 1024  # our own bound; RFC 8291's is MAX_PLAINTEXT


@dataclass(frozen=True, slots=True)
class KindInfo:
    title: str
    url: str
    ttl: int  # seconds a push service keeps it for an offline device (RFC 8030 §5.2)
    urgency: str  # RFC 8030 §5.3
    subject: str  # the e-mail's subject


KINDS: dict[str, KindInfo] = {
    "shift_prepare": KindInfo("Time to get ready for work", "/", 3600, "high", "Time to get ready"),
    "shift_leave": KindInfo("Time to leave for work", "/", 900, "high", "Time to leave"),
    "goal_checkin": KindInfo(
        "Time to check in on your goal", "/goals", 12 * 3600, "normal", "A reminder"
    ),
    "conversation": KindInfo(
        "You have a reminder in Stepwise", "/goals", 24 * 3600, "low", "A reminder"
    ),
    "coach": KindInfo(
        "You have conversations due or goals ending", "/week", 12 * 3600, "normal", "Your week"
    ),
    "family_update": KindInfo(
        "There is something new in Stepwise", "/family", 24 * 3600, "normal", "Something new"
    ),
    "update_waiting": KindInfo(
        "There is something new in Stepwise", "/sharing", 24 * 3600, "normal", "Something new"
    ),
    "help_request": KindInfo(
        "Someone asked for help in Stepwise", "/", 1800, "high", "A request for help"
    ),
    "help_alert": KindInfo(
        "Someone asked for help in Stepwise", "/family", 1800, "normal", "A request for help"
    ),
    "test": KindInfo(
        "This is a test notification from Stepwise", "/settings", 300, "high", "A test"
    ),
    "help_resolved": KindInfo(
        "Your coach marked your request for help as helped", "/tasks", 1800, "normal", "Helped"
    ),
    # Neutral on purpose: which passkey, and whether added or removed, is in My passkeys.
    "passkeys_changed": KindInfo(
        "Your passkeys in Stepwise changed. Check My passkeys.",
        "/passkeys",
        24 * 3600,
        "high",
        "Your passkeys changed",
    ),
    # Said to both people of an agreement on the days their agreed rhythm asks for a meeting.
    "meeting": KindInfo("A meeting is due today", "/", 12 * 3600, "normal", "A meeting"),
    # Said to the coach on the day an opportunity's next step is due; never the employer's name.
    "follow_up": KindInfo(
        "A job search follow-up is due today", "/opportunities", 12 * 3600, "normal", "A follow-up"
    ),
    # Said to the client before a job interview; where and when is in the app, not the message.
    "interview": KindInfo(
        "You have a job interview soon", "/opportunities", 3600, "high", "An interview"
    ),
    # As the shift starts: the home then shows that workplace's tasks first.
    "shift_start": KindInfo("Time to start work", "/", 900, "high", "Time to start"),
    # Said to a client's coach and the team's coordinator: support has not faded as planned,
    # or it reached a mark; who and which job is in the app, never in the message.
    "fading": KindInfo(
        "A client's support needs a look", "/fading", 24 * 3600, "normal", "Support to review"
    ),
    # Said to the client and their coach when a reader of the handover pack sent feedback;
    # who and what is in the app (the pack's screen), never in the message.
    "handover_feedback": KindInfo(
        "There is something new in Stepwise", "/", 24 * 3600, "normal", "Something new"
    ),
    # Said to a former client's coach six months after the support ended (the client agreed to
    # be asked then); who it is, is on the coach's week, never in the message.
    "after_support": KindInfo(
        "A six-month follow-up is due", "/week", 24 * 3600, "normal", "A follow-up"
    ),
    # Said to a coach about their own record: a certificate expiring, the yearly review of their
    # certification, a re-assessment day. Which one is in the app.
    "development": KindInfo(
        "Your development record needs a look", "/development", 24 * 3600, "normal", "Your record"
    ),
}


def payload(kind: str, delivery_id: int) -> bytes:
    """The push message: kind, id, where a tap goes, and a neutral sentence. Never a name, a
    goal's words, a workplace or anything about health (the test suite checks every message)."""
    info = KINDS[kind]
    body = msgspec.json.encode(
        PushPayload(
            kind=kind,  # type: ignore[arg-type]
            id=str(delivery_id),
            url=info.url,
            title=info.title,
            tag=f"stepwise-{delivery_id}",
        )
    )
    if len(body) > PAYLOAD_LIMIT:
        raise webpush.PayloadTooLarge(f"{len(body)} bytes")
    return body
