"""Photo task instructions, on-the-job training and progress (task analysis).

The public face for other domains: they import only what is named in ``__all__`` (and
``tables``, ``access``). What tasks tell the domains above them: ``TaskMastered``,
``HelpRequested`` (``events.py``). ``task_refs`` and ``make_job_task``: the job
analysis reads and makes the photo tasks of a job (``jobs.py``).
"""

from __future__ import annotations

from backend.tasks.events import HelpRequested, TaskMastered
from backend.tasks.figures import (
    AfterMastery,
    LevelCount,
    Mastered,
    after_mastery_between,
    levels_between,
    mastered_between,
    tasks_mastered_by,
)
from backend.tasks.help import escalate_due
from backend.tasks.jobs import TaskRef, make_job_task, task_refs
from backend.tasks.photos import read as read_photo
from backend.tasks.reading import tasks_of
from backend.tasks.services import task_prefix, voice_name
from backend.tasks.training import refresh_every_task
from backend.tasks.voice import MAX_BYTES as VOICE_MAX_BYTES
from backend.tasks.voice import VoiceRefused
from backend.tasks.voice import check as check_voice
from backend.tasks.voice import clean as clean_voice

# A task's progress is kept in ``task_progress`` (each session's count of independent steps in
# ``training_sessions.independent``), made again by every write through this domain; a reader of
# those rows (the client's day, ``backend/today``) reads it, not the sessions' history.
# The outcomes' figures: ``levels_between``, ``mastered_between``, ``after_mastery_between``
# (``figures.py``); the competence domain's evidence: ``tasks_mastered_by`` (the tasks a person
# made that met their criterion).
# ``refresh_every_task`` makes it from rows written without the server (a seeded organisation).
# ``read_photo(photo_id, file_name)`` opens a step photo's stored file for streaming (the
# handover pack's page serves those of a job's task cards to a link's reader).
# The voice-note pipeline (``voice.py``: recognised by content, only the sound kept) serves the
# vocational profile's voice notes too.
__all__ = [
    "VOICE_MAX_BYTES",
    "AfterMastery",
    "HelpRequested",
    "LevelCount",
    "Mastered",
    "TaskMastered",
    "TaskRef",
    "VoiceRefused",
    "after_mastery_between",
    "check_voice",
    "clean_voice",
    "escalate_due",
    "levels_between",
    "make_job_task",
    "mastered_between",
    "read_photo",
    "refresh_every_task",
    "task_prefix",
    "task_refs",
    "tasks_mastered_by",
    "tasks_of",
    "voice_name",
]
