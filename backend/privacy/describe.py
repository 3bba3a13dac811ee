"""Plain words for what the walk found, in the person's language: a title and a sentence per
table, readable rows with column names in words, and what each audit action means. The words
are in the server's catalogue (``backend/lib/i18n``, keys ``table.*``, ``tableText.*``,
``column.*``, ``action.*``) because the export's ``index.html`` needs them as much as the My
data screen does: one translation, not two. A table or column without words there still
appears, under its name."""

from __future__ import annotations

from typing import Any

from backend.lib import i18n
from backend.privacy import walk

# The order of the sections: the person's own account first, the audit log last.
ORDER: tuple[str, ...] = (
    "users",
    "client_records",
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
    "goals",
    "goal_check_ins",
    "pta_conversations",
    "pta_answers",
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
ROLE_COLUMNS = frozenset({"role", "actor_role", "author_role"})


def title(tablename: str, locale: str) -> tuple[str, str]:
    """(title, what it is) of a table, in ``locale``."""
    if i18n.has(f"table.{tablename}"):
        return (
            i18n.text(locale, f"table.{tablename}"),
            i18n.text(locale, f"tableText.{tablename}"),
        )
    return tablename.replace("_", " ").capitalize(), i18n.text(locale, "tableText.other")


def action(code: str, locale: str) -> str:
    if i18n.has(f"action.{code}"):
        return i18n.text(locale, f"action.{code}")
    return code.replace("_", " ")


def column(name: str, locale: str) -> str:
    if i18n.has(f"column.{name}"):
        return i18n.text(locale, f"column.{name}")
    return name.replace("_", " ")


def role(code: str, locale: str) -> str:
    return i18n.text(locale, f"role.{code}") if i18n.has(f"role.{code}") else code


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
        out[column(name, locale)] = value
    return out
