"""Approved profiles for the documents' tests and benchmark: Alice's, in Polish, Hebrew and
English, with two photos (``profile``: what the documents should read), and ``approve`` to make
it the client's approved version for real, through the profile's own services — the client's
words in every section, the experiences, the themes, the photos through the photo pipeline, the
disclosure, the coach asking for approval and the client approving."""

from __future__ import annotations

import io
import re
import unicodedata
import uuid
import zlib
from datetime import UTC, date, datetime
from typing import Any, Literal

import pypdf
from PIL import Image

from backend import clients
from backend.accounts.people import update_me
from backend.documents import services as documents_services
from backend.lib.actor import Actor
from backend.lib.photo_pool import process
from backend.profiles import (
    ApprovedProfile,
    ProfileEntry,
    ProfilePhoto,
    ProfileSection,
    approved_profile,
    media,
    reading,
    services,
    templates,
    versions,
)
from shared_schemas import accounts as accounts_wire
from shared_schemas import profiles as wire

MARKUP = '#set text(red) *bold* _x_ $y$ <b>html</b> @ref [link] \\ `code` & "quote"'
"""Typst and HTML markup characters a person may well type: printed as written."""

HEADINGS = {
    locale: {key: s["heading"] for key, s in texts["sections"].items()}
    for locale, texts in templates.default_texts().items()
}
"""The sections' headings of the profile template (version 1), per language."""

WORDS = {
    "pl": {
        "who_i_am": "Jestem Alicja. Lubię porządek, spokojną pracę i ludzi, którzy mówią wprost.",
        "likes_and_strengths": "Dobrze składam pranie i pamiętam, gdzie co leży. Żółć i zieleń.",
        "done": "Pracowałam w pralni i w kuchni szkolnej.",
        "how_i_learn": "Uczę się najlepiej, gdy ktoś mi pokaże krok po kroku.",
        "needs": "Cisza w pracy i stałe godziny, od 8 do 14.",
        "not_want": "Nie chcę pracować w nocy.",
        "bring": "Jestem punktualna i dokładna. Gęś, łódź, źródło.",
    },
    "he": {
        "who_i_am": "אני אליס ואני אוהבת סדר",
        "likes_and_strengths": "אני טובה בקיפול כביסה ובזיכרון של מקומות.",
        "done": "עבדתי במכבסה ובמטבח של בית ספר.",
        "how_i_learn": "אני לומדת הכי טוב כשמראים לי צעד אחר צעד.",
        "needs": "שקט בעבודה ושעות קבועות.",
        "not_want": "אני לא רוצה לעבוד בלילה.",
        "bring": "אני מגיעה בזמן ועובדת בדיוק.",
    },
    "en": {
        "who_i_am": "I am Alice. I like order, calm work and people who say things plainly.",
        "likes_and_strengths": "I fold laundry well and remember where things are.",
        "done": "I worked in a laundry and in a school kitchen.",
        "how_i_learn": "I learn best when someone shows me step by step.",
        "needs": "Quiet at work and fixed hours, from 8 to 14.",
        "not_want": "I do not want to work at night.",
        "bring": "I am on time and careful.",
    },
}

DISCLOSURE_WORDS = {
    "pl": "Mam autyzm. Potrzebuję jasnych instrukcji.",
    "he": "יש לי אוטיזם. אני צריכה הוראות ברורות.",
    "en": "I am autistic. I need clear instructions.",
}

HEBREW = re.compile(r"[\u0590-\u05ff]")

THEMES_SECTION = "likes_and_strengths"
EXPERIENCE_SECTION = "done"


def jpeg(colour: str | tuple[int, int, int], size: tuple[int, int] = (1200, 900)) -> bytes:
    """A plain photo, the size a phone's resized upload has."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def profile(
    client_id: str,
    language: str = "pl",
    *,
    disclosure: Literal["nothing", "adjustments", "more"] = "adjustments",
    name: str = "Alicja Żółkiewska",
    words: dict[str, str] | None = None,
    themes: list[str] | None = None,
    long: bool = False,
) -> ApprovedProfile:
    """Alice's profile in ``language`` as the documents should read it; the "who I am" and "what
    I have done" sections carry a photo each (ids ``{client_id}-portrait`` and
    ``{client_id}-laundry``: ``approve`` stores a photo per id). ``themes``: labels — one of the
    template's (in ``language``) is that theme, any other the client's own. ``long`` repeats
    the words so that the CV takes two pages (the benchmark's)."""
    said = {**WORDS.get(language, WORDS["en"]), **(words or {})}
    if long:
        said = {k: " ".join([v] * 6) for k, v in said.items()}
    photos = {
        "who_i_am": [ProfilePhoto(id=f"{client_id}-portrait", caption=said["who_i_am"][:20])],
        "done": [ProfilePhoto(id=f"{client_id}-laundry", caption="Pralnia / laundry / מכבסה")],
    }
    experiences = [
        ProfileEntry(
            kind="work",
            what="Pomoc w pralni" if language == "pl" else "Laundry assistant",
            where="Pralnia Bąbelek, Łódź",
            from_date=date(2022, 3, 1),
            until=date(2024, 6, 30),
        ),
        ProfileEntry(
            kind="volunteering",
            what="Kuchnia szkolna" if language == "pl" else "School kitchen",
            where="Szkoła nr 5",
            from_date=date(2024, 9, 1),
            until=None,
        ),
        ProfileEntry(
            kind="school", what="Szkoła zawodowa", where="Łódź", from_date=None, until=None
        ),
    ]
    if long:
        experiences = experiences * 4
    return ApprovedProfile(
        client_id=client_id,
        display_name=name,
        version=1,
        approved_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        template_version=1,
        language=language,
        sections=[
            ProfileSection(key=key, heading=heading, text=said[key], photos=photos.get(key, []))
            for key, heading in HEADINGS[language].items()
        ],
        themes=themes or ["pranie / laundry", "kuchnia / kitchen", "porządek / order"],
        experiences=experiences,
        disclosure=disclosure,
        disclosure_words=DISCLOSURE_WORDS.get(language, DISCLOSURE_WORDS["en"]),
    )


def _photo(made_id: str) -> bytes:
    # A colour of its own per photo: the same picture twice is embedded once.
    code = zlib.crc32(made_id.encode())
    return jpeg((code & 0xFF, code >> 8 & 0xFF, code >> 16 & 0xFF))


def _new_id() -> str:
    return str(uuid.uuid4())


async def _photos(
    actor: Actor, record: clients.ClientRow, made: ApprovedProfile, row: dict[str, object]
) -> None:
    """The draft's photos become exactly those of ``made`` (by section and caption): the
    missing added through the photo pipeline, the others taken out."""
    wanted = {(s.key, p.caption): p.id for s in made.sections for p in s.photos}
    there: set[tuple[str, str]] = set()
    for section in (await reading.draft(record, with_notes=False)).sections:
        for photo in section.photos:
            if (section.key, photo.caption) in wanted:
                there.add((section.key, photo.caption))
            elif (found := await media.photo_row(photo.id)) is not None:
                await media.remove_photo(found)
    for (key, caption), made_id in wanted.items():
        if (key, caption) not in there:
            await media.add_photo(actor, row, key, caption, await process(_photo(made_id)))


async def approve(made: ApprovedProfile) -> ApprovedProfile:
    """Make ``made`` the client's newest approved version, through the profile's services: the
    client's name and language (the profile is written in ``made.language``), every section's
    words, the themes, the experiences, the photos and the disclosure written by the client,
    then the coach asks for approval and the client approves. Answers the approved profile as
    the documents read it in ``made.language``."""
    record = await clients.record_of(made.client_id)
    assert record is not None, made.client_id
    await update_me(
        made.client_id,
        accounts_wire.MeUpdate(display_name=made.display_name, locale=made.language),  # type: ignore[arg-type]
    )
    client = Actor(
        id=made.client_id, role="client", team_id=record.team_id,
        display_name=made.display_name, session_hash="",
    )  # fmt: skip
    assert record.coach_id is not None
    coach = Actor(
        id=record.coach_id, role="coach", team_id=record.team_id,
        display_name=record.coach_name or "", session_hash="",
    )  # fmt: skip
    row = await services.ensure_profile(record)
    assert row["language"] == made.language, "a profile keeps the language it was begun in"
    labels = templates.default_texts()[made.language]["themes"]
    keys = {label: key for key, label in labels.items()}
    sections = await services.section_rows(row["id"])
    for s in made.sections:
        write = wire.SectionWrite(local_id=_new_id(), base_revision=sections[s.key]["revision"],
                                  words=s.text)  # fmt: skip
        if s.key == THEMES_SECTION:
            write.themes = [keys[t] for t in made.themes if t in keys]  # type: ignore[misc]
            write.own_themes = [t for t in made.themes if t not in keys]
        if s.key == EXPERIENCE_SECTION:
            write.experiences = [
                wire.ExperienceIn(
                    kind=e.kind, what=e.what, where=e.where, from_date=e.from_date, until=e.until
                )
                for e in made.experiences
            ]
        await services.write_section(client, record, s.key, write)  # type: ignore[arg-type]
    choices = await services.profile_row(made.client_id)
    assert choices is not None
    await services.write_choices(
        client, record,
        wire.ChoicesWrite(local_id=_new_id(), base_revision=choices["revision"],
                          disclosure=made.disclosure, disclosure_words=made.disclosure_words),
    )  # fmt: skip
    await _photos(client, record, made, row)
    number, _ = await versions.ask_approval(coach, record, wire.AskApproval(local_id=_new_id()))
    await versions.approve(record, number)
    approved = await approved_profile(made.client_id, made.language)
    assert approved is not None and approved.version == number
    return approved


def forget() -> None:
    """No document kept from an earlier test (the API tier empties every table between tests,
    the approved profiles with them)."""
    documents_services.forget_all()


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces (lines wrap in a PDF)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_of(reader: pypdf.PdfReader) -> str:
    """The PDF's text, every page, flattened."""
    return flat(" ".join(page.extract_text() for page in reader.pages))


def placed(reader: pypdf.PdfReader) -> list[list[tuple[float, str]]]:
    """The first page's text as it stands on the page: per line (top first), each piece the PDF
    draws with its distance from the page's left edge, in the order the PDF draws them."""
    lines: dict[float, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            at = pypdf.mult(tm, cm)
            lines.setdefault(round(at[5], 0), []).append((at[4], text.strip()))

    reader.pages[0].extract_text(visitor_text=visit)
    return [lines[y] for y in sorted(lines, reverse=True)]


def hebrew_lines(reader: pypdf.PdfReader) -> list[list[tuple[float, str]]]:
    """The Hebrew words of the first page, per line (top first), each with its distance from
    the page's left edge."""
    return [
        found
        for line in placed(reader)
        if (found := [(x, w) for x, piece in line for w in piece.split() if HEBREW.search(w)])
    ]


def read_as(line: list[tuple[float, str]], direction: Literal["ltr", "rtl"]) -> str:
    """A line's pieces in the order a reader of ``direction`` meets them, without spaces (a
    PDF places words, not the spaces between them)."""
    ordered = sorted(line, key=lambda piece: piece[0], reverse=direction == "rtl")
    return "".join(piece for _, piece in ordered).replace(" ", "")
