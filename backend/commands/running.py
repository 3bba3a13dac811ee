"""Running Stepwise: migrate the database, serve the app, print the first-run setup link, send
reminders as a worker process.

The domains are imported inside the commands, not at the top: ``stepwise --help`` and each
command start without loading the whole application (start-up time).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from backend.commands.common import close_db, migrate, read_settings
from backend.commands.demo import demo_organisation
from backend.lib import memory


def cmd_migrate(args: argparse.Namespace) -> None:
    asyncio.run(migrate())
    print("The database is up to date.")


async def setup_link() -> str | None:
    from backend.accounts.invitations import setup_link_if_needed

    return await setup_link_if_needed()


STOP_SECONDS = 5
"""How long a serving worker gets to finish its requests after Ctrl-C before it is killed."""


def cmd_serve(args: argparse.Namespace) -> None:
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    settings = read_settings()
    if args.workers > 1:
        _count_metrics_in_files(settings.data_dir / "metrics")
    # Prepared here, in the process that will fork granian's workers: nothing made here may be
    # needed by them (no open database connection, no photo pool; backend/lib/photo_pool.py).
    asyncio.run(migrate(quiet=True))
    if args.demo:
        asyncio.run(demo_organisation())
    link = asyncio.run(setup_link())
    close_db()
    if link:
        print("\nNo administrator yet. Open this one-time setup link to become the first one:")
        print(f"  {link}\n")
    sys.stdout.flush()
    os.environ[memory.SERVING] = "1"  # its workers freeze what they made at start
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


def _count_metrics_in_files(folder: Path) -> None:
    """Several serving processes behind one port: each counts its metrics in files in
    ``folder``, and a scrape of any of them adds all up (``backend/lib/metrics.py``). Chosen
    before ``prometheus_client`` is imported, here and in the processes started after."""
    import os
    import shutil

    assert "prometheus_client" not in sys.modules, "metrics are counted in memory already"
    shutil.rmtree(folder, ignore_errors=True)  # the counts of the processes of a past run
    folder.mkdir(parents=True, mode=0o700)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


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


def cmd_setup_link(args: argparse.Namespace) -> None:
    asyncio.run(migrate(quiet=True))
    link = asyncio.run(setup_link())
    print(link or "Stepwise already has an administrator.")


def cmd_worker(args: argparse.Namespace) -> None:
    import logging

    from backend.app import connect_domains
    from backend.reminders import worker

    if args.photos_only and read_settings().photo_jobs != "workers":
        sys.exit("Not started: --photos-only needs STEPWISE_PHOTO_JOBS=workers.")
    connect_domains()  # as in the app server: the planner's sources, the round's jobs, events

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(migrate(quiet=True))
    asyncio.run(
        worker.run(
            batch=args.batch,
            interval=args.interval,
            once=args.once,
            metrics_port=args.metrics_port,
            reminders=not args.photos_only,
        )
    )
