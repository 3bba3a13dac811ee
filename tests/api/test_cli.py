"""The operators' CLI on the test database: demo, invite, backup and restore, audit verify."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from backend.accounts.tables import Team, User
from backend.agreements.tables import AgreementVersion
from backend.clients.tables import ClientRecord, Mentorship
from backend.competence.tables import MentoringVisit, SelfAssessment
from backend.competence.tables_assessment import Certificate
from backend.competence.tables_path import FieldMentoring, PlanGoal, TrainingRecord
from backend.employers.tables import Employer, EmployerPerson, Job, MinimumWage
from backend.fading.tables import FadingPlan, FadingWeek
from backend.family.tables import Update
from backend.goals.tables import Conversation, Goal
from backend.handover.tables import HandoverConsent
from backend.shifts.tables import Shift
from backend.tasks.tables import Step, Task
from backend.workplace.tables import AnalysisTask, JobAnalysis, NaturalSupport
from tests.api.flows import enroll, session_of, token_of
from tests.support.authenticator import SoftAuthenticator


def stepwise(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=120,
    )


async def test_demo_backup_and_restore(api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = stepwise("demo")
    assert demo.returncode == 0, demo.stderr
    lines = [line for line in demo.stdout.splitlines() if "/enroll#" in line]
    assert len(lines) == 11  # an administrator, a coordinator, two coaches, four clients, …
    roles = [line.split()[0] for line in lines]
    assert roles.count("client") == 4 and roles.count("coach") == 2 and roles.count("family") == 2
    assert roles.count("admin") == 1 and roles.count("coordinator") == 1
    assert await ClientRecord.count() == 4
    assert len({r["stage"] for r in await ClientRecord.select(ClientRecord.stage)}) > 1
    # Something to look at: a photo task, shifts and a goal per client, a shared family update.
    assert await Task.count() == 4 and await Step.count().where(Step.photo.is_null()) == 0
    assert await Shift.count() == 4 and await Goal.count() == 4
    assert await Update.count().where(Update.status == "shared") == 2
    # Maria's agreement with her coach and Eero's with the mentor Lina, agreed by both.
    assert roles.count("mentor") == 1
    assert (
        await AgreementVersion.count().where(AgreementVersion.partner_signed_at.is_not_null()) == 2
    )
    assert await Mentorship.count().where(Mentorship.ended_on.is_null()) == 1
    # Two employers in the team's register, a person at each, and a job there.
    assert await Employer.count() == 2 and await EmployerPerson.count() == 2
    assert await MinimumWage.count() == 1  # the pay figure on Results has something to say
    assert await Job.count() == 2
    # At both workplaces: an analysis whose first task is the client's photo task, a support to
    # review, a fading plan, and three sections of the handover pack the client said yes to.
    assert await JobAnalysis.count() == 2 and await NaturalSupport.count() == 2
    assert await AnalysisTask.count().where(AnalysisTask.task.is_not_null()) == 2
    assert await FadingPlan.count() == 2
    # The plans' past weeks have the coach's hours and the client's shift time measured.
    measured = FadingWeek.count().where(
        (FadingWeek.coach_minutes > 0) & (FadingWeek.shift_minutes > 0)
    )
    assert await measured >= 8
    assert await HandoverConsent.count().where(HandoverConsent.granted.eq(True)) == 6
    # Two monthly conversations a client, a month apart, each with the client's face for the
    # month (Results' "How clients felt at work" has a figure and a trend).
    assert await Conversation.count().where(Conversation.mood.is_not_null()) == 8
    # Staff development: Maya certified and mentoring Jonas, who assessed himself, took a course,
    # proposed a plan goal and was visited; Maya's first-aid certificate is flagged.
    assert await Certificate.count() == 1
    assert await FieldMentoring.count().where(FieldMentoring.ended_on.is_null()) == 1
    assert await SelfAssessment.count().where(SelfAssessment.status == "finished") == 1
    assert await MentoringVisit.count() == 1 and await PlanGoal.count() == 1
    assert await TrainingRecord.count() == 2
    # The privacy notice names the demo's organisation and how to reach it, not a placeholder.
    shown = (await api.get("/api/privacy-notice?locale=en")).json()
    assert shown["organisation"] == "Riverside Job Coaching (demo)"
    words = " ".join(p for section in shown["sections"] for p in section["paragraphs"])
    assert "privacy@riverside.example" in words
    assert "runs this Stepwise service" not in words + shown["intro"]
    assert "ask the person who invited you" not in words

    invite = stepwise(
        "invite", "--role", "coach", "--name", "Nina", "--team", "Demo team: Riverside"
    )
    assert invite.returncode == 0, invite.stderr
    assert invite.stdout.strip().startswith("http://localhost:8000/enroll#")

    backup_file = tmp_path / "backup"
    backup = stepwise("backup", "--output", str(backup_file))
    assert backup.returncode == 0, backup.stderr
    assert backup_file.stat().st_mode & 0o077 == 0  # only the operator reads a backup

    await Team.delete(force=True)
    await User.delete().where(User.role == "client")
    assert await Team.count() == 0

    restore = stepwise("restore", str(backup_file))
    assert restore.returncode == 0, restore.stderr
    assert await Team.count() == 1
    assert await User.count().where(User.role == "client") == 4
    # What was there before the restore is kept, as a backup that restores like any other.
    safety = Path(restore.stdout.split("What was here before is kept in ")[1].split()[0][:-1])
    assert safety.stat().st_mode & 0o077 == 0
    undo = stepwise("restore", str(safety))
    assert undo.returncode == 0, undo.stderr
    assert await Team.count() == 0
    assert stepwise("restore", str(backup_file)).returncode == 0

    verify = stepwise("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "intact" in verify.stdout


def demo_links(output: str) -> dict[str, str]:
    """name → what the demo printed for the person (a link, or that they have a passkey)."""
    found = {}
    for line in output.splitlines()[1:]:
        _role, rest = line.split(maxsplit=1)
        name, printed = rest.rsplit("  ", 1)
        found[name.strip()] = printed.strip()
    return found


async def test_demo_prints_new_links_for_who_has_no_passkey(api) -> None:  # type: ignore[no-untyped-def]
    first = demo_links(stepwise("demo").stdout)
    # The demo's administrator takes the place of the first-run setup link.
    assert await User.count().where(User.role == "admin") == 1
    assert "already has an administrator" in stepwise("setup-link").stdout

    again = demo_links(stepwise("demo").stdout)
    assert again.keys() == first.keys()
    assert all(again[name] != first[name] for name in first)  # every link is new
    old = await api.post("/api/enroll/options", json={"token": token_of(first["Sofia Lindqvist"])})
    assert old.status_code == 410  # an older unused link stops working
    enrolled = await enroll(api, again["Sofia Lindqvist"], SoftAuthenticator())
    me = (await api.get("/api/me", token=session_of(enrolled))).json()
    assert me["role"] == "admin" and me["displayName"] == "Sofia Lindqvist"

    third = demo_links(stepwise("demo").stdout)
    assert third["Sofia Lindqvist"] == "(already has a passkey)"
    coach = third["Jonas Virtanen"]
    assert coach.startswith("http://localhost:8000/enroll#") and coach != again["Jonas Virtanen"]
    await enroll(api, coach, SoftAuthenticator())
    assert await User.count().where(User.display_name == "Jonas Virtanen") == 1


def test_every_command_has_help() -> None:
    for command in ("serve", "migrate", "demo", "invite", "backup", "restore", "audit", "worker"):
        result = stepwise(command, "--help")
        assert result.returncode == 0, command
        assert "usage: stepwise" in result.stdout
