"""Natural supports due for review on the coach's week: the supports of the page's clients whose
review day falls in the week, or passed without a review, in one read; marking one reviewed
(with the next review day) takes it off the week. Another caseload sees none and reaches none."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from backend.audit.tables import AuditEvent
from backend.employers import jobs
from backend.employers.lookups import employer_of
from backend.piccolo_conf import DB
from shared_schemas import employers as employers_wire
from tests.api.conftest import Api
from tests.api.test_paging import _more_clients, walk
from tests.support import workplace
from tests.support.clock import FakeClock, install
from tests.support.employers import build_employers
from tests.support.tasks import actor
from tests.support.world import World

# Tuesday 1 December 2026, 12:00 in Helsinki: the week is Monday 30 November … Sunday 6 December.
TUESDAY_NOON = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TUESDAY_NOON)


def _w(api: Api) -> World:
    assert api.world is not None
    return api.world


async def _job_for(w: World, client_id: str, title: str) -> str:
    """A job at Hotel Aurora for one of Ada's clients."""
    await build_employers(w)
    employer = await employer_of(w.ids["employer"])
    assert employer is not None
    job_id, _ = await jobs.create(
        actor(w, "coach", "coach", "North"),
        client_id,
        employer,
        employers_wire.JobCreate(
            local_id=str(uuid.uuid4()), employer_id=employer.id, title=title,
            start_date=date(2026, 11, 2),
        ),
    )  # fmt: skip
    return job_id


async def _support(api: Api, job_id: str, name: str, helps: str, review: str | None) -> Any:
    made = await api.post(
        workplace.base(job_id) + "/supports",
        as_="coach",
        json={"localId": workplace.new_id(), "name": name, "role": "cook", "helpsWith": helps,
              "reviewOn": review},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    return made.json()


def _shown(week: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (s["displayName"], s["name"], s["helpsWith"], s["reviewOn"])
        for s in week["supportsToReview"]
    ]


async def test_supports_to_review_come_with_the_week_and_leave_once_reviewed(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await build_employers(w)
    job = w.ids["job"]
    due = await _support(world_api, job, "Rita", "Breaks", "2026-12-03")  # Thursday
    late = await _support(world_api, job, "Sam", "The order of the morning", "2026-11-20")
    await _support(world_api, job, "Olli", "The lockers", "2026-12-07")  # next Monday
    await _support(world_api, job, "Pia", "Lunch", None)  # no review day

    week = (await world_api.get("/api/week", as_="coach")).json()
    assert _shown(week) == [
        ("Alice Client", "Sam", "The order of the morning", "2026-11-20"),  # overdue first
        ("Alice Client", "Rita", "Breaks", "2026-12-03"),
    ]
    first = week["supportsToReview"][0]
    assert (first["ownerId"], first["jobId"], first["jobTitle"], first["role"]) == (
        w.ids["client"], job, "Kitchen assistant", "cook",
    )  # fmt: skip
    assert (await world_api.get("/api/week", as_="coordinator")).json()["supportsToReview"]
    next_week = (await world_api.get("/api/week?start=2026-12-08", as_="coach")).json()
    assert [s[1] for s in _shown(next_week)] == ["Sam", "Rita", "Olli"]
    other = (await world_api.get("/api/week", as_="other_coach")).json()
    assert other["supportsToReview"] == []

    # Reviewed today, next in three months: off the week, the day it was reviewed kept.
    marked = await world_api.post(
        f"/api/natural-supports/{late['id']}/reviewed",
        as_="coach",
        json={"nextReviewOn": "2027-03-01"},
    )
    assert marked.status_code == 200, marked.text
    assert (marked.json()["reviewedOn"], marked.json()["reviewOn"]) == ("2026-12-01", "2027-03-01")
    assert marked.json()["reviewDue"] is False
    again = await world_api.post(
        f"/api/natural-supports/{late['id']}/reviewed", as_="coach",
        json={"nextReviewOn": "2027-03-01"},
    )  # fmt: skip
    assert again.status_code == 200 and again.json() == marked.json()  # a retry changes nothing
    # Reviewed with no next day: it has nothing more to review.
    done = await world_api.post(
        f"/api/natural-supports/{due['id']}/reviewed", as_="coordinator", json={}
    )
    assert done.status_code == 200 and done.json()["reviewOn"] is None
    week = (await world_api.get("/api/week", as_="coach")).json()
    assert week["supportsToReview"] == []
    actions = await AuditEvent.select(AuditEvent.action).where(
        AuditEvent.action == "natural_support_reviewed"
    )
    assert len(actions) == 3


async def test_marking_reviewed_is_refused_out_of_reach_or_with_a_past_day(
    world_api: Api, fake_clock: FakeClock
) -> None:
    w = _w(world_api)
    await build_employers(w)
    support = await _support(world_api, w.ids["job"], "Rita", "Breaks", "2026-12-03")
    path = f"/api/natural-supports/{support['id']}/reviewed"
    for who in ("other_coach", "other_client", "family"):
        assert (await world_api.post(path, as_=who, json={})).status_code == 404, who
    assert (await world_api.post(path, as_="client", json={})).status_code == 403
    past = await world_api.post(path, as_="coach", json={"nextReviewOn": "2026-12-01"})
    assert past.status_code == 422, past.text
    assert "body.nextReviewOn" in past.text
    unknown = await world_api.post(
        f"/api/natural-supports/{workplace.new_id()}/reviewed", as_="coach", json={}
    )
    assert unknown.status_code == 404
    week = (await world_api.get("/api/week", as_="coach")).json()
    assert [s[1] for s in _shown(week)] == ["Rita"]  # nothing was marked


async def test_each_page_of_the_week_has_its_clients_supports_in_one_read(
    world_api: Api, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _w(world_api)
    await build_employers(w)
    cecil, dana, eero = await _more_clients(world_api, ["Cecil", "Dana", "Eero"])
    for client_id, name in ((cecil, "Cecil"), (dana, "Dana"), (eero, "Eero")):
        job = await _job_for(w, client_id, f"{name}'s job")
        await _support(world_api, job, f"Buddy of {name}", "Breaks", "2026-12-02")
    await _support(world_api, w.ids["job"], "Sam", "The morning", "2026-12-04")

    reads: list[str] = []
    run = DB.run_querystring

    async def counted(querystring: Any, *args: Any, **kwargs: Any) -> Any:
        if "natural_supports" in str(querystring):
            reads.append(str(querystring))
        return await run(querystring, *args, **kwargs)

    monkeypatch.setattr(DB, "run_querystring", counted)
    pages = await walk(world_api, "/api/week", "coach", 2)
    assert [[s["displayName"] for s in p["supportsToReview"]] for p in pages] == [
        ["Cecil", "Alice Client"],  # by review day: Wednesday, then Friday
        ["Dana", "Eero"],
    ]
    assert len(reads) == 2  # one read per page, whatever the page's clients
