"""The CV and the "about me" made from the client's approved profile: the PDF's text read back
(pypdf) holds the approved words in the document's language — Polish with its diacritics, Hebrew
right to left — with only what the client chose to disclose, markup characters as written and
the photos embedded; no approved version, no document; every download in the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import msgspec
import pypdf
import pytest

from backend.accounts.tables import User
from backend.documents import services
from backend.profiles import ProfilePhoto, approved_profile, templates
from tests.api.conftest import Api
from tests.support import documents
from tests.support.world import World


@pytest.fixture(autouse=True)
def no_profiles() -> Iterator[None]:
    documents.forget()
    services.forget_all()
    yield
    documents.forget()
    services.forget_all()


def _world(api: Api) -> World:
    assert api.world is not None
    return api.world


def _reader(response: Any) -> pypdf.PdfReader:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


_flat = documents.flat
_text = documents.text_of


def _images(reader: pypdf.PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def _fonts(reader: pypdf.PdfReader) -> set[str]:
    """The fonts embedded for the first page, without their subset tags (``ABCDEF+``)."""
    fonts: Any = reader.pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}


_hebrew_lines = documents.hebrew_lines


async def _as_polish(world: World) -> None:
    await User.update({User.locale: "pl"}).where(User.id == world.ids["client"])


async def test_the_cv_holds_the_approved_words_in_polish(world_api: Api) -> None:
    w = _world(world_api)
    alice = w.ids["client"]
    await documents.approve(documents.profile(alice, "pl"))
    await _as_polish(w)
    got = await world_api.get(f"/api/clients/{alice}/documents/cv.pdf", as_="coach")
    reader = _reader(got)
    assert got.headers["content-language"] == "pl"  # the client's language, none asked for
    text = _text(reader)
    for words in (
        "Alicja Żółkiewska",
        "Życiorys",
        "Kim jestem",
        _flat(documents.WORDS["pl"]["who_i_am"]),
        _flat(documents.WORDS["pl"]["bring"]),  # "Gęś, łódź, źródło."
        "Doświadczenie zawodowe",
        "Wykształcenie i szkolenia",
        "Pomoc w pralni",
        "Pralnia Bąbelek, Łódź",
        "03/2022 – 06/2024",
        "09/2024 – obecnie",
        "Wolontariat",
        "Zainteresowania",
    ):
        assert words in text, words
    assert _images(reader) == 2  # the portrait and the laundry photo
    assert reader.metadata is not None and reader.metadata.title == "Życiorys"


async def test_the_finnish_cv_has_its_letters_and_labels(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    said = "Olen Liisa. Pidän järjestyksestä ja hiljaisesta työstä Äänekoskella, öisin en."
    await documents.approve(documents.profile(alice, "fi", words={"who_i_am": said}))
    text = _text(
        _reader(
            await world_api.get(f"/api/clients/{alice}/documents/cv.pdf?language=fi", as_="coach")
        )
    )
    for words in (said, "Ansioluettelo", "Työkokemus", "Koulutus", "09/2024 – nyt"):
        assert words in text, words


async def test_the_about_me_is_one_page_with_the_photos_and_the_clients_words(
    world_api: Api,
) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "en"))
    got = await world_api.get(
        f"/api/clients/{alice}/documents/about-me.pdf?language=en", as_="client"
    )
    reader = _reader(got)
    assert len(reader.pages) == 1
    assert _images(reader) == 2
    text = _text(reader)
    assert "About me" in text
    assert _flat(documents.WORDS["en"]["likes_and_strengths"]) in text
    assert "Pralnia / laundry" in text  # a photo's caption


async def test_a_long_about_me_still_fits_one_page(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "pl", long=True, disclosure="more"))
    reader = _reader(
        await world_api.get(f"/api/clients/{alice}/documents/about-me.pdf?language=pl", as_="coach")
    )
    assert len(reader.pages) == 1  # the type is a size smaller, not a page longer
    text = _text(reader)
    assert _flat(documents.DISCLOSURE_WORDS["pl"]) in text
    assert "Zainteresowania" in text  # the last section is there


async def test_the_pdfs_are_tagged_for_screen_readers_and_archiving(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "he"))
    for kind in ("cv", "about-me"):
        got = await world_api.get(
            f"/api/clients/{alice}/documents/{kind}.pdf?language=he", as_="coach"
        )
        reader = _reader(got)
        catalog: Any = reader.trailer["/Root"]
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert catalog["/Lang"] == "he"
        assert "/StructTreeRoot" in catalog
        xmp = reader.xmp_metadata
        assert xmp is not None
        assert b"pdfuaid" in xmp.stream.get_data() and b"pdfaid" in xmp.stream.get_data()


async def test_the_hebrew_cv_reads_right_to_left(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "he"))
    reader = _reader(
        await world_api.get(f"/api/clients/{alice}/documents/cv.pdf?language=he", as_="coach")
    )
    # Read as a Hebrew reader reads — each line from its right edge — the lines hold the
    # approved words in their order: the first word of "who I am" stands rightmost.
    said = documents.WORDS["he"]["who_i_am"]  # "אני אליס ואני אוהבת סדר"
    lines = _hebrew_lines(reader)
    read = [" ".join(word for _, word in sorted(line, reverse=True)) for line in lines]
    assert said in read, read
    line = lines[read.index(said)]
    first = next(x for x, word in line if word == said.split()[0])
    last = next(x for x, word in line if word == said.split()[-1])
    assert first > last
    # …and the paragraph itself runs from the right: the line starts at the right margin.
    assert first > float(reader.pages[0].mediabox.width) * 0.75
    assert "קורות חיים" in read  # the document's title, in Hebrew
    assert "ניסיון תעסוקתי" in read  # "Work experience"
    assert documents.HEADINGS["he"]["who_i_am"] in read
    # Set in the fonts the repository ships (embedded), not in whatever the machine has.
    assert {"NotoSansHebrew-Regular", "NotoSansHebrew-Bold", "NotoSans-Regular"} <= _fonts(reader)


async def test_the_hebrew_cv_asked_without_signing_in_is_refused(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "he"))
    got = await world_api.request(
        "GET", f"/api/clients/{alice}/documents/cv.pdf?language=he", as_=None
    )
    assert got.status_code == 401


async def test_without_an_approved_version_no_document_is_made(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    for kind in ("cv", "about-me"):
        got = await world_api.get(f"/api/clients/{alice}/documents/{kind}.pdf", as_="coach")
        assert got.status_code == 409, got.text
        assert got.headers["content-type"].startswith("application/problem+json")
        problem = got.json()
        assert problem["code"] == "not_approved"
        assert "approved" in problem["title"]
    listed = (await world_api.get(f"/api/clients/{alice}/documents", as_="client")).json()
    assert listed == {"approvedVersion": None, "language": "en", "documents": []}


async def test_the_list_says_which_version_and_where(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    for bring in ("Jestem punktualna.", "Jestem dokładna.", "Jestem punktualna i dokładna."):
        await documents.approve(documents.profile(alice, "pl", words={"bring": bring}))
    listed = await world_api.get(f"/api/clients/{alice}/documents?language=pl", as_="coach")
    assert listed.status_code == 200, listed.text
    assert listed.json() == {
        "approvedVersion": 3,
        "language": "pl",
        "documents": [
            {"kind": "cv", "href": f"/api/clients/{alice}/documents/cv.pdf?language=pl"},
            {
                "kind": "about-me",
                "href": f"/api/clients/{alice}/documents/about-me.pdf?language=pl",
            },
        ],
    }


async def test_a_language_not_shipped_is_refused_naming_the_field(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    got = await world_api.get(f"/api/clients/{alice}/documents/cv.pdf?language=de", as_="coach")
    assert got.status_code == 400, got.text
    assert "language" in got.text


@pytest.mark.parametrize(
    ("disclosure", "needs", "learning", "words"),
    [
        ("nothing", False, False, False),
        ("adjustments", True, False, False),
        ("more", True, True, True),
    ],
)
@pytest.mark.parametrize("kind", ["cv", "about-me"])
async def test_disability_and_adjustments_only_as_the_client_chose(
    world_api: Api, kind: str, disclosure: Any, needs: bool, learning: bool, words: bool
) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "en", disclosure=disclosure))
    text = _text(
        _reader(
            await world_api.get(
                f"/api/clients/{alice}/documents/{kind}.pdf?language=en", as_="client"
            )
        )
    )
    en = documents.WORDS["en"]
    assert (en["needs"] in text) is needs
    assert ("What I need at work" in text) is needs
    assert (en["how_i_learn"] in text) is learning
    assert (documents.DISCLOSURE_WORDS["en"] in text) is words
    assert ("What I would like an employer to know" in text) is words
    assert en["not_want"] not in text  # steers the search; never for an employer
    assert en["who_i_am"] in text


@pytest.mark.parametrize(
    ("disclosure", "shown"),
    [("nothing", set()), ("adjustments", {"needs"}), ("more", {"how_i_learn", "needs"})],
)
async def test_photos_of_needs_and_learning_only_as_the_client_chose(
    world_api: Api, disclosure: Any, shown: set[str]
) -> None:
    alice = _world(world_api).ids["client"]
    made = documents.profile(alice, "en", disclosure=disclosure)
    captions = {"how_i_learn": "Shown step by step", "needs": "My quiet corner"}
    sections = [
        msgspec.structs.replace(
            s, photos=[ProfilePhoto(id=f"{alice}-{s.key}", caption=captions[s.key])]
        )
        if s.key in captions
        else s
        for s in made.sections
    ]
    await documents.approve(msgspec.structs.replace(made, sections=sections))
    reader = _reader(await world_api.get(f"/api/clients/{alice}/documents/cv.pdf", as_="coach"))
    text = _text(reader)
    assert {key for key, caption in captions.items() if caption in text} == shown
    assert _images(reader) == 2 + len(shown)  # the portrait and the laundry besides


async def test_markup_in_a_persons_words_is_printed_as_written(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    markup = documents.MARKUP
    await documents.approve(
        documents.profile(
            alice, "en", words={"bring": markup}, name="Alice <b>#strong[x]</b> *Client*"
        )
    )
    for kind in ("cv", "about-me"):
        text = _text(
            _reader(
                await world_api.get(
                    f"/api/clients/{alice}/documents/{kind}.pdf?language=en", as_="client"
                )
            )
        )
        assert markup in text, text
        assert "Alice <b>#strong[x]</b> *Client*" in text


async def test_a_word_longer_than_a_line_breaks_rather_than_run_off_the_page(
    world_api: Api,
) -> None:
    alice = _world(world_api).ids["client"]
    address = "https://example.com/" + "a" * 300
    await documents.approve(documents.profile(alice, "en", words={"who_i_am": address}))
    reader = _reader(await world_api.get(f"/api/clients/{alice}/documents/cv.pdf", as_="coach"))
    lines = [
        line.replace("\u200b", "")
        for line in reader.pages[0].extract_text().splitlines()
        if "aaaa" in line
    ]
    assert len(lines) >= 3, lines  # a line of A4 holds about a hundred such letters
    assert "".join(lines) == address


async def test_a_new_approved_version_makes_a_new_document(world_api: Api) -> None:
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, "en"))
    first = _text(
        _reader(await world_api.get(f"/api/clients/{alice}/documents/cv.pdf", as_="client"))
    )
    await documents.approve(
        documents.profile(alice, "en", words={"bring": "I bake bread at dawn."})
    )
    second = _text(
        _reader(await world_api.get(f"/api/clients/{alice}/documents/cv.pdf", as_="client"))
    )
    assert "I bake bread at dawn." not in first
    assert "I bake bread at dawn." in second


async def test_every_download_is_audit_logged_the_clients_own_too(world_api: Api) -> None:
    w = _world(world_api)
    alice = w.ids["client"]
    await documents.approve(documents.profile(alice, "en"))
    for who, kind in (("client", "cv"), ("coach", "about-me"), ("client", "cv")):
        got = await world_api.get(f"/api/clients/{alice}/documents/{kind}.pdf", as_=who)
        assert got.status_code == 200, got.text
    entries = (await world_api.get("/api/audit", as_="admin")).json()
    downloads = [e for e in entries if e["action"] == "document_downloaded"]
    assert sorted((e["actor"], e["subject"]) for e in downloads) == sorted(
        [(w.ids["client"], alice), (w.ids["coach"], alice), (w.ids["client"], alice)]
    )


async def test_a_mentor_of_another_client_and_another_caseload_find_nothing(
    world_api: Api,
) -> None:
    w = _world(world_api)
    bob = w.ids["other_client"]
    await documents.approve(documents.profile(bob, "en"))
    for who in ("mentor", "coach", "family", "client"):  # Mia mentors Alice, not Bob
        for path in ("", "/cv.pdf", "/about-me.pdf"):
            got = await world_api.get(f"/api/clients/{bob}/documents{path}", as_=who)
            assert got.status_code == 404, (who, path, got.text)


async def test_a_profile_written_in_polish_reads_in_hebrew_with_hebrew_headings_and_labels(
    world_api: Api,
) -> None:
    """What the documents read from a profile in another language than its own: the template's
    headings and theme labels in the language asked for, the client's words as they wrote
    them."""
    alice = _world(world_api).ids["client"]
    tidy = templates.default_texts()["pl"]["themes"]["order"]  # "Sprzątanie i porządek"
    await documents.approve(documents.profile(alice, "pl", themes=[tidy, "pranie / laundry"]))
    read = await approved_profile(alice, "he")
    assert read is not None
    assert read.language == "pl"  # the language the words were written in
    assert [s.heading for s in read.sections] == list(documents.HEADINGS["he"].values())
    assert [s.text for s in read.sections] == list(documents.WORDS["pl"].values())
    assert read.themes == [templates.default_texts()["he"]["themes"]["order"], "pranie / laundry"]
    text = _text(
        _reader(
            await world_api.get(f"/api/clients/{alice}/documents/cv.pdf?language=he", as_="coach")
        )
    )
    assert "pranie / laundry" in text
    assert _flat(documents.WORDS["pl"]["bring"]) in text


@pytest.mark.parametrize(("written", "asked"), [("pl", "he"), ("he", "pl")])
async def test_the_clients_words_run_in_their_own_direction_in_a_document_of_another_language(
    world_api: Api, written: str, asked: str
) -> None:
    """A Polish profile's CV in Hebrew: the Polish sentences run left to right from the left
    margin with their full stop at the end; a Hebrew profile's CV in Polish: the Hebrew sentence
    runs right to left from the right margin, its full stop at its left end."""
    alice = _world(world_api).ids["client"]
    await documents.approve(documents.profile(alice, written))
    reader = _reader(
        await world_api.get(f"/api/clients/{alice}/documents/cv.pdf?language={asked}", as_="coach")
    )
    said = documents.WORDS[written]["bring"]  # one line, ending with a full stop
    direction = "rtl" if written == "he" else "ltr"
    lines = documents.placed(reader)
    read = [documents.read_as(line, direction) for line in lines]
    assert said.replace(" ", "") in read, read
    line = lines[read.index(said.replace(" ", ""))]
    width = float(reader.pages[0].mediabox.width)
    if direction == "ltr":
        assert min(x for x, _ in line) < width * 0.25  # from the left margin
    else:
        assert max(x for x, _ in line) > width * 0.6  # from the right margin
