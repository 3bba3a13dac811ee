"""Lists come a page at a time (backend/lib/paging.py): ``limit`` and an opaque ``cursor``, the
next page's address in ``Link: <…>; rel="next"`` while more follow. Walking the pages reaches
every item exactly once, in one stable order, also while items are added between pages; a cursor
the list did not give, or a limit out of range, is a 400 naming the parameter."""

from __future__ import annotations

import re
from typing import Any

from backend.clients import services as clients
from tests.api.conftest import Api
from tests.support.world import make_user

NEXT = re.compile(r'<(?P<url>[^>]+)>; rel="next"')


async def walk(api: Api, path: str, as_: str, limit: int) -> list[list[dict[str, Any]]]:
    """Every page of ``path``, following ``Link`` until none is given."""
    pages: list[list[dict[str, Any]]] = []
    url: str | None = f"{path}?limit={limit}"
    while url is not None:
        response = await api.get(url, as_=as_)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page) <= limit
        pages.append(page)
        link = NEXT.search(response.headers.get("link", ""))
        url = link["url"] if link else None
        assert len(pages) < 100, "the pages never end"
    return pages


async def _more_clients(api: Api, names: list[str]) -> list[str]:
    assert api.world is not None
    made = []
    for i, name in enumerate(names):
        user_id = await make_user(api.world, f"paged{i}", name, "client", None)
        await clients.create_record(user_id, api.world.ids["coach"])
        made.append(user_id)
    return made


async def test_the_caseload_reaches_every_client_once_in_name_order(world_api: Api) -> None:
    # Two clients share a name: the id orders them, so neither repeats nor is skipped.
    await _more_clients(world_api, ["Cecil", "Dana", "Dana", "Eero", "Aaro", "Zofia", "Dana"])
    whole = (await world_api.get("/api/clients?limit=200", as_="coach")).json()
    assert len(whole) == 8
    assert [c["displayName"] for c in whole] == sorted(c["displayName"] for c in whole)
    for limit in (1, 3, 8):
        pages = await walk(world_api, "/api/clients", "coach", limit)
        seen = [c["id"] for page in pages for c in page]
        assert seen == [c["id"] for c in whole], limit
        assert len(pages) == -(-len(whole) // limit)  # no empty page at the end


async def test_a_client_added_between_pages_moves_nothing(world_api: Api) -> None:
    await _more_clients(world_api, ["Cecil", "Dana", "Eero"])
    first = await world_api.get("/api/clients?limit=2", as_="coach")
    assert [c["displayName"] for c in first.json()] == ["Alice Client", "Cecil"]
    link = NEXT.search(first.headers["link"])
    assert link is not None
    await _more_clients(world_api, ["Beata"])  # sorts before the cursor: the next page has not it
    rest = (await world_api.get(link["url"], as_="coach")).json()
    assert [c["displayName"] for c in rest] == ["Dana", "Eero"]


async def test_a_cursor_or_limit_out_of_place_is_refused_naming_it(world_api: Api) -> None:
    await _more_clients(world_api, ["Cecil", "Dana"])
    for query, field in [
        ("limit=0", "query.limit"),
        ("limit=201", "query.limit"),
        ("limit=many", "query.limit"),
        ("cursor=not-a-cursor", "query.cursor"),
        ("cursor=" + "x" * 601, "query.cursor"),
    ]:
        refused = await world_api.get(f"/api/clients?{query}", as_="coach")
        assert refused.status_code == 400, (query, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["errors"][0]["field"] == field, query
    # A cursor of another list is not one of this list.
    people = await world_api.get("/api/people?limit=1", as_="admin")
    other = NEXT.search(people.headers["link"])
    assert other is not None
    cursor = other["url"].split("cursor=")[1].split("&")[0]
    refused = await world_api.get(f"/api/clients?cursor={cursor}", as_="coach")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "query.cursor"


async def test_people_and_teams_reach_everyone_once(world_api: Api) -> None:
    await _more_clients(world_api, ["Dana", "Dana", "Aaro"])
    whole = (await world_api.get("/api/people?limit=200", as_="admin")).json()
    assert len(whole) == 10
    keys = [(p["displayName"], p["id"]) for p in whole]
    assert keys == sorted(keys)
    pages = await walk(world_api, "/api/people", "admin", 3)
    assert [p["id"] for page in pages for p in page] == [p["id"] for p in whole]
    teams = await walk(world_api, "/api/teams", "admin", 1)
    assert [[t["name"] for t in page] for page in teams] == [["North"], ["South"]]


async def test_invitations_come_newest_first_a_page_at_a_time(world_api: Api) -> None:
    made = []
    for i in range(7):
        invited = await world_api.post(
            "/api/invitations",
            as_="coach",
            json={"role": "client", "displayName": f"Client {i}", "delivery": "link"},
        )
        assert invited.status_code == 201, invited.text
        made.append(invited.json()["id"])
    pages = await walk(world_api, "/api/invitations", "coach", 2)
    assert [i["id"] for page in pages for i in page] == made[::-1]
    assert [len(page) for page in pages] == [2, 2, 2, 1]
