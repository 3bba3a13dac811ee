"""``stepwise storage migrate``: an installation's files copied from its folder into an object
store (a real SeaweedFS on loopback), again without copying twice, and a wrong URL refused with
a message that says what is wrong."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import installation, stepwise
from tests.support.seaweed import Seaweed, seaweed  # noqa: F401 (the fixture)


def test_migrate_copies_every_file_once_and_can_run_again(
    seaweed: Seaweed,  # noqa: F811
    tmp_path: Path,
) -> None:
    files = tmp_path / "files"
    stored = {
        "tasks/t1/photos/p1/800-0123456789abcdef.webp": b"webp" * 100,
        "tasks/t1/voice/s1/0123456789abcdef.webm": b"voice",
        "documents/d1/letter.pdf": b"%PDF-1.7",
    }
    for key, data in stored.items():
        (files / key).parent.mkdir(parents=True, exist_ok=True)
        (files / key).write_bytes(data)
    # An upload a killed server left unfinished is not a stored file.
    (files / ".staging" / "123-abcd" / "tasks+t1+photos+p2").mkdir(parents=True)
    (files / ".staging" / "123-abcd" / "tasks+t1+photos+p2" / "800-x.jpg").write_bytes(b"half")
    bucket = seaweed.new_bucket()
    env = installation(tmp_path)

    first = stepwise(env, "storage", "migrate", "--to", seaweed.url(bucket))
    assert first.returncode == 0, first.stderr
    assert "3 copied" in first.stdout and "0 already there" in first.stdout
    assert f"STEPWISE_STORAGE_URL={seaweed.url(bucket)}" in first.stdout
    assert seaweed.objects(bucket) == stored

    (files / "documents/d1/letter.pdf").write_bytes(b"%PDF-1.7 changed")
    again = stepwise(env, "storage", "migrate", "--to", seaweed.url(bucket))
    assert again.returncode == 0, again.stderr
    assert "1 copied" in again.stdout and "2 already there" in again.stdout
    assert seaweed.objects(bucket)["documents/d1/letter.pdf"] == b"%PDF-1.7 changed"

    # After the switch: from the old folder, named with --from.
    switched = env | {"STEPWISE_STORAGE_URL": seaweed.url(bucket)}
    after = stepwise(
        switched, "storage", "migrate", "--from", files.as_uri(), "--to", seaweed.url(bucket)
    )
    assert after.returncode == 0, after.stderr
    assert "0 copied" in after.stdout and "3 already there" in after.stdout


def test_a_bucket_that_cannot_be_used_is_named(
    seaweed: Seaweed,  # noqa: F811
    tmp_path: Path,
) -> None:
    env = installation(tmp_path)
    missing = stepwise(env, "storage", "migrate", "--to", seaweed.url("stepwise-no-such-bucket"))
    assert missing.returncode == 1
    assert "Nothing copied: the bucket stepwise-no-such-bucket does not exist" in missing.stderr
    wrong = env | {"AWS_SECRET_ACCESS_KEY": "not-the-secret"}
    refused = stepwise(wrong, "storage", "migrate", "--to", seaweed.url(seaweed.new_bucket()))
    assert refused.returncode == 1
    assert (
        "the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are refused" in refused.stderr
    )
    assert stepwise(env, "migrate").returncode == 0
    backup = stepwise(
        wrong | {"STEPWISE_STORAGE_URL": seaweed.url(seaweed.new_bucket())},
        "backup",
        "--output",
        str(tmp_path / "b.tar.gz"),
    )
    assert backup.returncode == 1 and "The stored files cannot be read" in backup.stderr
    assert "Traceback" not in backup.stderr


def test_a_wrong_storage_url_is_refused_with_what_is_wrong(tmp_path: Path) -> None:
    env = installation(tmp_path)
    refused = stepwise(env, "storage", "migrate", "--to", "s3://Not_A_Bucket")
    assert refused.returncode == 1
    assert "--to 's3://Not_A_Bucket' is not usable: the bucket name" in refused.stderr
    same = stepwise(env, "storage", "migrate", "--to", (tmp_path / "files").as_uri())
    assert same.returncode == 1 and "already" in same.stderr

    bad = env | {"STEPWISE_STORAGE_URL": "s3://stepwise-files?endpoint=minio:9000"}
    start = stepwise(bad, "migrate")
    assert start.returncode == 1
    assert "Not started: STEPWISE_STORAGE_URL" in start.stderr
    assert "endpoint must be an http:// or https:// URL" in start.stderr
    assert "Traceback" not in start.stderr
