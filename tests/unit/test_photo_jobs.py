"""Photo jobs without a database: the setting, what crosses from a worker to its app server
(the sizes' description and a refusal), and the claim's statement on PostgreSQL. The claims and
leases on a real database are in tests/api/test_photo_jobs_claims.py."""

from __future__ import annotations

import pytest

from backend.lib import images, photo_job_db, photo_job_worker
from backend.lib.errors import field_error
from backend.settings import SettingsError, photo_jobs_mode


@pytest.mark.parametrize(
    ("raw", "mode"), [("", "local"), ("local", "local"), (" Workers ", "workers")]
)
def test_the_setting_names_local_or_workers(raw: str, mode: str) -> None:
    assert photo_jobs_mode(raw) == mode


def test_a_misspelt_setting_stops_the_start() -> None:
    with pytest.raises(SettingsError, match="STEPWISE_PHOTO_JOBS 'worker' is not usable"):
        photo_jobs_mode("worker")


@pytest.mark.parametrize(
    "refused",
    [
        images.ImageRefused(415, "This file is not a photo.", "not_an_image"),
        images.ImageRefused(413, "This photo has too many pixels.", "too_many_pixels"),
        images.ImageRefused(422, "This photo is damaged.", "damaged"),
    ],
)
def test_a_refusal_crosses_unchanged(refused: images.ImageRefused) -> None:
    here = field_error("file", refused.reason, refused.status, refused.code)
    crossed = photo_job_worker.refusal_of(here)
    there = field_error("file", crossed["reason"], crossed["status"], crossed["code"])
    assert there.problem == here.problem
    assert there.status_code == here.status_code


def test_the_claim_takes_rows_without_waiting_for_other_workers() -> None:
    claim = photo_job_db.CLAIM["postgres"].postgres
    assert "FOR UPDATE SKIP LOCKED" in claim
    assert claim.count("$") == 5 and "$5" in claim
    # Chosen once: PostgreSQL may run an IN (… LIMIT n SKIP LOCKED) subquery again and claim more.
    assert claim.startswith("WITH c AS MATERIALIZED (SELECT id FROM photo_jobs")
    assert "SKIP LOCKED" not in photo_job_db.CLAIM["sqlite"].sqlite
    # The answer is recorded only by the claim that is still the worker's own.
    finish = photo_job_db.FINISH["postgres"].postgres
    assert "claimed_by = $4 AND attempts = $5 AND status = 'working'" in finish
    assert "pg_notify('stepwise_photo_jobs_finished', id)" in finish
