"""The demo clients' vocational profiles: Maria's approved (version 1), with a change since that
waits in the draft; Eero's written with his coach and waiting for his approval; Noa's begun.
Written through the profile's services, as the app would (each write with its phone-made id)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from backend import clients
from backend.demo.journey import new_id
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.profiles import services, versions
from shared_schemas import profiles as wire

Entry = tuple[wire.EntryKind, str, str, int, int | None]
"""What a client has done: kind, what, where, started and ended so many days ago."""


@dataclass(frozen=True)
class Plan:
    sections: dict[wire.SectionKey, tuple[str, str]]
    """Section → (the client's words, the coach's notes)."""
    themes: list[wire.Theme]
    experiences: list[Entry]
    disclosure: tuple[wire.Disclosure, str] | None
    approved: bool


PROFILES: dict[str, Plan] = {
    "Maria Kowalska": Plan(
        sections={
            "who_i_am": ("Jestem Maria. Lubię porządek i spokojne poranki.", "Bardzo dokładna."),
            "likes_and_strengths": ("Dobrze składam ręczniki i pamiętam, gdzie co leży.", ""),
            "how_i_learn": ("Najlepiej, gdy ktoś mi pokaże raz, a potem robię sama.", ""),
            "needs": ("Potrzebuję listy zadań na papierze.", "Lista ze zdjęciami pomaga."),
            "bring": ("Jestem punktualna i nie zostawiam rzeczy w połowie.", ""),
        },
        themes=["order", "shops"],
        experiences=[
            ("school", "Kurs pracownika gospodarczego", "Warszawa", 400, 300),
            ("volunteering", "Pomoc w bibliotece", "Biblioteka na Woli", 700, 500),
        ],
        disclosure=("adjustments", "Potrzebuję zadań zapisanych na liście."),
        approved=True,
    ),
    "Eero Mäkinen": Plan(
        sections={
            "who_i_am": ("Olen Eero. Tykkään olla liikkeellä aikaisin aamulla.", ""),
            "likes_and_strengths": ("Osaan järjestää hyllyt siististi.", "Nopea oppimaan."),
            "not_want": ("En halua työskennellä kovassa melussa.", ""),
        },
        themes=["shops", "food"],
        experiences=[("work", "Hyllyttäjä", "K-Market Kallio", 120, None)],
        disclosure=("nothing", ""),
        approved=False,
    ),
    "Noa Cohen": Plan(
        sections={"who_i_am": ("אני נועה. אני אוהבת בעלי חיים.", "")},
        themes=["animals"],
        experiences=[],
        disclosure=None,
        approved=False,
    ),
}


async def profiles(made: dict[str, str], coach_of: dict[str, str]) -> None:
    today = now().date()
    for name, plan in PROFILES.items():
        record = await clients.record_of(made[name]) if name in made else None
        if record is None:
            continue
        coach = Actor(
            id=coach_of[name], role="coach", team_id=record.team_id, display_name="",
            session_hash="",
        )  # fmt: skip
        for key, (words, notes) in plan.sections.items():
            await services.write_section(
                coach, record, key,
                wire.SectionWrite(local_id=new_id(), base_revision=0, words=words,
                                  notes=notes or None),
            )  # fmt: skip
        await services.write_section(
            coach, record, "likes_and_strengths",
            wire.SectionWrite(local_id=new_id(), base_revision=1, themes=plan.themes),
        )  # fmt: skip
        entries = [
            wire.ExperienceIn(
                kind=kind, what=what, where=where,
                from_date=today - timedelta(days=start),
                until=today - timedelta(days=end) if end is not None else None,
            )
            for kind, what, where, start, end in plan.experiences
        ]  # fmt: skip
        if entries:
            await services.write_section(
                coach, record, "done",
                wire.SectionWrite(local_id=new_id(), base_revision=0, experiences=entries),
            )  # fmt: skip
        if plan.disclosure is None:
            continue
        choice, words = plan.disclosure
        await services.write_choices(
            coach, record,
            wire.ChoicesWrite(local_id=new_id(), base_revision=0, disclosure=choice,
                              disclosure_words=words, benefits_offered=True,
                              benefits_offered_on=today - timedelta(days=14)),
        )  # fmt: skip
        number, _ = await versions.ask_approval(coach, record, wire.AskApproval(local_id=new_id()))
        if plan.approved:
            await versions.approve(record, number)
            await services.write_section(
                coach, record, "how_i_learn",
                wire.SectionWrite(local_id=new_id(), base_revision=1,
                                  words="Najlepiej, gdy ktoś mi pokaże raz i zostawi zdjęcia."),
            )  # fmt: skip
