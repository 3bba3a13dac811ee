"""The demo clients' journeys: two employers in the team's register with a person at each and a
job there, the activity log, each client's episode with its dated stages and the organisation's
targets, and agreements (one with a mentor). Written through the services, as the app would."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend import journey
from backend.lib.actor import Actor
from backend.lib.clock import now
from shared_schemas import journey as journey_wire


def new_id() -> str:
    """A phone-made id (``localId``) for a write the demo makes through the services."""
    return str(uuid.uuid4())


# The team's register: (employer, address, line of business, person there, their role, the
# demo client who works there, the job title, hours a week, pay an hour in cents).
EMPLOYERS = [
    (
        "Hotel Aurora",
        "ul. Długa 12, 00-238 Warszawa",
        "Hotels",
        "Piotr Nowak",
        "Housekeeping supervisor",
        "Maria Kowalska",
        "Housekeeping assistant",
        200,
        3100,
    ),
    (
        "K-Market Kallio",
        "Hämeentie 15, 00500 Helsinki",
        "Shops",
        "Sari Laine",
        "Store manager",
        "Eero Mäkinen",
        "Shelf filler",
        160,
        1250,
    ),
]


async def employers_and_jobs(team_id: str, made: dict[str, str], coach_of: dict[str, str]) -> None:
    """Two employers in the team's register, a person at each, and a demo client's job there
    (competitive and integrated: all three answers yes)."""
    from backend.employers import employer_of, jobs, register
    from shared_schemas import employers as wire

    for name, address, sector, person, role, client, title, tenths, cents in EMPLOYERS:
        coach = Actor(
            id=coach_of[client], role="coach", team_id=team_id, display_name="", session_hash=""
        )
        employer_id, _ = await register.create_employer(
            coach,
            wire.EmployerCreate(local_id=new_id(), name=name, address=address, sector=sector),
        )
        employer = await employer_of(employer_id)
        assert employer is not None
        await register.add_person(
            coach, employer, wire.EmployerPersonCreate(local_id=new_id(), name=person, role=role)
        )
        await jobs.create(
            coach,
            made[client],
            employer,
            wire.JobCreate(
                local_id=new_id(),
                employer_id=employer_id,
                title=title,
                start_date=now().date() - timedelta(days=60),
                hours_per_week=tenths / 10,
                hourly_pay_cents=cents,
                contract_type="permanent",
                at_least_minimum_wage=True,
                open_to_anyone=True,
                same_pay_as_others=True,
                alongside_others=True,
            ),
        )


async def activities_for(coach: Actor, client_id: str, relative: str) -> None:
    """The client's activity log: training at the workplace yesterday, with one thing agreed,
    and a call to the family that reached nobody."""
    from backend.activities import services as activities
    from shared_schemas import activities as activity_wire

    yesterday = now() - timedelta(days=1)
    await activities.create(
        None,
        coach,
        activity_wire.ActivityCreate(
            local_id=new_id(),
            client_ids=[client_id],
            mode="workplace",
            occurred_at=yesterday,
            minutes=90,
            purposes=["training"],
            note="Practised the task with the photos; the last step still needs a reminder.",
            agreed=[activity_wire.AgreedActionSet(text="Try the last step alone", who="client")],
        ),
    )
    await activities.create(
        None,
        coach,
        activity_wire.ActivityCreate(
            local_id=new_id(),
            client_ids=[client_id],
            mode="phone",
            made=False,
            occurred_at=yesterday + timedelta(hours=3),
            minutes=5,
            purposes=["family"],
            with_whom="family",
            with_name=relative or "Family",
        ),
    )


# Per client: the stages of their journey as (stage, started days ago, ended days ago or None),
# ending in the stage their record shows; Tom's job ended once and he found another.
JOURNEYS: dict[str, list[tuple[str, int, int | None]]] = {
    "Maria Kowalska": [("engagement", 70, 50), ("profiling", 55, 30), ("job_finding", 30, None)],
    "Eero Mäkinen": [
        ("engagement", 200, 180),
        ("profiling", 185, 150),
        ("job_finding", 150, 100),
        ("employer_engagement", 110, 90),
        ("support", 90, None),
    ],
    "Noa Cohen": [
        ("engagement", 120, 100),
        ("profiling", 100, 75),
        ("job_finding", 75, 20),
        ("employer_engagement", 20, None),
    ],
    "Tom Baker": [
        ("engagement", 300, 280),
        ("profiling", 280, 250),
        ("job_finding", 250, 200),
        ("support", 200, 120),
        ("job_finding", 120, 95),
        ("support", 95, None),
    ],
}
# The organisation's targets per stage, in days: Noa's time with the employer runs past its.
TARGETS = {"engagement": 30, "profiling": 45, "job_finding": 90, "employer_engagement": 14}


async def journeys(made: dict[str, str], coach_of: dict[str, str]) -> None:
    """Each demo client's episode: the intake with the situation at entry, the client's informed
    decision, and the dated history of their stages; the organisation's targets per stage."""
    admin_id = made.get("Sofia Lindqvist")
    if admin_id is not None:
        admin = Actor(id=admin_id, role="admin", team_id=None, display_name="", session_hash="")
        await journey.set_targets(
            admin,
            journey_wire.StageTargetsUpdate(
                targets=[
                    journey_wire.StageTargetSet(stage=stage, days=days)  # type: ignore[arg-type]
                    for stage, days in TARGETS.items()
                ]
            ),
        )
        # The legal minimum the pay figure compares with (Results → "Paid at least the minimum").
        from backend.employers.minimum_wage import set_minimum
        from shared_schemas.employers import MinimumWageUpdate

        await set_minimum(admin, MinimumWageUpdate(hourly_cents=1000, currency="EUR"))
    today = now().date()
    for name, path in JOURNEYS.items():
        client_id = made.get(name)
        if client_id is None:
            continue
        coach = Actor(
            id=coach_of[name], role="coach", team_id=None, display_name="", session_hash=""
        )
        client = Actor(
            id=client_id, role="client", team_id=None, display_name=name, session_hash=""
        )
        await journey.open_episode(
            coach,
            client_id,
            journey_wire.EpisodeCreate(
                local_id=new_id(),
                intake_on=today - timedelta(days=path[0][1]),
                work_since=today - timedelta(days=path[0][1] + 400),
                benefits=["disability"],
            ),
        )
        await journey.decide(
            client, client_id, journey_wire.DecisionCreate(text_version=1, locale="en")
        )
        # In the order it happened: a stage ends before the next starts on the same day.
        events = sorted(
            [(started, 1, i) for i, (_, started, _) in enumerate(path) if i > 0]
            + [(ended, 0, i) for i, (_, _, ended) in enumerate(path) if ended is not None],
            key=lambda e: (-e[0], e[1]),
        )
        ids: dict[int, str] = {}
        for days_ago, is_start, i in events:
            on = today - timedelta(days=days_ago)
            if is_start:
                await journey.start_stage(
                    coach,
                    client_id,
                    journey_wire.StageStart(local_id=new_id(), stage=path[i][0], started_on=on),  # type: ignore[arg-type]
                )
                continue
            if i not in ids:
                shown = await journey.journey(client_id)
                assert shown.current is not None
                going = [
                    p for p in shown.current.stages if p.stage == path[i][0] and not p.ended_on
                ]
                ids[i] = going[-1].id
            await journey.end_stage(coach, client_id, ids[i], journey_wire.StageEnd(ended_on=on))


async def agreements(made: dict[str, str], coach_of: dict[str, str]) -> None:
    """Maria's agreement with her coach, agreed by both from the starting template; and the
    mentor Lina Berg agreed with Eero, so she mentors him (she sees his goals). Without
    reminder times: the command line plans no reminders (the server's planner is not wired
    here)."""
    from backend import clients
    from backend.agreements import reading, services, templates
    from shared_schemas import agreements as wire

    await templates.ensure_default()
    texts = templates.default_texts()
    today = now().date()
    pairs = [
        (
            "Maria Kowalska",
            coach_of["Maria Kowalska"],
            "pl",
            "weekly",
            "Find a second job in a hotel.",
        ),
        (
            "Eero Mäkinen",
            made["Lina Berg"],
            "fi",
            "every_two_weeks",
            "Keep my job and make friends.",
        ),
    ]
    for client_name, partner_id, locale, rhythm, goal in pairs:
        client_id = made[client_name]
        record = await clients.record_of(client_id)
        assert record is not None and record.coach_id is not None
        coach = Actor(
            id=record.coach_id,
            role="coach",
            team_id=record.team_id,
            display_name="coach",
            session_hash="",
        )
        agreement_id, _ = await services.draft(
            coach,
            record,
            wire.AgreementCreate(
                local_id=new_id(),
                partner_id=partner_id,
                rules=texts[locale]["rules"],
                locale=locale,  # type: ignore[arg-type]
                starts_on=today - timedelta(days=21),
                ends_on=today + timedelta(days=160),
                rhythm=rhythm,  # type: ignore[arg-type]
                ways=["face_to_face", "phone"],
                goal_text=goal,
                template_version=1,
            ),
        )
        row = await reading.agreement_row(agreement_id)
        assert row is not None
        await services.agree(row, 1)
        await services.sign(row, 1)
