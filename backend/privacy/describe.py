"""Plain words for what the walk found, in the person's language: a title and a sentence per
table, readable rows with column names in words, and what each audit action means. The words
are in the server's catalogue (``backend/lib/i18n``, keys ``table.*``, ``tableText.*``,
``column.*``, ``action.*``) because the export's ``index.html`` needs them as much as the My
data screen does: one translation, not two. A table or column without words there still
appears, under its name.

Clients and family members both read their data here, and a part means something else to each:
for the client, ``family_consents`` is what they share with their family; for a family member,
what the client shares with them. A family member reads the words under ``forFamily.`` where
the catalogue has them (``forFamily.table.family_consents``), else the same words as the client
("Your passkeys" is right for both). And a family member's copy of a row they share with the
client (a consent) says what concerns them, not how the client made the choice: ``HIDDEN_FROM``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from backend.lib import i18n
from backend.privacy import walk

# The order of the sections: the person's own account first, the audit log last.
ORDER: tuple[str, ...] = (
    "users",
    "client_records",
    "journey_episodes",
    "journey_stages",
    "journey_follow_ups",
    "journey_stage_targets",
    "minimum_wage",
    "family_links",
    "family_consents",
    "family_auto_shares",
    "family_updates",
    "passkeys",
    "sessions",
    "challenges",
    "invitations",
    "tasks",
    "steps",
    "photos",
    "training_sessions",
    "step_records",
    "step_completions",
    "self_prompts",
    "help_requests",
    "shifts",
    "shift_exceptions",
    "jobs",
    "employers",
    "employer_people",
    "opportunities",
    "opportunity_steps",
    "goals",
    "goal_check_ins",
    "pta_conversations",
    "pta_answers",
    "agreements",
    "agreement_versions",
    "agreement_templates",
    "profiles",
    "profile_sections",
    "profile_photos",
    "profile_versions",
    "profile_edits",
    "profile_templates",
    "activity_clients",
    "activities",
    "activity_agreed_actions",
    "job_analyses",
    "analysis_tasks",
    "natural_supports",
    "analysis_photos",
    "analysis_edits",
    "fading_plans",
    "fading_versions",
    "fading_weeks",
    "fading_alerts",
    "handover_consents",
    "handover_words",
    "handover_links",
    "handover_views",
    "handover_feedback",
    "competence_self_assessments",
    "competence_self_ratings",
    "competence_visits",
    "competence_onboarding",
    "competence_trainings",
    "competence_plan_goals",
    "competence_simulations",
    "competence_evidence",
    "competence_assessments",
    "competence_certificates",
    "competence_field_mentors",
    "reminder_rules",
    "reminder_deliveries",
    "push_subscriptions",
    "notification_settings",
    "idempotency_records",
    "audit_events",
)

# Internal ids, and how a suggested update is kept (its message key and words: the row's text
# already says it in the person's language). data.json keeps them all.
HIDDEN_IN_PLAIN = frozenset({"id", "client_uuid", "text_key", "text_params"})
ROLE_COLUMNS = frozenset({"role", "actor_role", "author_role", "partner_role"})

FOR_FAMILY = "forFamily."

# Columns a reader's copy leaves out, in data.json too. A family member's copy of a client's row:
# a consent given to them is theirs to see: which client, which kind, yes or no, and when. Who
# recorded it for the client (a coach helping), the wording and language the client was shown,
# and the id the client's phone made are about the client.
HIDDEN_FROM: dict[str, dict[str, frozenset[str]]] = {
    # An activity a client gets is one not kept from them: "kept from you: no" says nothing.
    "client": {"activities": frozenset({"restricted", "restricted_reason"})},
    "family": {
        "family_consents": frozenset(
            {"client_uuid", "actor", "actor_role", "text_version", "locale"}
        ),
    },
}


def hidden(role: str, tablename: str) -> frozenset[str]:
    """The columns of ``tablename`` that a person in ``role`` does not get in their copy."""
    return HIDDEN_FROM.get(role, {}).get(tablename, frozenset())


def key_for(role: str, key: str) -> str:
    """The catalogue key of ``key`` written for this reader: a family member's own wording
    where there is one."""
    if role == "family" and i18n.has(FOR_FAMILY + key):
        return FOR_FAMILY + key
    return key


def say(role: str, locale: str, key: str, /, **params: object) -> str:
    """``key`` in ``locale``, in the words for this reader (``key_for``)."""
    return i18n.text(locale, key_for(role, key), **params)


def title(tablename: str, locale: str, role: str = "client") -> tuple[str, str]:
    """(title, what it is) of a table, in ``locale``, for a reader in ``role``."""
    if i18n.has(f"table.{tablename}"):
        return (
            say(role, locale, f"table.{tablename}"),
            say(role, locale, f"tableText.{tablename}"),
        )
    return tablename.replace("_", " ").capitalize(), say(role, locale, "tableText.other")


@cache
def action(code: str, locale: str) -> str:
    return i18n.text_or(locale, f"action.{code}", code.replace("_", " "))


@cache
def column(name: str, locale: str, tablename: str = "") -> str:
    """A column's name in words: the table's own (``column.<table>.<name>``) where one name means
    two things (a training's ``level`` is the help a step needed, a check-in's the sentence
    chosen), else the shared one."""
    if tablename and i18n.has(f"column.{tablename}.{name}"):
        return i18n.text(locale, f"column.{tablename}.{name}")
    return i18n.text_or(locale, f"column.{name}", name.replace("_", " "))


def role(code: str, locale: str) -> str:
    return i18n.text_or(locale, f"role.{code}", code)


# What a client shares with family, by kind (``backend/family/texts.KINDS``): in words.
SHARED_KIND_COLUMNS = frozenset(
    {("family_consents", "kind"), ("family_auto_shares", "kind"), ("family_updates", "kind")}
)


def shared_kind(code: str, locale: str) -> str:
    return i18n.text_or(locale, f"sharedKind.{code}", code)


# Columns that keep a code with words in the catalogue (``<prefix><code>``): how the coach got a
# request for help ("" while not known), the help a step needed, the stage of support, and how
# often an agreement's two people meet.
VALUE_WORDS: dict[tuple[str, str], str] = {
    ("help_requests", "reached"): "reached.",
    ("step_records", "level"): "level.",
    ("client_records", "stage"): "stage.",
    ("agreement_versions", "rhythm"): "rhythm.",
    ("jobs", "contract_type"): "contract.",
    ("jobs", "end_reason"): "jobEnd.",
    ("journey_stages", "stage"): "stage.",
    ("journey_stage_targets", "stage"): "stage.",
    ("journey_stages", "started_cause"): "stageCause.",
    ("journey_stages", "ended_cause"): "stageCause.",
    ("journey_episodes", "closure_reason"): "closure.",
    ("journey_follow_ups", "situation"): "situation.",
    ("activities", "with_whom"): "activityWith.",
    ("opportunities", "step"): "opportunityStep.",
    ("opportunity_steps", "step"): "opportunityStep.",
    ("activities", "mode"): "activityMode.",
    ("activity_agreed_actions", "who"): "agreedBy.",
    ("competence_simulations", "scenario"): "scenario.",
}
# Columns that keep a list of such codes, written ``,a,b,``: each in words.
LIST_WORDS: dict[tuple[str, str], str] = {
    ("activities", "purposes"): "activityPurpose.",
    ("opportunities", "themes"): "theme.",
}


def in_words(prefix: str, code: str, locale: str) -> str:
    return i18n.text_or(locale, f"{prefix}{code}", code) if code else ""


def withheld(tablename: str, count: int, locale: str) -> str:
    """How many rows of ``tablename`` are kept from the reader, and why (``withheld.*``)."""
    form = "one" if count == 1 else "many"
    return i18n.text_or(locale, f"withheld.{tablename}.{form}", "", count=count)


def someone(locale: str) -> str:
    return i18n.text(locale, "export.someone")


def plain_row(
    tablename: str, row: dict[str, Any], names: dict[str, str], locale: str
) -> dict[str, Any]:
    """A row for people: column names in words, people by name, roles and yes/no in words, no
    internal ids or secrets."""
    people = set(walk.user_columns(tablename))
    links = set(walk.foreign_columns(tablename)) - people
    out: dict[str, Any] = {}
    for name, value in walk.exportable(tablename, row).items():
        if name in HIDDEN_IN_PLAIN or name in links:
            continue
        if name in people and value is not None:
            value = names.get(str(value), someone(locale))
        elif isinstance(value, bool):
            value = i18n.text(locale, "export.yes" if value else "export.no")
        elif name in ROLE_COLUMNS and isinstance(value, str):
            value = role(value, locale)
        elif (tablename, name) in SHARED_KIND_COLUMNS and isinstance(value, str):
            value = shared_kind(value, locale)
        elif (tablename, name) in VALUE_WORDS and isinstance(value, str):
            value = in_words(VALUE_WORDS[tablename, name], value, locale)
        elif (tablename, name) in LIST_WORDS and isinstance(value, str):
            prefix = LIST_WORDS[tablename, name]
            value = join(locale, [in_words(prefix, c, locale) for c in value.split(",") if c])
        out[column(name, locale, tablename)] = value
    return out


# --- "Who looked at your record", in sentences ------------------------------------------------

# A read is said by what was read: reads of one topic in a day are one "looked at your tasks",
# however many screens the coach opened. Anything else (a change) is said by its own words
# (``action.*``). Keys ``seen.*`` are written to follow ``views.looked`` in each language
# (Finnish partitive, Polish accusative, Hebrew with את).
SEEN: dict[str, str] = {
    "client_read": "record",
    "tasks_listed": "tasks",
    "task_read": "tasks",
    "task_progress_read": "tasks",
    "help_requests_read": "help",
    "goals_read": "goals",
    "goal_read": "goals",
    "conversations_read": "conversations",
    "conversation_read": "conversations",
    "shifts_read": "shifts",
    "jobs_read": "jobs",
    "week_read": "shifts",
    "sharing_read": "sharing",
    "consents_read": "sharing",
    "updates_read": "news",
    "journey_read": "journey",
    "opportunities_read": "opportunities",
}


def join(locale: str, items: list[str]) -> str:
    """ "a, b and c" in the language's words (``list.two``, ``list.more``)."""
    if not items:
        return ""
    out = items[-1]
    if len(items) > 1:
        out = i18n.text(locale, "list.two", a=items[-2], b=out)
        for item in reversed(items[:-2]):
            out = i18n.text(locale, "list.more", a=item, b=out)
    return out


def did(actions: list[str], locale: str) -> str:
    """What someone did, in order first done: the reads as one "looked at …", then each kind of
    change once."""
    topics: list[str] = []
    changes: list[str] = []
    for code in actions:
        topic = SEEN.get(code)
        if topic is not None:
            if topic not in topics:
                topics.append(topic)
        elif code not in changes:
            changes.append(code)
    parts = []
    if topics:
        looked = join(locale, [i18n.text(locale, f"seen.{t}") for t in topics])
        parts.append(i18n.text(locale, "views.looked", topics=looked))
    parts += [action(code, locale) for code in changes]
    return join(locale, parts)


def your_role(code: str, locale: str, reader: str = "client") -> str:
    """The actor's role as the reader knows them ("your job coach")."""
    key = f"yourRole.{code}" if i18n.has(f"yourRole.{code}") else "yourRole.unknown"
    return say(reader, locale, key)


def view_sentence(
    name: str, role_code: str, actions: list[str], day: date, locale: str, reader: str = "client"
) -> str:
    return say(
        reader,
        locale,
        "views.sentence",
        name=name,
        role=your_role(role_code, locale, reader),
        did=did(actions, locale),
        day=i18n.format_date(locale, day),
    )
