"""The employer register shared by a team: employers, the people there, "last contact"."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend import employers
from backend.employers.tables import Employer, EmployerPerson
from backend.lib.clock import now
from tests.api.conftest import Api
from tests.api.test_paging import walk


async def _employer(world_api: Api, name: str = "Bakery Ltd", team: str = "North") -> str:
    assert world_api.world is not None
    at = now()
    employer = Employer(
        name=name,
        team=world_api.world.teams[team],
        address="Main Street 1",
        client_uuid=uuid.uuid4(),
        created_at=at,
        updated_at=at,
    )
    await employer.save()
    return str(employer.id)


async def test_record_contact_keeps_the_latest(world_api: Api) -> None:
    employer_id = await _employer(world_api)
    later = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    await employers.record_contact(employer_id, later)
    await employers.record_contact(employer_id, later - timedelta(days=3))
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer_id).first()
    assert row is not None and row["last_contact_at"] == later
    await employers.record_contact(employer_id, later + timedelta(hours=1))
    row = await Employer.select(Employer.last_contact_at).where(Employer.id == employer_id).first()
    assert row is not None and row["last_contact_at"] == later + timedelta(hours=1)


async def test_employer_and_person_rows(world_api: Api) -> None:
    assert world_api.world is not None
    employer_id = await _employer(world_api)
    at = now()
    person = EmployerPerson(
        employer=employer_id,
        name="Sam Supervisor",
        role="supervisor",
        client_uuid=uuid.uuid4(),
        created_at=at,
        updated_at=at,
    )
    await person.save()
    assert await employers.employer_of(employer_id) == employers.EmployerRow(
        id=employer_id,
        name="Bakery Ltd",
        team_id=world_api.world.teams["North"],
        address="Main Street 1",
    )
    assert await employers.person_of(str(person.id)) == employers.EmployerPersonRow(
        id=str(person.id),
        employer_id=employer_id,
        name="Sam Supervisor",
        role="supervisor",
        team_id=world_api.world.teams["North"],
    )
    assert await employers.employer_of("not-an-id") is None
    assert await employers.person_of(employer_id) is None


# --- the register over HTTP -----------------------------------------------------------------


def new_id() -> str:
    return str(uuid.uuid4())


async def _add(api: Api, name: str, as_: str = "coach", **more: Any) -> dict[str, Any]:
    response = await api.post(
        "/api/employers", as_=as_, json={"localId": new_id(), "name": name, **more}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_an_employer_is_entered_once_however_often_the_phone_sends_it(
    world_api: Api,
) -> None:
    body = {"localId": new_id(), "name": "  Hotel   Aurora ", "address": "Rantatie 2, Turku"}
    first = await world_api.post("/api/employers", as_="coach", json=body)
    assert first.status_code == 201, first.text
    again = await world_api.post("/api/employers", as_="coach", json=body)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["name"] == "Hotel Aurora"
    assert await Employer.count() == 1
    # The same id with other content is another write: refused, naming the id.
    other = await world_api.post(
        "/api/employers", as_="coach", json={**body, "name": "Hotel Borealis"}
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "body.localId"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "body.name"),
        ({"name": "   "}, "body.name"),
        ({"name": "x" * 161}, "body.name"),
        ({"name": "Bakery", "address": "x" * 301}, "body.address"),
        ({"name": "Bakery", "localId": "not-a-uuid"}, "body.localId"),
        ({"name": "Bakery", "colour": "red"}, "body.colour"),
    ],
)
async def test_a_bad_employer_is_refused_naming_the_field(
    world_api: Api, body: dict[str, Any], field: str
) -> None:
    response = await world_api.post(
        "/api/employers", as_="coach", json={"localId": new_id(), **body}
    )
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_the_register_is_the_teams_sorted_by_name_searchable_and_paged(
    world_api: Api,
) -> None:
    for name in ("Cafe Mocca", "Bakery Leipä", "Aurora Hotel", "Bakery Bun", "Dairy"):
        await _add(world_api, name)
    await _add(world_api, "South Sawmill", as_="other_coach")
    whole = (await world_api.get("/api/employers", as_="coordinator")).json()
    assert [e["name"] for e in whole] == [
        "Aurora Hotel",
        "Bakery Bun",
        "Bakery Leipä",
        "Cafe Mocca",
        "Dairy",
    ]
    assert whole[0]["lastContactAt"] is None
    pages = await walk(world_api, "/api/employers", "coach", 2)
    assert [e["name"] for page in pages for e in page] == [e["name"] for e in whole]
    found = (await world_api.get("/api/employers?q=bakery", as_="coach")).json()
    assert [e["name"] for e in found] == ["Bakery Bun", "Bakery Leipä"]
    # Team South's coach reads their own register; the administrator reads every team's.
    south = (await world_api.get("/api/employers", as_="other_coach")).json()
    assert [e["name"] for e in south] == ["South Sawmill"]
    every = (await world_api.get("/api/employers?limit=200", as_="admin")).json()
    assert len(every) == 6


async def test_another_teams_employer_and_its_people_are_not_found(world_api: Api) -> None:
    employer = await _add(world_api, "Hotel Aurora")
    person = await world_api.post(
        f"/api/employers/{employer['id']}/people",
        as_="coach",
        json={"localId": new_id(), "name": "Sam Supervisor"},
    )
    person_id = person.json()["id"]
    for as_ in ("other_coach",):
        assert (await world_api.get(f"/api/employers/{employer['id']}", as_=as_)).status_code == 404
        patched = await world_api.patch(
            f"/api/employer-people/{person_id}", as_=as_, json={"name": "X"}
        )
        assert patched.status_code == 404
    for as_ in ("client", "family", "mentor"):
        assert (await world_api.get("/api/employers", as_=as_)).status_code == 403
        assert (await world_api.get(f"/api/employers/{employer['id']}", as_=as_)).status_code == 404


async def test_people_are_added_changed_told_and_removed(world_api: Api) -> None:
    employer = await _add(world_api, "Hotel Aurora", address="Rantatie 2")
    url = f"/api/employers/{employer['id']}/people"
    bad = await world_api.post(
        url, as_="coach", json={"localId": new_id(), "name": "Sam", "email": "sam at hotel"}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "body.email"
    body = {
        "localId": new_id(),
        "name": "Sam Supervisor",
        "role": "supervisor",
        "phone": "+358 40 123 4567",
        "email": "sam@aurora.example",
    }
    made = await world_api.post(url, as_="coach", json=body)
    assert made.status_code == 201, made.text
    assert (await world_api.post(url, as_="coach", json=body)).status_code == 200
    person = made.json()
    assert person["noticedAt"] is None and person["noticeVersion"] is None
    changed = await world_api.patch(
        f"/api/employer-people/{person['id']}", as_="coordinator", json={"role": "owner"}
    )
    assert changed.status_code == 200 and changed.json()["role"] == "owner"
    wrong = await world_api.post(
        f"/api/employer-people/{person['id']}/notice", as_="coach", json={"version": 99}
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "body.version"
    told = await world_api.post(
        f"/api/employer-people/{person['id']}/notice", as_="coach", json={"version": 1}
    )
    assert told.status_code == 200
    assert told.json()["noticeVersion"] == 1 and told.json()["noticedAt"] is not None
    page = (await world_api.get(f"/api/employers/{employer['id']}", as_="coach")).json()
    assert [p["name"] for p in page["people"]] == ["Sam Supervisor"]
    removed = await world_api.delete(f"/api/employer-people/{person['id']}", as_="coach")
    assert removed.status_code == 204
    page = (await world_api.get(f"/api/employers/{employer['id']}", as_="coach")).json()
    assert page["people"] == []


async def test_an_employer_is_changed_by_its_team(world_api: Api) -> None:
    employer = await _add(world_api, "Hotel Aurora")
    changed = await world_api.patch(
        f"/api/employers/{employer['id']}",
        as_="coordinator",
        json={"sector": "Hotels", "notes": "Ask for Sam at the back door."},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["sector"] == "Hotels"
    blank = await world_api.patch(
        f"/api/employers/{employer['id']}", as_="coach", json={"name": " "}
    )
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "body.name"


@pytest.mark.parametrize("locale", ["en", "pl", "fi", "he"])
async def test_the_notice_for_employer_contacts_names_the_organisation(
    world_api: Api, locale: str
) -> None:
    saved = await world_api.request(
        "PUT",
        "/api/organisation",
        as_="admin",
        json={"name": "Polku ry", "email": "info@polku.example"},
    )
    assert saved.status_code == 200, saved.text
    answer = await world_api.get(f"/api/privacy-notice?locale={locale}&audience=employer_contact")
    assert answer.status_code == 200, answer.text
    notice = answer.json()
    assert notice["audience"] == "employer_contact" and notice["locale"] == locale
    text = " ".join([notice["intro"], *(p for s in notice["sections"] for p in s["paragraphs"])])
    assert "Polku ry" in text and "info@polku.example" in text
    assert "{" not in text
    # What a client or a member of staff is told is another text.
    person = (await world_api.get(f"/api/privacy-notice?locale={locale}")).json()
    assert person["intro"] != notice["intro"]
