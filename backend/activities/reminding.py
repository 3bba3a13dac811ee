"""What the activity log tells the reminder planner: the days on which an agreed action asked
for a reminder is due (registered with ``backend.reminders.register_days`` in ``backend/app.py``).

- ``coach``: the author of the activity has an action of their own ("coach") due that day;
- ``conversation``: a client of the activity has an action of their own ("client") due that day.

The reminder comes at the time of day of the person's own reminder of that kind, with its
neutral words (never the action's text: a push message names nothing).
"""

from __future__ import annotations

from collections.abc import Collection

from backend.activities.tables import ActivityClient, AgreedAction
from backend.reminders import Day

KINDS = ("coach", "conversation")


async def days_wanted(asked: Collection[Day]) -> set[Day]:
    """The days of ``asked`` on which an agreed action of the person is due."""
    days = sorted({d.day for d in asked if d.kind in KINDS})
    if not days:
        return set()
    actions = await AgreedAction.select(
        AgreedAction.activity, AgreedAction.who, AgreedAction.due_on, AgreedAction.activity.author
    ).where((AgreedAction.remind == True) & AgreedAction.due_on.is_in(days))  # noqa: E712
    due: set[tuple[str, str, object]] = set()
    for_clients = [a for a in actions if a["who"] == "client"]
    for a in actions:
        if a["who"] == "coach" and a["activity.author"] is not None:
            due.add(("coach", str(a["activity.author"]), a["due_on"]))
    if for_clients:
        links = await ActivityClient.select(ActivityClient.activity, ActivityClient.client).where(
            ActivityClient.activity.is_in([a["activity"] for a in for_clients])
        )
        clients_of: dict[str, list[str]] = {}
        for link in links:
            clients_of.setdefault(str(link["activity"]), []).append(str(link["client"]))
        for a in for_clients:
            for client in clients_of.get(str(a["activity"]), []):
                due.add(("conversation", client, a["due_on"]))
    return {d for d in asked if (d.kind, d.user, d.day) in due}


async def people_to_replan(activity_id: object, author: str | None) -> list[str]:
    """Whose reminders an activity's agreed actions concern: its author and its clients."""
    links = await ActivityClient.select(ActivityClient.client).where(
        ActivityClient.activity == activity_id
    )
    return sorted({str(r["client"]) for r in links} | ({author} if author else set()))
