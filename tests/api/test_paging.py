"""Lists come a page at a time (backend/lib/paging.py): ``limit`` and an opaque ``cursor``, the
next page's address in ``Link: <…>; rel="next"`` while more follow. Walking the pages reaches
every item exactly once, in one stable order, also while items are added between pages; a cursor
the list did not give, or a limit out of range, is a 400 naming the parameter."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from backend.clients import services as clients
from backend.lib.paging import DEFAULT_LIMIT, MAX_LIMIT
from tests.api.conftest import Api
from tests.support import coaching, openapi, tasks
from tests.support import family as family_world
from tests.support.employers import build_employers
from tests.support.world import make_user

NEXT = re.compile(r'<(?P<url>[^>]+)>; rel="next"')


async def walk(api: Api, path: str, as_: str, limit: int) -> list[Any]:
    """Every page of ``path``, following ``Link`` until none is given."""
    pages: list[Any] = []
    url: str | None = f"{path}{'&' if '?' in path else '?'}limit={limit}"
    while url is not None:
        response = await api.get(url, as_=as_)
        assert response.status_code == 200, response.text
        page = response.json()
        assert isinstance(page, dict) or len(page) <= limit
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
    assert len(whole) == 11  # the world's eight people and three more
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


# --- every list, found from the OpenAPI document -------------------------------------------

# Lists answered whole, and why: each is bounded by what it is, not by history.
UNPAGED = {
    "/api/competence/frameworks": "the versions of the competence framework (one per "
    "published edit)",
    "/api/competence/assessments/assessors": "the administrators, the team's coordinator and "
    "the certified coaches (a handful)",
    "/api/competence/field-mentors": "a coach's field mentors, the current one and at most 19 "
    "before it",
    "/api/competence/field-mentors/choices": "the team's coordinator and the certified coaches (a "
    "handful)",
    "/api/competence/mentees": "the coaches one mentors in the field now (a handful; at most 100)",
    "/api/competence/evidence/suggestions": "a person's own records of the last six months, at "
    "most 20 of a kind and 12 weeks of employer contacts",
    "/api/audit": "the audit log pages by its own key (``before``, the entry id): docs/privacy.md",
    "/api/clients/{client_id}/agreements/partners": "the client's coach and the mentors of the "
    "client's team (a handful)",
    "/api/clients/{client_id}/shifts/today": "one day's shifts",
    "/api/clients/{client_id}/shifts/upcoming": "the coming 28 days' shifts",
    "/api/family/sharing": "the few clients a family member is linked to",
    "/api/fading/mine": "the client's own fading plans, one per job (a handful)",
    "/api/fidelity/templates": "the newest version of each template (two)",
    "/api/help-requests": "the requests nobody has answered yet (answered ones leave it)",
    "/api/me/passkeys": "one person's passkeys (a handful)",
    "/api/me/push-subscriptions": "one person's devices (a handful)",
    "/api/pta/question-sets": "the versions of one question set (one per published edit)",
    "/api/reports/definitions": "the funder report definitions shipped with the app (a handful)",
}
# Lists that name their next page inside the answer, and why.
CURSOR_IN_ANSWER = {
    "/api/tasks/{task_id}/progress": "a chart of the latest sessions, oldest first, with mastery "
    "over all of them: the answer's ``olderCursor`` reads the page before; 100 fill a chart",
}
# Path parameters → the organisation's ids (world.ids keys), as in test_schemathesis.py.
IDS = {"client_id": "client", "task_id": "task", "job_id": "job"}
FIXED = {"indicator": "caseload"}  # the rows behind a figure: the clients in support


def _list_operations(with_cursor: bool = False) -> dict[str, dict[str, Any]]:
    """GET operations answering a list (or, ``with_cursor``, any that takes a cursor)."""
    document = openapi.document()
    found = {}
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        schema = get["responses"].get("200", {}).get("content", {}).get("application/json", {})
        takes = any(p["name"] == "cursor" for p in get.get("parameters", []))
        if schema.get("schema", {}).get("type") == "array" or (with_cursor and takes):
            found[path] = get
    return found


def test_every_list_takes_a_cursor_and_a_bounded_limit_or_says_why_not() -> None:
    lists = _list_operations(with_cursor=True)
    assert set(UNPAGED) <= set(lists), set(UNPAGED) - set(lists)
    # Lists inside an answer: the week (a page of clients) and the consent history.
    assert {"/api/week", "/api/clients/{client_id}/consents"} <= set(lists)
    for path, operation in lists.items():
        if path in UNPAGED:
            continue
        query = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
        assert {"cursor", "limit"} <= set(query), f"{path} takes no page"
        limit = query["limit"]["schema"]
        assert limit.get("minimum") == 1 and limit.get("maximum") == MAX_LIMIT, path
        if path in CURSOR_IN_ANSWER:
            continue
        assert limit.get("default") == DEFAULT_LIMIT, path
        assert "Link" in operation["responses"]["200"].get("headers", {}), path


def _url(path: str, ids: dict[str, str]) -> str:
    for name, key in IDS.items():
        path = path.replace("{" + name + "}", ids[key])
    for name, value in FIXED.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, path
    return path


async def test_every_paged_list_keeps_to_its_limit_and_refuses_a_bad_cursor(
    world_api: Api,
) -> None:
    world = world_api.world
    assert world is not None
    await tasks.build_tasks(world)
    await coaching.build_coaching(world)
    await family_world.build_family(world)
    await build_employers(world)  # Alice's job: the lists of a job (its handover pack's feedback)
    await _more_clients(world_api, ["Cecil", "Dana"])
    arrays = _list_operations()
    paged = [p for p in _list_operations(with_cursor=True) if p not in UNPAGED]
    assert len(paged) >= 12
    for path in paged:
        url = _url(path, world.ids)
        # Whoever may read the list: its client's coach, else an administrator, else family.
        for as_ in ("coach", "admin", "family"):
            whole = await world_api.get(f"{url}?limit={MAX_LIMIT}", as_=as_)
            if whole.status_code != 403:
                break
        assert whole.status_code == 200, (path, whole.text)
        if path in arrays:  # one at a time, every item once, in the same order as all at once
            pages = await walk(world_api, url, as_, 1)
            assert [item for page in pages for item in page] == whole.json(), path
        for query, field in [
            ("limit=0", "query.limit"),
            (f"limit={MAX_LIMIT + 1}", "query.limit"),
            ("cursor=%2A%2A%2A", "query.cursor"),
        ]:
            refused = await world_api.get(f"{url}?{query}", as_=as_)
            assert refused.status_code == 400, (path, query, refused.text)
            assert refused.json()["errors"][0]["field"] == field, (path, query)


async def test_goals_come_latest_end_first_across_pages_with_equal_ends(world_api: Api) -> None:
    """Three sort columns, all descending (the end, then the newest, then the id), two goals
    ending on each day: a page boundary inside a day neither repeats nor skips one."""
    assert world_api.world is not None
    path = f"/api/clients/{world_api.world.ids['client']}/goals"
    today = datetime.now(UTC).date()
    for day in range(3):
        for n in range(2):
            made = await world_api.post(
                path,
                as_="coach",
                json={
                    "localId": coaching.new_id(),
                    "title": f"Goal {day}-{n}",
                    "means": ["Practise"],
                    "endsOn": (today + timedelta(days=7 + day)).isoformat(),
                    "levels": {"expected": "Done."},
                },
            )
            assert made.status_code == 201, made.text
    whole = (await world_api.get(f"{path}?limit=200", as_="coach")).json()
    assert [g["endsOn"] for g in whole] == sorted((g["endsOn"] for g in whole), reverse=True)
    for limit in (1, 3, 4):
        pages = await walk(world_api, path, "coach", limit)
        assert [g["id"] for page in pages for g in page] == [g["id"] for g in whole]


async def test_the_consent_history_pages_both_its_lists(world_api: Api) -> None:
    world = world_api.world
    assert world is not None
    for kind in ("goals", "shifts", "training", "updates", "goals"):
        await family_world.grant(world, kind)
    path = f"/api/clients/{world.ids['client']}/consents"
    whole = (await world_api.get(f"{path}?limit=200", as_="client")).json()
    assert len(whole["consents"]) == 5
    pages = await walk(world_api, path, "client", 2)
    assert [len(p["consents"]) for p in pages] == [2, 2, 1]
    seen = [c for p in pages for c in p["consents"]]
    assert seen == whole["consents"]
    assert [a for p in pages for a in p["autoShare"]] == whole["autoShare"]


async def test_the_week_comes_a_page_of_clients_at_a_time(world_api: Api) -> None:
    await _more_clients(world_api, ["Cecil", "Dana", "Eero"])
    first = await world_api.get("/api/week?limit=2", as_="coach")
    assert first.status_code == 200, first.text
    pages = await walk(world_api, "/api/week", "coach", 2)
    assert len(pages) == 2  # four clients of Ada, two a page
    assert {p["start"] for p in pages} == {first.json()["start"]}
    # No conversation held yet: each client is due once, on the page of their name.
    due = [[d["displayName"] for d in p["conversationsDue"]] for p in pages]
    assert due == [["Alice Client", "Cecil"], ["Dana", "Eero"]]


async def test_a_week_narrowed_to_one_coach_pages_that_coachs_clients(world_api: Api) -> None:
    # Ada's clients come first by name; narrowed to Ben, the first page is Ben's client, not an
    # empty page of Ada's with a "more" link.
    await _more_clients(world_api, ["Aaro", "Abel", "Adam"])
    assert world_api.world is not None
    ben = world_api.world.ids["other_coach"]
    pages = await walk(world_api, f"/api/week?coach={ben}", "admin", 1)
    due = [[d["displayName"] for d in p["conversationsDue"]] for p in pages]
    assert due == [["Bob Client"]]
