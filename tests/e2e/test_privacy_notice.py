"""The privacy notice (GDPR Art. 13): the administrator names the organisation, a new person
reads the notice with that name before the "Create my passkey" button, and reads it again
later from Settings."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import Account, Organisation, PersonFactory
from tests.e2e.pages import EnrollPage


def test_the_notice_names_the_organisation_before_the_passkey_and_can_be_read_later(
    admin: Account, org: Organisation, new_person: PersonFactory
) -> None:
    # The administrator sets the organisation; a wrong address is refused next to its field.
    administrator = new_person(account=admin)
    page = administrator.page
    page.goto("/")
    page.get_by_role("link", name="Organisation and privacy notice").click()
    expect(administrator.heading()).to_have_text("Organisation and privacy notice")
    page.get_by_label("Name of the organisation").fill("Polku ry")
    email = page.get_by_label("Email for questions about data")
    email.fill("polku.example")
    page.get_by_label(re.compile(r"^Years data is kept")).fill("3")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        re.compile("Write an email address people can write to, like privacy@example.org.")
    )
    email.fill("tietosuoja@polku.example")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved. The privacy notice shows it now.")).to_be_visible()

    # A new client opens their link: the notice, with the organisation, before the button.
    coach = new_person(account=org.coach)
    url = coach.api(
        "POST",
        "/api/invitations",
        {"role": "client", "displayName": "Eeva Koski", "delivery": "link", "relation": ""},
    )["url"]
    client = new_person(width=390, height=844)
    EnrollPage(client.page).open(url)
    notice = client.page.get_by_role("region", name="Your information in Stepwise")
    expect(notice).to_contain_text("Polku ry is responsible for your information")
    expect(notice).to_contain_text("tietosuoja@polku.example")
    expect(notice).to_contain_text("keeps it for 3 years")
    expect(notice).to_contain_text("You can complain to the data protection authority")
    button = client.page.get_by_role("button", name="Create my passkey")
    notice_box, button_box = notice.bounding_box(), button.bounding_box()
    assert notice_box and button_box
    assert notice_box["y"] + notice_box["height"] <= button_box["y"]
    # The first layer (who is responsible) is read before the passkey; the rest is one tap away,
    # so the button is one short scroll down on the phone (it was 3.6 screens down).
    assert button_box["y"] + button_box["height"] <= 1.5 * 844, button_box
    more = notice.get_by_text("Read all of it")
    expect(notice.get_by_text("You can complain to the data protection authority")).to_be_hidden()
    more.click()
    expect(notice.get_by_text("You can complain to the data protection authority")).to_be_visible()
    more.click()

    # In Finnish, from the language picker, before making the passkey.
    client.page.get_by_role("button", name="Suomi").click()
    notice_fi = client.page.get_by_role("region", name="Tietosi Stepwisessä")
    expect(notice_fi).to_contain_text("Polku ry vastaa tiedoistasi")
    expect(notice_fi).to_have_attribute("lang", "fi")
    client.page.get_by_role("button", name="English").click()
    expect(notice).to_be_visible()
    EnrollPage(client.page).create_passkey()

    # Later: Settings → Read the privacy notice, with the version and language shown then.
    client.page.goto("/settings")
    client.page.get_by_role("link", name="Read the privacy notice").click()
    expect(client.heading()).to_have_text("Privacy notice")
    expect(
        client.page.get_by_text(
            re.compile(r"^You were shown this notice \(version 1, English\) when you made")
        )
    ).to_be_visible()
    expect(client.page.get_by_role("region", name="Your information in Stepwise")).to_contain_text(
        "Polku ry is responsible for your information"
    )
