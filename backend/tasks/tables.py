"""Tasks broken into steps, their photos, training sessions and the client's marks."""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Real,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.uuid import UUID4
from piccolo.table import Table

from backend.accounts.tables import Team, User
from backend.employers.tables import Job


class Task(Table, tablename="tasks"):
    """A job task of one client ("Set up the salad bar"), or a team's template (no client)."""

    id = UUID(primary_key=True, default=UUID4())
    client = ForeignKey(references=User, null=True, default=None, index=True)
    # A template belongs to the team that keeps it; a client's task follows the client's record.
    team = ForeignKey(
        references=Team, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    title = Varchar(length=120)
    workplace = Varchar(length=120, default="", index=True)
    is_template = Boolean(default=False, index=True)
    # Mastery: every step independent in this many consecutive training sessions.
    mastery_sessions = Integer(default=3)
    copied_from = Varchar(length=36, default="")
    created_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()
    updated_at = Timestamptz()
    # The language the title and the steps are written in ("en", "pl", "fi", "he"), kept when
    # the task is made: the player marks the words with it and reads them in a voice for it.
    # "" for a task whose author's language was not known.
    language = Varchar(length=8, default="")
    # The client's job whose workplace this task is done at (``backend/employers``); None: not
    # said (and always for a template).
    job = ForeignKey(
        references=Job, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )


class Photo(Table, tablename="photos"):
    """A step's photo, stored only as re-encoded sizes without metadata.

    Files: ``tasks/<task>/photos/<photo>/<size>-<hash16>.<webp|jpg>`` in the storage."""

    id = UUID(primary_key=True, default=UUID4())
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    content_hash = Varchar(length=64)
    width = Integer()  # of the largest size, upright
    height = Integer()
    # [{"size": 1600, "width": 1200, "height": 1600}, …], largest first
    sizes = JSONB(default=[])
    source_format = Varchar(length=8, default="")
    uploaded_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    created_at = Timestamptz()


class Step(Table, tablename="steps"):
    id = UUID(primary_key=True, default=UUID4())
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    position = Integer()  # 1, 2, …
    text = Varchar(length=140)
    photo = ForeignKey(
        references=Photo, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    # The coach's recorded voice prompt: ``tasks/<task>/voice/<step>/<hash16>.<webm|m4a>``.
    voice_hash = Varchar(length=64, default="")
    voice_type = Varchar(length=16, default="")  # audio/webm | audio/mp4
    voice_seconds = Real(null=True, default=None)
    mastered = Boolean(default=False)
    mastered_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class TrainingSession(Table, tablename="training_sessions"):
    """The coach beside the client, recording the prompt level each step needed."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)  # made by the coach's phone: a retried write lands once
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    coach = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    started_at = Timestamptz()
    # The day of the session at the place; null for sessions recorded before it was asked:
    # their day is that of started_at (UTC).
    session_date = Date(null=True, default=None)
    created_at = Timestamptz()
    # Steps recorded ``independent`` in this session: made again with each of its records, and
    # for every session of a task when a step goes (its records go with it).
    independent = Integer(default=0)


class TaskProgress(Table, tablename="task_progress"):
    """What a task's progress says about all its sessions, kept so that no read of it walks the
    whole history: made again in the transaction of every change that can move it (a session
    or a record, a step added or removed, the criterion changed; ``backend/tasks/training.py``).
    No row: no session yet."""

    id = UUID(primary_key=True, default=UUID4())
    task = ForeignKey(references=Task, unique=True, index=True, on_delete=OnDelete.cascade)
    sessions = Integer(default=0)
    latest = UUID(null=True, default=None)  # the latest session and the one before, by day
    previous = UUID(null=True, default=None)
    sessions_to_mastery = Integer(null=True, default=None)
    mastered_at = Timestamptz(null=True, default=None)
    days_to_independence = Integer(null=True, default=None)


class StepRecord(Table, tablename="step_records"):
    """One step in one session: independent | verbal | gestural | model | physical."""

    id = UUID(primary_key=True, default=UUID4())
    session = ForeignKey(references=TrainingSession, index=True, on_delete=OnDelete.cascade)
    step = ForeignKey(references=Step, index=True, on_delete=OnDelete.cascade)
    level = Varchar(length=12)
    duration_seconds = Integer(null=True, default=None)
    recorded_at = Timestamptz()


class StepCompletion(Table, tablename="step_completions"):
    """ "Done — next" in the client's player."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    step = ForeignKey(references=Step, index=True, on_delete=OnDelete.cascade)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    run_id = UUID()
    at = Timestamptz()  # when the client pressed it, as the phone says
    received_at = Timestamptz()


class SelfPrompt(Table, tablename="self_prompts"):
    """A tap on the photo of a mastered step: the client still needed the picture."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    step = ForeignKey(references=Step, index=True, on_delete=OnDelete.cascade)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    at = Timestamptz()
    received_at = Timestamptz()


class HelpRequest(Table, tablename="help_requests"):
    """ "I need help": kept for the coach (the push notification comes with reminders).

    ``reached`` says how the client's coach got it, for the client's screen: ``phone`` (a push
    service accepted it for one of the coach's devices) or ``screen`` (the coach's open Stepwise
    fetched it), "" while neither is known. ``escalate_at`` is when an unanswered request made
    during a shift goes to the whole team (null: never, or done); ``changed_at`` moves on every
    change, and open staff screens follow it (indexed, so they read only what changed)."""

    id = UUID(primary_key=True, default=UUID4())
    client_uuid = UUID(unique=True)
    task = ForeignKey(references=Task, index=True, on_delete=OnDelete.cascade)
    step = ForeignKey(
        references=Step, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    at = Timestamptz()
    received_at = Timestamptz()
    resolved_at = Timestamptz(null=True, default=None)
    resolved_by = ForeignKey(
        references=User, null=True, default=None, on_delete=OnDelete.set_null, index=True
    )
    reached = Varchar(length=8, default="")
    reached_at = Timestamptz(null=True, default=None)
    escalate_at = Timestamptz(null=True, default=None)
    escalated_at = Timestamptz(null=True, default=None)
    changed_at = Timestamptz(null=True, default=None)
