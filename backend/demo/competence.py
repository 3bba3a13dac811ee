"""The demo's staff development: Maya Levi is a certified coach (her assessment signed by the
administrator and Helena ten months ago) with a first-aid certificate running out soon; Jonas
Virtanen is the newer coach — a finished self-assessment, a training record, a plan goal he
proposed waiting for Helena — and Maya mentors him in the field, with a visit she logged last
week. Written through the competence domain's own functions, as the app would; the signed
assessment and its certificate as ``assessment.sign`` leaves them (the signatures need two
passkeys)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from backend import accounts
from backend.accounts.tables import User
from backend.competence import framework, mentors, path, path_plan, path_training, services
from backend.competence.assessment import CERTIFICATE_YEARS, years_on
from backend.competence.tables_assessment import Assessment, Certificate
from backend.lib import clock
from backend.lib.actor import Actor
from shared_schemas import competence as wire
from shared_schemas.accounts import Role

JONAS, MAYA, HELENA, SOFIA = "Jonas Virtanen", "Maya Levi", "Helena Nowak", "Sofia Lindqvist"
SELF = {  # Jonas's own levels: competence key → (level, his note)
    "values.confidentiality": (2, "I ask Maria before I tell an employer anything."),
    "engagement.relationship": (2, "I listen first; the first meeting is on their ground."),
    "jobs.employer_contact": (1, "I still prepare every call with Maya."),
    "workplace.task_analysis": (1, "I have done two with help."),
}


def _id() -> str:
    return str(uuid.uuid4())


async def development(made: dict[str, str], team_id: str) -> None:
    if not {JONAS, MAYA, HELENA, SOFIA} <= made.keys():
        return
    now = clock.now()
    today = now.date()
    current = await framework.current()
    keys = {c["key"] for c in framework.competences(current)}
    jonas = await accounts.person(made[JONAS])
    maya = await accounts.person(made[MAYA])
    assert jonas is not None and maya is not None

    def actor(name: str, role: Role) -> Actor:
        return Actor(id=made[name], role=role, team_id=team_id, display_name=name, session_hash="")

    # Maya has worked here three years, Jonas four months (months of service count from the
    # account); Maya did the onboarding module long ago.
    await User.update({User.created_at: now - timedelta(days=3 * 365)}).where(User.id == made[MAYA])
    await User.update({User.created_at: now - timedelta(days=120)}).where(User.id == made[JONAS])
    module = path.module()
    await path.finish_onboarding(
        maya,
        wire.OnboardingFinish(
            version=module["version"], answers=[q["answer"] for q in module["questions"]]
        ),
    )

    # Maya: certified ten months ago; a first-aid certificate that runs out in three weeks.
    issued = today - timedelta(days=300)
    signed = now - timedelta(days=300)
    assessment = Assessment(
        client_uuid=uuid.uuid4(),
        person=made[MAYA],
        framework=current["id"],
        assessor_a=made[SOFIA],
        assessor_b=made[HELENA],
        created_by=made[HELENA],
        observed="A job analysis at the supermarket with Eero, on her own.",
        scenario="An employer asks about a client's diagnosis.",
        knowledge_score=92,
        decided_levels={k: 2 if k.startswith("jobs.") else 3 for k in sorted(keys)},
        decision="certified",
        reassess_on=years_on(issued, CERTIFICATE_YEARS),
        status="signed",
        signed_a_at=signed,
        signed_b_at=signed,
        assessed_on=issued,
        created_at=signed,
        updated_at=signed,
    )
    await assessment.save()
    await Certificate(
        person=made[MAYA],
        assessment=assessment.id,
        issued_on=issued,
        valid_until=years_on(issued, CERTIFICATE_YEARS),
        review_on=years_on(issued, 1),
        created_at=signed,
    ).save()
    await path_training.add_training(
        actor(MAYA, "coach"),
        maya,
        wire.TrainingRecordCreate(
            local_id=_id(),
            course="First aid at work",
            provider="Red Cross",
            hours=8,
            taken_on=today - timedelta(days=3 * 365 - 21),
            expires_on=today + timedelta(days=21),
            zone="Europe/Helsinki",
        ),
    )

    # Jonas: his self-assessment, a course, a goal he proposed for his plan.
    me = actor(JONAS, "coach")
    started, _ = await services.start(me, wire.SelfAssessmentCreate(local_id=_id()))
    row = await services.assessment_row(started)
    assert row is not None
    for key, (level, note) in SELF.items():
        if key in keys:
            await services.rate(row, key, wire.RatingSet(level=level, note=note))
    await services.finish(row)
    await path_training.add_training(
        me,
        jonas,
        wire.TrainingRecordCreate(
            local_id=_id(),
            course="Supported employment: the five stages",
            provider="Riverside Academy",
            hours=16,
            taken_on=today - timedelta(days=60),
            competences=[
                k for k in ("engagement.relationship", "jobs.employer_contact") if k in keys
            ],
        ),
    )
    if "workplace.task_analysis" in keys:
        await path_plan.propose_goal(
            me,
            jonas,
            wire.PlanGoalCreate(
                local_id=_id(),
                person_id=made[JONAS],
                title="Lead a job analysis on my own",
                means="Two analyses with Maya watching, then one alone.",
                competence="workplace.task_analysis",
                starts_on=today,
                ends_on=today + timedelta(days=90),
            ),
        )

    # Helena names Maya his mentor in the field; Maya's visit of last week.
    await mentors.name(
        actor(HELENA, "coordinator"),
        jonas,
        wire.FieldMentorCreate(local_id=_id(), person_id=made[JONAS], mentor_id=made[MAYA]),
    )
    seen = [
        wire.SeenLevel(competence=k, level=lvl)
        for k, lvl in (("workplace.task_analysis", 1), ("values.confidentiality", 2))
        if k in keys
    ]
    if seen:
        await services.log_visit(
            actor(MAYA, "coach"),
            jonas,
            wire.MentoringVisitCreate(
                local_id=_id(),
                person_id=made[JONAS],
                visited_on=today - timedelta(days=5),
                setting="job_analysis",
                seen=seen,
                situation="The café's dishwashing area with Noa.",
                task="Break the closing routine into steps Noa can follow.",
                action="Jonas watched the routine twice and wrote eight steps.",
                result="Noa followed six steps on her own the next day.",
                reflection="He asked the supervisor about the noise himself.",
                next_step="Jonas takes the photos for the steps next week.",
            ),
        )
