"""The consent wording the client is shown, versioned, in plain language (Easy Read, selkokieli).

A published version never changes: every consent row records the version and the language it
was given in, so what the client was told can always be shown again (GDPR Art. 7(1): the
controller must be able to demonstrate consent). To change the wording, add version 2 beside
version 1 and move ``LATEST``; the PWA asks for the latest and sends back the version it showed.
"""

from __future__ import annotations

from typing import Any, Final

KINDS: Final = ("shifts", "workplace", "goals", "training", "updates", "help_alerts", "profile")
UPDATE_KINDS: Final = ("shifts", "goals", "training", "updates")

_V1: dict[str, dict[str, Any]] = {
    "en": {
        "title": "What your family can see",
        "intro": (
            "You decide what each person in your family sees in Stepwise. You choose for each "
            "person. Nothing is shared until you say yes."
        ),
        "kinds": {
            "shifts": (
                "My work times",
                "They see when your next shifts start and end. They see nothing else about "
                "your work.",
            ),
            "goals": (
                "My goals",
                "They see short messages about your goals. You say yes to each message first, "
                "unless you let them go without asking.",
            ),
            "training": (
                "What I learn at work",
                "They see a message when you learn a task at work, for example: "
                "“I can now fold the towels on my own.”",
            ),
            "updates": (
                "News and photos",
                "They see short news and photos that you or your job coach write. You say yes "
                "to each one first, unless you let them go without asking.",
            ),
            "help_alerts": (
                "When I need help",
                "They get a message on their phone when you press “I need help” at work.",
            ),
        },
        "auto_share": (
            "Share without asking me: news of this kind goes to your family at once. You do not "
            "need to say yes each time. You can turn this off at any time."
        ),
        "withdraw": (
            "You can change your mind at any time. When you turn something off, your family "
            "stops seeing it at once. Your family never sees your notes, assessments or "
            "conversations with your job coach."
        ),
    },
    "pl": {
        "title": "Co widzi Twoja rodzina",
        "intro": (
            "Ty decydujesz, co każda osoba z Twojej rodziny widzi w Stepwise. Wybierasz osobno "
            "dla każdej osoby. Nic nie jest pokazywane, dopóki nie powiesz „tak”."
        ),
        "kinds": {
            "shifts": (
                "Moje godziny pracy",
                "Ta osoba widzi, kiedy zaczyna się i kończy Twoja następna zmiana w pracy. "
                "Nie widzi nic więcej o Twojej pracy.",
            ),
            "goals": (
                "Moje cele",
                "Ta osoba widzi krótkie wiadomości o Twoich celach. Najpierw mówisz „tak” "
                "każdej wiadomości, chyba że pozwolisz wysyłać je bez pytania.",
            ),
            "training": (
                "Czego uczę się w pracy",
                "Ta osoba widzi wiadomość, gdy nauczysz się zadania w pracy, na przykład: "
                "„Potrafię już samodzielnie składać ręczniki”.",
            ),
            "updates": (
                "Wiadomości i zdjęcia",
                "Ta osoba widzi krótkie wiadomości i zdjęcia, które piszesz Ty albo Twój trener "
                "pracy. Najpierw mówisz „tak” każdej z nich, chyba że pozwolisz wysyłać je bez "
                "pytania.",
            ),
            "help_alerts": (
                "Gdy potrzebuję pomocy",
                "Ta osoba dostaje wiadomość na telefon, gdy w pracy naciśniesz "
                "„Potrzebuję pomocy”.",
            ),
        },
        "auto_share": (
            "Udostępniaj bez pytania: wiadomości tego rodzaju od razu trafiają do rodziny. "
            "Nie musisz za każdym razem mówić „tak”. Możesz to wyłączyć w każdej chwili."
        ),
        "withdraw": (
            "Możesz zmienić zdanie w każdej chwili. Gdy coś wyłączysz, rodzina od razu przestaje "
            "to widzieć. Rodzina nigdy nie widzi Twoich notatek, ocen ani rozmów z trenerem "
            "pracy."
        ),
    },
    "fi": {
        "title": "Mitä perheesi näkee",
        "intro": (
            "Sinä päätät, mitä kukin perheenjäsen näkee Stepwisessa. Valitset jokaiselle "
            "ihmiselle erikseen. Mitään ei näytetä, ennen kuin sanot kyllä."
        ),
        "kinds": {
            "shifts": (
                "Työaikani",
                "Hän näkee, milloin seuraava työvuorosi alkaa ja loppuu. Hän ei näe muuta "
                "työstäsi.",
            ),
            "goals": (
                "Tavoitteeni",
                "Hän näkee lyhyitä viestejä tavoitteistasi. Sanot ensin kyllä jokaiselle "
                "viestille, jos et anna niiden mennä kysymättä.",
            ),
            "training": (
                "Mitä opin työssä",
                "Hän näkee viestin, kun opit työtehtävän, esimerkiksi: ”Osaan nyt taitella "
                "pyyhkeet itse.”",
            ),
            "updates": (
                "Uutiset ja kuvat",
                "Hän näkee lyhyitä uutisia ja kuvia, joita sinä tai työvalmentajasi kirjoitatte. "
                "Sanot ensin kyllä jokaiselle, jos et anna niiden mennä kysymättä.",
            ),
            "help_alerts": (
                "Kun tarvitsen apua",
                "Hän saa puhelimeensa viestin, kun painat työssä ”Tarvitsen apua”.",
            ),
        },
        "auto_share": (
            "Jaa kysymättä: tämän lajin uutiset menevät perheelle heti. Sinun ei tarvitse sanoa "
            "kyllä joka kerta. Voit lopettaa tämän milloin vain."
        ),
        "withdraw": (
            "Voit muuttaa mielesi milloin vain. Kun lopetat jakamisen, perheesi ei näe sitä "
            "enää. Perheesi ei koskaan näe muistiinpanoja, arviointeja eikä keskustelujasi "
            "työvalmentajan kanssa."
        ),
    },
    "he": {
        "title": "מה המשפחה שלך רואה",
        "intro": (
            "ההחלטה שלך: מה כל אחד מבני המשפחה רואה ב-Stepwise. הבחירה היא לכל אדם בנפרד. "
            "שום דבר לא משותף לפני שאמרת כן."
        ),
        "kinds": {
            "shifts": (
                "שעות העבודה שלי",
                "בן המשפחה רואה מתי המשמרת הבאה שלך מתחילה ומתי היא נגמרת. הוא לא רואה שום "
                "דבר אחר על העבודה שלך.",
            ),
            "goals": (
                "המטרות שלי",
                "בן המשפחה רואה הודעות קצרות על המטרות שלך. כל הודעה נשלחת רק אחרי שאישרת "
                "אותה, אלא אם בחרת לשתף בלי לשאול.",
            ),
            "training": (
                "מה שלמדתי בעבודה",
                "בן המשפחה רואה הודעה כשלמדת משימה בעבודה, למשל: „למדתי לקפל מגבות לבד”.",
            ),
            "updates": (
                "חדשות ותמונות",
                "בן המשפחה רואה חדשות קצרות ותמונות שכתבת, או שהמלווה בעבודה כתב. כל אחת "
                "נשלחת רק אחרי שאישרת אותה, אלא אם בחרת לשתף בלי לשאול.",
            ),
            "help_alerts": (
                "בקשות עזרה",
                "בן המשפחה מקבל הודעה בטלפון כשלחצת בעבודה על „צריך עזרה”.",
            ),
        },
        "auto_share": (
            "לשתף בלי לשאול: חדשות מהסוג הזה נשלחות למשפחה מיד. לא צריך לאשר בכל פעם. אפשר "
            "לבטל את זה בכל רגע."
        ),
        "withdraw": (
            "אפשר לשנות את הבחירה בכל רגע. כשמבטלים, בן המשפחה מפסיק לראות את זה מיד. המשפחה "
            "אף פעם לא רואה הערות, הערכות או שיחות עם המלווה בעבודה."
        ),
    },
}

# Version 2: version 1 and one more choice, "My workplace". Family members with
# "My work times" see the client's next shifts; the workplace's name is a separate choice,
# because where a person works says more than when (docs/privacy.md).
_WORKPLACE: dict[str, tuple[str, str]] = {
    "en": (
        "My workplace",
        "They see the name of your workplace next to your work times. They see it only if they "
        "also see your work times.",
    ),
    "pl": (
        "Moje miejsce pracy",
        "Ta osoba widzi nazwę Twojego miejsca pracy obok godzin pracy. Widzi ją tylko wtedy, "
        "gdy widzi też Twoje godziny pracy.",
    ),
    "fi": (
        "Työpaikkani",
        "Hän näkee työpaikkasi nimen työaikojesi vieressä. Hän näkee sen vain, jos hän näkee "
        "myös työaikasi.",
    ),
    "he": (
        "מקום העבודה שלי",
        "בן המשפחה רואה את השם של מקום העבודה שלך ליד שעות העבודה. הוא רואה אותו רק אם הוא "
        "רואה גם את שעות העבודה שלך.",
    ),
}


def _with_workplace(words: dict[str, Any], locale: str) -> dict[str, Any]:
    kinds: dict[str, tuple[str, str]] = {}
    for kind, text in words["kinds"].items():
        kinds[kind] = text
        if kind == "shifts":
            kinds["workplace"] = _WORKPLACE[locale]
    return {**words, "kinds": kinds}


_V2 = {locale: _with_workplace(words, locale) for locale, words in _V1.items()}

# Version 3: version 2 and one more choice, "My profile": the vocational profile the client
# approved (backend/profiles), never its drafts or the coach's notes.
_PROFILE: dict[str, tuple[str, str]] = {
    "en": (
        "My profile",
        "They can read the profile you approved: what you like, what you can do and what you "
        "need at work. They never see the coach's notes.",
    ),
    "pl": (
        "Mój profil",
        "Ta osoba może przeczytać zatwierdzony przez Ciebie profil: co lubisz, co potrafisz i "
        "czego potrzebujesz w pracy. Nigdy nie widzi notatek trenera.",
    ),
    "fi": (
        "Oma profiilini",
        "Hän voi lukea hyväksymäsi profiilin: mistä pidät, mitä osaat ja mitä tarvitset "
        "työssä. Hän ei koskaan näe valmentajan muistiinpanoja.",
    ),
    "he": (
        "הפרופיל שלי",
        "בן המשפחה יכול לקרוא את הפרופיל שאישרת: מה אתה אוהב, מה אתה יודע לעשות ומה אתה צריך "
        "בעבודה. הוא אף פעם לא רואה את ההערות של המלווה.",
    ),
}


def _with_profile(words: dict[str, Any], locale: str) -> dict[str, Any]:
    return {**words, "kinds": {**words["kinds"], "profile": _PROFILE[locale]}}


_V3 = {locale: _with_profile(words, locale) for locale, words in _V2.items()}

VERSIONS: Final[dict[int, dict[str, dict[str, Any]]]] = {1: _V1, 2: _V2, 3: _V3}
LATEST: Final = max(VERSIONS)


def wording(version: int, locale: str) -> dict[str, Any] | None:
    """The wording of one version in one language, or None when there is no such version."""
    texts = VERSIONS.get(version)
    if texts is None:
        return None
    return texts.get(locale) or texts["en"]


def offers(version: int, kind: str) -> bool:
    """Whether the wording of ``version`` asks about ``kind`` (version 1 has no workplace)."""
    return kind in VERSIONS.get(version, {}).get("en", {}).get("kinds", {})
