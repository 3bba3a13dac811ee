from __future__ import annotations

import functools
import shutil
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from litestar import Litestar

from tests.support import openapi
from tests.support.world import World, build


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres`` (several processes on one database: what SQLite is not
    deployed for) are skipped in the SQLite pass with their reason, which ``-ra`` prints in the
    summary; ``scripts/test`` runs the tier on PostgreSQL too, where they run."""
    from backend.settings import get_settings

    if not get_settings().is_sqlite:
        return
    skip = pytest.mark.skip(
        reason="PostgreSQL only: runs in the API tier's PostgreSQL pass (scripts/test)"
    )
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@functools.cache
def _tables() -> tuple[str, ...]:
    """Every table of every domain, those that point at others first (Piccolo's registry: a
    table a domain adds is emptied too, without a list to keep up to date). Read once: finding
    and sorting them cost more than emptying them."""
    from piccolo.conf.apps import Finder
    from piccolo.table import sort_table_classes

    ordered = sort_table_classes(Finder().get_table_classes())
    return tuple(t._meta.tablename for t in reversed(ordered))


@pytest.fixture(scope="session")
async def app() -> AsyncIterator[Litestar]:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    from backend.app import create_app
    from backend.piccolo_conf import DB

    result = await run_forwards("all")
    assert result.success, result.message
    # The API tier drives the app in the test's own event loop through httpx's ASGI transport
    # (Litestar's test clients run the lifespan in another thread's loop, where an asyncpg
    # pool cannot be shared), so the pool the lifespan would start is started here.
    if DB.engine_type == "postgres":
        await DB.start_connection_pool()
    yield create_app()
    if DB.engine_type == "postgres":
        await DB.close_connection_pool()


async def _reset() -> None:
    from backend.audit import chain
    from backend.piccolo_conf import DB

    # A fresh installation: no audit checkpoints naming entries of an earlier test.
    shutil.rmtree(chain.path().parent, ignore_errors=True)

    # On PostgreSQL one round trip: the tables are small, and emptying them row by row costs a
    # few milliseconds where TRUNCATE of fifty tables costs about eighty.
    tables = _tables()
    if DB.engine_type == "postgres":
        # The foreign keys' triggers are not needed: every table is emptied.
        deletes = "; ".join(f"DELETE FROM {table}" for table in tables)  # noqa: S608 (table names)
        async with DB.pool.acquire() as connection:
            await connection.execute(
                f"BEGIN; SET LOCAL session_replication_role = replica; {deletes}; COMMIT"
            )
    else:
        # One transaction: one commit to the write-ahead log instead of one for each table.
        async with DB.transaction():
            for table in tables:
                await DB.run_ddl(f"DELETE FROM {table}")  # noqa: S608 (constant names)


class Api:
    """One HTTP client; ``as_`` picks whose session cookie goes with a request.
    Every response is validated against the OpenAPI document."""

    def __init__(self, client: httpx.AsyncClient, world: World | None = None) -> None:
        self.client = client
        self.world = world

    async def request(
        self,
        method: str,
        path: str,
        *,
        as_: str | None = None,
        token: str | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
        csrf: bool = True,
    ) -> httpx.Response:
        self.client.cookies.clear()
        session = token or (self.world.tokens[as_] if as_ and self.world else None)
        if session:
            self.client.cookies.set("stepwise_session", session)
        all_headers = {"x-requested-with": "stepwise"} if csrf else {}
        all_headers.update(headers or {})
        response = await self.client.request(method, path, json=json, headers=all_headers)
        if path.startswith(("/api/", "/health")):
            openapi.validate(
                method,
                path,
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
            )
        return response

    async def get(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("GET", path, **kw)

    async def post(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("POST", path, **kw)

    async def patch(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("PATCH", path, **kw)

    async def delete(self, path: str, **kw: Any) -> httpx.Response:
        return await self.request("DELETE", path, **kw)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    await _reset()  # the rate limits' counts too: every test is one address
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as c:
        yield c


@pytest.fixture
async def api(client: httpx.AsyncClient) -> Api:
    return Api(client)


@pytest.fixture
async def world_api(client: httpx.AsyncClient) -> Api:
    return Api(client, await build())
