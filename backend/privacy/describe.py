"""Plain words for what the walk found: a title and a sentence per table, readable rows, and
what each audit action means. A table without an entry here still appears, under its name."""

from __future__ import annotations

from typing import Any

from backend.privacy import walk

# table → (title, what it is), in the client's words.
TABLES: dict[str, tuple[str, str]] = {
    "users": ("Your account", "Your name, language and accessibility choices."),
    "client_records": (
        "Your record",
        "Your stage in supported employment, your coach, and what your coach wrote about the "
        "support you need.",
    ),
    "family_links": ("Your family in Stepwise", "Family members with an account linked to you."),
    "family_consents": (
        "What you share with your family",
        "Every choice about what each family member sees: who made it, when, and which wording "
        "was shown.",
    ),
    "family_auto_shares": (
        "Sharing without asking",
        "The kinds of news that go to your family without asking you each time.",
    ),
    "family_updates": (
        "Your news and photos",
        "News about you, and whether it was shared with your family.",
    ),
    "passkeys": ("Your passkeys", "The devices you sign in with. The keys themselves are secret."),
    "sessions": ("Where you are signed in", "Each sign-in: when, and the browser used."),
    "challenges": ("Sign-ins in progress", "Short-lived checks while you sign in."),
    "invitations": ("Invitations", "The links that invited you, or your family, to Stepwise."),
    "tasks": ("Your job tasks", "The tasks your coach made with you."),
    "steps": ("Steps of your tasks", "Each step of your tasks, in order."),
    "photos": ("Photos of your tasks", "The photos of your task steps."),
    "training_sessions": ("Training with your coach", "When your coach trained a task with you."),
    "step_records": ("How much help each step needed", "What your coach noted in each training."),
    "step_completions": ("Steps you marked done", "Each time you pressed “Done”."),
    "self_prompts": ("Photos you looked at again", "Photos of steps you already knew."),
    "help_requests": ("When you asked for help", "Each time you pressed “I need help”."),
    "shifts": ("Your shifts", "When you work, and where."),
    "shift_exceptions": ("Days off", "Days when a shift did not happen."),
    "goals": ("Your goals", "Your goals, how you will reach them, and how they went."),
    "goal_check_ins": ("Your check-ins", "How you felt about your goals along the way."),
    "pta_conversations": ("Monthly conversations", "Your monthly conversations with your coach."),
    "pta_answers": ("Answers in your conversations", "What was said in each conversation."),
    "reminder_rules": ("Your reminders", "When Stepwise reminds you, and of what."),
    "reminder_deliveries": ("Reminders sent", "Each reminder and whether it arrived."),
    "push_subscriptions": ("Your devices for reminders", "Phones that get your reminders."),
    "notification_settings": ("Reminder settings", "Quiet hours and your e-mail address."),
    "idempotency_records": (
        "Copies of your recent changes",
        "Kept up to 30 days so that a change your phone sends twice is saved once.",
    ),
    "audit_events": (
        "The log of your account",
        "What was done in your account or with your record, and when. Kept to prove it.",
    ),
}

# audit action → what it means, said to the client.
ACTIONS: dict[str, str] = {
    "client_read": "read your record",
    "client_updated": "changed your record",
    "tasks_listed": "looked at your tasks",
    "task_read": "looked at one of your tasks",
    "task_progress_read": "looked at your progress with a task",
    "task_created": "made a task for you",
    "task_removed": "removed one of your tasks",
    "task_copied": "copied a task to you",
    "help_requests_read": "looked at your requests for help",
    "sharing_read": "looked at what you share with your family",
    "consents_read": "looked at your sharing choices",
    "consent_granted": "recorded that you share something with a family member",
    "consent_withdrawn": "recorded that you stopped sharing something with a family member",
    "auto_share_on": "recorded that news of a kind goes to your family without asking",
    "auto_share_off": "recorded that you want to be asked again before news is shared",
    "updates_read": "looked at your news and photos",
    "update_created": "wrote news about you",
    "update_shared": "shared news with your family",
    "update_unshared": "stopped sharing news with your family",
    "update_declined": "did not share news with your family",
    "update_removed": "removed news about you",
    "recovery_issued": "made a new sign-in link for you",
    "access_revoked": "removed your passkeys and sign-ins",
    "data_exported": "downloaded your data",
    "erased": "erased your data",
}

HIDDEN_IN_PLAIN = frozenset({"id", "client_uuid"})


def title(tablename: str) -> tuple[str, str]:
    return TABLES.get(
        tablename, (tablename.replace("_", " ").capitalize(), "Other information about you.")
    )


def action(code: str) -> str:
    if code in ACTIONS:
        return ACTIONS[code]
    words = code.replace("_", " ")
    return f"{words}" if not words.endswith("read") else f"looked at: {words[:-5]}"


def plain_row(tablename: str, row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """A row for people: plain column names, people by name, no internal ids or secrets."""
    people = set(walk.user_columns(tablename))
    links = set(walk.foreign_columns(tablename)) - people
    out: dict[str, Any] = {}
    for column, value in walk.exportable(tablename, row).items():
        if column in HIDDEN_IN_PLAIN or column in links:
            continue
        if column in people and value is not None:
            value = names.get(str(value), "someone whose account was removed")
        out[column.replace("_", " ")] = value
    return out
