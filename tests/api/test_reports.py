"""Funder reports on a small hand-made organisation: the ESF+ common indicators for the fourth
quarter of 2026 (1 October – 31 December), each figure worked out here by hand (docs/reports.md
states the rules), then suppression in every output, the signed snapshot, corrections,
idempotent submits. The clock stands on Tuesday 5 January 2027.

Team North (coach Ada): groups of n clients who share a story — in or out of paid work at
entry; their support; their jobs → what they count as.

- A (7): out; 1 Sep 2026 – open → participant.
- B (6): out; 1 Jul – 15 Nov; 10 h from 1 Nov → participant, leaver, employed on leaving,
  improved (out of work → in work).
- C (6): in; 1 Aug – 10 Dec; 5 h from 1 Jun, 20 h from 1 Dec → participant, leaver, employed
  on leaving, improved (5 → 25 hours).
- D (1): in; 1 Aug – 31 Dec; 10 h from 1 Jun → participant, leaver, employed on leaving; not
  improved (10 → 10 hours).
- E (2): out; 1 Oct – 31 Dec; no job → participant, leaver.
- F (1): out; 1 Feb – 30 Sep → nothing (ended before the quarter).
- G (6): out; Oct 2025 – 20 Apr 2026, agreed to be asked, recorded "in work" → in work six
  months after leaving (20 Oct).
- H (1): agreed; 31 May 2026, recorded "looking" → nothing (six months on 30 Nov, not in work).
- I (1): 10 May 2026, did not agree → nothing.
- J (1): intake 2 Jan 2027 → nothing (after the quarter).
- K (1): in work at entry 1 Mar – 2 Oct, then out of work 5 Oct – open → one participant (out,
  by the latest episode), a leaver (in, by the episode that ended).

North: participants 7+6+6+1+2+1 = 23 (out 7+6+2+1 = 16, in 6+1 = 7); leavers 6+6+1+2+1 = 16
(out 6+2 = 8, in 6+1+1 = 8); employed on leaving 6+6+1 = 13 (out 6, in 7); six months after: 6
(out 6, in 0); improved 6+6 = 12 (out 6, in 6).

Team South (coach Ben): Bob and five more out of work from 1 Nov, one in work from 1 Nov (open):
participants 7 (out 6, in 1) — the 1 is "≤ 5", so the total is hidden ("–"); nobody left (0).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import uuid
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
import pypdf
import pytest

from backend.audit.tables import AuditEvent
from backend.clients import create_record
from backend.employers.tables import Job
from backend.journey.tables import Episode, FollowUp
from backend.lib.clock import now
from backend.reports.tables import Report
from tests.api.conftest import Api
from tests.api.test_paging import walk
from tests.support.clock import FakeClock, install
from tests.support.world import World, make_users

TODAY = datetime(2027, 1, 5, 12, 0, tzinfo=UTC)
D = date
Q4 = "2026-Q4"
ROWS = [
    "participants_with_disabilities",
    "leavers",
    "employed_on_leaving",
    "employed_six_months",
    "improved_situation",
]


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return install(monkeypatch, TODAY)


async def _episode(
    client: str,
    intake: date,
    closed: date | None = None,
    *,
    in_work: bool = False,
    agreed: bool = False,
    follow_up: str | None = None,
) -> None:
    row = Episode(
        client_uuid=uuid.uuid4(),
        client=client,
        intake_on=intake,
        closed_on=closed,
        in_paid_work=in_work,
        follow_up_agreed=agreed,
        created_at=now(),
        updated_at=now(),
    )
    await row.save()
    if follow_up is not None and closed is not None:
        await FollowUp(
            client_uuid=uuid.uuid4(),
            episode=row.id,
            client=client,
            situation=follow_up,
            situation_on=closed.replace(year=closed.year + 1, month=1, day=1),
            created_at=now(),
        ).save()


async def _job(client: str, start: date, hours: int) -> None:
    await Job(
        client_uuid=uuid.uuid4(),
        client=client,
        title="Work",
        start_date=start,
        hours_per_week_tenths=hours * 10,
        created_at=now(),
        updated_at=now(),
    ).save()


async def _group(w: World, group: str, n: int, team: str) -> list[str]:
    keys = [f"{group}{i}" for i in range(n)]
    await make_users(w, [(k, f"{group}{i} Client", "client", None) for i, k in enumerate(keys)])
    coach = w.ids["coach"] if team == "North" else w.ids["other_coach"]
    for k in keys:
        await create_record(w.ids[k], coach)
    return [w.ids[k] for k in keys]


async def _organisation(w: World) -> None:
    for c in await _group(w, "A", 7, "North"):
        await _episode(c, D(2026, 9, 1))
    for c in await _group(w, "B", 6, "North"):
        await _episode(c, D(2026, 7, 1), D(2026, 11, 15))
        await _job(c, D(2026, 11, 1), 10)
    for c in await _group(w, "C", 6, "North"):
        await _episode(c, D(2026, 8, 1), D(2026, 12, 10), in_work=True)
        await _job(c, D(2026, 6, 1), 5)
        await _job(c, D(2026, 12, 1), 20)
    for c in await _group(w, "D", 1, "North"):
        await _episode(c, D(2026, 8, 1), D(2026, 12, 31), in_work=True)
        await _job(c, D(2026, 6, 1), 10)
    for c in await _group(w, "E", 2, "North"):
        await _episode(c, D(2026, 10, 1), D(2026, 12, 31))
    for c in await _group(w, "F", 1, "North"):
        await _episode(c, D(2026, 2, 1), D(2026, 9, 30))
    for c in await _group(w, "G", 6, "North"):
        await _episode(c, D(2025, 10, 1), D(2026, 4, 20), agreed=True, follow_up="work")
    for c in await _group(w, "H", 1, "North"):
        await _episode(c, D(2025, 11, 1), D(2026, 5, 31), agreed=True, follow_up="looking")
    for c in await _group(w, "I", 1, "North"):
        await _episode(c, D(2025, 11, 1), D(2026, 5, 10))
    for c in await _group(w, "J", 1, "North"):
        await _episode(c, D(2027, 1, 2))
    for c in await _group(w, "K", 1, "North"):
        await _episode(c, D(2026, 3, 1), D(2026, 10, 2), in_work=True)
        await _episode(c, D(2026, 10, 5))
    south = [w.ids["other_client"], *await _group(w, "S", 5, "South")]
    for c in south:
        await _episode(c, D(2026, 11, 1))
    for c in await _group(w, "T", 1, "South"):
        await _episode(c, D(2026, 11, 1), in_work=True)


def _cells(table: dict[str, Any]) -> dict[str, list[str]]:
    return {r["id"]: [c["shown"] for c in r["cells"]] for r in table["rows"]}


async def _preview(api: Api, who: str, query: str = "") -> dict[str, Any]:
    answer = await api.get(f"/api/reports/preview?definition=esf_plus&period={Q4}{query}", as_=who)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _submit(**more: Any) -> dict[str, Any]:
    return {"localId": str(uuid.uuid4()), "definition": "esf_plus", "period": Q4, **more}


async def test_the_esf_plus_figures_are_the_ones_worked_out_by_hand(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    table = await _preview(world_api, "coordinator")
    assert (table["start"], table["end"], table["scope"]["name"]) == (
        "2026-10-01",
        "2026-12-31",
        "North",
    )
    assert [c["id"] for c in table["columns"]] == ["total", "out_of_work", "in_work"]
    assert [r["code"] for r in table["rows"]] == ["EECO12", "", "EECR04", "EECR05", "EECR06"]
    assert _cells(table) == {
        "participants_with_disabilities": ["23", "16", "7"],
        "leavers": ["16", "8", "8"],
        "employed_on_leaving": ["13", "6", "7"],
        "employed_six_months": ["6", "6", "0"],
        "improved_situation": ["12", "6", "6"],
    }


async def test_the_organisation_counts_every_team_and_a_small_count_hides_its_total(
    world_api: Api,
) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    org = _cells(await _preview(world_api, "admin"))
    assert org["participants_with_disabilities"] == ["30", "22", "8"]
    assert org["leavers"] == ["16", "8", "8"]
    south = _cells(
        await _preview(world_api, "admin", f"&scope=team&id={world_api.world.teams['South']}")
    )
    # 7 participants: 6 out of work, 1 in work — the 1 is hidden, and the total with it.
    assert south["participants_with_disabilities"] == ["–", "6", "≤ 5"]
    assert south["leavers"] == ["0", "0", "0"]


def _no_small_number(cells: list[list[str]], label: str) -> None:
    """No cell is a count of 1 to 5; where exactly one part of a row is hidden, so is the
    total (the first cell)."""
    for row in cells:
        for value in row:
            assert value not in {"1", "2", "3", "4", "5"}, (label, row)
        hidden = [v for v in row[1:] if not v.isdigit()]
        if len(hidden) == 1:
            assert not row[0].isdigit(), (label, row)


async def _south_report(api: Api) -> dict[str, Any]:
    assert api.world
    await _organisation(api.world)
    answer = await api.post(
        "/api/reports",
        as_="admin",
        json=_submit(scope="team", scopeId=api.world.teams["South"]),
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def test_no_output_shows_a_count_of_one_to_five_or_a_total_that_reveals_one(
    world_api: Api,
) -> None:
    report = await _south_report(world_api)
    links = {d["kind"]: d["href"] for d in report["downloads"]}
    for language in ("en", "he"):
        got = await world_api.get(
            links["xlsx"].replace("language=en", f"language={language}"), as_="admin"
        )
        assert got.status_code == 200, got.text
        sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
        assert sheet is not None
        rows = [[str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        assert len(rows) == 1 + len(ROWS)
        _no_small_number([r[1:] for r in rows[1:]], f"xlsx {language}")
        assert rows[1][1:] == ["–", "6", "≤ 5"]
    got = await world_api.get(links["csv"], as_="admin")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert lines[0] == ["Indicator", "Total", "Out of paid work at entry", "In paid work at entry"]
    assert lines[1] == ["Participants with disabilities", "–", "6", "≤ 5"]
    _no_small_number([line[1:] for line in lines[1:]], "csv")
    got = await world_api.get(links["pdf"], as_="admin")
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(got.content)).pages)
    assert "≤ 5" in text and "EECO12" in text and "What each figure counts" in text
    # The table (after its heading row, before the definitions): no number of 1 to 5 but
    # in "≤ 5", and the participants' total hidden.
    table_text = text.split("What each figure counts")[0].split("Indicator", 1)[1]
    assert "Participants with disabilities – 6 ≤ 5" in table_text
    assert not re.search(r"(?<!\d)[1-5](?!\d)", table_text.replace("≤ 5", ""))
    # Every download is in the audit log.
    kinds = {
        e["detail"]["kind"]
        for e in await AuditEvent.select(AuditEvent.detail)
        .where(AuditEvent.action == "report_downloaded")
        .output(load_json=True)
    }
    assert kinds == {"xlsx", "csv", "pdf"}


async def test_a_submitted_report_is_a_signed_snapshot_that_does_not_change(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    await _organisation(w)
    answer = await world_api.post("/api/reports", as_="coordinator", json=_submit())
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert report["submittedBy"] == "Cora Coordinator" and report["intact"] is True
    assert report["submittedAt"].startswith("2027-01-05")
    stored = await Report.select().where(Report.id == report["id"]).first()
    assert stored is not None
    assert hashlib.sha256(stored["content"].encode()).hexdigest() == report["contentHash"]
    assert w.ids["coordinator"] in stored["content"]  # signed: who, when, in what is hashed
    # A late entry changes the preview, never the submitted report.
    for c in await _group(w, "L", 6, "North"):
        await _episode(c, D(2026, 12, 1))
    assert _cells(await _preview(world_api, "coordinator"))[ROWS[0]] == ["29", "22", "7"]
    again = (await world_api.get(f"/api/reports/{report['id']}", as_="coordinator")).json()
    assert _cells(again["table"])[ROWS[0]] == ["23", "16", "7"]
    assert again["contentHash"] == report["contentHash"] and again["intact"] is True
    # Changed behind the app's back, it no longer matches its signature.
    await Report.update({Report.content: stored["content"].replace("23", "24")}).where(
        Report.id == report["id"]
    )
    tampered = (await world_api.get(f"/api/reports/{report['id']}", as_="coordinator")).json()
    assert tampered["intact"] is False


async def test_a_correction_is_a_new_report_pointing_to_the_old(
    world_api: Api, clock: FakeClock
) -> None:
    w = world_api.world
    assert w
    await _organisation(w)
    old = (await world_api.post("/api/reports", as_="coordinator", json=_submit())).json()
    before = await Report.select().where(Report.id == old["id"]).first()
    clock.advance(days=1)
    for c in await _group(w, "L", 6, "North"):
        await _episode(c, D(2026, 12, 1))
    no_note = await world_api.post(
        "/api/reports", as_="coordinator", json=_submit(corrects=old["id"])
    )
    assert no_note.status_code == 422
    assert no_note.json()["errors"][0]["field"] == "body.note"
    answer = await world_api.post(
        "/api/reports",
        as_="coordinator",
        json=_submit(corrects=old["id"], note="Six intakes of December were entered late."),
    )
    assert answer.status_code == 201, answer.text
    new = answer.json()
    assert new["corrects"] == old["id"] and new["id"] != old["id"]
    assert _cells(new["table"])[ROWS[0]] == ["29", "22", "7"]
    read_old = (await world_api.get(f"/api/reports/{old['id']}", as_="coordinator")).json()
    assert read_old["supersededBy"] == new["id"]
    assert _cells(read_old["table"])[ROWS[0]] == ["23", "16", "7"]
    assert await Report.select().where(Report.id == old["id"]).first() == before  # unchanged
    twice = await world_api.post(
        "/api/reports", as_="coordinator", json=_submit(corrects=old["id"], note="Again.")
    )
    assert twice.status_code == 409
    assert twice.json()["errors"][0]["field"] == "body.corrects"
    listed = (await world_api.get("/api/reports", as_="coordinator")).json()
    assert [(r["id"], r["corrects"], r["supersededBy"]) for r in listed] == [
        (new["id"], old["id"], None),
        (old["id"], None, new["id"]),
    ]


async def test_a_retried_submit_lands_once(world_api: Api) -> None:
    assert world_api.world
    await _organisation(world_api.world)
    body = _submit()
    first = await world_api.post("/api/reports", as_="coordinator", json=body)
    again = await world_api.post("/api/reports", as_="coordinator", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert await Report.count() == 1
    entries = await AuditEvent.count().where(AuditEvent.action == "report_submitted")
    assert entries == 1


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (_submit(period="2027-Q1"), 422, "body.period"),  # not ended yet
        (_submit(period="2027-Q3"), 400, "body.period"),  # not begun
        (_submit(period="2026-13"), 400, "body.period"),  # no such month
        (_submit(definition="nobody"), 400, "body.definition"),
    ],
)
async def test_bad_input_is_refused_naming_the_field(
    world_api: Api, body: dict[str, Any], status: int, field: str
) -> None:
    answer = await world_api.post("/api/reports", as_="coordinator", json=body)
    assert answer.status_code == status, answer.text
    assert answer.json()["errors"][0]["field"] == field


async def test_a_coordinator_sees_her_teams_reports_only(world_api: Api) -> None:
    w = world_api.world
    assert w
    await _organisation(w)
    org = (await world_api.post("/api/reports", as_="admin", json=_submit())).json()
    assert org["table"]["scope"]["kind"] == "organisation"
    assert (await world_api.get(f"/api/reports/{org['id']}", as_="coordinator")).status_code == 404
    assert (await world_api.get("/api/reports", as_="coordinator")).json() == []
    assert [r["id"] for r in (await world_api.get("/api/reports", as_="admin")).json()] == [
        org["id"]
    ]
    other = await world_api.post(
        "/api/reports", as_="coordinator", json=_submit(scope="team", scopeId=w.teams["South"])
    )
    assert other.status_code == 403


async def test_the_reports_come_newest_first_a_page_at_a_time(
    world_api: Api, clock: FakeClock
) -> None:
    """Five reports, two of them submitted in the same second: paging by one or by two reaches
    each once, newest first (then by id)."""
    made = []
    for n, period in enumerate(("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026")):
        if n != 4:  # the last two share their second
            clock.advance(minutes=1)
        answer = await world_api.post(
            "/api/reports", as_="coordinator", json=_submit(period=period)
        )
        assert answer.status_code == 201, answer.text
        made.append(answer.json()["id"])
    whole = (await world_api.get("/api/reports?limit=200", as_="coordinator")).json()
    assert {r["id"] for r in whole} == set(made)
    assert [r["id"] for r in whole][2:] == made[2::-1]
    for limit in (1, 2):
        pages = await walk(world_api, "/api/reports", "coordinator", limit)
        assert [r["id"] for page in pages for r in page] == [r["id"] for r in whole]
