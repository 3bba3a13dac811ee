"""What the demo organisation has to look at: for each client a photo task, weekly shifts, a
goal, training sessions; for the families a consent and a shared update; and their journeys
(``backend.demo.journey``): employers and jobs, activities, stages, agreements; at the
workplaces (``backend.demo.workplace``): job analyses, natural supports, fading plans, what the
handover pack may show. Written through the
services, as the app would; run once, when the demo team is first made (``stepwise demo``,
``scripts/serve --demo``). The photos are drawn here (no file of anyone's workplace)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from backend.demo.competence import development
from backend.demo.conversations import conversations
from backend.demo.journey import activities_for, agreements, employers_and_jobs, journeys, new_id
from backend.demo.opportunities import opportunities
from backend.demo.profiles import profiles
from backend.demo.workplace import workplaces
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

__all__ = ["agreements", "fill", "organisation"]


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
                    local_id=new_id(),
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
                local_id=new_id(),
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
                local_id=new_id(),
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
                    local_id=new_id(),
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
            family_wire.UpdateCreate(local_id=new_id(), text=UPDATE[name], kind="updates"),
            None,
        )
        update, record = await updates.visible_update(client, written.id)
        await updates.approve(client, update, record, None)
    await employers_and_jobs(team_id, made, coach_of)
    await journeys(made, coach_of)
    await profiles(made, coach_of)  # the vocational profiles (backend/demo/profiles.py)
    await opportunities(team_id, made, coach_of)
    await workplaces(team_id, made, coach_of)  # analyses, supports, fading, pack consents
    await conversations(made, coach_of, team_id)  # monthly conversations with the client's face
    await development(made, team_id)  # staff: a certified coach mentoring a newer one


def _levels(goal: str) -> GoalLevelsSet:
    much_less, less, expected, more, much_more = LEVELS[goal]
    return GoalLevelsSet(
        expected=expected, much_less=much_less, less=less, more=more, much_more=much_more
    )
