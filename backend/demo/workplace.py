"""At the demo clients' workplaces: Maria's job at Hotel Aurora and Eero's at K-Market Kallio
each have a job analysis (the workplace in words, demands, a glossary, the tasks — the first linked
to the client's photo task, one carved from a co-worker's), a natural support due for review this
week, the coach's visits of each week and a fading plan stepping down from the job's start, and the
client's yes to three sections of the handover pack. Written through the services, as the app
would; no link is made (its token is shown once, to the person who makes it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from backend import clients
from backend.activities import services as activities
from backend.demo.journey import new_id
from backend.employers.tables import Job
from backend.fading import services as fading
from backend.handover import services as handover
from backend.lib.actor import Actor
from backend.lib.clock import now
from backend.shifts.tables import Shift
from backend.tasks.tables import Task
from backend.workplace import services as workplace
from backend.workplace import supports
from shared_schemas import activities as activity_wire
from shared_schemas import fading as fading_wire
from shared_schemas import handover as handover_wire
from shared_schemas import workplace as wire

# Per client: the zone, the workplace's words, the glossary, the other tasks (title, kind, how
# often, standard, taken from), the natural support (name, role, helps with) and the sections of
# the handover pack the client said yes to.
PLACES: dict[str, dict[str, Any]] = {
    "Maria Kowalska": {
        "zone": "Europe/Warsaw",
        "texts": {
            "address": "ul. Długa 12, Warszawa. The staff door is in the yard.",
            "getting_there": "Tram 4 to Plac Bankowy, then five minutes on foot.",
            "entrances": "Staff door in the yard; ring the bell, Piotr opens.",
            "breaks": "Coffee at 10:00 for 15 minutes in the staff room.",
            "dress": "The hotel's uniform (in the locker) and flat black shoes.",
            "noise": "Quiet on the floors; the laundry is loud.",
            "lighting": "Bright corridors; the linen room has one lamp.",
            "schedule": "Monday, Wednesday, Friday 8:00–12:00.",
            "culture": "Everyone says good morning. Ask Piotr before taking a break early.",
        },
        "demands": wire.DemandsIn(
            noise_level="moderate", people_level="few", hours_per_week=12, travel_minutes=25
        ),
        "glossary": [("Turn-down", "Getting a room ready for the night.")],
        "adjustments": ["Written task cards on the trolley", "The same floor every day"],
        "tasks": [
            ("Restock the linen trolley", "occasional", "Twice a shift", "Full shelves", "Ola"),
        ],
        "support": ("Piotr Nowak", "Housekeeping supervisor", "Shows new tasks; checks the towels"),
        "sections": ("about_me", "tasks", "who_helps"),
        "notes": "Maria asked to keep the same floor; agreed with Piotr.",
    },
    "Eero Mäkinen": {
        "zone": "Europe/Helsinki",
        "texts": {
            "address": "Hämeentie 15, Helsinki. Staff enter from the loading bay.",
            "getting_there": "Tram 6 to Hakaniemi, two stops.",
            "breaks": "Break at 9:00 for 10 minutes, in the break room.",
            "dress": "The store's green shirt and a name badge.",
            "noise": "Music in the shop; the cold room fans hum.",
            "schedule": "Monday to Thursday 7:00–11:00.",
            "culture": "Customers come first: stop and help when asked.",
        },
        "demands": wire.DemandsIn(
            noise_level="loud", people_level="many", hours_per_week=16, travel_minutes=20
        ),
        "glossary": [("FIFO", "First in, first out: the oldest goes to the front.")],
        "adjustments": ["A fixed break at 9:00"],
        "tasks": [
            ("Flatten the cardboard boxes", "related", "End of the shift", "Bales tied", "Mikko"),
        ],
        "support": ("Sari Laine", "Store manager", "Answers questions about where things go"),
        "sections": ("about_me", "how_i_learn", "tasks"),
        "notes": "Eero finds the cold room hard after an hour: plan the milk first.",
    },
}


async def workplaces(team_id: str, made: dict[str, str], coach_of: dict[str, str]) -> None:
    """The analysis, a support, a fading plan and pack consents for each demo job (after the
    jobs and the photo tasks are made)."""
    today = now().date()
    for name, place in PLACES.items():
        if name not in made:
            continue
        client_id = made[name]
        record = await clients.record_of(client_id)
        job_row = await Job.select(Job.id).where(Job.client == client_id).first()
        if record is None or job_row is None:
            continue
        coach = Actor(
            id=coach_of[name], role="coach", team_id=team_id, display_name="", session_hash=""
        )
        client = Actor(
            id=client_id, role="client", team_id=None, display_name=name, session_hash=""
        )
        job = await workplace.job_of(str(job_row["id"]))
        assert job is not None
        await workplace.write(
            coach,
            job,
            record,
            wire.AnalysisWrite(
                local_id=new_id(),
                texts=place["texts"],
                demands=place["demands"],
                glossary=[wire.GlossaryEntryIn(term=t, meaning=m) for t, m in place["glossary"]],
                adjustments=place["adjustments"],
                notes=place["notes"],
            ),
        )
        task = await Task.select(Task.id, Task.title).where(Task.client == client_id).first()
        if task is not None:
            await workplace.add_task(
                coach,
                job,
                record,
                wire.AnalysisTaskCreate(
                    local_id=new_id(),
                    title=task["title"],
                    kind="core",
                    how_often="Every shift",
                    standard="As on the photo cards",
                    link_task_id=str(task["id"]),
                ),
            )
        for title, kind, often, standard, taken_from in place["tasks"]:
            await workplace.add_task(
                coach,
                job,
                record,
                wire.AnalysisTaskCreate(
                    local_id=new_id(),
                    title=title,
                    kind=kind,
                    how_often=often,
                    standard=standard,
                    taken_from=taken_from,
                    agreed_with=place["support"][0],
                    agreed_on=today - timedelta(days=40),
                ),
            )
        helper, role, helps = place["support"]
        await supports.add_support(
            coach,
            job,
            wire.SupportCreate(
                local_id=new_id(),
                name=helper,
                role=role,
                helps_with=helps,
                client_agreed_on=today - timedelta(days=30),
                person_agreed_on=today - timedelta(days=30),
                review_on=today + timedelta(days=3),
            ),
        )
        job_ref = await fading.job_of(record, job.id)
        # The client's shifts and photo task are this job's (made before the job was, in
        # ``fill``): the plan's weeks count their time and the steps done on their own.
        job_ref = await fading.job_of(record, job.id)
        await Shift.update({Shift.job: job.id, Shift.from_date: job_ref.start_date}).where(
            Shift.client == client_id
        )
        await Task.update({Task.job: job.id}).where(Task.client == client_id)
        await _visits(coach, client_id, job_ref.start_date, job.employer_id)
        await fading.save(coach, record, job_ref, _plan(job_ref.start_date, place["zone"]))
        plan = await fading.plan_row(client_id, job.id)
        if plan is not None:
            await fading.catch_up(plan)  # the closed weeks measured now, as a first read would
        for section in place["sections"]:
            await handover.consent(
                client,
                record,
                job.id,
                section,
                handover_wire.ConsentWrite(local_id=new_id(), granted=True, locale="en"),
            )


# The coach's hours at the workplace in each week from the job's start: fading, a little late.
VISIT_MINUTES = (480, 480, 420, 360, 300, 240, 240, 180)


async def _visits(coach: Actor, client_id: str, start: date, employer: str | None) -> None:
    """A training visit at the workplace, the job's employer, in each past week of the job (the
    fading chart's actual hours)."""
    for week, minutes in enumerate(VISIT_MINUTES):
        day = start + timedelta(days=7 * week + 1)
        if day >= now().date() - timedelta(days=2):
            break
        await activities.create(
            None,
            coach,
            activity_wire.ActivityCreate(
                local_id=new_id(),
                client_ids=[client_id],
                mode="workplace",
                occurred_at=datetime.combine(day, time(8), tzinfo=UTC),
                minutes=minutes,
                purposes=["training"],
                employer_id=employer,
                note="Trained at the workplace.",
            ),
        )


def _plan(start: date, zone: str) -> fading_wire.FadingPlanWrite:
    """Eight hours a week for the first month, then four, then two."""
    return fading_wire.FadingPlanWrite(
        local_id=new_id(),
        zone=zone,
        steps=[
            fading_wire.FadingStepSet(from_date=start, coach_hours_per_week=8),
            fading_wire.FadingStepSet(from_date=start + timedelta(days=28), coach_hours_per_week=4),
            fading_wire.FadingStepSet(from_date=start + timedelta(days=56), coach_hours_per_week=2),
        ],
    )
