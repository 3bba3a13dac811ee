"""What a backup archives of the stored files: every file a key names — not the storage's
half-written files, nor what it is freeing after a deletion (its trash, which erasure uses:
an erased person's photos must not reach a backup made in the moment before they are freed)."""

from __future__ import annotations

from pathlib import Path

from backend.backup._common import stored_files


def test_stored_files_leave_out_half_written_files_and_the_trash(tmp_path: Path) -> None:
    kept = tmp_path / "tasks" / "a" / "photos" / "p" / "800-x.jpg"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"photo")
    (kept.parent / ".tmp-half").write_bytes(b"half")
    freed = tmp_path / ".trash" / "123-0123abcd" / "0123456789abcdef" / "800-x.jpg"
    freed.parent.mkdir(parents=True)
    freed.write_bytes(b"erased photo")

    assert stored_files(tmp_path) == [("tasks/a/photos/p/800-x.jpg", kept)]
