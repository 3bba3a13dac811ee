"""The demo clients' job search: Maria has an interview at K-Market Kallio in three days (after
a call and an application) and an idea of her own; Noa has an offer from Hotel Aurora. Written
through the services, as the app would: the contacts are in the activity log, the reminders
planned."""

from __future__ import annotations

from datetime import timedelta

from backend import clients, reminders
from backend.demo.journey import new_id
from backend.employers.tables import EmployerPerson
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.opportunities import (
    REMINDER_DAY_KINDS,
    REMINDER_START_KINDS,
    follow_up_days,
    interview_starts,
    queries,
    services,
)
from shared_schemas import opportunities as wire

ZONE = "Europe/Warsaw"

# (client, employer, job, themes, the steps after the idea (step, days ago), interview in days)
PIPELINES = [
    ("Maria Kowalska", "K-Market Kallio", "Shop assistant, mornings", ["shops", "people"],
     [("contacted", 12), ("applied", 8), ("interview", 1)], 3),
    ("Noa Cohen", "Hotel Aurora", "Breakfast host", ["food", "people"],
     [("contacted", 30), ("applied", 25), ("interview", 18), ("offer", 2)], -16),
]  # fmt: skip
IDEAS = {"Maria Kowalska": ("The bakery near my home: I like the smell of bread.", ["food"])}


async def _steps(
    coach: Actor,
    record: clients.ClientRow,
    opportunity_id: str,
    plan: list[tuple[str, int]],
    interview_in: int,
) -> None:
    for step, days_ago in plan:
        row = await queries.one(opportunity_id)
        assert row is not None
        interview = step == "interview"
        on = (now() + timedelta(days=interview_in)).date()
        await services.move(
            None,
            coach,
            record,
            row,
            wire.StepMove(
                local_id=new_id(),
                step=step,  # type: ignore[arg-type]
                at=now() - timedelta(days=days_ago),
                zone=ZONE,
                interview_on=on if interview else None,
                interview_at="10:00" if interview else None,
                interview_place="At the shop, the staff door" if interview else "",
                follow_up_on=on + timedelta(days=1) if interview and interview_in > 0 else None,
            ),
        )


async def opportunities(team_id: str, made: dict[str, str], coach_of: dict[str, str]) -> None:
    """The demo clients' opportunities, steps and ideas (after their employers and journeys).
    The command line wires no reminder planner (the server does, ``backend/app.py``): the two
    kinds these writes plan, the follow-up and the interview, are answered here the same way."""
    reminders.register_days(REMINDER_DAY_KINDS, follow_up_days)
    reminders.register_starts(REMINDER_START_KINDS, interview_starts)
    for name, employer, title, themes, plan, interview_in in PIPELINES:
        record = await clients.record_of(made[name]) if name in made else None
        person = (
            await EmployerPerson.select(EmployerPerson.id)
            .where(EmployerPerson.employer.name == employer)
            .first()
        )
        if record is None or person is None:
            continue
        coach = Actor(
            id=coach_of[name], role="coach", team_id=team_id, display_name="", session_hash=""
        )
        added, _ = await services.create(
            coach,
            record,
            wire.OpportunityCreate(
                local_id=new_id(),
                employer_person_id=str(person["id"]),
                job_title=title,
                themes=themes,  # type: ignore[arg-type]
                zone=ZONE,
            ),
        )
        await _steps(coach, record, added.id, plan, interview_in)
    for name, (idea, themes) in IDEAS.items():
        record = await clients.record_of(made[name]) if name in made else None
        if record is None:
            continue
        client = Actor(
            id=record.client_id, role="client", team_id=None, display_name=name, session_hash=""
        )
        await services.create(
            client,
            record,
            wire.OpportunityCreate(local_id=new_id(), idea=idea, themes=themes, zone=ZONE),  # type: ignore[arg-type]
        )
