"""``STEPWISE_STORAGE_URL``: what an operator may write, and the message a mistake gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.lib.storage import storage_at
from backend.lib.storage_local import LocalStorage
from backend.lib.storage_s3 import S3Location, S3Storage
from backend.settings import SettingsError, storage_url


def test_the_default_is_the_files_folder_of_the_data_directory(tmp_path: Path) -> None:
    url = storage_url("", tmp_path)
    assert url == (tmp_path / "files").as_uri()
    store = storage_at(url)
    assert isinstance(store, LocalStorage) and store.root == tmp_path / "files"


def test_a_file_url_names_a_folder(tmp_path: Path) -> None:
    store = storage_at(storage_url("file:///srv/stepwise%20files", tmp_path))
    assert isinstance(store, LocalStorage) and store.root == Path("/srv/stepwise files")


def test_an_s3_url_names_a_bucket_an_endpoint_and_a_region(tmp_path: Path) -> None:
    url = "s3://stepwise-files?endpoint=https://s3.example.org&region=eu-north-1"
    store = storage_at(storage_url(url, tmp_path))
    assert isinstance(store, S3Storage)
    assert store.location == S3Location("stepwise-files", "https://s3.example.org", "eu-north-1")
    assert S3Location.parse("s3://stepwise-files") == S3Location("stepwise-files", None, None)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("s3:/stepwise-files", "bucket name"),
        ("s3://Stepwise_Files", "bucket name"),
        ("s3://stepwise-files/photos", "prefix"),
        ("s3://stepwise-files?endpint=https://s3.example.org", "unknown option(s) endpint"),
        ("s3://stepwise-files?endpoint=s3.example.org", "endpoint must be"),
        ("file://relative/files", "absolute path"),
        ("files", "use file:///path or s3://"),
        ("gs://stepwise-files", "use file:///path or s3://"),
    ],
)
def test_a_mistake_stops_the_start_and_says_what_is_wrong(
    tmp_path: Path, url: str, says: str
) -> None:
    with pytest.raises(SettingsError, match=r"STEPWISE_STORAGE_URL .* is not usable") as caught:
        storage_url(url, tmp_path)
    assert says in str(caught.value)
