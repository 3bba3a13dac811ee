"""The path of a new coach: the onboarding module on values and confidentiality (a person is
*provisional* until they finished it; the only writer of ``competence_onboarding``), and where
people are on the path. Training records are in ``path_training``, the plan's goals and the
simulations in ``path_plan``; their names are here too, so the handlers read one module. Each
write carries the phone's ``localId`` (or names its slot), so a repeat lands once.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from backend.accounts import PersonInfo
from backend.competence import path_plan, path_training
from backend.competence.access import DEVELOPED
from backend.competence.tables_path import OnboardingCompletion
from backend.lib import clock
from backend.lib.actor import Actor
from backend.lib.errors import field_error
from backend.lib.ids import as_uuid
from shared_schemas import competence as wire

MODULE = Path(__file__).parent / "data" / "onboarding_v1.json"


# --- onboarding --------------------------------------------------------------------------------


@cache
def module() -> dict[str, Any]:
    """The onboarding module: screens, then check questions with the right answer's index."""
    content: dict[str, Any] = json.loads(MODULE.read_text(encoding="utf-8"))
    return content


def module_wire() -> wire.OnboardingModule:
    m = module()
    return wire.OnboardingModule(
        version=m["version"],
        titles=m["titles"],
        screens=msgspec.convert(m["screens"], list[wire.OnboardingScreen]),
        questions=[
            wire.OnboardingQuestion(key=q["key"], texts=q["texts"], options=q["options"])
            for q in m["questions"]
        ],
    )


async def _completions(person_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """Each person's latest completion of the module (any version)."""
    wanted = sorted({i for i in person_ids if as_uuid(i) is not None})
    if not wanted:
        return {}
    rows = (
        await OnboardingCompletion.select(*OnboardingCompletion.all_columns())
        .where(OnboardingCompletion.person.is_in(wanted))
        .order_by(OnboardingCompletion.completed_at)
    )
    return {str(r["person"]): r for r in rows}


async def provisional(people: Collection[PersonInfo]) -> set[str]:
    """Whose status is provisional: coaches and coordinators who have not finished the onboarding
    module. It is shown (a banner, a flag on the team's view); it locks nobody out of client
    work — the issue asks for a status, not a gate."""
    done = await _completions([p.id for p in people])
    return {p.id for p in people if p.role in DEVELOPED and p.id not in done}


async def onboarding_status(person: PersonInfo) -> wire.OnboardingStatus:
    done = (await _completions([person.id])).get(person.id)
    return wire.OnboardingStatus(
        module=module_wire(),
        person_id=person.id,
        done=done is not None,
        completed_at=done["completed_at"] if done else None,
        completed_version=done["module_version"] if done else None,
    )


async def finish_onboarding(person: PersonInfo, data: wire.OnboardingFinish) -> bool:
    """Record the completion when every check question is answered right (422 naming the first
    wrong one otherwise). True when it is recorded now, False for a repeat."""
    m = module()
    if data.version != m["version"]:
        raise field_error("body.version", "This version of the module is no longer in use.")
    questions = m["questions"]
    if len(data.answers) != len(questions):
        raise field_error("body.answers", f"Answer all {len(questions)} questions.")
    for i, (q, a) in enumerate(zip(questions, data.answers, strict=True)):
        if a != q["answer"]:
            raise field_error(
                f"body.answers.{i}", "This answer is not right yet. Read the screens again."
            )
    slot = f"{person.id}:{m['version']}"
    before = await OnboardingCompletion.exists().where(OnboardingCompletion.slot == slot)
    if before:
        return False
    await OnboardingCompletion.insert(
        OnboardingCompletion(
            slot=slot, person=person.id, module_version=m["version"], completed_at=clock.now()
        )
    ).on_conflict(target=OnboardingCompletion.slot, action="DO NOTHING")
    return True


# --- where people are on the path --------------------------------------------------------------


async def summaries(actor: Actor, people: list[PersonInfo]) -> list[wire.PathSummary]:
    ids = [p.id for p in people]
    flagged = await provisional(people)
    certificates = await path_training.expiring_of(ids)
    goals = await path_plan.open_goals(actor, ids)
    return [
        wire.PathSummary(
            person_id=p.id,
            display_name=p.display_name,
            provisional=p.id in flagged,
            expiring=certificates.get(p.id, []),
            open_goals=goals.get(p.id, []),
        )
        for p in people
    ]
