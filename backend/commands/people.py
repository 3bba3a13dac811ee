"""People from the command line: a one-time enrollment link for a new person, and erasure on
a written request when no administrator can sign in.

The domains are imported inside the commands, not at the top, to spare the command line's
start-up time.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from backend.commands.common import migrate


def cmd_invite(args: argparse.Namespace) -> None:
    from backend.accounts import invitations
    from backend.accounts.tables import Team, User

    async def run() -> str:
        await migrate(quiet=True)
        fields: dict[str, Any] = {
            "kind": "invite",
            "delivery": "link",
            "role": args.role,
            "display_name": args.name,
        }
        if args.team:
            team = await Team.select(Team.id).where(Team.name == args.team).first()
            if team is None:
                raise SystemExit(f"No team named {args.team!r}.")
            fields["team"] = team["id"]
        if args.role in {"coordinator", "coach"} and "team" not in fields:
            raise SystemExit("Coordinators and coaches need --team NAME.")
        if args.role == "client":
            coach = (
                await User.select(User.id)
                .where((User.display_name == (args.coach or "")) & (User.role == "coach"))
                .first()
            )
            if coach is None:
                raise SystemExit("A client needs --coach NAME (an existing coach).")
            fields["coach"] = coach["id"]
        if args.role == "family":
            raise SystemExit("Invite family members from the app, from the client's page.")
        _, token = await invitations._insert(**fields)
        return invitations.enrollment_url(token)

    print(asyncio.run(run()))


def cmd_erase(args: argparse.Namespace) -> None:
    """GDPR Art. 17 from the command line, for an operator acting on a written request when no
    administrator can sign in; the same rule as the app's (docs/privacy.md)."""
    from backend.privacy import services, walk

    async def run() -> str:
        await migrate(quiet=True)
        who = await walk.person(args.user_id)
        if who is None:
            raise SystemExit(f"No person with the id {args.user_id}.")
        if who.role not in services.SUBJECTS:
            raise SystemExit("Only clients and family members are erased; staff by hand.")
        if not services.same_name(args.confirm_name, who.name):
            raise SystemExit("The name does not match: write it exactly as the app shows it.")
        report = await services.erase_and_record(who, actor="", via="cli")
        return f"Erased: {sum(report.rows.values())} rows, {report.stored_items} stored items."

    print(asyncio.run(run()))
