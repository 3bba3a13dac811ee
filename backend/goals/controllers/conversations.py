"""HTTP handlers for the monthly structured conversation and the question sets it asks."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import clients
from backend.audit import record as audit
from backend.goals import access, pta, questions
from backend.goals.controllers.common import (
    _conversation,
)
from backend.lib.actor import CurrentActor
from backend.lib.errors import not_found
from backend.lib.replay import created_or_replayed as _created_or_replayed
from backend.lib.replay import replayed as _replayed
from shared_schemas import pta as pta_wire


class ClientConversationsController(Controller):
    path = "/api/clients/{client_id:str}/conversations"
    tags = ["pta"]

    @get("/", summary="A client's PTA conversations and whether one is due")
    async def list_conversations(
        self, request: Request[Any, Any, Any], actor: CurrentActor, client_id: FromPath[str]
    ) -> pta_wire.ConversationList:
        record = await clients.visible_record(actor, client_id, access.can_view_conversations)
        await clients.audit_read(request, actor, "conversations_read", record)
        return await pta.conversations_of(record.client_id)

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Start a monthly conversation with the current question set (idempotent)",
        responses=_replayed(pta_wire.Conversation),
    )
    async def start_conversation(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        client_id: FromPath[str],
        data: JSONBody[pta_wire.ConversationCreate],
    ) -> Response[pta_wire.Conversation]:
        record = await clients.visible_record(actor, client_id, access.can_view_conversations)
        access.require(
            access.can_hold_conversations(actor, record),
            "Your coach starts the conversation with you.",
        )
        conversation_id, created = await pta.start(actor, record, data)
        if created:
            await audit(
                "conversation_started",
                request=request,
                actor=actor.id,
                subject=record.client_id,
                team=record.audit_team,
                detail={"conversation": conversation_id},
            )
        return _created_or_replayed(await pta.detail(conversation_id), created)


class ConversationController(Controller):
    path = "/api/conversations"
    tags = ["pta"]

    @get("/{conversation_id:str}", summary="A conversation: its questions and answers")
    async def get_conversation(
        self, request: Request[Any, Any, Any], actor: CurrentActor, conversation_id: FromPath[str]
    ) -> pta_wire.Conversation:
        row, record = await _conversation(actor, conversation_id)
        await clients.audit_read(
            request, actor, "conversation_read", record, {"conversation": str(row["id"])}
        )
        return await pta.detail(row["id"])

    @put("/{conversation_id:str}/answers", summary="Record answers (by question key)")
    async def answer(
        self,
        actor: CurrentActor,
        conversation_id: FromPath[str],
        data: JSONBody[pta_wire.AnswersSet],
    ) -> pta_wire.Conversation:
        row, record = await _conversation(actor, conversation_id)
        access.require(
            access.can_hold_conversations(actor, record),
            "Your coach writes the answers down with you.",
        )
        await pta.answer(actor, row, data)
        return await pta.detail(row["id"])

    @post(
        "/{conversation_id:str}/end",
        status_code=HTTP_200_OK,
        summary="End the conversation, proposing next-period goals (made as drafts)",
    )
    async def end(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        conversation_id: FromPath[str],
        data: JSONBody[pta_wire.ConversationEnd],
    ) -> pta_wire.Conversation:
        row, record = await _conversation(actor, conversation_id)
        access.require(
            access.can_hold_conversations(actor, record),
            "Your coach ends the conversation with you.",
        )
        await pta.end(actor, row, data)
        await audit(
            "conversation_ended",
            request=request,
            actor=actor.id,
            subject=record.client_id,
            team=record.audit_team,
            detail={"conversation": str(row["id"]), "goals": len(data.goals)},
        )
        return await pta.detail(row["id"])

    @get("/{conversation_id:str}/compare", summary="Beside the previous conversation")
    async def compare(
        self, request: Request[Any, Any, Any], actor: CurrentActor, conversation_id: FromPath[str]
    ) -> pta_wire.Comparison:
        row, record = await _conversation(actor, conversation_id)
        await clients.audit_read(
            request, actor, "conversation_read", record, {"conversation": str(row["id"])}
        )
        return await pta.compare(row)


class QuestionSetController(Controller):
    path = "/api/pta/question-sets"
    tags = ["pta"]

    @get("/", summary="Versions of the PTA question set, newest first (staff)")
    async def list_sets(self, actor: CurrentActor) -> list[pta_wire.QuestionSetSummary]:
        access.require(access.can_read_question_sets(actor))
        return await questions.question_sets()

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="A new draft version, copied from one (administrators)",
    )
    async def create_set(
        self, actor: CurrentActor, data: JSONBody[pta_wire.QuestionSetCreate]
    ) -> pta_wire.QuestionSet:
        access.require(access.can_edit_question_sets(actor))
        set_id = await questions.new_draft(actor, data.from_version)
        return await _set(set_id)

    @get("/{set_id:str}", summary="A version with every question in every language (staff)")
    async def get_set(self, actor: CurrentActor, set_id: FromPath[str]) -> pta_wire.QuestionSet:
        access.require(access.can_read_question_sets(actor))
        return await _set(set_id)

    @put("/{set_id:str}", summary="Edit and translate a draft version (administrators)")
    async def edit_set(
        self, actor: CurrentActor, set_id: FromPath[str], data: JSONBody[pta_wire.QuestionSetEdit]
    ) -> pta_wire.QuestionSet:
        access.require(access.can_edit_question_sets(actor))
        row = await questions.set_row(set_id)
        if row is None:
            raise not_found(questions.NO_SET)
        await questions.edit(row, data)
        return await _set(set_id)

    @post(
        "/{set_id:str}/publish",
        status_code=HTTP_200_OK,
        summary="Publish a draft: new conversations use it (administrators)",
    )
    async def publish_set(self, actor: CurrentActor, set_id: FromPath[str]) -> pta_wire.QuestionSet:
        access.require(access.can_edit_question_sets(actor))
        row = await questions.set_row(set_id)
        if row is None:
            raise not_found(questions.NO_SET)
        await questions.publish(row)
        return await _set(set_id)


async def _set(set_id: str) -> pta_wire.QuestionSet:
    row = await questions.set_row(set_id)
    if row is None:
        raise not_found(questions.NO_SET)
    return questions.set_wire(row)
