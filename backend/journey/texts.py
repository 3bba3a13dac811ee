"""The words the client reads before deciding to take part, versioned, in plain language
(Easy Read, selkokieli).

A published version never changes: the decision keeps the version and the language it was
given in, so what the client was told can always be shown again (as a consent: GDPR
Art. 7(1)). To change the words, add version 2 beside version 1 and move ``LATEST``; the PWA
asks for the latest and sends back the version it showed.
"""

from __future__ import annotations

from typing import Final, TypedDict

from backend.lib import i18n
from shared_schemas import journey as wire


class Words(TypedDict):
    title: str
    paragraphs: list[str]
    confirm: str


_V1: dict[str, Words] = {
    "en": {
        "title": "Do you want to take part?",
        "paragraphs": [
            "We help you find a job you want, and we support you at work for as long as you "
            "need it.",
            "Your job coach gets to know you: what you like, what you can do, and what help you "
            "need.",
            "Together you look for work, talk with employers, and learn the job at the workplace.",
            "Your job coach writes down what you do together. You can see all of it in Stepwise.",
            "You decide. You can say no, or stop later. That does not take away other help you "
            "get.",
            "Ask your job coach anything before you decide.",
        ],
        "confirm": "Yes, I want to take part",
    },
    "pl": {
        "title": "Czy chcesz wziąć udział?",
        "paragraphs": [
            "Pomagamy Ci znaleźć pracę, którą chcesz, i wspieramy Cię w pracy tak długo, jak "
            "potrzebujesz.",
            "Twój trener pracy poznaje Cię: co lubisz, co potrafisz i jakiej pomocy potrzebujesz.",
            "Razem szukacie pracy, rozmawiacie z pracodawcami i uczycie się pracy na miejscu.",
            "Twój trener pracy zapisuje, co robicie razem. Możesz to wszystko zobaczyć w Stepwise.",
            "Ty decydujesz. Możesz powiedzieć „nie” albo przerwać później. Nie tracisz przez to "
            "innej pomocy.",
            "Zanim zdecydujesz, zapytaj trenera pracy o wszystko, co chcesz.",
        ],
        "confirm": "Tak, chcę wziąć udział",
    },
    "fi": {
        "title": "Haluatko osallistua?",
        "paragraphs": [
            "Autamme sinua löytämään työn, jota haluat. Tuemme sinua työssä niin kauan kuin "
            "tarvitset.",
            "Työvalmentaja tutustuu sinuun: mistä pidät, mitä osaat ja mitä apua tarvitset.",
            "Yhdessä etsitte työtä, puhutte työnantajien kanssa ja opettelette työn työpaikalla.",
            "Työvalmentaja kirjoittaa muistiin, mitä teette yhdessä. Näet kaiken Stepwisessa.",
            "Sinä päätät. Voit sanoa ei tai lopettaa myöhemmin. Et menetä silloin muuta apua.",
            "Kysy työvalmentajalta mitä vain ennen kuin päätät.",
        ],
        "confirm": "Kyllä, haluan osallistua",
    },
    "he": {
        "title": "האם את/ה רוצה להשתתף?",
        "paragraphs": [
            "אנחנו עוזרים לך למצוא עבודה שאת/ה רוצה, ותומכים בך בעבודה כמה שצריך.",
            "המלווה התעסוקתי/ת מכיר/ה אותך: מה את/ה אוהב/ת, מה את/ה יודע/ת לעשות ואיזו "
            "עזרה את/ה צריך/ה.",
            "ביחד מחפשים עבודה, מדברים עם מעסיקים ולומדים את העבודה במקום העבודה.",
            "המלווה כותב/ת מה אתם עושים ביחד. את/ה יכול/ה לראות הכול ב-Stepwise.",
            "את/ה מחליט/ה. אפשר להגיד לא, או להפסיק אחר כך. זה לא לוקח ממך עזרה אחרת.",
            "אפשר לשאול את המלווה כל שאלה לפני שמחליטים.",
        ],
        "confirm": "כן, אני רוצה להשתתף",
    },
}

VERSIONS: Final[dict[int, dict[str, Words]]] = {1: _V1}
LATEST: Final = max(VERSIONS)


def wording(version: int, locale: str) -> Words | None:
    """The words of one version in one language (English for another), or None when there is
    no such version."""
    texts = VERSIONS.get(version)
    if texts is None:
        return None
    return texts.get(locale) or texts["en"]


def decision_text(version: int | None, locale: str | None) -> wire.DecisionText | None:
    """The words to show, in the person's language (English for another)."""
    chosen_version = version or LATEST
    chosen_locale = locale if locale in i18n.LOCALES else "en"
    words = wording(chosen_version, chosen_locale)
    if words is None:
        return None
    return wire.DecisionText(
        version=chosen_version,
        latest_version=LATEST,
        locale=chosen_locale,  # type: ignore[arg-type]
        direction=i18n.direction(chosen_locale),
        title=words["title"],
        paragraphs=list(words["paragraphs"]),
        confirm=words["confirm"],
        locales=list(i18n.LOCALES),
    )
