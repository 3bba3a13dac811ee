"""Approved profiles for the documents' tests and benchmark: Alice's, in Polish, Hebrew and
English, with two photos, and ``approve`` to put one in place as the client's approved version.

``approve`` is the one place that knows how an approved profile comes to be; until the profiles
domain is merged it fills the placeholder's in-memory store.
"""

from __future__ import annotations

import io
import zlib
from datetime import UTC, date, datetime
from typing import Literal

from PIL import Image

import backend.profiles as profiles
from backend.profiles import ApprovedProfile, ProfileEntry, ProfilePhoto, ProfileSection

MARKUP = '#set text(red) *bold* _x_ $y$ <b>html</b> @ref [link] \\ `code` & "quote"'
"""Typst and HTML markup characters a person may well type: printed as written."""

HEADINGS = {
    "pl": {
        "who_i_am": "Kim jestem",
        "likes_and_strengths": "Co lubię i w czym jestem dobra",
        "done": "Co robiłam",
        "how_i_learn": "Jak najlepiej się uczę",
        "needs": "Czego potrzebuję w pracy",
        "not_want": "Czego nie chcę",
        "bring": "Co mogę dać pracodawcy",
    },
    "he": {
        "who_i_am": "מי אני",
        "likes_and_strengths": "מה אני אוהבת ובמה אני טובה",
        "done": "מה עשיתי",
        "how_i_learn": "איך אני לומדת הכי טוב",
        "needs": "מה אני צריכה בעבודה",
        "not_want": "מה אני לא רוצה",
        "bring": "מה אני יכולה להביא למעסיק",
    },
    "en": {
        "who_i_am": "Who I am",
        "likes_and_strengths": "What I like and what I am good at",
        "done": "What I have done",
        "how_i_learn": "How I learn best",
        "needs": "What I need at work",
        "not_want": "What I do not want",
        "bring": "What I can bring to an employer",
    },
}

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


def jpeg(colour: str | tuple[int, int, int], size: tuple[int, int] = (1200, 900)) -> bytes:
    """A plain photo, the size a phone's resized upload has."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def profile(
    client_id: str,
    language: str = "pl",
    *,
    version: int = 1,
    disclosure: Literal["nothing", "adjustments", "more"] = "adjustments",
    name: str = "Alicja Żółkiewska",
    words: dict[str, str] | None = None,
    long: bool = False,
) -> ApprovedProfile:
    """Alice's approved profile in ``language``; the "who I am" and "what I have done" sections
    carry a photo each (ids ``{client_id}-portrait`` and ``{client_id}-laundry``).
    ``long`` repeats the words so that the CV takes two pages (the benchmark's)."""
    said = {**WORDS[language], **(words or {})}
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
        version=version,
        approved_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        template_version=1,
        language=language,
        sections=[
            ProfileSection(key=key, heading=heading, text=said[key], photos=photos.get(key, []))
            for key, heading in HEADINGS[language].items()
        ],
        themes=["pranie / laundry", "kuchnia / kitchen", "porządek / order"],
        experiences=experiences,
        disclosure=disclosure,
        disclosure_words=DISCLOSURE_WORDS[language],
    )


def approve(made: ApprovedProfile) -> None:
    """Make ``made`` the client's approved version in its language, with its photos."""
    profiles.APPROVED[(made.client_id, made.language)] = made
    for section in made.sections:
        for photo in section.photos:
            # A colour of its own per photo: the same picture twice is embedded once.
            code = zlib.crc32(photo.id.encode())
            profiles.PHOTOS[photo.id] = jpeg((code & 0xFF, code >> 8 & 0xFF, code >> 16 & 0xFF))


def forget() -> None:
    """No approved profile for anyone (between tests)."""
    profiles.APPROVED.clear()
    profiles.PHOTOS.clear()
