"""Coordinators move a client to another coach, administrators move staff between teams and
edit a client's support summary, all on screens."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Account, Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.pages import revealed


class ClientTools:
    """The staff's tools on a client's page: the support summary and moving to another coach."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, client_id: str) -> ClientTools:
        self.page.goto(f"/clients/{client_id}")
        return self

    def move_to(self, client: str, coach: str) -> None:
        self.page.get_by_role("button", name="Move to another coach").click()
        dialog = self.page.get_by_role("dialog", name=f"Move {client} to another coach")
        dialog.get_by_label("New coach").select_option(label=coach)
        dialog.get_by_role("button", name=f"Move {client}").click()
        expect(dialog).to_be_hidden()

    def edit_summary(self, text: str) -> None:
        self.page.get_by_role("button", name="Edit support summary").click()
        dialog = self.page.get_by_role("dialog", name="Support summary for", exact=False)
        dialog.get_by_label("Support summary").fill(text)
        dialog.get_by_role("button", name="Save the summary").click()
        expect(dialog).to_be_hidden()

    def status(self) -> Locator:
        return self.page.get_by_role("status")


class PeopleScreen:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> PeopleScreen:
        self.page.goto("/people")
        return self

    def row(self, name: str) -> Locator:
        return revealed(
            self.page,
            self.page.get_by_role("listitem").filter(
                has=self.page.get_by_role("heading", name=name, exact=True)
            ),
        )

    def move_to_team(self, name: str, team: str) -> None:
        self.row(name).get_by_role("button", name=f"Move to another team for {name}").click()
        dialog = self.page.get_by_role("dialog", name=f"Team of {name}")
        dialog.get_by_label("Team").select_option(label=team)
        dialog.get_by_role("button", name="Save the team").click()
        expect(dialog).to_be_hidden()


def _new_coach(browser: Any, server: Server, org: Organisation) -> Account:
    return invite_and_enroll(
        browser, server, org.admin, "coach", f"Coach {uuid.uuid4().hex[:6]}", teamId=org.team_id
    )


def test_a_coordinator_moves_a_client_and_the_new_coach_sees_them(
    browser: Any,
    server: Server,
    org: Organisation,
    new_person: PersonFactory,
    fresh_client: Account,
) -> None:
    other = _new_coach(browser, server, org)
    new_coach = new_person(account=other)
    new_coach.page.goto("/")
    expect(new_coach.heading()).to_have_text("My clients")
    expect(new_coach.page.get_by_role("link", name=fresh_client.name)).to_have_count(0)

    coordinator = new_person(account=org.coordinator)
    tools = ClientTools(coordinator.page).open(fresh_client.id)
    expect(coordinator.heading()).to_have_text(fresh_client.name)
    tools.move_to(fresh_client.name, other.name)
    expect(
        tools.status().filter(has_text=f"{fresh_client.name} now has {other.name} as coach")
    ).to_be_visible()
    expect(coordinator.page.get_by_text(other.name).first).to_be_visible()

    new_coach.page.reload()
    expect(new_coach.page.get_by_role("link", name=fresh_client.name)).to_be_visible()
    old = new_person(account=org.coach)
    response = old.context.request.get(f"/api/clients/{fresh_client.id}")
    assert response.status == 404


def test_an_administrator_moves_a_coach_to_another_team(
    browser: Any, server: Server, org: Organisation, new_person: PersonFactory
) -> None:
    coach = _new_coach(browser, server, org)
    admin = new_person(account=org.admin)
    harbour = admin.api("POST", "/api/teams", {"name": f"Harbour {uuid.uuid4().hex[:4]}"})
    people = PeopleScreen(admin.page).open()
    expect(people.row(coach.name)).to_contain_text("Riverside")
    people.move_to_team(coach.name, harbour["name"])
    expect(
        admin.page.get_by_role("status").filter(
            has_text=f"{coach.name} is now in team {harbour['name']}"
        )
    ).to_be_visible()
    expect(people.row(coach.name)).to_contain_text(harbour["name"])
    moved = next(p for p in admin.api_all("/api/people") if p["id"] == coach.id)
    assert moved["teamId"] == harbour["id"]


def test_an_administrator_edits_a_clients_support_summary(
    org: Organisation, new_person: PersonFactory, fresh_client: Account
) -> None:
    admin = new_person(account=org.admin)
    tools = ClientTools(admin.page).open(fresh_client.id)
    expect(admin.heading()).to_have_text(fresh_client.name)
    tools.edit_summary("Likes a checklist on paper. A quiet break at 11 helps.")
    expect(tools.status().filter(has_text="The support summary is saved.")).to_be_visible()
    support = admin.page.get_by_role("region", name="Support summary", exact=True)
    expect(support).to_contain_text("Likes a checklist on paper.")
    coach = new_person(account=org.coach)
    assert coach.api("GET", f"/api/clients/{fresh_client.id}")["supportSummary"] == (
        "Likes a checklist on paper. A quiet break at 11 helps."
    )
