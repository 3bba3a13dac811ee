"""Alice's job analysis through the services, for the workplace tests and the access matrix: the
analysis of her kitchen job at Hotel Aurora (written by her coach Ada), a task linked to a photo
task of hers, a natural support (Sam, the supervisor), a photo of the workplace. Ids go into
``world.ids`` (``analysis_task``, ``support``, ``analysis_photo``, ``analysis_photo_file``)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from backend.lib.photo_pool import process
from backend.workplace import media, services, supports
from shared_schemas import workplace as wire
from tests.support.employers import build_employers
from tests.support.photos import phone_jpeg
from tests.support.tasks import actor
from tests.support.world import World


def new_id() -> str:
    return str(uuid.uuid4())


def base(job_id: str) -> str:
    return f"/api/jobs/{job_id}/analysis"


async def build_analysis(world: World) -> None:
    if "analysis_task" in world.ids:
        return
    await build_employers(world)
    coach = actor(world, "coach", "coach", "North")
    job, record = await services.visible_job(coach, world.ids["job"])
    await services.write(
        coach, job, record,
        wire.AnalysisWrite(local_id=new_id(), texts={"noise": "The dishwasher is loud."},
                           adjustments=["Written task list"], notes="Sam is keen."),
    )  # fmt: skip
    task_id, _, _ = await services.add_task(
        coach, job, record, wire.AnalysisTaskCreate(local_id=new_id(), title="Wash the pans")
    )
    support_id, _ = await supports.add_support(
        coach, job,
        wire.SupportCreate(local_id=new_id(), person_id=world.ids["person"],
                           helps_with="The order of the morning"),
    )  # fmt: skip
    analysis = await services.analysis_row(job.id)
    assert analysis is not None
    photo_id = await media.add_photo(
        coach, analysis, "The back door", await process(phone_jpeg(900, 700, 1, 80))
    )
    row = await media.photo_row(photo_id)
    assert row is not None
    world.ids.update(
        analysis_task=task_id,
        support=support_id,
        analysis_photo=photo_id,
        analysis_photo_file=f"800-{row['photo_hash'][:16]}.jpg",
    )


def at(template: str) -> Callable[[World], Awaitable[str]]:
    """A path factory for the access matrix: builds Alice's analysis, then fills ``template``."""

    async def make(world: World) -> str:
        await build_analysis(world)
        return template.format(**world.ids)

    return make
