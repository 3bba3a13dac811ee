"""The question sets of the monthly structured conversation (PTA), versioned: version 1 is
``data/pta_questions_v1.json``, made on first use. Administrators copy a version into a draft,
edit and translate it, and publish it; a published version never changes, so every conversation
keeps the questions it was held with. The only writer of the question sets (``pta.py`` holds
the conversations)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from backend.goals.tables import Conversation, QuestionSet
from backend.lib import clock, i18n
from backend.lib.actor import Actor
from backend.lib.errors import ProblemError, field_error
from backend.lib.ids import as_uuid
from shared_schemas import FieldError
from shared_schemas import pta as wire

DEFAULT_SET = Path(__file__).parent / "data" / "pta_questions_v1.json"
LOCALE_NAMES = {"en": "English", "pl": "Polish", "fi": "Finnish", "he": "Hebrew"}
NO_SET = "There is no such question set."


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


def sections_wire(raw: list[dict[str, Any]]) -> list[wire.Section]:
    return msgspec.convert(raw, list[wire.Section])


def set_wire(row: dict[str, Any]) -> wire.QuestionSet:
    return wire.QuestionSet(
        id=str(row["id"]),
        version=row["version"],
        status=row["status"],
        sections=sections_wire(row["sections"]),
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


def _new_key(section_key: str, set_id: Any, local_id: str, taken: set[str]) -> str:
    """The key of a question added with ``local_id``: derived on the server from the version
    and the PWA's id (never from the wording), so a repeated request names the same question."""
    digest = hashlib.sha256(f"{set_id}:{local_id.lower()}".encode()).hexdigest()
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
                        "Leave the key out (and send a localId) to add a new question.",
                    )
            elif question.local_id is not None:
                key = _new_key(section.key, row["id"], question.local_id, in_use - here)
            else:
                raise field_error(f"{at}.localId", "A new question needs a localId.")
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
