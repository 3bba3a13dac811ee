"""The monthly structured conversation (PTA): conversations, answers, the comparison with the
previous conversation, and who is due. The only writer of the conversations and their answers;
the questions asked are versioned question sets (``questions.py``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backend.accounts.tables import User
from backend.clients import ClientRow
from backend.goals import reading, services
from backend.goals.questions import current_set, sections_wire
from backend.goals.tables import Conversation, ConversationAnswer, Goal, QuestionSet
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.db import Statement, fetch
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.reminders import client_changed
from backend.sync import insert_once
from shared_schemas import pta as wire

NO_CONVERSATION = "There is no such conversation in your reach."


async def conversation_row(conversation_id: str) -> dict[str, Any] | None:
    if as_uuid(conversation_id) is None:
        return None
    return (
        await Conversation.select(*Conversation.all_columns())
        .where(Conversation.id == as_uuid(conversation_id))
        .first()
    )


# Plain SQL: a client's page lists two years of monthly conversations with how many of each
# one's questions were answered; through the query builder (and every answer read to count
# them) that was a third of the time the page took to make. Answers are kept stripped
# (``answer``), so a blank one is empty.
_SUMMARIES = (
    "SELECT CAST(c.id AS TEXT), CAST(c.client AS TEXT), CAST(c.held_on AS TEXT), c.status,"
    " q.version, u.display_name,"
    " (SELECT count(*) FROM pta_answers AS a WHERE a.conversation = c.id AND a.answer <> '')"
    " FROM pta_conversations AS c JOIN pta_question_sets AS q ON q.id = c.question_set"
    " LEFT JOIN users AS u ON u.id = c.coach"
    " WHERE {where} ORDER BY c.held_on DESC, c.started_at DESC"
)
_OF_CLIENT = Statement(_SUMMARIES.format(where="c.client = ?"))
_BY_ID = {
    n: Statement(_SUMMARIES.format(where=f"c.id IN ({', '.join(['?'] * n)})")) for n in (1, 2)
}


async def _summaries(statement: Statement, *args: str) -> list[wire.ConversationSummary]:
    return [
        wire.ConversationSummary(
            id=id_,
            owner_id=client,
            held_on=date.fromisoformat(held_on[:10]),
            status=status,
            version=version,
            answered=answered,
            coach_name=coach_name,
        )
        for id_, client, held_on, status, version, coach_name, answered in await fetch(
            Conversation._meta.db, statement, *args
        )
    ]


def month_after(day: date) -> date:
    """The same day a month later (the last day of a shorter month)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_due(last_held_on: date | None, on: date) -> bool:
    """Due when there has been no conversation, or the last one is more than a month old
    ("at least monthly", PTA)."""
    return last_held_on is None or on > month_after(last_held_on)


async def conversations_of(client_id: str) -> wire.ConversationList:
    found = await _summaries(_OF_CLIENT, client_id)
    last = max((c.held_on for c in found), default=None)
    return wire.ConversationList(
        due=is_due(last, reading.today()), last_held_on=last, conversations=found
    )


async def last_held(client_ids: list[str]) -> dict[str, date]:
    out: dict[str, date] = {}
    if client_ids:
        for r in await Conversation.select(Conversation.client, Conversation.held_on).where(
            Conversation.client.is_in(client_ids)
        ):
            key = str(r["client"])
            if key not in out or r["held_on"] > out[key]:
                out[key] = r["held_on"]
    return out


async def start(actor: Actor, record: ClientRow, data: wire.ConversationCreate) -> tuple[str, bool]:
    question_set = await current_set()
    held_on = data.held_on or reading.today()
    row = Conversation(
        client_uuid=as_uuid(data.local_id),
        client=record.client_id,
        coach=actor.id if actor.role == "coach" else record.coach_id,
        question_set=question_set["id"],
        held_on=held_on,
        locale=data.locale,
        status="open",
        started_at=clock.now(),
    )
    found, created = await insert_once(Conversation, row, {"client": record.client_id}, data)
    if created:
        await client_changed(record.client_id)
    return str(found["id"]), created


async def _question_keys(conversation: dict[str, Any]) -> set[str]:
    row = (
        await QuestionSet.select(QuestionSet.sections)
        .where(QuestionSet.id == conversation["question_set"])
        .first()
        .output(load_json=True)
    )
    assert row is not None
    return {q["key"] for s in row["sections"] for q in s["questions"]}


async def answer(actor: Actor, conversation: dict[str, Any], data: wire.AnswersSet) -> None:
    if conversation["status"] != "open":
        raise ProblemError(409, "This conversation has ended.", code="conversation_ended")
    keys = await _question_keys(conversation)
    for i, item in enumerate(data.answers):
        if item.question_key not in keys:
            raise field_error(
                f"body.answers.{i}.questionKey", "This question is not in this conversation."
            )
    at = clock.now()
    async with Conversation._meta.db.transaction():
        if data.mood is not None:
            await Conversation.update({Conversation.mood: data.mood}).where(
                Conversation.id == conversation["id"]
            )
        for item in data.answers:
            text = item.answer.strip()
            where = (ConversationAnswer.conversation == conversation["id"]) & (
                ConversationAnswer.question_key == item.question_key
            )
            if await ConversationAnswer.exists().where(where):
                await ConversationAnswer.update(
                    {
                        ConversationAnswer.answer: text,
                        ConversationAnswer.updated_by: actor.id,
                        ConversationAnswer.updated_at: at,
                    }
                ).where(where)
            else:
                await ConversationAnswer.insert(
                    ConversationAnswer(
                        conversation=conversation["id"],
                        question_key=item.question_key,
                        answer=text,
                        updated_by=actor.id,
                        updated_at=at,
                    )
                )


async def end(actor: Actor, conversation: dict[str, Any], data: wire.ConversationEnd) -> None:
    """Ends the conversation and makes the proposed next-period goals as drafts. Ending again
    (a retried request) adds the goals not yet made: each carries its own localId."""
    rows = [
        services.new_row(
            actor,
            str(conversation["client"]),
            client_uuid=g.local_id,
            title=g.title,
            means=g.means,
            starts_on=g.starts_on,
            ends_on=g.ends_on,
            weight=g.weight,
            status="draft",
            levels=g.levels,
            conversation=str(conversation["id"]),
            field_prefix=f"body.goals.{i}",
        )
        for i, g in enumerate(data.goals)
    ]
    for row, proposed in zip(rows, data.goals, strict=True):
        await insert_once(Goal, row, {"client": conversation["client"]}, proposed)
    if conversation["status"] == "open":
        await Conversation.update(
            {Conversation.status: "ended", Conversation.ended_at: clock.now()}
        ).where(Conversation.id == conversation["id"])
    await client_changed(str(conversation["client"]))


async def detail(conversation_id: Any) -> wire.Conversation:
    row = (
        await Conversation.select(
            *Conversation.all_columns(),
            Conversation.question_set.version.as_alias("version"),
            Conversation.question_set.sections.as_alias("sections"),
        )
        .where(Conversation.id == conversation_id)
        .first()
        .output(load_json=True)
    )
    assert row is not None
    coach = (
        await User.select(User.display_name).where(User.id == row["coach"]).first()
        if row["coach"]
        else None
    )
    answers = await ConversationAnswer.select(
        ConversationAnswer.question_key, ConversationAnswer.answer
    ).where(ConversationAnswer.conversation == row["id"])
    return wire.Conversation(
        id=str(row["id"]),
        owner_id=str(row["client"]),
        coach_id=str(row["coach"]) if row["coach"] else None,
        coach_name=coach["display_name"] if coach else None,
        held_on=row["held_on"],
        locale=row["locale"],
        status=row["status"],
        version=row["version"],
        sections=sections_wire(row["sections"]),
        answers={a["question_key"]: a["answer"] for a in answers},
        mood=row["mood"],
        proposed_goals=await reading.goals_where(Goal.conversation == row["id"]),
        started_at=row["started_at"],
        ended_at=row["ended_at"],
    )


async def compare(conversation: dict[str, Any]) -> wire.Comparison:
    """This conversation beside the client's previous one, question by question (matched by
    question key across versions)."""
    current = await detail(conversation["id"])
    previous_row = (
        await Conversation.select(Conversation.id)
        .where(
            (Conversation.client == conversation["client"])
            & (Conversation.id != conversation["id"])
            & (
                (Conversation.held_on < conversation["held_on"])
                | (
                    (Conversation.held_on == conversation["held_on"])
                    & (Conversation.started_at < conversation["started_at"])
                )
            )
        )
        .order_by(Conversation.held_on, ascending=False)
        .order_by(Conversation.started_at, ascending=False)
        .first()
    )
    previous = await detail(previous_row["id"]) if previous_row else None
    now = {q.key for s in current.sections for q in s.questions}
    before = {q.key for s in previous.sections for q in s.questions} if previous else set()
    rows: list[wire.ComparedAnswer] = []
    seen: set[str] = set()
    for held in (current, previous):
        if held is None:
            continue
        for section in held.sections:
            for question in section.questions:
                earlier = previous.answers.get(question.key) if previous else None
                if question.key in seen or (question.key not in now and not earlier):
                    continue  # a question removed since, unanswered then: nothing to compare
                seen.add(question.key)
                rows.append(
                    wire.ComparedAnswer(
                        section_key=section.key,
                        question_key=question.key,
                        texts=question.texts,
                        current=current.answers.get(question.key),
                        previous=earlier,
                        asked_now=question.key in now,
                        asked_before=question.key in before,
                    )
                )
    summaries = {
        s.id: s
        for s in await _summaries(
            _BY_ID[2 if previous else 1], current.id, *([previous.id] if previous else [])
        )
    }
    return wire.Comparison(
        current=summaries[current.id],
        previous=summaries[previous.id] if previous else None,
        rows=rows,
    )


def due_since(last_held_on: date | None) -> date | None:
    return month_after(last_held_on) + timedelta(days=1) if last_held_on else None
