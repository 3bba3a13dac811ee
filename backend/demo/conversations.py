"""The demo's monthly conversations: two for each client, a month apart, each with a few
answers and the face the client chose for the month (the Results screen's "How clients felt
at work" and its trend have something to show). Written through the conversation's own
functions, as the app would."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend import clients
from backend.goals import pta
from backend.goals import reading as goal_reading
from backend.lib.actor import Actor
from shared_schemas import pta as wire

# Per client: (a month ago, three days ago), each (face −2 … +2, how work feels in their words).
MOODS: dict[str, tuple[tuple[int, str], tuple[int, str]]] = {
    "Maria Kowalska": ((0, "Tired after the early shifts."), (1, "Better since the break at 10.")),
    "Eero Mäkinen": ((1, "Good. The cold room is hard."), (2, "Very good, I know the shelves.")),
    "Noa Cohen": ((-1, "Too noisy when it is busy."), (0, "Ear plugs help a bit.")),
    "Tom Baker": ((1, "Quiet work, I like it."), (1, "Still good.")),
}


async def conversations(made: dict[str, str], coach_of: dict[str, str], team_id: str) -> None:
    today = goal_reading.today()
    for name, months in MOODS.items():
        if name not in made:
            continue
        coach = Actor(
            id=coach_of[name], role="coach", team_id=team_id, display_name="", session_hash=""
        )
        record = await clients.record_of(made[name])
        assert record is not None
        for days_ago, (mood, feeling) in zip((33, 3), months, strict=True):
            conversation_id, _ = await pta.start(
                coach,
                record,
                wire.ConversationCreate(
                    local_id=pta_id(made[name], days_ago), held_on=today - timedelta(days_ago)
                ),
            )
            row = await pta.conversation_row(conversation_id)
            assert row is not None
            await pta.answer(
                coach,
                row,
                wire.AnswersSet(
                    answers=[wire.AnswerSet(question_key="wellbeing.feeling", answer=feeling)],
                    mood=mood,
                ),
            )
            await pta.end(coach, row, wire.ConversationEnd())


def pta_id(client_id: str, days_ago: int) -> str:
    """The same conversation's id however often the demo is filled (made once)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"stepwise-demo-pta:{client_id}:{days_ago}"))
