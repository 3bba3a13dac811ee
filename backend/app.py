"""create_app(): plugins, and each domain's Router; no logic."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, get
from litestar.config.compression import CompressionConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.plugins import JsonRenderPlugin

from backend import (
    accounts,
    activities,
    agreements,
    clients,
    competence,
    documents,
    employers,
    fading,
    family,
    fidelity,
    goals,
    handover,
    journey,
    opportunities,
    outcomes,
    profiles,
    reminders,
    reports,
    shifts,
    sync,
    tasks,
    workplace,
)
from backend.accounts import router as accounts_router
from backend.accounts.tables import Team
from backend.audit import checkpoint as audit_checkpoint
from backend.audit import checkpoint_round as audit_checkpoint_round
from backend.audit import router as audit_router
from backend.audit import seal_round as audit_seal_round
from backend.family.controllers import router as family_router
from backend.goals.controllers import router as goals_router
from backend.lib import memory, metrics, migrations, photo_job_db, photo_pool
from backend.lib.errors import EXCEPTION_HANDLERS, ProblemError
from backend.lib.events import subscribe
from backend.lib.headers import security_headers
from backend.lib.inputs import before_request
from backend.lib.metrics import MetricsMiddleware
from backend.lib.openapi import document_problems
from backend.lib.pwa import pwa
from backend.lib.shutdown import on_stop_signal
from backend.lib.wire_names import OldNamesMiddleware
from backend.piccolo_conf import APPS, DB
from backend.privacy.controllers import router as privacy_router
from backend.privacy.walk import prepare as prepare_walks
from backend.reminders import listeners as reminder_listeners
from backend.reminders.controllers import router as reminders_router
from backend.reminders.worker import in_server
from backend.settings import get_settings
from backend.shifts.controllers import router as shifts_router
from backend.sync import IdempotencyMiddleware
from backend.tasks.controllers import router as tasks_router
from backend.tasks.help_stream import stop_streams
from backend.tasks.recovery import recover_files
from backend.today import router as today_router
from shared_schemas.accounts import Health, Ready, Version

log = logging.getLogger("stepwise")
__version__ = "0.1.0"
# Every JSON body is small (the longest is a task with its steps' texts); uploads set their own
# limit on their route. Applied before a body is read, also by the idempotency middleware.
JSON_BODY = 1024 * 1024


@get("/health", summary="200 when the database answers", tags=["operations"])
async def health() -> Health:
    try:
        await Team.count()
    except Exception as exc:
        raise ProblemError(503, "The database does not answer.") from exc
    return Health(status="ok", database="ok")


@get(
    "/api/ready",
    summary="200 when this server may take requests: the database answers and has every "
    "migration of this version (for a load balancer's readiness check)",
    tags=["operations"],
    responses={
        503: ResponseSpec(
            data_container=None, description="Not ready: the database does not answer or lags"
        )
    },
)
async def ready() -> Ready:
    try:
        migrated = await migrations.up_to_date(DB, tuple(APPS))
    except Exception as exc:
        raise ProblemError(503, "The database does not answer.") from exc
    if not migrated:
        raise ProblemError(503, "The database has not been migrated to this version yet.")
    return Ready(status="ok", database="ok", migrations="ok")


@get("/api/version", summary="The server's version (no database)", tags=["operations"])
async def version() -> Version:
    return Version(name="stepwise", version=__version__)


async def _start_checkpoint() -> None:
    try:
        await audit_checkpoint()
    except Exception:
        log.exception("no audit checkpoint at start")


SETTLE_AFTER_S = 2.0
"""How long after start a serving process settles (``_settle_after_start``): after the first
requests, so that neither the start-up nor its ``/health`` waits for it."""


async def _settle_after_start() -> None:
    """In a serving process, once it answers: work out what the privacy walks use (the first
    My data or erasure of a process would pay for it), then freeze what the process holds, out
    of the garbage collector's walk (``backend/lib/memory.py``). Each runs once, on the event
    loop, a fifth of a second or so."""
    if not memory.serving():
        return
    await asyncio.sleep(SETTLE_AFTER_S)
    try:
        prepare_walks()
    except Exception:
        log.exception("the privacy walks not prepared at start (the first use prepares them)")
    memory.settle()


@asynccontextmanager
async def lifespan(app: Litestar) -> AsyncIterator[None]:
    if DB.engine_type == "postgres":
        await DB.start_connection_pool()
    on_stop_signal(stop_streams)  # open screens' event streams end as the server stops
    # The audit log as this server found it (docs/privacy.md), beside serving: a log that comes
    # with many entries not yet sealed (an upgrade, a restore) is sealed first, and that may
    # take minutes that no request should wait for.
    checkpoint = asyncio.create_task(_start_checkpoint())
    try:
        await recover_files()  # what a crash left half-stored (backend/lib/storage.py)
        await sync.release_gone_claims()  # keys claimed by requests a crash cut short
    except Exception:
        log.exception("stored files not recovered at start")
    settling = asyncio.create_task(_settle_after_start())
    try:
        async with in_server():  # the reminder engine, unless STEPWISE_REMINDER_ENGINE says not
            yield
    finally:
        settling.cancel()
        checkpoint.cancel()
        await asyncio.to_thread(photo_pool.shutdown)  # the photo processes stop with the server
        await photo_job_db.close()  # its connection listening for photo jobs' answers
        if DB.engine_type == "postgres":
            await DB.close_connection_pool()


def connect_domains() -> None:
    """Who listens to whom: a lower domain tells the ones above it through its events and the
    sources it asks, wired here (in the app server and in ``stepwise worker``)."""
    metrics.read_on_scrape(
        "stepwise_gc_frozen_objects",
        "Objects made at start that the garbage collector no longer walks",
        memory.frozen,
    )
    metrics.read_on_scrape(
        "stepwise_reminders_due", "Reminders due now and not yet sent", reminders.count_due
    )
    metrics.read_on_scrape(
        "stepwise_photo_jobs_waiting",
        "Photo jobs handed to the workers that no worker holds now",
        photo_job_db.count_waiting,
    )
    reminders.every_round(tasks.escalate_due)  # unanswered requests for help go to the team
    reminders.every_round(audit_seal_round)  # audit entries get their place in the chain
    reminders.every_round(audit_checkpoint_round)  # a signed audit checkpoint now and then
    reminders.every_round(fading.catch_up_due)  # fading plans' ended weeks closed, alerts told
    reminders.register_starts(reminders.SHIFT_KINDS, shifts.reminder_starts)
    reminders.register_days(goals.REMINDER_KINDS, goals.reminder_days)
    reminders.register_days(agreements.REMINDER_KINDS, agreements.reminder_days)
    reminders.register_days(activities.REMINDER_KINDS, activities.reminder_days)  # agreed actions
    reminders.register_days(opportunities.REMINDER_DAY_KINDS, opportunities.follow_up_days)
    reminders.register_starts(opportunities.REMINDER_START_KINDS, opportunities.interview_starts)
    reminders.register_days(journey.REMINDER_KINDS, journey.after_support_days)  # six months on
    reminders.register_days(competence.REMINDER_KINDS, competence.development_days)
    # Telling a person's devices is best effort: it never undoes or fails the change made.
    subscribe(accounts.PasskeysChanged, reminder_listeners.passkeys_changed, best_effort=True)
    subscribe(tasks.HelpRequested, family.help_requested, best_effort=True)
    subscribe(tasks.TaskMastered, family.task_mastered)  # suggests a family update
    subscribe(goals.GoalEvaluated, family.goal_evaluated)  # a reached goal suggests one too
    # A person enrolled as a client gets a record; family are linked to their client.
    subscribe(accounts.PersonEnrolled, clients.open_record_of_enrolled)
    # A coach's caseload moves with the coach.
    subscribe(accounts.StaffTeamChanged, clients.follow_coach_to_team)
    accounts.answer_caseload(clients.CASELOAD)  # who may invite or recover whom
    # The journey's stages follow a client's jobs, and a stage chosen on the record.
    subscribe(employers.JobStarted, journey.job_started)
    subscribe(employers.JobEnded, journey.job_ended)
    subscribe(clients.StageChosen, journey.stage_chosen)
    # Job finding: a first employer contact starts it; its figures ask for each intake day.
    subscribe(opportunities.EmployerContacted, journey.employer_contacted)
    opportunities.answer_intakes(journey.intakes)
    # The coach's week names the natural supports due for review (the job analysis answers).
    shifts.answer_supports_to_review(workplace.supports_to_review)
    # … and the six-month follow-ups of former clients who agreed to be asked (the journey).
    shifts.answer_follow_ups_due(journey.follow_ups_due)


def create_app() -> Litestar:
    settings = get_settings()
    connect_domains()
    app = Litestar(
        route_handlers=[
            health,
            ready,
            version,
            metrics.metrics,
            accounts_router,
            clients.router,
            employers.router,
            audit_router,
            tasks_router,
            shifts_router,
            goals_router,
            family_router,
            agreements.router,
            profiles.router,
            documents.router,
            activities.router,
            today_router,
            opportunities.router,
            outcomes.router,
            fidelity.router,
            reports.router,
            journey.router,
            fading.router,
            workplace.router,
            handover.router,
            competence.router,
            privacy_router,
            reminders_router,
            pwa,
        ],
        # Who is asking, their language, and people's names: any handler declares them.
        dependencies=accounts.DEPENDENCIES,
        lifespan=[lifespan],
        before_request=before_request,  # the CSRF check, then the parameters
        exception_handlers=EXCEPTION_HANDLERS,
        before_send=[security_headers(settings.secure_cookies)],
        # A plain ASGI middleware: Litestar types its parameter with narrower TypedDicts.
        # Outermost first: the idempotency fingerprint is of the body as the phone sent it.
        # The latency of requests is measured around all of it (backend/lib/metrics.py).
        middleware=[MetricsMiddleware, IdempotencyMiddleware, OldNamesMiddleware],  # type: ignore[list-item]
        request_max_body_size=JSON_BODY,
        compression_config=CompressionConfig(
            backend="gzip", minimum_size=1024, exclude_opt_key="skip_compression"
        ),
        openapi_config=OpenAPIConfig(
            title="Stepwise",
            version="0.1.0",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        logging_config=None,
        debug=False,
    )
    document_problems(app)
    return app
