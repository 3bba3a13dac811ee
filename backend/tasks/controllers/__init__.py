"""HTTP handlers of the tasks domain, one module a topic: tasks themselves (``tasks``), their
steps with photos and voice prompts (``steps``), working through a task (``training``: marks,
requests for help, sessions, progress), the staff's list and stream of requests for help
(``help``), and step photos' files (``photos``)."""

from litestar import Router

from backend.tasks.controllers.common import PHOTO_BODY, VOICE_BODY
from backend.tasks.controllers.help import HelpRequestsController
from backend.tasks.controllers.photos import PhotoController
from backend.tasks.controllers.steps import StepController
from backend.tasks.controllers.tasks import ClientTasksController, TaskController
from backend.tasks.controllers.training import TrainingController

router = Router(
    path="/",
    route_handlers=[
        ClientTasksController,
        TaskController,
        StepController,
        TrainingController,
        HelpRequestsController,
        PhotoController,
    ],
)

__all__ = ["PHOTO_BODY", "VOICE_BODY", "router"]
