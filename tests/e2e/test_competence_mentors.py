"""A field mentor in the browser: the coordinator names a certified coach of her team the field
mentor of a new coach; the mentor finds the new coach on her own "My development", logs a
mentoring visit of her work; the new coach sees who mentors her and the visit. The mentor's
screens pass axe at phone size.

The senior coach's certificate is written straight into the server's database (set-up: the
summative assessment that makes one has its own browser test)."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import Organisation, PersonFactory, Server, invite_and_enroll
from tests.e2e.test_outcomes import _axe

PHONE = {"width": 390, "height": 844}


def _certify(server: Server, person_id: str) -> None:
    """A signed "certified" assessment of the person and its certificate, valid three years."""
    today = datetime.now(UTC).date()
    with contextlib.closing(sqlite3.connect(server.database)) as db:
        (framework,) = db.execute(
            "SELECT id FROM competence_frameworks WHERE status = 'published'"
            " ORDER BY version DESC LIMIT 1"
        ).fetchone()
        (at,) = db.execute("SELECT created_at FROM users WHERE id = ?", (person_id,)).fetchone()
        assessment = str(uuid.uuid4())
        db.execute(
            "INSERT INTO competence_assessments (id, client_uuid, person, framework, observed,"
            " scenario, knowledge_score, decided_levels, decision, decision_conditions,"
            " revision, status, assessed_on, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, '', '', NULL, '{}', 'certified', '', 1, 'signed', ?, ?, ?)",
            (assessment, str(uuid.uuid4()), person_id, framework, today.isoformat(), at, at),
        )
        db.execute(
            "INSERT INTO competence_certificates (id, person, assessment, issued_on, valid_until,"
            " review_on, decision_conditions, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
            (
                str(uuid.uuid4()),
                person_id,
                assessment,
                (today - timedelta(days=30)).isoformat(),
                (today + timedelta(days=1000)).isoformat(),
                (today + timedelta(days=335)).isoformat(),
                at,
            ),
        )
        db.commit()


def test_a_certified_coach_mentors_a_new_coach_in_the_field(
    org: Organisation, new_person: PersonFactory, server: Server, browser: Browser
) -> None:
    uid = uuid.uuid4().hex[:6]
    noor = invite_and_enroll(
        browser, server, org.admin, "coach", f"Noor New {uid}", teamId=org.team_id
    )
    sara = invite_and_enroll(
        browser, server, org.admin, "coach", f"Sara Senior {uid}", teamId=org.team_id
    )
    mentor = new_person(account=sara, bypass_csp=True, **PHONE)
    mentor.page.goto("/development")  # the starting framework is made when first read
    expect(mentor.page.get_by_role("link", name="Assess myself")).to_be_visible()
    _certify(server, sara.id)

    # The coordinator, on her phone, names Sara Noor's mentor in the field.
    coordinator = new_person(account=org.coordinator, **PHONE)
    page = coordinator.page
    page.goto(f"/team-development/person?id={noor.id}")
    card = page.get_by_role("region", name="Mentor in the field")
    expect(card.get_by_text("No mentor in the field yet.")).to_be_visible()
    card.get_by_label(f"Who mentors {noor.name} in the field").select_option(label=sara.name)
    card.get_by_role("button", name="Name as mentor").click()
    expect(card.get_by_text("The mentor is named.")).to_be_visible()
    expect(card.get_by_text(f"{sara.name}, since")).to_be_visible()

    # Sara finds Noor on her own page and logs a visit of her work.
    page = mentor.page
    page.goto("/")
    page.get_by_role("link", name="My development").click()
    mentees = page.get_by_role("region", name="Coaches you mentor")
    mentees.get_by_role("link", name=f"{noor.name}'s development").click()
    expect(mentor.heading()).to_have_text(noor.name)
    assert _axe(page, "a mentee's development, as her mentor") == []
    page.get_by_role("link", name="Log a mentoring visit").click()
    expect(mentor.heading()).to_have_text("Log a mentoring visit")
    expect(page.get_by_label("Coach", exact=True)).to_have_value(noor.id)
    page.get_by_label("Competence 1", exact=True).select_option(index=1)
    page.get_by_label("Level seen for competence 1").select_option(index=3)
    page.get_by_label("Next step", exact=True).fill(f"Lead the next job analysis {uid}")
    assert _axe(page, "logging a mentoring visit, as a mentor") == []
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("The mentoring visit is saved.")).to_be_visible()
    expect(mentor.heading()).to_have_text(noor.name)

    # Noor sees who mentors her and the visit Sara logged.
    coach = new_person(account=noor, **PHONE)
    page = coach.page
    page.goto("/development")
    expect(
        page.get_by_role("region", name="Your mentor in the field").get_by_text(
            f"{sara.name}, since"
        )
    ).to_be_visible()
    visits = page.get_by_role("region", name="Mentoring visits")
    expect(visits.get_by_text(f"Lead the next job analysis {uid}")).to_be_visible()
    expect(visits.get_by_text(sara.name)).to_be_visible()
