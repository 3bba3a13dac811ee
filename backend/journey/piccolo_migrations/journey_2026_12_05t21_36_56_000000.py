import uuid

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import UUID, Boolean, Date, Text, Timestamptz, Varchar
from piccolo.table import Table

ID = "2026-12-05T21:36:56:000000"
VERSION = "1.38.0"
DESCRIPTION = "Every existing client gets an episode with their current stage"

# Before the journey was kept as a history, a client's record held one stage. Each client
# without an episode gets one opened on the day their record was made, with that stage
# started on that day (no informed decision is recorded: nobody asked yet), and the record
# learns since when its stage goes on. Written with the query builder on tables as they are
# now, so the same file runs on SQLite and PostgreSQL; clients that already have an episode
# are left alone, so running it again changes nothing.


class ClientRecord(Table, tablename="client_records"):
    user = UUID()
    stage = Varchar(length=24)
    created_at = Timestamptz()
    stage_since = Date(null=True)


class Episode(Table, tablename="journey_episodes"):
    id = UUID(primary_key=True)
    client_uuid = UUID()
    client = UUID()
    intake_on = Date()
    in_paid_work = Boolean()
    benefits = Varchar(length=200)
    benefits_note = Text()
    decision_by_role = Varchar(length=16)
    decision_locale = Varchar(length=8)
    closure_reason = Varchar(length=24)
    closure_note = Text()
    created_at = Timestamptz()
    updated_at = Timestamptz()


class StagePeriod(Table, tablename="journey_stages"):
    id = UUID(primary_key=True)
    client_uuid = UUID()
    episode = UUID()
    client = UUID()
    stage = Varchar(length=24)
    started_on = Date()
    started_cause = Varchar(length=16)
    ended_cause = Varchar(length=16)
    created_at = Timestamptz()
    updated_at = Timestamptz()


BATCH = 500


async def open_episodes() -> None:
    have = {str(r["client"]) for r in await Episode.select(Episode.client)}
    records = await ClientRecord.select(
        ClientRecord.user, ClientRecord.stage, ClientRecord.created_at
    )
    missing = [r for r in records if str(r["user"]) not in have]
    for start in range(0, len(missing), BATCH):
        episodes, stages = [], []
        for r in missing[start : start + BATCH]:
            made = r["created_at"]
            day = made.date()
            episode = uuid.uuid4()
            episodes.append(
                Episode(
                    id=episode,
                    client_uuid=uuid.uuid4(),
                    client=r["user"],
                    intake_on=day,
                    in_paid_work=r["stage"] == "support",
                    benefits="",
                    benefits_note="",
                    decision_by_role="",
                    decision_locale="",
                    closure_reason="",
                    closure_note="",
                    created_at=made,
                    updated_at=made,
                )
            )
            stages.append(
                StagePeriod(
                    id=uuid.uuid4(),
                    client_uuid=uuid.uuid4(),
                    episode=episode,
                    client=r["user"],
                    stage=r["stage"] or "engagement",
                    started_on=day,
                    started_cause="migrated",
                    ended_cause="",
                    created_at=made,
                    updated_at=made,
                )
            )
        await Episode.insert(*episodes)
        await StagePeriod.insert(*stages)
    for r in missing:
        await ClientRecord.update({ClientRecord.stage_since: r["created_at"].date()}).where(
            ClientRecord.user == r["user"]
        )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="journey", description=DESCRIPTION)
    manager.add_raw(open_episodes)
    return manager
