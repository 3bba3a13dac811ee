"""The monthly structured conversation (PTA): question sets, conversations, answers, the
comparison with the previous conversation, and who is due. The only writer of the PTA tables.

Question sets are versioned: version 1 is ``data/pta_questions_v1.json``, made on first use.
Administrators copy a version into a draft, edit and translate it, and publish it; a published
version never changes, so every conversation keeps the questions it was held with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import msgspec

from backend.accounts.tables import User
from backend.clients import ClientRow
from backend.goals import services as goals
from backend.goals.tables import Conversation, ConversationAnswer, Goal, QuestionSet
from backend.lib import clock, i18n
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from backend.reminders import client_changed
from backend.sync import insert_once
from shared_schemas import FieldError
from shared_schemas import pta as wire

DEFAULT_SET = Path(__file__).parent / "data" / "pta_questions_v1.json"
LOCALE_NAMES = {"en": "English", "pl": "Polish", "fi": "Finnish", "he": "Hebrew"}
NO_CONVERSATION = "There is no such conversation in your reach."
NO_SET = "There is no such question set."


# --- question sets ------------------------------------------------------------------------


def default_sections() -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = json.loads(DEFAULT_SET.read_text(encoding="utf-8"))["sections"]
    return sections


async def ensure_default() -> None:
    """Version 1 from the data file, the first time anyone needs a question set."""
    if await QuestionSet.exists():
        return
    at = clock.now()
    try:
        await QuestionSet.insert(
            QuestionSet(
                version=1,
                status="published",
                sections=default_sections(),
                created_at=at,
                updated_at=at,
                published_at=at,
            )
        )
    except Exception:  # another request made it at the same moment (unique version)
        if not await QuestionSet.exists():
            raise


async def set_row(set_id: str) -> dict[str, Any] | None:
    await ensure_default()
    if as_uuid(set_id) is None:
        return None
    row: dict[str, Any] | None = (
        await QuestionSet.select(*QuestionSet.all_columns())
        .where(QuestionSet.id == as_uuid(set_id))
        .first()
        .output(load_json=True)
    )
    return row


def _sections(raw: list[dict[str, Any]]) -> list[wire.Section]:
    return msgspec.convert(raw, list[wire.Section])


def set_wire(row: dict[str, Any]) -> wire.QuestionSet:
    return wire.QuestionSet(
        id=str(row["id"]),
        version=row["version"],
        status=row["status"],
        sections=_sections(row["sections"]),
        based_on=row["based_on"],
        created_at=row["created_at"],
        published_at=row["published_at"],
    )


async def question_sets() -> list[wire.QuestionSetSummary]:
    await ensure_default()
    rows = await QuestionSet.select(
        QuestionSet.id,
        QuestionSet.version,
        QuestionSet.status,
        QuestionSet.based_on,
        QuestionSet.created_at,
        QuestionSet.published_at,
    ).order_by(QuestionSet.version, ascending=False)
    used: dict[str, int] = {}
    for r in await Conversation.select(Conversation.question_set):
        used[str(r["question_set"])] = used.get(str(r["question_set"]), 0) + 1
    return [
        wire.QuestionSetSummary(
            id=str(r["id"]),
            version=r["version"],
            status=r["status"],
            based_on=r["based_on"],
            created_at=r["created_at"],
            published_at=r["published_at"],
            conversations=used.get(str(r["id"]), 0),
        )
        for r in rows
    ]


async def current_set() -> dict[str, Any]:
    """The newest published version: new conversations use it."""
    await ensure_default()
    row: dict[str, Any] | None = (
        await QuestionSet.select(*QuestionSet.all_columns())
        .where(QuestionSet.status == "published")
        .order_by(QuestionSet.version, ascending=False)
        .first()
        .output(load_json=True)
    )
    assert row is not None
    return row


async def new_draft(actor: Actor, from_version: int | None) -> str:
    await ensure_default()
    if from_version is None:
        source = await current_set()
    else:
        source = (
            await QuestionSet.select(*QuestionSet.all_columns())
            .where(QuestionSet.version == from_version)
            .first()
            .output(load_json=True)
        )
        if source is None:
            raise field_error("body.fromVersion", "There is no such version.")
    at = clock.now()
    for _ in range(3):  # two administrators at once: the unique version decides, try again
        last = (
            await QuestionSet.select(QuestionSet.version)
            .order_by(QuestionSet.version, ascending=False)
            .first()
        )
        row = QuestionSet(
            version=(last["version"] if last else 0) + 1,
            status="draft",
            sections=source["sections"],
            based_on=source["version"],
            created_by=actor.id,
            created_at=at,
            updated_at=at,
        )
        try:
            await row.save()
        except Exception:  # noqa: S112 (the unique version was taken: count again)
            continue
        return str(row.id)
    raise ProblemError(409, "Someone else is making a version right now. Try again.")


async def _keys_in_use() -> set[str]:
    """Every question key any version has had: a new question never takes an old one's key, so
    old answers are never matched to a different question."""
    rows = await QuestionSet.select(QuestionSet.sections).output(load_json=True)
    return {q["key"] for r in rows for s in r["sections"] for q in s["questions"]}


def _new_key(section_key: str, set_id: Any, client_id: str, taken: set[str]) -> str:
    """The key of a question added with ``client_id``: derived on the server from the version
    and the PWA's id (never from the wording), so a repeated request names the same question."""
    digest = hashlib.sha256(f"{set_id}:{client_id.lower()}".encode()).hexdigest()
    for length in range(8, 17, 2):
        key = f"{section_key}.q{digest[:length]}"
        if key not in taken:
            return key
    raise ProblemError(409, "That question could not get its own key. Try again.")


def _plain_texts(texts: Mapping[Any, str]) -> dict[str, str]:
    return {k: " ".join(v.split()) for k, v in texts.items()}


async def _check_edit(row: dict[str, Any], data: wire.QuestionSetEdit) -> list[dict[str, Any]]:
    drafted: list[dict[str, Any]] = row["sections"]
    if [s.key for s in data.sections] != [s["key"] for s in drafted]:
        raise field_error(
            "body.sections", "The sections stay as they are: edit, add or remove questions."
        )
    in_use = await _keys_in_use()
    sections = []
    for i, (section, was) in enumerate(zip(data.sections, drafted, strict=True)):
        where = f"body.sections.{i}"
        if "en" not in section.titles:
            raise field_error(f"{where}.titles", "Write the title in English at least.")
        here = {q["key"] for q in was["questions"]}
        question_keys: set[str] = set()
        questions = []
        for j, question in enumerate(section.questions):
            at = f"{where}.questions.{j}"
            if question.key is not None:
                key = f"{section.key}.{question.key}"
                if key not in here:
                    raise field_error(
                        f"{at}.key",
                        "This question is not in this section of the draft. "
                        "Leave the key out (and send a clientId) to add a new question.",
                    )
            elif question.client_id is not None:
                key = _new_key(section.key, row["id"], question.client_id, in_use - here)
            else:
                raise field_error(f"{at}.clientId", "A new question needs a clientId.")
            if key in question_keys:
                raise field_error(f"{at}.key", "Each question is in the version once.")
            question_keys.add(key)
            if "en" not in question.texts:
                raise field_error(f"{at}.texts", "Write the question in English at least.")
            questions.append({"key": key, "texts": _plain_texts(question.texts)})
        sections.append(
            {"key": section.key, "titles": _plain_texts(section.titles), "questions": questions}
        )
    return sections


def _published() -> ProblemError:
    return ProblemError(
        409,
        "A published version does not change. Make a new version to edit.",
        code="published",
    )


async def edit(row: dict[str, Any], data: wire.QuestionSetEdit) -> None:
    if row["status"] != "draft":
        raise _published()
    sections = await _check_edit(row, data)
    changed = (
        await QuestionSet.update(
            {QuestionSet.sections: sections, QuestionSet.updated_at: clock.now()}
        )
        .where((QuestionSet.id == row["id"]) & (QuestionSet.status == "draft"))
        .returning(QuestionSet.id)
    )
    if not changed:  # published while this edit was on its way
        raise _published()


def untranslated(sections: list[dict[str, Any]]) -> list[FieldError]:
    """Every title and question without its text in one of the four languages."""
    missing: list[FieldError] = []

    def need(texts: dict[str, str], field: str, what: str) -> None:
        for locale in i18n.LOCALES:
            if not texts.get(locale, "").strip():
                reason = f"Write {what} in {LOCALE_NAMES[locale]}."
                missing.append(
                    FieldError(field=f"{field}.{locale}", reason=reason, code="untranslated")
                )

    for i, section in enumerate(sections):
        need(section["titles"], f"sections.{i}.titles", "this section's title")
        for j, question in enumerate(section["questions"]):
            need(question["texts"], f"sections.{i}.questions.{j}.texts", "this question")
    return missing


async def publish(row: dict[str, Any]) -> None:
    """Puts a draft into use. Clients are asked the questions in their language, so every
    question needs all four before it is asked; the 422 names each missing text."""
    if row["status"] == "published":
        return
    missing = untranslated(row["sections"])
    if missing:
        problem = ProblemError(
            422,
            "Some texts are not translated yet. Write each one in every language, then try again.",
            code="untranslated",
        )
        problem.problem.errors = missing
        raise problem
    at = clock.now()
    # Only the content just checked: an edit saved in between makes this update miss.
    changed = (
        await QuestionSet.update(
            {
                QuestionSet.status: "published",
                QuestionSet.published_at: at,
                QuestionSet.updated_at: at,
            }
        )
        .where(
            (QuestionSet.id == row["id"])
            & (QuestionSet.status == "draft")
            & (QuestionSet.updated_at == row["updated_at"])
        )
        .returning(QuestionSet.id)
    )
    if not changed:
        now = await set_row(str(row["id"]))
        if now is None or now["status"] != "published":
            raise ProblemError(409, "The draft changed just now. Look at it again, then retry.")


# --- conversations ------------------------------------------------------------------------


async def conversation_row(conversation_id: str) -> dict[str, Any] | None:
    if as_uuid(conversation_id) is None:
        return None
    return (
        await Conversation.select(*Conversation.all_columns())
        .where(Conversation.id == as_uuid(conversation_id))
        .first()
    )


async def _summaries(where: Any) -> list[wire.ConversationSummary]:
    rows = (
        await Conversation.select(
            *Conversation.all_columns(),
            Conversation.question_set.version.as_alias("version"),
            Conversation.coach.display_name.as_alias("coach_name"),
        )
        .where(where)
        .order_by(Conversation.held_on, ascending=False)
        .order_by(Conversation.started_at, ascending=False)
    )
    counts: dict[str, int] = {}
    if rows:
        answered = await ConversationAnswer.select(
            ConversationAnswer.conversation, ConversationAnswer.answer
        ).where(ConversationAnswer.conversation.is_in([r["id"] for r in rows]))
        for a in answered:
            if a["answer"].strip():
                counts[str(a["conversation"])] = counts.get(str(a["conversation"]), 0) + 1
    return [
        wire.ConversationSummary(
            id=str(r["id"]),
            owner_id=str(r["client"]),
            held_on=r["held_on"],
            status=r["status"],
            version=r["version"],
            answered=counts.get(str(r["id"]), 0),
            coach_name=r["coach_name"],
        )
        for r in rows
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
    found = await _summaries(Conversation.client == client_id)
    last = max((c.held_on for c in found), default=None)
    return wire.ConversationList(
        due=is_due(last, goals.today()), last_held_on=last, conversations=found
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
    held_on = data.held_on or goals.today()
    row = Conversation(
        client_uuid=as_uuid(data.client_id),
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
    (a retried request) adds the goals not yet made: each carries its own clientId."""
    rows = [
        goals.new_row(
            actor,
            str(conversation["client"]),
            client_uuid=g.client_id,
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
        sections=_sections(row["sections"]),
        answers={a["question_key"]: a["answer"] for a in answers},
        proposed_goals=await goals.goals_where(Goal.conversation == row["id"]),
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
            Conversation.id.is_in([current.id] + ([previous.id] if previous else []))
        )
    }
    return wire.Comparison(
        current=summaries[current.id],
        previous=summaries[previous.id] if previous else None,
        rows=rows,
    )


def due_since(last_held_on: date | None) -> date | None:
    return month_after(last_held_on) + timedelta(days=1) if last_held_on else None
