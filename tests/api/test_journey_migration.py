"""Existing clients get an episode with their current stage, dated at their record's creation
(the journey's data migration), on SQLite and on PostgreSQL (``STEPWISE_TEST_DATABASE_URL``)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration

from backend.clients.tables import ClientRecord
from backend.journey.piccolo_migrations import journey_2026_12_05t21_36_56_000000 as data_step
from backend.journey.tables import Episode, StagePeriod
from tests.api.conftest import Api
from tests.support.journey import opened


async def test_existing_clients_get_their_stage_dated_at_their_records_creation(
    world_api: Api,
) -> None:
    w = world_api.world
    assert w
    alice, bob = w.ids["client"], w.ids["other_client"]
    # Bob's record was made on 10 January and says "finding a job"; Alice has a journey already.
    await ClientRecord.update(
        {
            ClientRecord.stage: "job_finding",
            ClientRecord.created_at: datetime(2026, 1, 10, 9, 30, tzinfo=UTC),
        }
    ).where(ClientRecord.user == bob)
    await opened(alice)
    # The data step runs again, as on a database that had not had it.
    await Migration.delete().where(
        (Migration.app_name == "journey") & (Migration.name == data_step.ID)
    )
    result = await run_forwards("journey")
    assert result.success, result.message

    episodes = await Episode.select().where(Episode.client == bob)
    assert [(e["intake_on"], e["closed_on"], e["decision_at"]) for e in episodes] == [
        (date(2026, 1, 10), None, None)
    ]
    stages = await StagePeriod.select().where(StagePeriod.client == bob)
    assert [(s["stage"], s["started_on"], s["ended_on"], s["started_cause"]) for s in stages] == [
        ("job_finding", date(2026, 1, 10), None, "migrated")
    ]
    assert str(stages[0]["episode"]) == str(episodes[0]["id"])
    record = await ClientRecord.select(ClientRecord.stage, ClientRecord.stage_since).where(
        ClientRecord.user == bob
    )
    assert record == [{"stage": "job_finding", "stage_since": date(2026, 1, 10)}]
    # Alice kept the one episode she had; the caseload reads Bob's stage and since when.
    assert await Episode.count().where(Episode.client == alice) == 1
    bob_summary = next(
        c for c in (await world_api.get("/api/clients", as_="admin")).json() if c["id"] == bob
    )
    assert bob_summary["stageSince"] == "2026-01-10" and bob_summary["stageOverdue"] is False
