"""HTTP handlers of evidence from practice, the summative assessment, the certificate and the
gap report."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend import accounts
from backend.accounts import PersonInfo, require_fresh
from backend.audit import record as audit
from backend.competence import access, assessment, evidence, gaps, reach, reminding
from backend.lib.actor import Actor, CurrentActor
from backend.lib.errors import field_error, not_found
from backend.lib.localtime import is_zone
from backend.lib.paging import DEFAULT_LIMIT, LINK, Cursor, Limit, paged
from backend.lib.replay import created_or_replayed, replayed
from shared_schemas import competence as wire

NO_PERSON = "There is no such person."
Query = FromQuery[str | None]


async def _person(actor: Actor, person_id: str | None) -> PersonInfo:
    """The person asked about (oneself when omitted), or 404 when out of the reader's reach."""
    return await reach.person(actor, person_id)


class EvidenceController(Controller):
    path = "/api/competence/evidence"
    tags = ["competence"]

    @get(
        "/suggestions",
        summary="Records of a person's own practice that may show an indicator (the last six "
        "months, at most 20 of a kind, 12 weeks of employer contacts); never scored",
    )
    async def suggest(
        self, actor: CurrentActor, person: Query = None
    ) -> list[wire.EvidenceSuggestion]:
        found = await _person(actor, person)
        return await evidence.suggestions(found)

    @get(
        "/",
        summary="The evidence attached to a person's indicators, newest first, by pages",
        response_headers=LINK,
    )
    async def list_evidence(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: Query = None,
        competence: Query = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Evidence]]:
        page = evidence.page(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await evidence.of_person(found.id, competence, page))

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Attach one of the person's own records to an indicator, with a note "
        "(idempotent by localId)",
        responses=replayed(wire.Evidence),
    )
    async def attach(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.EvidenceCreate],
    ) -> Response[wire.Evidence]:
        found = await _person(actor, data.person_id)
        access.require(
            access.can_attach_evidence(actor, found, await reach.mentor_of(actor, found))
        )
        evidence_id, created = await evidence.attach(actor, found, data)
        if created:
            await audit(
                "competence_evidence_attached",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"evidence": evidence_id},
            )
        row = await evidence.row_of(evidence_id)
        assert row is not None
        return created_or_replayed((await evidence.to_wire([row]))[0], created)

    @delete(
        "/{evidence_id:str}",
        status_code=HTTP_204_NO_CONTENT,
        summary="Remove evidence one attached (only who attached it)",
    )
    async def remove(
        self, request: Request[Any, Any, Any], actor: CurrentActor, evidence_id: FromPath[str]
    ) -> None:
        access.require(access.is_staff(actor))
        row = await evidence.row_of(evidence_id)
        owner = await accounts.person(str(row["person"])) if row else None
        if row is None or owner is None or not await reach.sees(actor, owner):
            raise not_found(evidence.NO_EVIDENCE)
        attached_by = str(row["attached_by"]) if row["attached_by"] else None
        access.require(access.can_remove_evidence(actor, attached_by), access.ATTACHER_ONLY)
        await evidence.remove(row)
        await audit(
            "competence_evidence_removed",
            request=request,
            actor=actor.id,
            subject=owner.id,
            team=owner.team_id,
            detail={"evidence": evidence_id},
        )


async def _assessment(
    request: Request[Any, Any, Any], actor: Actor, assessment_id: str, change: bool
) -> tuple[dict[str, Any], PersonInfo | None]:
    """The assessment and its coach; 404 out of reach. A change asked of a signed assessment is
    audit-logged (refused) whoever asks, then refused: 403 to whom is not staff, 404 out of
    reach, else 409."""
    row = await assessment.row_of(assessment_id)
    if row is None:
        access.require(access.is_staff(actor))
        raise not_found(assessment.NO_ASSESSMENT)
    person = await accounts.person(str(row["person"]))
    readable = access.is_staff(actor) and access.can_read_assessment(
        actor, person, assessment.assessors_of(row)
    )
    if change and row["status"] == "signed":
        await audit(
            "competence_assessment_change_refused",
            request=request,
            actor=actor.id,
            subject=str(row["person"]),
            team=person.team_id if person else None,
            outcome="refused",
            detail={"assessment": str(row["id"]), "method": request.method},
        )
        access.require(access.is_staff(actor))
        if not readable:
            raise not_found(assessment.NO_ASSESSMENT)
        assessment.refuse_if_signed(row)
    access.require(access.is_staff(actor))
    if not readable:
        raise not_found(assessment.NO_ASSESSMENT)
    return row, person


async def _one(assessment_id: str) -> wire.Assessment:
    row = await assessment.row_of(assessment_id)
    assert row is not None
    return (await assessment.to_wire([row]))[0]


class AssessmentController(Controller):
    path = "/api/competence/assessments"
    tags = ["competence"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Start a coach's summative assessment, naming two assessors (idempotent by "
        "localId)",
        responses=replayed(wire.Assessment),
    )
    async def start(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        data: JSONBody[wire.AssessmentCreate],
    ) -> Response[wire.Assessment]:
        found = await _person(actor, data.person_id)
        access.require(access.can_start_assessment(actor, found))
        assessment_id, created = await assessment.start(actor, found, data)
        if created:
            await audit(
                "competence_assessment_started",
                request=request,
                actor=actor.id,
                subject=found.id,
                team=found.team_id,
                detail={"assessment": assessment_id},
            )
        return created_or_replayed(await _one(assessment_id), created)

    @get(
        "/",
        summary="A person's summative assessments, newest first (oneself when omitted), by pages",
        response_headers=LINK,
    )
    async def list_assessments(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        person: Query = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Assessment]]:
        page = assessment.page(cursor, limit)
        found = await _person(actor, person)
        return paged(request, *await assessment.of_person(found.id, page))

    @get(
        "/assessors",
        summary="Whom a coach's assessment may name as assessors: administrators, the team's "
        "coordinator, certified coaches",
    )
    async def assessors(
        self, actor: CurrentActor, person: Query = None
    ) -> list[wire.AssessorChoice]:
        found = await _person(actor, person)
        access.require(access.can_start_assessment(actor, found))
        return await assessment.assessor_choices(found)

    @get(
        "/to-sign",
        summary="The open assessments I am an assessor of, newest first, by pages",
        response_headers=LINK,
    )
    async def to_sign(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> Response[list[wire.Assessment]]:
        page = assessment.page(cursor, limit)
        access.require(access.is_staff(actor))
        return paged(request, *await assessment.open_for(actor.id, page))

    @get("/{assessment_id:str}", summary="A summative assessment")
    async def get_assessment(
        self, request: Request[Any, Any, Any], actor: CurrentActor, assessment_id: FromPath[str]
    ) -> wire.Assessment:
        row, _ = await _assessment(request, actor, assessment_id, change=False)
        return await _one(str(row["id"]))

    @put(
        "/{assessment_id:str}",
        summary="Save the assessment's content (its two assessors; 409 ``signed`` once both "
        "signed)",
    )
    async def edit(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        assessment_id: FromPath[str],
        data: JSONBody[wire.AssessmentEdit],
    ) -> wire.Assessment:
        row, _ = await _assessment(request, actor, assessment_id, change=True)
        access.require(
            access.is_assessor(actor, assessment.assessors_of(row)), access.ASSESSORS_ONLY
        )
        await assessment.edit(row, data)
        return await _one(str(row["id"]))

    @post(
        "/{assessment_id:str}/sign",
        status_code=HTTP_200_OK,
        summary="An assessor signs the revision read, confirming with their passkey (403 "
        "reverify_needed without a fresh step-up); the second signature keeps it for good",
    )
    async def sign(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        assessment_id: FromPath[str],
        data: JSONBody[wire.AssessmentSign],
    ) -> wire.Assessment:
        row, person = await _assessment(request, actor, assessment_id, change=True)
        access.require(
            access.is_assessor(actor, assessment.assessors_of(row)), access.ASSESSORS_ONLY
        )
        await require_fresh(actor)
        if not is_zone(data.zone):
            raise field_error("body.zone", "Choose a time zone from the list.")
        both = await assessment.sign(actor, row, data.revision)
        if both and (row["decision"] != "not_yet" or row["reassess_on"] is not None):
            await reminding.ensure(str(row["person"]), data.zone)
        await audit(
            "competence_assessment_signed",
            request=request,
            actor=actor.id,
            subject=str(row["person"]),
            team=person.team_id if person else None,
            detail={"assessment": str(row["id"]), "revision": data.revision, "both": both},
        )
        return await _one(str(row["id"]))


class CertificateController(Controller):
    path = "/api/competence"
    tags = ["competence"]

    @get("/certificate", summary="A person's newest certificate (oneself when omitted)")
    async def get_certificate(
        self, actor: CurrentActor, person: Query = None
    ) -> wire.CertificateOf:
        found = await _person(actor, person)
        return wire.CertificateOf(certificate=await assessment.certificate_of(found.id))

    @get(
        "/gaps",
        summary="Gaps per competence over the organisation (administrators) or a team; no "
        "counts for a group of fewer than 5",
    )
    async def get_gaps(self, actor: CurrentActor, team: Query = None) -> wire.GapReport:
        access.require(access.is_staff(actor))
        team_id = team or (actor.team_id if actor.role == "coordinator" else None)
        access.require(access.can_see_gaps(actor, team_id), access.OUT_OF_REACH)
        if team_id is not None and not await accounts.team_names(team_id):
            raise not_found("There is no such team.")
        return await gaps.report(team_id)


CONTROLLERS = [EvidenceController, AssessmentController, CertificateController]
