"""What the demo organisation has to look at: for each client a photo task, weekly shifts, a
goal, training sessions; for the families a consent and a shared update; two employers in the
team's register, a person at each, and a job there for two of the clients. Written through the
services, as the app would; run once, when the demo team is first made (``stepwise demo``,
``scripts/serve --demo``). The photos are drawn here (no file of anyone's workplace)."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from typing import Any

from backend.lib import images
from backend.lib.actor import Actor
from backend.lib.clock import now
from shared_schemas.accounts import Role
from shared_schemas.goals import GoalLevelsSet

# Per client: (workplace, time zone, task title, steps, weekdays, start, end, goal, means).
CONTENT: dict[str, tuple[str, str, str, list[str], list[int], str, str, str, list[str]]] = {
    "Maria Kowalska": (
        "Hotel Aurora",
        "Europe/Warsaw",
        "Fold the bath towels",
        [
            "Take one towel from the basket.",
            "Fold it in half, long sides together.",
            "Fold it in three.",
            "Put it on the pile, fold facing out.",
        ],
        [1, 3, 5],
        "08:00",
        "12:00",
        "Ask for help when the basket is empty",
        ["Say: “The basket is empty.”", "Go to the laundry room door."],
    ),
    "Eero Mäkinen": (
        "K-Market Kallio",
        "Europe/Helsinki",
        "Fill the milk shelf",
        [
            "Take the milk trolley from the cold room.",
            "Put the oldest milk at the front.",
            "Put the new milk behind it.",
            "Take the empty trolley back.",
        ],
        [1, 2, 3, 4],
        "07:00",
        "11:00",
        "Take a break at 9:00 every day",
        ["Set the phone alarm for 9:00.", "Sit in the break room for 10 minutes."],
    ),
    "Noa Cohen": (
        "Café Yafo",
        "Asia/Jerusalem",
        "Load the dishwasher",
        [
            "Scrape the plates into the bin.",
            "Put the plates in the bottom rack.",
            "Put the cups in the top rack.",
            "Close the door and press the green button.",
        ],
        [0, 2, 4],
        "10:00",
        "14:00",
        "Empty the dishwasher on my own",
        ["Wait for the green light.", "Start with the top rack."],
    ),
    "Tom Baker": (
        "Riverside Library",
        "Europe/London",
        "Sort the returned books",
        [
            "Take the books from the return box.",
            "Put books with a red label on the red trolley.",
            "Put the other books on the blue trolley.",
        ],
        [2, 4],
        "13:00",
        "16:00",
        "Say hello to the team when I arrive",
        ["Say “Good morning” at the desk.", "Hang my coat in the staff room."],
    ),
}

# Per goal: its Goal Attainment Scale in the client's words (much less, less, expected, more,
# much more), written with the coach when the goal was set.
LEVELS: dict[str, tuple[str, str, str, str, str]] = {
    "Ask for help when the basket is empty": (
        "I never ask.",
        "I ask once or twice.",
        "I ask every time the basket is empty.",
        "I ask every time, without a reminder.",
        "I also tell a colleague when their basket is empty.",
    ),
    "Take a break at 9:00 every day": (
        "I take no break.",
        "I take a break on some days.",
        "I take a break at 9:00 every day.",
        "I take my break and come back on time every day.",
        "I also remind my colleague to take a break.",
    ),
    "Empty the dishwasher on my own": (
        "I need help every time.",
        "I need help most times.",
        "I empty it on my own most days.",
        "I empty it on my own every day.",
        "I empty it on my own and show a new colleague how.",
    ),
    "Say hello to the team when I arrive": (
        "I say hello to nobody.",
        "I say hello on some days.",
        "I say hello every day.",
        "I say hello and ask how they are.",
        "I say hello to the whole team and to new colleagues.",
    ),
}

UPDATE = {
    "Maria Kowalska": "Maria folded all the towels on her own today!",
    "Eero Mäkinen": "Eero filled the milk shelf before the shop opened.",
}


def _photo(seed: int) -> bytes:
    """A plain drawing, phone-sized: a table, a coloured object, a few shapes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1200), (225 - seed * 9 % 40, 230, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 800, 1600, 1200), fill=(150, 110, 70))
    colour = ((seed * 70) % 200 + 40, (seed * 130) % 200 + 40, (seed * 50) % 200 + 40)
    x = 300 + (seed * 170) % 700
    draw.rounded_rectangle((x, 420, x + 520, 820), radius=40, fill=colour)
    draw.ellipse((x + 140, 300, x + 380, 480), fill=(250, 250, 245))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


async def organisation() -> None:
    """Name the demo's organisation in the privacy notice, unless an administrator has set one."""
    from backend.accounts import organisation as org
    from shared_schemas.accounts import OrganisationUpdate

    if not (await org.get()).configured:
        # A plausible organisation; example.* addresses are reserved for examples (RFC 2606).
        details = OrganisationUpdate(
            name="Riverside Job Coaching (demo)",
            email="privacy@riverside.example",
            phone="+358 40 123 4567",
            address="Rantakatu 1, 00100 Helsinki",
            dpo_name="Leena Virta",
            dpo_email="dpo@riverside.example",
        )
        await org.update(None, details)


def _id() -> str:
    return str(uuid.uuid4())


async def fill(team_id: str, made: dict[str, str], coach_of: dict[str, str]) -> None:
    """``made``: name → user id; ``coach_of``: client name → coach's user id."""
    from backend.family import consent, updates
    from backend.goals import reading as goal_reading
    from backend.goals import services as goals
    from backend.shifts import services as shifts
    from backend.tasks import photos, services, training
    from shared_schemas import family as family_wire
    from shared_schemas import goals as goals_wire
    from shared_schemas import shifts as shifts_wire
    from shared_schemas import tasks as wire

    def actor(user_id: str, role: Role, name: str) -> Actor:
        team = team_id if role in {"coach", "coordinator"} else None
        return Actor(id=user_id, role=role, team_id=team, display_name=name, session_hash="")

    relatives = {"Maria Kowalska": "Anna Kowalska", "Eero Mäkinen": "Aino Mäkinen"}
    for n, (name, content) in enumerate(CONTENT.items()):
        workplace, zone, title, texts, days, start, end, goal, means = content
        client_id = made[name]
        coach = actor(coach_of[name], "coach", "coach")
        client = actor(client_id, "client", name)
        task_id = await services.create(
            coach, client_id, wire.TaskCreate(title=title, workplace=workplace)
        )
        task, _ = await services.visible_task(coach, task_id)
        step_ids = []
        for i, text in enumerate(texts):
            step_id = await services.add_step(task, wire.StepCreate(text=text))
            step = await services.step_row(task, step_id)
            # Processed here, not in the photo pool: this runs in `stepwise serve`'s main
            # process before granian forks the server, which must not own a pool.
            photo = images.process(_photo(n * 5 + i))
            photo_id = await photos.store(task_id, photo, coach)
            await services.set_photo(step, photo_id)
            step_ids.append(step_id)
        levels: list[list[Any]] = [
            ["verbal", "model", "gestural", "physical"],
            ["independent", "verbal", "independent", "gestural"],
        ]
        for days_ago, row in zip((9, 2), levels, strict=True):
            await training.start(
                coach,
                task,
                wire.SessionCreate(
                    local_id=_id(),
                    started_at=now() - timedelta(days=days_ago),
                    records=[
                        wire.StepRecordSet(step_id=s, level=level)
                        for s, level in zip(step_ids, row, strict=False)
                    ],
                ),
            )
        await shifts.create(
            coach,
            client_id,
            shifts_wire.ShiftCreate(
                local_id=_id(),
                workplace=workplace,
                zone=zone,
                starts_at=start,
                ends_at=end,
                repeat="weekly",
                weekdays=[d or 7 for d in days],
            ),
        )
        await goals.create(
            coach,
            client_id,
            goals_wire.GoalCreate(
                local_id=_id(),
                title=goal,
                means=means,
                ends_on=goal_reading.today() + timedelta(days=14),
                levels=_levels(goal),
            ),
        )
        await activities_for(coach, client_id, relatives.get(name, ""))
        relative = relatives.get(name)
        if relative is None:
            continue
        for kind in ("updates", "goals", "shifts"):
            await consent.record_consent(
                client,
                client_id,
                family_wire.ConsentCreate(
                    local_id=_id(),
                    family_id=made[relative],
                    kind=kind,  # type: ignore[arg-type]
                    granted=True,
                    text_version=1,
                ),
            )
        from backend import clients

        record = await clients.record_of(client_id)
        assert record is not None
        written, _ = await updates.create(
            coach,
            record,
            family_wire.UpdateCreate(local_id=_id(), text=UPDATE[name], kind="updates"),
            None,
        )
        update, record = await updates.visible_update(client, written.id)
        await updates.approve(client, update, record, None)
    await employers_and_jobs(team_id, made, coach_of)


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
            wire.EmployerCreate(local_id=_id(), name=name, address=address, sector=sector),
        )
        employer = await employer_of(employer_id)
        assert employer is not None
        await register.add_person(
            coach, employer, wire.EmployerPersonCreate(local_id=_id(), name=person, role=role)
        )
        await jobs.create(
            coach,
            made[client],
            employer,
            wire.JobCreate(
                local_id=_id(),
                employer_id=employer_id,
                title=title,
                start_date=now().date() - timedelta(days=60),
                hours_per_week=tenths / 10,
                hourly_pay_cents=cents,
                contract_type="permanent",
                at_least_minimum_wage=True,
                open_to_anyone=True,
                same_pay_as_others=True,
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
            local_id=_id(),
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
            local_id=_id(),
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


def _levels(goal: str) -> GoalLevelsSet:
    much_less, less, expected, more, much_more = LEVELS[goal]
    return GoalLevelsSet(
        expected=expected, much_less=much_less, less=less, more=more, much_more=much_more
    )


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
                local_id=_id(),
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
