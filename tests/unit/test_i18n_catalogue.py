"""The server's own texts (backend/lib/i18n): the same messages in all four languages, each
with the same placeholders, really translated, and the person's language chosen as promised."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from backend.lib import i18n


@pytest.mark.parametrize("locale", [code for code in i18n.LOCALES if code != "en"])
def test_every_language_has_the_same_keys_and_placeholders_as_english(locale: str) -> None:
    english = i18n.catalogue("en")
    other = i18n.catalogue(locale)
    assert sorted(other) == sorted(english)
    for key, message in english.items():
        assert i18n.placeholders(other[key]) == i18n.placeholders(message), (locale, key)
        assert other[key].strip(), (locale, key)


@pytest.mark.parametrize("locale", [code for code in i18n.LOCALES if code != "en"])
def test_the_sentences_are_translated_not_copied(locale: str) -> None:
    english = i18n.catalogue("en")
    other = i18n.catalogue(locale)

    # Short labels may coincide ("E-mail"), and so may patterns of placeholders only
    # ("{name} ({role})"); sentences never should.
    def words(message: str) -> str:
        return re.sub(r"\{\w+\}|[^\w ]", "", message).strip()

    copied = [
        k for k, v in english.items() if " " in words(v) and len(words(v)) > 12 and other[k] == v
    ]
    assert copied == []


def test_a_message_fills_its_placeholders_and_falls_back_to_english() -> None:
    assert i18n.text("fi", "suggestion.goal_reached", title="Ajoissa") == (
        "Saavutin tavoitteeni: ”Ajoissa”."
    )
    assert i18n.text("xx", "export.yes") == "yes"
    assert i18n.text("he", "export.title") == "כל מה ש-Stepwise שומר על {name}"


@pytest.mark.parametrize(
    ("saved", "accept", "chosen"),
    [
        ("fi", "he-IL,he;q=0.9", "fi"),  # the saved language wins
        ("", "he-IL,he;q=0.9,en;q=0.5", "he"),  # "" = the browser's choice
        ("", "de-DE,pl;q=0.8,en;q=0.9", "en"),  # by quality, not by position
        ("", "iw", "he"),  # the old code for Hebrew
        ("", "de-DE,fr;q=0.5", "en"),  # nothing we ship: English
        ("", None, "en"),
        ("sv", "pl", "pl"),
    ],
)
def test_the_persons_language_is_chosen(saved: str, accept: str | None, chosen: str) -> None:
    assert i18n.choose(saved, accept) == chosen


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    at = datetime(2026, 11, 3, 8, 5, tzinfo=UTC)
    assert i18n.format_datetime("en", at) == "3 November 2026, 08:05 UTC"
    assert i18n.format_datetime("pl", at) == "3 listopada 2026, 08:05 UTC"
    assert i18n.format_datetime("fi", at) == "3. marraskuuta 2026 klo 08.05 UTC"
    assert i18n.format_datetime("he", at) == "3 בנובמבר 2026, 08:05 UTC"
    assert i18n.format_date("fi", at.date()) == "3. marraskuuta 2026"
    assert i18n.format_date("pl", at.date()) == "3 listopada 2026"
    assert i18n.direction("he") == "rtl" and i18n.direction("fi") == "ltr"


def test_every_column_a_person_reads_in_my_data_has_words_in_every_language() -> None:
    """My data and the export's index.html name each column in the reader's language; a column
    without ``column.*`` words shows its internal name ("reached at"), in English, in Finnish
    too. A new column in a person's table needs words in all four catalogues."""
    from backend.privacy import describe, walk

    tables = walk.table_classes()
    missing: set[tuple[str, str, str]] = set()
    for tablename in describe.ORDER:
        people = set(walk.user_columns(tablename))
        links = set(walk.foreign_columns(tablename)) - people
        for column in tables[tablename]._meta.columns:
            name = column._meta.name
            if walk.is_secret(tablename, column) or name in describe.HIDDEN_IN_PLAIN | links:
                continue
            for locale in i18n.LOCALES:
                if f"column.{name}" not in i18n.catalogue(locale):
                    missing.add((locale, tablename, name))
    assert sorted(missing) == []


def test_how_a_request_for_help_reached_the_coach_is_said_in_words() -> None:
    from backend.privacy import describe

    row = {"reached": "phone", "reached_at": None, "changed_at": None}
    assert describe.plain_row("help_requests", row, {}, "fi") == {
        "Miten valmentaja sai sen": "puhelimeen",
        "Valmentaja sai sen": None,
        "Muutettu viimeksi": None,
    }


@pytest.mark.parametrize(
    ("tablename", "row", "words"),
    [
        ("step_records", {"level": "verbal"}, {"Paljonko apua": "Sanallinen ohje"}),
        ("step_records", {"level": "model"}, {"Paljonko apua": "Mallin näyttäminen"}),
        ("client_records", {"stage": "job_finding"}, {"Vaihe": "Työn etsiminen"}),
    ],
)
def test_my_data_says_a_prompt_level_and_a_stage_in_words(
    tablename: str, row: dict[str, str], words: dict[str, str]
) -> None:
    """Not the codes the database keeps ("verbal", "job_finding"), in English, in Finnish."""
    from backend.privacy import describe

    plain = describe.plain_row(tablename, row, {}, "fi")
    assert list(plain.values()) == list(words.values())
