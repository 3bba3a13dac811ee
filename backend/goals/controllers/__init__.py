"""HTTP handlers of the goals domain, one module a topic: goals (``goals``) and the monthly
structured conversation with its question sets (``conversations``)."""

from litestar import Router

from backend.goals.controllers.conversations import (
    ClientConversationsController,
    ConversationController,
    QuestionSetController,
)
from backend.goals.controllers.goals import ClientGoalsController, GoalController

router = Router(
    path="/",
    route_handlers=[
        ClientGoalsController,
        GoalController,
        ClientConversationsController,
        ConversationController,
        QuestionSetController,
    ],
)

__all__ = ["router"]
