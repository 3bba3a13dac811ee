"""``stepwise``: the operators' command line."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _settings() -> Any:
    from backend.settings import get_settings

    return get_settings()


async def _migrate(quiet: bool = False) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    if quiet:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            result = await run_forwards("all")
    else:
        result = await run_forwards("all")
    if not result.success:
        raise SystemExit(f"Migration failed: {result.message}")


def cmd_migrate(args: argparse.Namespace) -> None:
    asyncio.run(_migrate())
    print("The database is up to date.")


async def _setup_link() -> str | None:
    from backend.accounts.invitations import setup_link_if_needed

    return await setup_link_if_needed()


STOP_SECONDS = 5
"""How long a serving worker gets to finish its requests after Ctrl-C before it is killed."""


def cmd_serve(args: argparse.Namespace) -> None:
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    settings = _settings()
    # Prepared here, in the process that will fork granian's workers: nothing made here may be
    # needed by them (no open database connection, no photo pool; backend/lib/photo_pool.py).
    asyncio.run(_migrate(quiet=True))
    if args.demo:
        asyncio.run(_demo())
    link = asyncio.run(_setup_link())
    _close_db()
    if link:
        print("\nNo administrator yet. Open this one-time setup link to become the first one:")
        print(f"  {link}\n")
    sys.stdout.flush()
    server = Granian(
        "backend.app:create_app",
        factory=True,
        address=_bind_address(args.host),
        port=args.port,
        interface=Interfaces.ASGI,
        workers=args.workers,
        workers_kill_timeout=STOP_SECONDS,
        log_access=False,
        # granian's own lines end with "Listening at: http://127.0.0.1:8000", an address that
        # cannot work with passkeys (an IP is no WebAuthn RP ID): only its warnings and errors
        # are shown, and the address to open is the last line, printed once the port is bound.
        log_level=LogLevels.warning,
    )
    server.on_startup(lambda: _say(f"Stepwise is running; Ctrl-C stops it. Open {settings.origin}"))
    server.on_shutdown(lambda: _say("Stepwise has stopped."))
    server.serve()


def _say(line: str) -> None:
    print(line, flush=True)


def _bind_address(host: str) -> str:
    """granian binds IP addresses; a host name (``localhost``) is resolved first."""
    import ipaddress
    import socket

    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        return str(socket.getaddrinfo(host, None, socket.AF_INET)[0][4][0])


def _close_db() -> None:
    from backend.piccolo_conf import DB

    if hasattr(DB, "close"):
        DB.close()


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
]
DEMO_STAGES = ["job_finding", "support", "employer_engagement", "support"]  # per client, in order


async def _demo() -> list[tuple[str, str, str]]:
    """Create the demo organisation, and print a line per person: a new one-time link for each
    who has no passkey yet (run again, it makes new links and cancels their unused older ones:
    links are printed once and kept nowhere)."""
    from backend import clients, demo
    from backend.accounts import invitations
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
                team=team_id if role in {"coordinator", "coach"} else None,
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
    asyncio.run(_migrate(quiet=True))
    asyncio.run(_demo())


def cmd_invite(args: argparse.Namespace) -> None:
    from backend.accounts import invitations
    from backend.accounts.tables import Team, User

    async def run() -> str:
        await _migrate(quiet=True)
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


def cmd_backup(args: argparse.Namespace) -> None:
    from backend import backup

    settings = _settings()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(args.output or settings.data_dir / "backups" / f"stepwise-{stamp}.tar.gz")
    if not settings.is_sqlite or settings.sqlite_path.is_file():
        asyncio.run(_audit_checkpoint())  # the archive carries a checkpoint of the log it holds
    try:
        written = backup.write(settings, target, with_secrets=args.with_secrets)
    except backup.Refused as refused:
        raise SystemExit(str(refused)) from None
    for line in backup.describe_written(written, settings.data_dir):
        print(line)


def cmd_restore(args: argparse.Namespace) -> None:
    from backend import backup

    settings = _settings()
    try:
        restored = backup.restore(settings, Path(args.file))
    except backup.Refused as refused:
        raise SystemExit(f"Not restored: {refused}") from None
    manifest = restored.manifest
    counts = manifest["counts"]
    print(f"Restored the backup of {manifest['createdAt']} from {args.file}:")
    print(
        f"  {sum(counts.values())} rows in {len(counts)} tables ({backup.summary(counts)}); "
        f"{restored.files} stored files ({restored.bytes / 1_000_000:.1f} MB), "
        "every one checked against the manifest's SHA-256."
    )
    if manifest["secretsIncluded"]:
        print(f"  The secrets: {len(manifest['secrets'])} restored.")
    if restored.safety:
        print(f"  What was here before is kept in {restored.safety}.")
    for note in restored.notes:
        print(f"  {note}")
    print("Start the server.")


async def _audit_checkpoint() -> None:
    from backend.audit import checkpoint

    try:
        await checkpoint()
    except Exception as exc:
        print(f"No audit checkpoint made: {exc}")


def cmd_audit(args: argparse.Namespace) -> None:
    from backend.audit import chain
    from backend.audit.verifying import verify

    verdict = asyncio.run(verify(from_checkpoint=args.from_checkpoint, read_only=args.read_only))
    if verdict.sealed:
        print(f"Sealed {verdict.sealed} entries that were waiting.")
    if not verdict.intact:
        print(
            f"The audit log was changed: {verdict.problem} "
            f"(after {verdict.checked} intact entries)."
        )
        raise SystemExit(1)
    anchor = verdict.anchor
    if anchor is not None:
        print(
            f"The audit log is intact: {verdict.checked} entries checked after the checkpoint "
            f"of {anchor.at} (entry {anchor.last_id}, the {anchor.count}th; the entries up to "
            "it were checked by an earlier full verify)."
        )
    else:
        print(f"The audit log is intact: {verdict.checked} entries checked.")
    try:
        points = chain.load()
    except chain.Unreadable:
        points = []
    if points:
        newest = points[-1]
        print(
            f"  Checked against {len(points)} signed checkpoint(s); the newest, of "
            f"{newest.at}, covers entries up to {newest.last_id}. Entries from "
            f"{newest.keyed_from} on are keyed."
        )
    elif verdict.checked:
        print(
            f"  No signed checkpoint in {chain.path()}: whether the newest entries were "
            "removed cannot be told (docs/privacy.md, The audit log)."
        )


def cmd_erase(args: argparse.Namespace) -> None:
    """GDPR Art. 17 from the command line, for an operator acting on a written request when no
    administrator can sign in; the same rule as the app's (docs/privacy.md)."""
    from backend.privacy import services, walk

    async def run() -> str:
        await _migrate(quiet=True)
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


def cmd_setup_link(args: argparse.Namespace) -> None:
    asyncio.run(_migrate(quiet=True))
    link = asyncio.run(_setup_link())
    print(link or "Stepwise already has an administrator.")


def cmd_worker(args: argparse.Namespace) -> None:
    import logging

    from backend.app import connect_domains
    from backend.reminders import worker

    connect_domains()  # as in the app server: the planner's sources, the round's jobs, events

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(_migrate(quiet=True))
    asyncio.run(worker.run(batch=args.batch, interval=args.interval, once=args.once))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stepwise", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="migrate and serve the app and the API")
    s.add_argument("--host", default=os.environ.get("STEPWISE_HOST", "localhost"))
    s.add_argument("--port", type=int, default=int(os.environ.get("STEPWISE_PORT", "8000")))
    s.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL for >1)")
    s.add_argument("--demo", action="store_true", help="also create the demo organisation")
    s.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser(
        "demo",
        help="create the demo organisation, or print new enrollment links for its people "
        "who have no passkey yet",
    ).set_defaults(func=cmd_demo)
    sub.add_parser(
        "setup-link", help="print a first-run setup link while there is no admin"
    ).set_defaults(func=cmd_setup_link)

    i = sub.add_parser("invite", help="print a one-time enrollment link for a new person")
    i.add_argument("--role", required=True, choices=["admin", "coordinator", "coach", "client"])
    i.add_argument("--name", required=True, help="the person's name as shown in the app")
    i.add_argument("--team", help="team name (coordinators and coaches)")
    i.add_argument("--coach", help="the coach's name (clients)")
    i.set_defaults(func=cmd_invite)

    b = sub.add_parser(
        "backup",
        help="one archive of the database and every stored file, with a manifest (online)",
    )
    b.add_argument("--output", help="file to write (default: var/backups/stepwise-TIME.tar.gz)")
    b.add_argument(
        "--with-secrets",
        action="store_true",
        help="also put var/secrets/ in the archive (by default keep it in a second place)",
    )
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser(
        "restore",
        help="check a backup archive, keep a safety backup, then replace the database and "
        "the stored files with it (stop the server first)",
    )
    r.add_argument("file")
    r.set_defaults(func=cmd_restore)

    w = sub.add_parser(
        "worker",
        help="send reminders (run several beside the app servers on PostgreSQL; "
        "set STEPWISE_REMINDER_ENGINE=worker so the servers leave it to them)",
    )
    w.add_argument("--batch", type=int, default=200, help="reminders claimed at a time")
    w.add_argument("--interval", type=float, default=1.0, help="seconds between idle rounds")
    w.add_argument("--once", action="store_true", help="send what is due now, then stop")
    w.set_defaults(func=cmd_worker)

    a = sub.add_parser("audit", help="check the audit log")
    a.add_argument("action", choices=["verify"])
    a.add_argument(
        "--from-checkpoint",
        action="store_true",
        help="check only what was sealed after the newest signed checkpoint",
    )
    a.add_argument(
        "--read-only",
        action="store_true",
        help="seal nothing first; report entries left unsealed for more than a minute",
    )
    a.set_defaults(func=cmd_audit)

    e = sub.add_parser("erase", help="erase a client or family member on request (GDPR Art. 17)")
    e.add_argument("user_id", help="the person's id (People, in the app)")
    e.add_argument("--confirm-name", required=True, help="the person's name, as the app shows it")
    e.set_defaults(func=cmd_erase)
    return p


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    if args.command == "serve":
        os.environ["STEPWISE_HOST"] = args.host
        os.environ["STEPWISE_PORT"] = str(args.port)
    args.func(args)


if __name__ == "__main__":
    main()
