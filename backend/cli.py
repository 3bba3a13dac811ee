"""``stepwise``: the operators' command line."""

from __future__ import annotations

import argparse
import os

from backend.commands.data import cmd_audit, cmd_backup, cmd_restore
from backend.commands.demo import cmd_demo
from backend.commands.people import cmd_erase, cmd_invite
from backend.commands.running import cmd_migrate, cmd_serve, cmd_setup_link, cmd_worker
from backend.commands.storage import cmd_storage


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
        "set STEPWISE_REMINDER_ENGINE=worker so the servers leave it to them), and process "
        "photos when STEPWISE_PHOTO_JOBS=workers",
    )
    w.add_argument("--batch", type=int, default=200, help="reminders claimed at a time")
    w.add_argument("--interval", type=float, default=1.0, help="seconds between idle rounds")
    w.add_argument("--once", action="store_true", help="send what is due now, then stop")
    w.add_argument(
        "--photos-only",
        action="store_true",
        help="process photo jobs only, no reminders (a machine kept for photos)",
    )
    w.add_argument(
        "--metrics-port",
        type=int,
        default=0,
        help="serve this worker's metrics (Prometheus text) on 127.0.0.1:PORT",
    )
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

    st = sub.add_parser("storage", help="the stored files (photos, voice notes, documents)")
    st.add_argument("action", choices=["migrate"])
    st.add_argument(
        "--to",
        required=True,
        help="the store to copy every file to: file:///path or s3://bucket?endpoint=…&region=…",
    )
    st.add_argument(
        "--from",
        dest="source",
        help="the store to copy from (default: STEPWISE_STORAGE_URL, the one in use)",
    )
    st.set_defaults(func=cmd_storage)

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
    from backend.settings import SettingsError

    try:
        args.func(args)
    except SettingsError as exc:
        raise SystemExit(f"Not started: {exc}") from None


if __name__ == "__main__":
    main()
