"""A family member's My data and export speak to them, not to the client: the consents Alice
gave her father Finn are "What your family shares with you" for him and stay "What you share
with your family" for her, in English and in Polish; and his copy holds what concerns him — the
consents given to him, the messages sent to him — and nothing more about Alice: not how she made
her choices, not the invitation of another family member who happens to share his name."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from backend.accounts.tables import Invitation
from backend.lib.clock import now
from tests.api import flows
from tests.api.conftest import Api
from tests.api.test_privacy import _rich_world
from tests.support import coaching, family, scan
from tests.support.authenticator import SoftAuthenticator
from tests.support.world import World

FINN = "Finn Family"

# What a family member's data can hold: his account and sign-ins, his link to the client and
# what she shares with him, his invitation, his devices and the messages sent to him, his log.
HIS_PARTS = {
    "users",
    "family_links",
    "family_consents",
    "passkeys",
    "sessions",
    "challenges",
    "invitations",
    "push_subscriptions",
    "notification_settings",
    "reminder_deliveries",
    "idempotency_records",
    "audit_events",
    "day_stamps",  # a counter the database keeps for every account (see backend/today/tables.py)
}


def _sections(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {s["key"]: (s["title"], s["description"]) for s in data["sections"]}


def _archive(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


async def _finn_with_everything(api: Api) -> World:
    """Alice's rich world; Finn also has a phone with notifications on and an e-mail address,
    and an administrator made him a new sign-in link (someone else changed his account)."""
    w = await _rich_world(api)
    await family.grant(w, "training")
    device = await api.post(
        "/api/me/push-subscriptions",
        as_="family",
        json=coaching.subscription("http://127.0.0.1:9/push/finn-phone"),
    )
    assert device.status_code == 201, device.text
    settings = await api.patch(
        "/api/me/notifications", as_="family", json={"email": "finn@example.org"}
    )
    assert settings.status_code == 200, settings.text
    recovery = await api.post(
        f"/api/people/{w.ids['family']}/recovery", as_="admin", json={"delivery": "link"}
    )
    assert recovery.status_code in {200, 201}, recovery.text
    return w


async def _speak(api: Api, as_: str, locale: str) -> None:
    answer = await api.patch("/api/me", as_=as_, json={"locale": locale})
    assert answer.status_code == 200, answer.text


async def test_a_family_member_reads_every_part_from_his_own_side(world_api: Api) -> None:
    await _finn_with_everything(world_api)
    finn = (await world_api.get("/api/me/data", as_="family")).json()
    his = _sections(finn)
    assert set(his) <= HIS_PARTS, set(his) - HIS_PARTS
    assert {
        "family_links",
        "family_consents",
        "invitations",
        "push_subscriptions",
        "notification_settings",
        "reminder_deliveries",
        "audit_events",
    } <= set(his)
    assert his["family_consents"] == (
        "What your family shares with you",
        "Each choice about what you may see, kind by kind: yes or no, and when.",
    )
    assert his["family_links"] == (
        "Your family in Stepwise",
        "Who your account is linked to in Stepwise, and how you are related.",
    )
    assert his["invitations"][1] == (
        "The links that invited you to Stepwise, or let you sign in again."
    )
    assert his["push_subscriptions"] == (
        "Your devices for notifications",
        "Phones that get your notifications.",
    )
    assert his["notification_settings"][0] == "Notification settings"
    assert his["reminder_deliveries"] == (
        "Notifications sent to you",
        "Each message Stepwise sent you, and whether it arrived.",
    )
    assert his["audit_events"][1] == "What was done in your account, and when. Kept to prove it."
    assert his["users"] == ("Your account", "Your name, language and accessibility choices.")
    text = json.dumps(finn)
    for clients_words in ("What you share", "your record", "your reminders", "with your family"):
        assert clients_words not in text, clients_words
    assert [v["action"] for v in finn["views"]] == ["recovery_issued"]

    # Alice's words are hers, unchanged; the kinds she shares read in words for her too.
    hers = (await world_api.get("/api/me/data", as_="client")).json()
    alice = _sections(hers)
    shared = next(s for s in hers["sections"] if s["key"] == "family_consents")["rows"]
    assert {c["Kind"] for c in shared} == {"news and photos", "goals", "learning at work"}
    assert alice["family_consents"] == (
        "What you share with your family",
        "Every choice about what each family member sees: who made it, when, and which wording "
        "was shown.",
    )
    assert alice["family_links"][1] == "Family members with an account linked to you."
    assert alice["invitations"][1] == "The links that invited you, or your family, to Stepwise."
    assert alice["push_subscriptions"] == (
        "Your devices for reminders",
        "Phones that get your reminders.",
    )
    assert alice["reminder_deliveries"] == (
        "Reminders sent",
        "Each reminder and whether it arrived.",
    )
    assert alice["audit_events"][1] == (
        "What was done in your account or with your record, and when. Kept to prove it."
    )


async def test_a_polish_family_member_reads_his_side_in_polish_on_screen_and_on_paper(
    world_api: Api,
) -> None:
    await _finn_with_everything(world_api)
    await _speak(world_api, "family", "pl")
    await _speak(world_api, "client", "pl")
    finn = (await world_api.get("/api/me/data", as_="family")).json()
    his = _sections(finn)
    assert his["family_consents"] == (
        "Co rodzina Ci pokazuje",
        "Każdy wybór o tym, co możesz widzieć, rodzaj po rodzaju: tak lub nie, i kiedy.",
    )
    assert his["reminder_deliveries"][0] == "Powiadomienia wysłane do Ciebie"
    consents = next(s for s in finn["sections"] if s["key"] == "family_consents")["rows"]
    assert {c["Rodzaj"] for c in consents} == {"wiadomości i zdjęcia", "cele", "nauka w pracy"}
    assert his["family_links"][1] == (
        "Z kim Twoje konto jest połączone w Stepwise i kim dla siebie jesteście."
    )
    alice = _sections((await world_api.get("/api/me/data", as_="client")).json())
    assert alice["family_consents"][0] == "Co pokazujesz rodzinie"
    assert alice["reminder_deliveries"][0] == "Wysłane przypomnienia"

    # His download's page: in Polish, from his side.
    page = _archive((await world_api.get("/api/me/export", as_="family")).content)[
        "index.html"
    ].decode()
    assert '<html lang="pl" dir="ltr">' in page
    assert f"<h1>Wszystko, co Stepwise ma o osobie {FINN}</h1>" in page
    assert "<h2>Co rodzina Ci pokazuje</h2>" in page
    assert re.search(r'<caption id="table-\d+">Każdy wybór o tym, co możesz widzieć', page)
    assert "<h2>Kto jeszcze zmieniał Twoje konto</h2>" in page
    assert "Kto zmieniał Twoje konto: jedna linia na osobę i dzień" in page
    assert "<h2>Powiadomienia wysłane do Ciebie</h2>" in page
    assert "Co pokazujesz rodzinie" not in page and "Kto oglądał Twoje dane" not in page
    # Alice's page keeps her words.
    hers = _archive((await world_api.get("/api/me/export", as_="client")).content)[
        "index.html"
    ].decode()
    assert "<h2>Co pokazujesz rodzinie</h2>" in hers and "<h2>Kto oglądał Twoje dane</h2>" in hers


async def test_a_family_members_copy_holds_nothing_more_about_the_client(world_api: Api) -> None:
    w = await _finn_with_everything(world_api)
    alice = w.ids["client"]
    # Another client's family member with the same name: his invitation is not Finn's.
    await Invitation(
        token_hash=family.new_id().replace("-", "") * 2,
        kind="invite",
        delivery="link",
        role="family",
        display_name=FINN,
        client=w.ids["other_client"],
        relation="brother",
        created_by=w.ids["other_coach"],
        created_at=now(),
        expires_at=now(),
        used_at=now(),
    ).save()

    finn = (await world_api.get("/api/me/data", as_="family")).json()
    consents = next(s for s in finn["sections"] if s["key"] == "family_consents")["rows"]
    # The consents given to him: whose, which kind, yes or no, when — not who recorded it for
    # her (her coach helped with one), nor the wording and language she was shown.
    assert {tuple(sorted(c)) for c in consents} == {
        ("Client", "Family member", "Kind", "Shared", "When")
    }
    assert {c["Kind"] for c in consents} == {"news and photos", "goals", "learning at work"}
    invitations = next(s for s in finn["sections"] if s["key"] == "invitations")["rows"]
    assert {i["Client"] for i in invitations} == {"Alice Client", None}  # None: the new link

    files = _archive((await world_api.get("/api/me/export", as_="family")).content)
    data = json.loads(files["data.json"])
    assert {table for table, rows in data["tables"].items() if rows} <= HIS_PARTS
    assert {tuple(sorted(row)) for row in data["tables"]["family_consents"]} == {
        ("at", "client", "family", "granted", "id", "kind")
    }
    assert all(row["client"] == alice for row in data["tables"]["family_consents"])
    archive = b"".join(files.values())
    for about_others in (
        "I folded all the towels today.",  # her news
        "Set up the salad bar",  # her task
        coaching.ALICE_ENDPOINT,  # her phone
        "Bob Client",  # another client, through a namesake's invitation
        "Ben Coach",
        w.ids["other_client"],
    ):
        assert about_others.encode() not in archive, about_others
    # Every row that carries his id is still in his copy (not counted: sessions, whose key is
    # secret; the log, which gains his export; the replay of Alice's write, whose answer names
    # who sees her news: hers).
    for table, rows in (await scan.rows_containing(w.ids["family"])).items():
        if table in {"sessions", "audit_events", "idempotency_records"}:
            continue
        assert len(data["tables"][table]) >= len(rows), table

    # Erasing Finn leaves the namesake's invitation where it is.
    erased = await world_api.post(
        f"/api/people/{w.ids['family']}/erase", as_="admin", json={"confirmName": FINN}
    )
    assert erased.status_code == 200, erased.text
    assert await Invitation.exists().where(Invitation.client == w.ids["other_client"])


async def test_a_clients_links_are_found_by_the_account_they_made_not_by_a_shared_name(
    world_api: Api,
) -> None:
    """Two clients called Anna Nowak, with different coaches, and a third link for another Anna
    still waiting: each Anna's My data holds her own links only, erasing one leaves the others."""
    w = world_api.world
    assert w

    async def invite(coach: str) -> dict[str, Any]:
        made = await world_api.post(
            "/api/invitations",
            as_=coach,
            json={"role": "client", "displayName": "Anna Nowak", "delivery": "link"},
        )
        assert made.status_code == 201, made.text
        return dict(made.json())

    cancelled = await invite("coach")  # a first link, cancelled: made for the same person
    gone = await world_api.delete(f"/api/invitations/{cancelled['id']}", as_="coach")
    assert gone.status_code == 204
    enrolled = await flows.enroll(world_api, (await invite("coach"))["url"], SoftAuthenticator())
    hers = enrolled.json()
    namesake = (
        await flows.enroll(world_api, (await invite("other_coach"))["url"], SoftAuthenticator())
    ).json()
    waiting = await invite("coach")  # another Anna, not enrolled yet
    made_hers = await Invitation.select(Invitation.id).where(Invitation.target_user == hers["id"])
    assert len(made_hers) == 2  # the link she used and the cancelled one

    mine = (await world_api.get("/api/me/data", token=flows.session_of(enrolled))).json()
    rows = next(s for s in mine["sections"] if s["key"] == "invitations")["rows"]
    assert len(rows) == 2
    assert "Ben Coach" not in json.dumps(mine)  # the namesake's coach

    erased = await world_api.post(
        f"/api/people/{hers['id']}/erase", as_="admin", json={"confirmName": "Anna Nowak"}
    )
    assert erased.status_code == 200, erased.text
    assert not await Invitation.exists().where(Invitation.id == cancelled["id"])
    assert await Invitation.exists().where(Invitation.id == waiting["id"])
    assert await Invitation.exists().where(Invitation.target_user == namesake["id"])
