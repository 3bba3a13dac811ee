"""The privacy notice a person reads before making their passkey (GDPR Art. 12 and 13).

In plain words and the person's language: who is responsible (the organisation the
administrator names, with its contact and data protection officer), what is kept, why and on
which legal basis (Art. 6, and Art. 9(2) for health and disability), who sees it, for how long,
and the person's rights (Art. 15–21, withdrawing consent, complaining to a supervisory
authority). The wording differs for clients and family members (``person``), staff, and the
contact people at employers (``employer_contact``), who have no account but are told too.

Versioned like the consent wording (``backend/family/texts.py``): a published version never
changes; to change the wording add version 2 beside version 1 and move ``LATEST``. The version
and language each person was shown are kept with their account at enrollment
(``users.notice_version``, ``users.notice_locale``), so what they were told can always be shown
again. The organisation's details are filled in when the notice is read.

Why one module past 400 lines: nine tenths of it is the published wording of version 1 in four
languages, side by side, so whoever checks a translation or writes version 2 compares the
languages in one place; the code that reads it is the last forty lines.
"""

from __future__ import annotations

from typing import Any, Final, Literal

Audience = Literal["person", "staff", "employer_contact"]

# Sections: (heading, [paragraphs]). Placeholders: {organisation}, {contact}; the sections
# "dpo", "retention" and "complain" are chosen and filled by ``render``.
_V1: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Your information in Stepwise",
        "intro": {
            "person": (
                "Please read this before you make your passkey. It says what {organisation} "
                "keeps about you in Stepwise, who sees it, why, for how long, and what you can "
                "ask for."
            ),
            "staff": (
                "Please read this before you make your passkey. It says what {organisation} "
                "keeps about you in Stepwise as a member of staff, who sees it, why, for how "
                "long, and what you can ask for."
            ),
        },
        "who": (
            "Who is responsible",
            "{organisation} is responsible for your information (the data controller). You "
            "can ask them about it at any time: {contact}.",
        ),
        "dpo": "Data protection officer: {dpo}.",
        "what": {
            "person": (
                "What is kept",
                [
                    "Your name, your language and your settings.",
                    "If you get support: what your job coach writes down to support you — your "
                    "tasks with photos, how much help each step needed, your work times, your "
                    "goals and your talks. Some of it can be about your health or disability.",
                    "If you are a family member: who you are to the person, and what they share "
                    "with you.",
                    "When you sign in and what you do in Stepwise, to keep it safe. Your passkey "
                    "stays on your phone: Stepwise keeps no password and no fingerprint.",
                ],
            ),
            "staff": (
                "What is kept",
                [
                    "Your name, your role, your team, your language and your settings.",
                    "What you write and change in Stepwise, with your name and the time.",
                    "When you sign in, and each time you open a client's information: this "
                    "record protects the clients.",
                ],
            ),
        },
        "why": {
            "person": (
                "Why",
                [
                    "To support you at work: this is the service {organisation} gives you "
                    "(GDPR Art. 6(1)(b) and (e)).",
                    "Information about your health or disability is used only for your support "
                    "(Art. 9(2)(h)). Your family sees something only when you say yes "
                    "(Art. 6(1)(a) and 9(2)(a)).",
                ],
            ),
            "staff": (
                "Why",
                [
                    "To run the supported employment service, and to show that clients' "
                    "information is handled lawfully (GDPR Art. 6(1)(b), (c) and (f)).",
                ],
            ),
        },
        "sees": {
            "person": (
                "Who sees it",
                [
                    "Your job coach, the coordinator of their team and the administrators of "
                    "Stepwise in the organisation. Your family sees only what you choose to "
                    "share, and you can stop it at any time.",
                    "Nobody else. Your information is not sold and not used for advertising.",
                ],
            ),
            "staff": (
                "Who sees it",
                [
                    "The administrators of Stepwise in the organisation; your coordinator sees "
                    "your team's work. Clients and their families see your name next to what "
                    "you did for them.",
                ],
            ),
        },
        "how_long": "How long",
        "retention": {
            "person": {
                "law": "While you get support. After that, {organisation} keeps it only as "
                "long as the law requires, and then erases it.",
                "years": "While you get support. After that, {organisation} keeps it for "
                "{years}, and then erases it.",
            },
            "staff": {
                "law": "While you work with Stepwise. After that, {organisation} keeps it "
                "only as long as the law requires, and then erases it.",
                "years": "While you work with Stepwise. After that, {organisation} keeps it "
                "for {years}, and then erases it.",
            },
        },
        "audit": (
            "A record of who looked at information is kept longer, without your name, to show "
            "that it was handled lawfully."
        ),
        "rights": {
            "person": (
                "Your rights",
                [
                    "You can see all your information and download it (My data).",
                    "You can ask to correct what is wrong, to erase it, to limit or object to "
                    "its use, or to get it to take to another service.",
                    "You can take back a yes you gave at any time. It does not change what was "
                    "done before.",
                ],
            ),
            "staff": (
                "Your rights",
                [
                    "You can ask {organisation} to show you your information, to correct or "
                    "erase it, to limit or object to its use, or to give it to you to take "
                    "elsewhere.",
                ],
            ),
        },
        "complain": "You can complain to a data protection authority: {authority}.",
        "complain_default": "You can complain to the data protection authority of your country.",
        "unknown_organisation": "the organisation that runs this Stepwise service",
        "unknown_contact": "ask the person who invited you",
        "years": {"one": "{n} year", "other": "{n} years"},
    },
    "pl": {
        "title": "Twoje informacje w Stepwise",
        "intro": {
            "person": (
                "Przeczytaj to, zanim utworzysz klucz dostępu. Tu jest napisane, co "
                "{organisation} przechowuje o Tobie w Stepwise, kto to widzi, po co, jak długo "
                "i o co możesz prosić."
            ),
            "staff": (
                "Przeczytaj to, zanim utworzysz klucz dostępu. Tu jest napisane, co "
                "{organisation} przechowuje o Tobie w Stepwise jako o pracowniku, kto to widzi, "
                "po co, jak długo i o co możesz prosić."
            ),
        },
        "who": (
            "Kto odpowiada",
            "{organisation} odpowiada za Twoje informacje (jest administratorem danych). Możesz "
            "zapytać o nie w każdej chwili: {contact}.",
        ),
        "dpo": "Inspektor ochrony danych: {dpo}.",
        "what": {
            "person": (
                "Co jest przechowywane",
                [
                    "Twoje imię i nazwisko, język i ustawienia.",
                    "Jeśli dostajesz wsparcie: to, co zapisuje Twój trener pracy, żeby Cię "
                    "wspierać — Twoje zadania ze zdjęciami, ile pomocy było potrzebne przy "
                    "każdym kroku, godziny pracy, cele i rozmowy. Część tych informacji może "
                    "dotyczyć Twojego zdrowia lub niepełnosprawności.",
                    "Jeśli jesteś członkiem rodziny: kim jesteś dla tej osoby i to, co ona Ci "
                    "udostępnia.",
                    "Kiedy się logujesz i co robisz w Stepwise — dla bezpieczeństwa. Klucz "
                    "dostępu zostaje na Twoim telefonie: Stepwise nie przechowuje hasła ani "
                    "odcisku palca.",
                ],
            ),
            "staff": (
                "Co jest przechowywane",
                [
                    "Twoje imię i nazwisko, rola, zespół, język i ustawienia.",
                    "To, co piszesz i zmieniasz w Stepwise, z Twoim imieniem i czasem.",
                    "Kiedy się logujesz i za każdym razem, gdy otwierasz informacje klienta: "
                    "ten zapis chroni klientów.",
                ],
            ),
        },
        "why": {
            "person": (
                "Po co",
                [
                    "Żeby wspierać Cię w pracy: to usługa, którą zapewnia {organisation} "
                    "(RODO art. 6 ust. 1 lit. b i e).",
                    "Informacje o zdrowiu lub niepełnosprawności służą tylko Twojemu wsparciu "
                    "(art. 9 ust. 2 lit. h). Rodzina widzi coś tylko wtedy, gdy się zgodzisz "
                    "(art. 6 ust. 1 lit. a i art. 9 ust. 2 lit. a).",
                ],
            ),
            "staff": (
                "Po co",
                [
                    "Żeby prowadzić usługę zatrudnienia wspomaganego i pokazać, że informacje "
                    "klientów są przetwarzane zgodnie z prawem (RODO art. 6 ust. 1 lit. b, c "
                    "i f).",
                ],
            ),
        },
        "sees": {
            "person": (
                "Kto to widzi",
                [
                    "Twój trener pracy, koordynator jego zespołu i administratorzy Stepwise w "
                    "organizacji. Rodzina widzi tylko to, czym zdecydujesz się podzielić, i "
                    "możesz to zatrzymać w każdej chwili.",
                    "Nikt inny. Twoje informacje nie są sprzedawane ani używane do reklam.",
                ],
            ),
            "staff": (
                "Kto to widzi",
                [
                    "Administratorzy Stepwise w organizacji; Twój koordynator widzi pracę "
                    "zespołu. Klienci i ich rodziny widzą Twoje imię przy tym, co dla nich "
                    "zrobiłeś lub zrobiłaś.",
                ],
            ),
        },
        "how_long": "Jak długo",
        "retention": {
            "person": {
                "law": "Dopóki dostajesz wsparcie. Potem {organisation} przechowuje je tylko "
                "tak długo, jak wymaga prawo, a następnie je usuwa.",
                "years": "Dopóki dostajesz wsparcie. Potem {organisation} przechowuje je "
                "jeszcze przez {years}, a następnie je usuwa.",
            },
            "staff": {
                "law": "Dopóki pracujesz ze Stepwise. Potem {organisation} przechowuje je "
                "tylko tak długo, jak wymaga prawo, a następnie je usuwa.",
                "years": "Dopóki pracujesz ze Stepwise. Potem {organisation} przechowuje je "
                "jeszcze przez {years}, a następnie je usuwa.",
            },
        },
        "audit": (
            "Zapis tego, kto oglądał informacje, jest przechowywany dłużej, bez Twojego "
            "imienia, żeby pokazać, że wszystko odbyło się zgodnie z prawem."
        ),
        "rights": {
            "person": (
                "Twoje prawa",
                [
                    "Możesz zobaczyć wszystkie swoje informacje i je pobrać (Moje dane).",
                    "Możesz poprosić o poprawienie tego, co jest błędne, o usunięcie, o "
                    "ograniczenie lub sprzeciw wobec ich używania albo o przekazanie ich do "
                    "innej usługi.",
                    "Zgodę możesz wycofać w każdej chwili. To nie zmienia tego, co zrobiono "
                    "wcześniej.",
                ],
            ),
            "staff": (
                "Twoje prawa",
                [
                    "Możesz poprosić {organisation} o pokazanie Twoich informacji, ich "
                    "poprawienie lub usunięcie, ograniczenie lub sprzeciw wobec ich używania "
                    "albo o ich wydanie, żeby przenieść je gdzie indziej.",
                ],
            ),
        },
        "complain": "Możesz złożyć skargę do organu ochrony danych: {authority}.",
        "complain_default": "Możesz złożyć skargę do organu ochrony danych w swoim kraju.",
        "unknown_organisation": "organizacja prowadząca tę usługę Stepwise",
        "unknown_contact": "zapytaj osobę, która Cię zaprosiła",
        "years": {"one": "{n} rok", "few": "{n} lata", "other": "{n} lat"},
    },
    "fi": {
        "title": "Tietosi Stepwisessä",
        "intro": {
            "person": (
                "Lue tämä ennen kuin teet pääsyavaimen. Tässä kerrotaan, mitä tietoja "
                "{organisation} säilyttää sinusta Stepwisessä, kuka niitä näkee, miksi, kuinka "
                "kauan ja mitä voit pyytää."
            ),
            "staff": (
                "Lue tämä ennen kuin teet pääsyavaimen. Tässä kerrotaan, mitä tietoja "
                "{organisation} säilyttää sinusta Stepwisessä työntekijänä, kuka niitä näkee, "
                "miksi, kuinka kauan ja mitä voit pyytää."
            ),
        },
        "who": (
            "Kuka vastaa tiedoista",
            "{organisation} vastaa tiedoistasi (rekisterinpitäjä). Voit kysyä niistä milloin "
            "vain: {contact}.",
        ),
        "dpo": "Tietosuojavastaava: {dpo}.",
        "what": {
            "person": (
                "Mitä tietoja säilytetään",
                [
                    "Nimesi, kielesi ja asetuksesi.",
                    "Jos saat tukea: mitä työvalmentajasi kirjaa tukeakseen sinua — tehtäväsi "
                    "kuvineen, kuinka paljon apua kukin vaihe tarvitsi, työvuorosi, tavoitteesi "
                    "ja keskustelunne. Osa tiedoista voi koskea terveyttäsi tai vammaasi.",
                    "Jos olet perheenjäsen: kuka olet tuettavalle ja mitä hän jakaa sinulle.",
                    "Milloin kirjaudut ja mitä teet Stepwisessä, turvallisuuden vuoksi. "
                    "Pääsyavain pysyy puhelimessasi: Stepwise ei säilytä salasanaa eikä "
                    "sormenjälkeä.",
                ],
            ),
            "staff": (
                "Mitä tietoja säilytetään",
                [
                    "Nimesi, roolisi, tiimisi, kielesi ja asetuksesi.",
                    "Mitä kirjoitat ja muutat Stepwisessä, nimesi ja ajan kanssa.",
                    "Milloin kirjaudut ja joka kerta, kun avaat asiakkaan tietoja: tämä kirjaus "
                    "suojaa asiakkaita.",
                ],
            ),
        },
        "why": {
            "person": (
                "Miksi",
                [
                    "Jotta sinua voidaan tukea työssä: se on palvelu, jota {organisation} "
                    "antaa sinulle (tietosuoja-asetus, 6 artiklan 1 kohdan b ja e alakohta).",
                    "Terveyttä tai vammaa koskevia tietoja käytetään vain tukeesi (9 artiklan "
                    "2 kohdan h alakohta). Perheesi näkee jotain vain, jos annat luvan "
                    "(6 artiklan 1 kohdan a alakohta ja 9 artiklan 2 kohdan a alakohta).",
                ],
            ),
            "staff": (
                "Miksi",
                [
                    "Jotta tuetun työllistymisen palvelua voidaan hoitaa ja voidaan osoittaa, "
                    "että asiakkaiden tietoja käsitellään lain mukaan (tietosuoja-asetus, "
                    "6 artiklan 1 kohdan b, c ja f alakohta).",
                ],
            ),
        },
        "sees": {
            "person": (
                "Kuka tiedot näkee",
                [
                    "Työvalmentajasi, hänen tiiminsä koordinaattori ja organisaation "
                    "Stepwise-ylläpitäjät. Perheesi näkee vain sen, minkä päätät jakaa, ja voit "
                    "lopettaa jakamisen milloin vain.",
                    "Ei kukaan muu. Tietojasi ei myydä eikä käytetä mainontaan.",
                ],
            ),
            "staff": (
                "Kuka tiedot näkee",
                [
                    "Organisaation Stepwise-ylläpitäjät; koordinaattorisi näkee tiimisi työn. "
                    "Asiakkaat ja heidän perheensä näkevät nimesi sen kohdalla, mitä teit "
                    "heille.",
                ],
            ),
        },
        "how_long": "Kuinka kauan",
        "retention": {
            "person": {
                "law": "Niin kauan kuin saat tukea. Sen jälkeen {organisation} säilyttää "
                "tietoja vain niin kauan kuin laki vaatii ja poistaa ne sitten.",
                "years": "Niin kauan kuin saat tukea. Sen jälkeen {organisation} säilyttää "
                "tietoja {years} ja poistaa ne sitten.",
            },
            "staff": {
                "law": "Niin kauan kuin työskentelet Stepwisen kanssa. Sen jälkeen "
                "{organisation} säilyttää tietoja vain niin kauan kuin laki vaatii ja poistaa "
                "ne sitten.",
                "years": "Niin kauan kuin työskentelet Stepwisen kanssa. Sen jälkeen "
                "{organisation} säilyttää tietoja {years} ja poistaa ne sitten.",
            },
        },
        "audit": (
            "Tieto siitä, kuka on katsonut tietoja, säilytetään pidempään ilman nimeäsi, jotta "
            "voidaan osoittaa, että tietoja on käsitelty lain mukaan."
        ),
        "rights": {
            "person": (
                "Oikeutesi",
                [
                    "Voit nähdä kaikki tietosi ja ladata ne (Omat tiedot).",
                    "Voit pyytää korjaamaan väärät tiedot, poistamaan tietoja, rajoittamaan tai "
                    "vastustamaan niiden käyttöä tai saamaan ne siirtääksesi ne toiseen "
                    "palveluun.",
                    "Voit perua antamasi luvan milloin vain. Se ei muuta sitä, mitä on tehty "
                    "aiemmin.",
                ],
            ),
            "staff": (
                "Oikeutesi",
                [
                    "Voit pyytää, että {organisation} näyttää sinulle tietosi, korjaa tai "
                    "poistaa ne tai rajoittaa niiden käyttöä. Voit myös vastustaa niiden "
                    "käyttöä tai pyytää ne itsellesi siirrettäviksi muualle.",
                ],
            ),
        },
        "complain": "Voit tehdä valituksen tietosuojaviranomaiselle: {authority}.",
        "complain_default": "Voit tehdä valituksen oman maasi tietosuojaviranomaiselle.",
        "unknown_organisation": "tätä Stepwise-palvelua ylläpitävä organisaatio",
        "unknown_contact": "kysy henkilöltä, joka kutsui sinut",
        "years": {"one": "vuoden", "other": "{n} vuotta"},
    },
    "he": {
        "title": "המידע שלך ב-Stepwise",
        "intro": {
            "person": (
                "כדאי לקרוא את זה לפני שיוצרים מפתח גישה. כאן כתוב איזה מידע {organisation} "
                "שומר עליך ב-Stepwise, מי רואה אותו, למה, לכמה זמן ומה אפשר לבקש."
            ),
            "staff": (
                "כדאי לקרוא את זה לפני שיוצרים מפתח גישה. כאן כתוב איזה מידע {organisation} "
                "שומר עליך ב-Stepwise כאיש צוות, מי רואה אותו, למה, לכמה זמן ומה אפשר לבקש."
            ),
        },
        "who": (
            "מי אחראי",
            "{organisation} אחראי על המידע שלך (בעל השליטה במידע). אפשר לשאול עליו בכל זמן: "
            "{contact}.",
        ),
        "dpo": "הממונה על הגנת הפרטיות: {dpo}.",
        "what": {
            "person": (
                "איזה מידע נשמר",
                [
                    "השם שלך, השפה שלך וההגדרות שלך.",
                    "למי שמקבל ליווי: מה שהמלווה בעבודה רושם כדי לעזור — המשימות עם התמונות, "
                    "כמה עזרה נדרשה בכל צעד, שעות העבודה, המטרות והשיחות. חלק מהמידע יכול "
                    "להיות על הבריאות או על המוגבלות שלך.",
                    "לבני משפחה: הקשר לאדם שמקבל ליווי, ומה שהוא משתף איתם.",
                    "מתי נכנסים ומה עושים ב-Stepwise, בשביל הביטחון. מפתח הגישה נשאר בטלפון "
                    "שלך: Stepwise לא שומר סיסמה ולא טביעת אצבע.",
                ],
            ),
            "staff": (
                "איזה מידע נשמר",
                [
                    "השם, התפקיד, הצוות, השפה וההגדרות שלך.",
                    "מה שכותבים ומשנים ב-Stepwise, עם השם שלך והשעה.",
                    "מתי נכנסים, ובכל פעם שפותחים מידע של לקוח: הרישום הזה מגן על הלקוחות.",
                ],
            ),
        },
        "why": {
            "person": (
                "למה",
                [
                    "כדי ללוות אותך בעבודה: זה השירות ש-{organisation} נותן לך "
                    "(GDPR סעיף 6(1)(b) ו-(e)).",
                    "מידע על בריאות או מוגבלות משמש רק לליווי שלך (סעיף 9(2)(h)). המשפחה רואה "
                    "משהו רק אם הסכמת (סעיף 6(1)(a) וסעיף 9(2)(a)).",
                ],
            ),
            "staff": (
                "למה",
                [
                    "כדי להפעיל את שירות התעסוקה הנתמכת, וכדי להראות שהמידע של הלקוחות מטופל "
                    "לפי החוק (GDPR סעיף 6(1)(b), (c) ו-(f)).",
                ],
            ),
        },
        "sees": {
            "person": (
                "מי רואה את המידע",
                [
                    "המלווה שלך בעבודה, הרכז של הצוות שלו ומנהלי Stepwise בארגון. המשפחה רואה "
                    "רק מה שבחרת לשתף, ואפשר להפסיק בכל רגע.",
                    "אף אחד אחר. המידע שלך לא נמכר ולא משמש לפרסומות.",
                ],
            ),
            "staff": (
                "מי רואה את המידע",
                [
                    "מנהלי Stepwise בארגון; הרכז שלך רואה את העבודה של הצוות. לקוחות ובני "
                    "המשפחה שלהם רואים את השם שלך ליד מה שעשית בשבילם.",
                ],
            ),
        },
        "how_long": "לכמה זמן",
        "retention": {
            "person": {
                "law": "כל עוד מקבלים ליווי. אחר כך {organisation} שומר את המידע רק כמה "
                "שהחוק דורש, ואז מוחק אותו.",
                "years": "כל עוד מקבלים ליווי. אחר כך {organisation} שומר את המידע עוד "
                "{years}, ואז מוחק אותו.",
            },
            "staff": {
                "law": "כל עוד עובדים עם Stepwise. אחר כך {organisation} שומר את המידע רק "
                "כמה שהחוק דורש, ואז מוחק אותו.",
                "years": "כל עוד עובדים עם Stepwise. אחר כך {organisation} שומר את המידע "
                "עוד {years}, ואז מוחק אותו.",
            },
        },
        "audit": (
            "רישום של מי צפה במידע נשמר יותר זמן, בלי השם שלך, כדי להראות שהמידע טופל לפי החוק."
        ),
        "rights": {
            "person": (
                "הזכויות שלך",
                [
                    "אפשר לראות את כל המידע שלך ולהוריד אותו (המידע שלי).",
                    "אפשר לבקש לתקן מידע שגוי, למחוק מידע, להגביל את השימוש בו או להתנגד לו, "
                    "או לקבל אותו כדי להעביר לשירות אחר.",
                    "אפשר לבטל הסכמה שנתת בכל רגע. זה לא משנה את מה שנעשה קודם.",
                ],
            ),
            "staff": (
                "הזכויות שלך",
                [
                    "אפשר לבקש מ-{organisation} להראות לך את המידע שלך, לתקן או למחוק אותו, "
                    "להגביל את השימוש בו או להתנגד לו, או לתת לך אותו כדי להעביר למקום אחר.",
                ],
            ),
        },
        "complain": "אפשר להגיש תלונה לרשות להגנת הפרטיות: {authority}.",
        "complain_default": "אפשר להגיש תלונה לרשות להגנת הפרטיות במדינה שלך.",
        "unknown_organisation": "הארגון שמפעיל את שירות Stepwise הזה",
        "unknown_contact": "אפשר לשאול את מי שהזמין אותך",
        "years": {"one": "שנה אחת", "two": "שנתיים", "other": "{n} שנים"},
    },
}


# The wording for a contact person at an employer (a supervisor, a co-worker), given to them by
# the coach (``backend/employers``: when and which version is kept with the person). Added to
# version 1 as an audience of its own: the wording of the other audiences is unchanged.
_EMPLOYER_CONTACT: dict[str, dict[str, Any]] = {
    "en": {
        "intro": (
            "{organisation} supports people in their work, and uses Stepwise to keep its notes. "
            "This says what {organisation} keeps about you as a contact person at a workplace, who"
            " sees it, why, for how long, and what you can ask for."
        ),
        "what": (
            "What is kept",
            [
                "Your name, your role at work, and the phone number and e-mail address you gave.",
                "When someone from {organisation} was in touch with you, and what you agreed, as "
                "part of supporting a person who works with you.",
                "When you were given this notice, and its version.",
            ],
        ),
        "why": (
            "Why",
            [
                "To work together with your workplace in supporting an employee: the legitimate "
                "interest of {organisation} and of the person it supports (GDPR Art. 6(1)(f)).",
            ],
        ),
        "sees": (
            "Who sees it",
            [
                "The job coaches and coordinators of the team that works with your workplace, and "
                "the administrators of Stepwise in the organisation.",
                "Nobody else. It is not sold and not used for advertising.",
            ],
        ),
        "retention": {
            "law": (
                "While {organisation} works with your workplace. After that, {organisation} keeps "
                "it only as long as the law requires, and then erases it."
            ),
            "years": (
                "While {organisation} works with your workplace. After that, {organisation} keeps "
                "it for {years}, and then erases it."
            ),
        },
        "rights": (
            "Your rights",
            [
                "You can ask {organisation} to show you what is kept about you, to correct or "
                "erase it, to limit its use, or to object to it.",
            ],
        ),
    },
    "pl": {
        "intro": (
            "{organisation} wspiera ludzi w pracy i prowadzi swoje notatki w Stepwise. Tu jest "
            "napisane, co {organisation} przechowuje o Tobie jako o osobie kontaktowej w miejscu "
            "pracy, kto to widzi, po co, jak długo i o co możesz prosić."
        ),
        "what": (
            "Co jest przechowywane",
            [
                "Twoje imię i nazwisko, Twoja rola w pracy oraz podany przez Ciebie numer telefonu"
                " i adres e-mail.",
                "Kiedy pracownicy organizacji {organisation} kontaktowali się z Tobą i co "
                "ustaliliście, w ramach wsparcia osoby, która z Tobą pracuje.",
                "Kiedy otrzymałeś tę informację i w której wersji.",
            ],
        ),
        "why": (
            "Po co",
            [
                "Żeby współpracować z Twoim miejscem pracy we wspieraniu pracownika: prawnie "
                "uzasadniony interes organizacji {organisation} i osoby, którą wspiera (RODO art. "
                "6 ust. 1 lit. f).",
            ],
        ),
        "sees": (
            "Kto to widzi",
            [
                "Trenerzy pracy i koordynatorzy zespołu, który współpracuje z Twoim miejscem "
                "pracy, oraz administratorzy Stepwise w organizacji.",
                "Nikt inny. Te informacje nie są sprzedawane ani używane do reklam.",
            ],
        ),
        "retention": {
            "law": (
                "Dopóki {organisation} współpracuje z Twoim miejscem pracy. Potem {organisation} "
                "przechowuje je tylko tak długo, jak wymaga prawo, a następnie je usuwa."
            ),
            "years": (
                "Dopóki {organisation} współpracuje z Twoim miejscem pracy. Potem {organisation} "
                "przechowuje je jeszcze przez {years}, a następnie je usuwa."
            ),
        },
        "rights": (
            "Twoje prawa",
            [
                "Możesz poprosić {organisation} o pokazanie, co jest o Tobie przechowywane, o "
                "poprawienie lub usunięcie tego albo o ograniczenie używania. Możesz też wnieść "
                "sprzeciw.",
            ],
        ),
    },
    "fi": {
        "intro": (
            "{organisation} tukee ihmisiä työssä ja pitää muistiinpanonsa Stepwisessä. Tässä "
            "kerrotaan, mitä tietoja {organisation} säilyttää sinusta työpaikan yhteyshenkilönä, "
            "kuka niitä näkee, miksi, kuinka kauan ja mitä voit pyytää."
        ),
        "what": (
            "Mitä tietoja säilytetään",
            [
                "Nimesi, roolisi työpaikalla sekä antamasi puhelinnumero ja sähköpostiosoite.",
                "Milloin {organisation} oli sinuun yhteydessä ja mitä sovitte, kun tuettiin "
                "kanssasi työskentelevää henkilöä.",
                "Milloin sait tämän tiedotteen ja sen version.",
            ],
        ),
        "why": (
            "Miksi",
            [
                "Jotta työpaikkasi kanssa voidaan tehdä yhteistyötä työntekijän tukemisessa. "
                "Peruste on oikeutettu etu (tietosuoja-asetus, 6 artiklan 1 kohdan f alakohta).",
            ],
        ),
        "sees": (
            "Kuka tiedot näkee",
            [
                "Työpaikkasi kanssa toimivan tiimin työvalmentajat ja koordinaattorit sekä "
                "organisaation Stepwise-ylläpitäjät.",
                "Ei kukaan muu. Tietoja ei myydä eikä käytetä mainontaan.",
            ],
        ),
        "retention": {
            "law": (
                "Niin kauan kuin {organisation} tekee yhteistyötä työpaikkasi kanssa. Sen jälkeen "
                "{organisation} säilyttää tietoja vain niin kauan kuin laki vaatii ja poistaa ne "
                "sitten."
            ),
            "years": (
                "Niin kauan kuin {organisation} tekee yhteistyötä työpaikkasi kanssa. Sen jälkeen "
                "{organisation} säilyttää tietoja {years} ja poistaa ne sitten."
            ),
        },
        "rights": (
            "Oikeutesi",
            [
                "Voit pyytää, että {organisation} näyttää sinusta säilytetyt tiedot, korjaa tai "
                "poistaa ne tai rajoittaa niiden käyttöä. Voit myös vastustaa niiden käyttöä.",
            ],
        ),
    },
    "he": {
        "intro": (
            "{organisation} מלווה אנשים בעבודה ושומר את הרישומים שלו ב-Stepwise. כאן כתוב איזה "
            "מידע {organisation} שומר עליך כאיש קשר במקום עבודה, מי רואה אותו, למה, לכמה זמן ומה "
            "אפשר לבקש."
        ),
        "what": (
            "איזה מידע נשמר",
            [
                'השם שלך, התפקיד שלך בעבודה, ומספר הטלפון וכתובת הדוא"ל שמסרת.',
                "מתי מישהו מ-{organisation} היה איתך בקשר ועל מה הסכמתם, כחלק מהליווי של אדם שעובד"
                " איתך.",
                "מתי קיבלת את ההודעה הזאת, ובאיזו גרסה.",
            ],
        ),
        "why": (
            "למה",
            [
                "כדי לעבוד יחד עם מקום העבודה שלך בליווי של עובד: האינטרס הלגיטימי של "
                "{organisation} ושל האדם שהוא מלווה (GDPR סעיף 6(1)(f)).",
            ],
        ),
        "sees": (
            "מי רואה את המידע",
            [
                "המלווים בעבודה והרכזים של הצוות שעובד עם מקום העבודה שלך, ומנהלי Stepwise בארגון.",
                "אף אחד אחר. המידע לא נמכר ולא משמש לפרסומות.",
            ],
        ),
        "retention": {
            "law": (
                "כל עוד {organisation} עובד עם מקום העבודה שלך. אחר כך {organisation} שומר את "
                "המידע רק כמה שהחוק דורש, ואז מוחק אותו."
            ),
            "years": (
                "כל עוד {organisation} עובד עם מקום העבודה שלך. אחר כך {organisation} שומר את "
                "המידע עוד {years}, ואז מוחק אותו."
            ),
        },
        "rights": (
            "הזכויות שלך",
            [
                "אפשר לבקש מ-{organisation} להראות לך איזה מידע נשמר עליך, לתקן או למחוק אותו, "
                "להגביל את השימוש בו או להתנגד לו.",
            ],
        ),
    },
}
for _lang, _words in _EMPLOYER_CONTACT.items():
    for _key, _value in _words.items():
        _V1[_lang][_key]["employer_contact"] = _value

VERSIONS: Final[dict[int, dict[str, dict[str, Any]]]] = {1: _V1}
LATEST: Final = max(VERSIONS)
STAFF_ROLES: Final = frozenset({"admin", "coordinator", "coach"})


def audience_of(role: str) -> Audience:
    return "staff" if role in STAFF_ROLES else "person"


def wording(version: int, locale: str) -> dict[str, Any] | None:
    """One version in one language (English where the language is missing), or None."""
    texts = VERSIONS.get(version)
    if texts is None:
        return None
    return texts.get(locale) or texts["en"]


def years_in_words(words: dict[str, Any], locale: str, n: int) -> str:
    """CLDR plural categories for the four languages (pl: one/few/other, he: one/two/other)."""
    forms: dict[str, str] = words["years"]
    if n == 1:
        form = "one"
    elif locale == "he" and n == 2:
        form = "two"
    elif locale == "pl" and n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        form = "few"
    else:
        form = "other"
    return (forms.get(form) or forms["other"]).replace("{n}", str(n))


def fill(text: str, **values: str) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
