"""The session cache drops only what changed (PostgreSQL; ``backend/accounts/sessions.py``).

Each app server keeps session → person copies for a few seconds and hears every change to
sessions, people and teams (``NOTIFY``, ``backend/lib/db.py``). A change names what it changed —
a session, a person, a team — and a server drops only those copies: one person's sign-out
leaves everyone else's copies in place. A write nobody named, or an announcement a server
cannot read, still drops every copy. Here this test process is one server; "another server"
is a connection of its own that writes and announces as a server does.

Two real servers (a sign-out on one, everyone else still served from copies on the other):
``tests/api/test_scale_out.py``.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest

from backend.accounts import people, sessions
from backend.accounts.tables import Session, Team, User
from backend.lib.clock import now
from backend.lib.db import (
    CHANGES,
    EVERYTHING,
    HEARD,
    LISTENER_NAME,
    FastPostgresEngine,
    cache_stamp,
    change,
)
from backend.settings import get_settings
from shared_schemas import accounts as wire
from tests.api.conftest import Api
from tests.support.sessions import WAIT, kept, lookup
from tests.support.world import World, touch_sessions

pytestmark = pytest.mark.postgres


async def _listening() -> FastPostgresEngine:
    engine = Session._meta.db
    assert isinstance(engine, FastPostgresEngine)
    deadline = time.monotonic() + WAIT
    while cache_stamp(engine) is None:  # the first call starts the listener
        assert time.monotonic() < deadline, "the listener did not connect"
        await asyncio.sleep(0.01)
    return engine


@pytest.fixture(autouse=True)
def copies_outlive_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy runs out after a few seconds (at random, 2.5–5 s): on a busy machine a test's
    steps take longer, and a copy run out would read as one dropped by a change."""
    monkeypatch.setattr(sessions, "CACHE_SECONDS", 600.0)


@pytest.fixture
async def elsewhere() -> AsyncIterator[Any]:
    """Another server's connection to the same database."""
    connection = await asyncpg.connect(get_settings().database_url)
    yield connection
    await connection.close()


async def _announce(
    engine: FastPostgresEngine, other: Any, what: str, sql: str = "", *args: Any
) -> None:
    """``sql`` and its announcement in one transaction on the other connection, as a server
    writes; returns once this process has heard it."""
    before = engine.changes
    async with other.transaction():
        if sql:
            await other.execute(sql, *args)
        await other.execute("SELECT pg_notify($1, $2)", CHANGES, what)
    deadline = time.monotonic() + WAIT
    while engine.changes == before:
        assert time.monotonic() < deadline, f"{what!r} was not heard"
        await asyncio.sleep(0.005)


async def _all_from_copies(world: World, keys: list[str]) -> dict[str, bool]:
    return {key: (await lookup(world.tokens[key]))[1] for key in keys}


async def test_a_change_another_server_names_drops_only_those_copies(
    world_api: Api, elsewhere: Any
) -> None:
    world = world_api.world
    assert world is not None
    engine = await _listening()
    # A second session of the coach (another phone): a person's change reaches both.
    second = "coach-second-phone-" + "x" * 20
    at = now()
    await Session.insert(
        Session(
            id_hash=sessions.hash_token(second),
            user=world.ids["coach"],
            created_at=at,
            last_seen_at=at,
            expires_at=at + timedelta(days=1),
        )
    )
    world.tokens["coach_phone"] = second
    everyone = ["client", "other_client", "coach", "coach_phone", "coordinator", "mentor"]
    await touch_sessions(world)  # copies serve only recently seen sessions
    for key in everyone:
        await kept(world.tokens[key])

    # One sign-out: that session is refused, every other copy still answers.
    gone = sessions.hash_token(world.tokens["client"])
    await _announce(
        engine, elsewhere, change("sessions", gone), "DELETE FROM sessions WHERE id_hash = $1", gone
    )
    assert await lookup(world.tokens["client"]) == (None, False)
    others = [k for k in everyone if k != "client"]
    assert await _all_from_copies(world, others) == dict.fromkeys(others, True)

    # A person renamed: both of their sessions are read again, nobody else's.
    await _announce(
        engine,
        elsewhere,
        change("users", world.ids["coach"]),
        "UPDATE users SET display_name = $1 WHERE id = $2",
        "Ada Renamed",
        world.ids["coach"],
    )
    for key in ("coach", "coach_phone"):
        actor, from_copy = await lookup(world.tokens[key])
        assert actor is not None and actor.display_name == "Ada Renamed" and not from_copy
    rest = ["other_client", "coordinator", "mentor"]
    assert await _all_from_copies(world, rest) == dict.fromkeys(rest, True)

    # A team's change reaches its members (North: the coordinator, the coaches, the mentor).
    north = world.teams["North"]
    await _announce(
        engine,
        elsewhere,
        change("teams", north),
        "UPDATE teams SET name = $1 WHERE id = $2",
        "North-East",
        north,
    )
    assert await _all_from_copies(world, ["coordinator", "mentor", "other_client"]) == {
        "coordinator": False,
        "mentor": False,
        "other_client": True,
    }

    # What names nothing, or nothing this server can read, drops every copy.
    for payload in (EVERYTHING, "nonsense:1", "sessions:", "sessions"):
        await kept(world.tokens["other_client"])
        await _announce(engine, elsewhere, payload)
        actor, from_copy = await lookup(world.tokens["other_client"])
        assert actor is not None and not from_copy, payload


async def test_nothing_is_trusted_while_a_change_is_unread(world_api: Api) -> None:
    """The announcement of a sign-out has reached this server's socket but the event loop has
    not read it yet: the copy is not served, the database answers."""
    world = world_api.world
    assert world is not None
    engine = await _listening()
    token = world.tokens["client"]
    await kept(token)
    gone = sessions.hash_token(token)

    async def sign_out_elsewhere() -> None:
        other = await asyncpg.connect(get_settings().database_url)
        try:
            async with other.transaction():
                await other.execute("DELETE FROM sessions WHERE id_hash = $1", gone)
                await other.execute("SELECT pg_notify($1, $2)", CHANGES, change("sessions", gone))
        finally:
            await other.close()

    # Another server, in a thread with its own event loop; this loop is blocked meanwhile, so
    # it reads nothing from the listener until the lookup below.
    thread = threading.Thread(target=asyncio.run, args=(sign_out_elsewhere(),))
    thread.start()
    thread.join()
    assert engine._unread.poll(int(WAIT * 1000)), "the announcement never arrived"
    assert await lookup(token) == (None, False)


async def test_the_app_names_what_its_writes_change(world_api: Api, elsewhere: Any) -> None:
    """What this server's own writes announce: the session, the person or the team; a write
    nobody named announces anything (every copy goes); a sign-in (a new row) nothing."""
    world = world_api.world
    assert world is not None
    heard: list[str] = []
    await elsewhere.add_listener(CHANGES, lambda *args: heard.append(args[-1]))
    client = await sessions.lookup(world.tokens["client"])
    assert client is not None
    coach, north = world.ids["coach"], world.teams["North"]

    await sessions.end(client)
    await sessions.mark_verified(
        await sessions.lookup(world.tokens["other_client"])  # type: ignore[arg-type]
    )
    assert await sessions.end_all(world.ids["family"]) == 1
    await people.rename(coach, "Ada Renamed")
    await people.update_me(coach, wire.MeUpdate(locale="fi"))
    await people.set_team(world.ids["other_coach"], north)
    await people.update_team(north, wire.TeamUpdate(name="North-East"))
    await User.update({User.locale: "pl"}).where(User.role == "client")  # names nobody
    await Team.insert(Team(name="West", created_at=now()))  # a new row: no copy can be of it

    expected = [
        change("sessions", client.session_hash),
        change("sessions", sessions.hash_token(world.tokens["other_client"])),
        change("users", world.ids["family"]),
        change("users", coach),
        change("users", coach),
        change("users", world.ids["other_coach"]),
        change("teams", north),
        EVERYTHING,
    ]
    deadline = time.monotonic() + WAIT
    while len(heard) < len(expected):
        assert time.monotonic() < deadline, heard
        await asyncio.sleep(0.005)
    assert heard == expected


async def test_a_sign_out_returns_once_every_listening_server_has_heard_it(
    world_api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL sends an announcement to each listening server in its own time: a sign-out
    answers only once every server that listens has said it heard it (and so dropped the
    copy), or after ``ACK_SECONDS`` for one that never does."""
    world = world_api.world
    assert world is not None
    engine = await _listening()
    other = await asyncpg.connect(
        get_settings().database_url, server_settings={"application_name": LISTENER_NAME}
    )
    heard: list[float] = []
    acking = False

    def hear(_: Any, pid: int, channel: str, payload: str) -> None:
        heard.append(time.monotonic())
        if acking:
            asyncio.get_running_loop().create_task(
                other.execute("SELECT pg_notify($1, $2)", HEARD, f"{pid}:{payload}")
            )

    await other.add_listener(CHANGES, hear)
    try:
        # A server that hears but never says so: the sign-out waits for it, then gives up.
        monkeypatch.setattr(engine, "ACK_SECONDS", 0.3)
        client = await sessions.lookup(world.tokens["client"])
        assert client is not None
        started = time.monotonic()
        await sessions.end(client)
        assert time.monotonic() - started >= 0.3
        # One that says so: the sign-out answers after it heard, long before the time is up.
        acking = True
        monkeypatch.setattr(engine, "ACK_SECONDS", 30.0)
        coach = await sessions.lookup(world.tokens["coach"])
        assert coach is not None
        heard.clear()
        await sessions.end(coach)
        returned = time.monotonic()
        assert heard and heard[0] <= returned
        assert returned - heard[0] < 30.0
    finally:
        await other.close()
