"""The privacy notice before a passkey is made (GDPR Art. 13): the organisation the
administrator names, in the person's language, versioned, and the version kept at enrollment."""

from __future__ import annotations

from typing import Any

from backend.accounts.invitations import setup_link_if_needed
from backend.accounts.tables import User
from tests.api.conftest import Api
from tests.api.flows import session_of, token_of
from tests.support.authenticator import SoftAuthenticator

ORGANISATION = {
    "name": "Polku ry",
    "email": "tietosuoja@polku.example",
    "phone": "+358 40 123 4567",
    "address": "Mannerheimintie 1, 00100 Helsinki",
    "dpoName": "Sari Salo",
    "dpoEmail": "dpo@polku.example",
    "authority": "Tietosuojavaltuutetun toimisto, tietosuoja.fi",
    "retentionYears": 3,
}


def _text(notice: dict[str, Any]) -> str:
    return "\n".join(
        [notice["intro"]]
        + [s["heading"] for s in notice["sections"]]
        + [p for s in notice["sections"] for p in s["paragraphs"]]
    )


async def test_the_administrator_sets_the_organisation_with_validation(world_api: Api) -> None:
    empty = (await world_api.get("/api/organisation", as_="admin")).json()
    assert empty["configured"] is False and empty["name"] == ""
    for change, field, words in (
        ({"email": "polku.example"}, "body.email", "email address"),
        ({"name": "   "}, "body.name", "organisation's name"),
        ({"phone": "call us"}, "body.phone", "phone number"),
        ({"dpoEmail": "dpo at polku"}, "body.dpoEmail", "email address"),
        ({"dpoName": ""}, "body.dpoName", "officer's name"),
        ({"retentionYears": 0}, "body.retentionYears", ""),
    ):
        refused = await world_api.request(
            "PUT", "/api/organisation", as_="admin", json={**ORGANISATION, **change}
        )
        assert refused.status_code in (400, 422), change
        error = refused.json()["errors"][0]
        assert error["field"] == field and words in error["reason"], error
    saved = await world_api.request("PUT", "/api/organisation", as_="admin", json=ORGANISATION)
    assert saved.status_code == 200, saved.text
    assert saved.json()["configured"] is True
    again = (await world_api.get("/api/organisation", as_="admin")).json()
    assert (again["name"], again["retentionYears"]) == ("Polku ry", 3)
    coach = await world_api.request("PUT", "/api/organisation", as_="coach", json=ORGANISATION)
    assert coach.status_code == 403


async def test_the_notice_in_finnish_names_the_organisation(world_api: Api) -> None:
    await world_api.request("PUT", "/api/organisation", as_="admin", json=ORGANISATION)
    answer = await world_api.get("/api/privacy-notice?locale=fi&audience=person")
    assert answer.status_code == 200
    notice = answer.json()
    assert (notice["locale"], notice["direction"], notice["version"]) == ("fi", "ltr", 1)
    assert notice["title"] == "Tietosi Stepwisessä"
    assert notice["organisation"] == "Polku ry"
    text = _text(notice)
    for words in (
        "Polku ry vastaa tiedoistasi (rekisterinpitäjä)",
        "tietosuoja@polku.example, +358 40 123 4567, Mannerheimintie 1",
        "Tietosuojavastaava: Sari Salo, dpo@polku.example.",
        "9 artiklan 2 kohdan h alakohta",
        "säilyttää tietoja 3 vuotta",
        "Voit perua antamasi luvan",
        "tietosuojaviranomaiselle: Tietosuojavaltuutetun toimisto, tietosuoja.fi.",
    ):
        assert words in text, words
    staff = (await world_api.get("/api/privacy-notice?locale=fi&audience=staff")).json()
    assert "työntekijänä" in staff["intro"]
    hebrew = (await world_api.get("/api/privacy-notice?locale=he")).json()
    assert (hebrew["direction"], hebrew["title"]) == ("rtl", "המידע שלך ב-Stepwise")
    assert (await world_api.get("/api/privacy-notice?version=99")).status_code == 404


async def test_without_an_organisation_the_notice_still_reads_well(api: Api) -> None:
    notice = (await api.get("/api/privacy-notice?locale=en")).json()
    assert _text(notice).startswith(
        "Please read this before you make your passkey. It says what the organisation that "
        "runs this Stepwise service keeps"
    )
    assert notice["sections"][0]["paragraphs"][0].startswith(
        "The organisation that runs this Stepwise service is responsible"
    )
    assert "the data protection authority of your country" in _text(notice)


async def test_enrollment_keeps_the_version_and_language_shown(api: Api) -> None:
    url = await setup_link_if_needed()
    assert url is not None
    token = token_of(url)
    device = SoftAuthenticator()

    async def enroll(**notice: Any) -> Any:
        options = (await api.post("/api/enroll/options", json={"token": token})).json()
        body = {
            "token": token,
            "challengeId": options["challengeId"],
            "credential": device.create(options["publicKey"]),
            **notice,
        }
        return await api.post("/api/enroll", json=body)

    unknown = await enroll(noticeVersion=99, noticeLocale="fi")
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "body.noticeVersion"
    made = await enroll(noticeVersion=1, noticeLocale="fi")  # the link still works
    assert made.status_code == 201, made.text
    row = await User.select(User.notice_version, User.notice_locale, User.notice_seen_at).first()
    assert row is not None
    assert (row["notice_version"], row["notice_locale"]) == (1, "fi")
    assert row["notice_seen_at"] is not None

    mine = (await api.get("/api/me/privacy-notice", token=session_of(made))).json()
    assert (mine["seen"]["version"], mine["seen"]["locale"]) == (1, "fi")
    assert mine["notice"]["audience"] == "staff"  # the first administrator
