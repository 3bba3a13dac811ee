"""``stepwise demo``: the demo organisation — a team, its staff, four clients with their
coaches, two family members, a mentor — and a one-time enrollment link for each person without
a passkey.

The domains are imported inside the functions, not at the top, to spare the command line's
start-up time.
"""

from __future__ import annotations

import argparse
import asyncio
import os

from backend.commands.common import migrate

DEMO_TEAM = "Demo team: Riverside"
DEMO_PEOPLE: list[tuple[str, str, str]] = [
    # (role, name, support summary or relation)
    ("admin", "Sofia Lindqvist", ""),
    ("coordinator", "Helena Nowak", ""),
    ("coach", "Jonas Virtanen", ""),
    ("coach", "Maya Levi", ""),
    ("client", "Maria Kowalska", "Learns best from photos; hotel laundry, folding and sorting."),
    ("client", "Eero Mäkinen", "Autistic; likes clear routines. Supermarket stock room, mornings."),
    ("client", "Noa Cohen", "Low vision: large text and read-aloud. Café, dishwashing."),
    ("client", "Tom Baker", "Anxiety on new tasks; needs a calm start. Library returns."),
    ("family", "Anna Kowalska", "mother of Maria Kowalska"),
    ("family", "Aino Mäkinen", "sister of Eero Mäkinen"),
    ("mentor", "Lina Berg", ""),
]
DEMO_STAGES = ["job_finding", "support", "employer_engagement", "support"]  # per client, in order


async def demo_organisation() -> list[tuple[str, str, str]]:
    """Create the demo organisation, and print a line per person: a new one-time link for each
    who has no passkey yet (run again, it makes new links and cancels their unused older ones:
    links are printed once and kept nowhere)."""
    from backend import clients, demo
    from backend.accounts import invitations
    from backend.app import connect_domains

    connect_domains()  # as in the app server: the reminder planner's sources, the events
    from backend.accounts.tables import Invitation, Passkey, Team, User
    from backend.lib.clock import now

    team = await Team.select().where(Team.name == DEMO_TEAM).first()
    if team is None:
        team_row = Team(name=DEMO_TEAM, created_at=now())
        await team_row.save()
        team_id = str(team_row.id)
        made: dict[str, str] = {}
        coaches: list[str] = []
        coach_of: dict[str, str] = {}
        clients_made = 0
        for role, name, extra in DEMO_PEOPLE:
            user = User(
                display_name=name,
                role=role,
                team=team_id if role in {"coordinator", "coach", "mentor"} else None,
                webauthn_handle=os.urandom(32),
                created_at=now(),
                preferences={},
            )
            await user.save()
            made[name] = str(user.id)
            if role == "coach":
                coaches.append(str(user.id))
            if role == "client":
                coach_of[name] = coaches[(clients_made + 1) % 2]
                await clients.create_record(str(user.id), coach_of[name])
                await clients.update(
                    str(user.id),
                    {"support_summary": extra, "stage": DEMO_STAGES[clients_made]},
                )
                clients_made += 1
            if role == "family":
                client_name = extra.split(" of ", 1)[1]
                await clients.link_family(made[client_name], str(user.id), extra.split(" of ")[0])
        await demo.fill(team_id, made, coach_of)
        await demo.agreements(made, coach_of)
    else:
        team_id = str(team["id"])
        await _demo_admin()  # a demo made before it had one
    await demo.organisation()  # also for a demo made before it had one
    lines = []
    order = {(role, name): i for i, (role, name, _) in enumerate(DEMO_PEOPLE)}
    people = [
        person
        for person in await User.select().where(User.display_name.is_in([n for _, n in order]))
        if (person["role"], person["display_name"]) in order
    ]
    for person in sorted(people, key=lambda p: order[(p["role"], p["display_name"])]):
        if await Passkey.exists().where(Passkey.user == person["id"]):
            lines.append((person["role"], person["display_name"], "(already has a passkey)"))
            continue
        await Invitation.update({Invitation.revoked_at: now()}).where(
            (Invitation.target_user == person["id"]) & Invitation.used_at.is_null()
        )
        _, token = await invitations._insert(
            kind="invite",
            delivery="link",
            role=person["role"],
            display_name=person["display_name"],
            target_user=person["id"],
            team=team_id if person["role"] in {"coordinator", "coach"} else None,
        )
        lines.append((person["role"], person["display_name"], invitations.enrollment_url(token)))
    print("Demo organisation (one-time enrollment links, valid for 7 days):")
    for role, name, url in lines:
        print(f"  {role:<12} {name:<16} {url}")
    return lines


async def _demo_admin() -> None:
    from backend.accounts.tables import User
    from backend.lib.clock import now

    for role, name, _ in DEMO_PEOPLE:
        if role == "admin" and not await User.exists().where(
            (User.role == "admin") & (User.display_name == name)
        ):
            await User(
                display_name=name,
                role=role,
                webauthn_handle=os.urandom(32),
                created_at=now(),
                preferences={},
            ).save()


def cmd_demo(args: argparse.Namespace) -> None:
    asyncio.run(migrate(quiet=True))
    asyncio.run(demo_organisation())
