"""Which stored files belong to which rows: for the export (the files themselves) and for
erasure (every key under the rows' prefixes).

The storage has no listing operation (``backend/lib/storage.py``: put, get, delete,
delete_prefix), so files are found from the rows that point at them. A domain that stores files
adds a rule here for its table: ``export`` gives (storage key, name in the archive) pairs,
``erase`` the prefixes to delete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backend.competence import certificate_key, certificate_prefix
from backend.family import UPDATE_PHOTOS
from backend.goals import GOAL_PHOTOS
from backend.lib.owned_photos import file_name
from backend.profiles import PROFILE_PHOTOS, voice_key, voice_prefix
from backend.tasks import task_prefix, voice_name
from backend.workplace import ANALYSIS_PHOTOS


@dataclass(frozen=True, slots=True)
class FileRule:
    export: Callable[[dict[str, Any]], list[tuple[str, str]]]
    erase: Callable[[dict[str, Any]], list[str]]


def _sizes(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else []


def _step_photo(row: dict[str, Any]) -> list[tuple[str, str]]:
    sizes = _sizes(row["sizes"])
    if not sizes:
        return []
    name = file_name(sizes[0]["size"], row["content_hash"], "jpg")
    key = f"{task_prefix(str(row['task']))}/photos/{row['id']}/{name}"
    return [(key, f"photos/task-{row['task']}/photo-{row['id']}.jpg")]


def _voice(row: dict[str, Any]) -> list[tuple[str, str]]:
    if not row["voice_hash"]:
        return []
    name = voice_name(row["voice_hash"], row["voice_type"])
    key = f"{task_prefix(str(row['task']))}/voice/{row['id']}/{name}"
    return [(key, f"voice/step-{row['id']}.{name.rsplit('.', 1)[1]}")]


def _update_photo(row: dict[str, Any]) -> list[tuple[str, str]]:
    key = UPDATE_PHOTOS.largest_jpeg_key(
        str(row["id"]), row["photo_hash"], _sizes(row["photo_sizes"])
    )
    return [(key, f"photos/update-{row['id']}.jpg")] if key else []


def _goal_photo(row: dict[str, Any]) -> list[tuple[str, str]]:
    key = GOAL_PHOTOS.largest_jpeg_key(
        str(row["id"]), row["photo_hash"], _sizes(row["photo_sizes"])
    )
    return [(key, f"photos/goal-{row['id']}.jpg")] if key else []


def _profile_photo(row: dict[str, Any]) -> list[tuple[str, str]]:
    key = PROFILE_PHOTOS.largest_jpeg_key(
        str(row["id"]), row["photo_hash"], _sizes(row["photo_sizes"])
    )
    return [(key, f"photos/profile-{row['id']}.jpg")] if key else []


def _profile_voice(row: dict[str, Any]) -> list[tuple[str, str]]:
    if not row["voice_hash"]:
        return []
    key = voice_key(str(row["id"]), row["voice_hash"], row["voice_type"])
    return [(key, f"voice/profile-{row['key']}.{key.rsplit('.', 1)[1]}")]


def _analysis_photo(row: dict[str, Any]) -> list[tuple[str, str]]:
    key = ANALYSIS_PHOTOS.largest_jpeg_key(
        str(row["id"]), row["photo_hash"], _sizes(row["photo_sizes"])
    )
    return [(key, f"photos/workplace-{row['id']}.jpg")] if key else []


def _certificate(row: dict[str, Any]) -> list[tuple[str, str]]:
    key = certificate_key(str(row["id"]), row["certificate_hash"], row["certificate_type"])
    return [(key, f"certificates/training-{row['id']}.{row['certificate_type']}")] if key else []


def _none(row: dict[str, Any]) -> list[str]:
    return []


RULES: dict[str, FileRule] = {
    # Everything of a task (photos, voice prompts) lives under its prefix.
    "tasks": FileRule(export=lambda row: [], erase=lambda row: [task_prefix(str(row["id"]))]),
    "photos": FileRule(
        export=_step_photo,
        erase=lambda row: [f"{task_prefix(str(row['task']))}/photos/{row['id']}"],
    ),
    "steps": FileRule(export=_voice, erase=_none),
    "family_updates": FileRule(
        export=_update_photo, erase=lambda row: [UPDATE_PHOTOS.prefix(str(row["id"]))]
    ),
    "goals": FileRule(export=_goal_photo, erase=lambda row: [GOAL_PHOTOS.prefix(str(row["id"]))]),
    "profile_photos": FileRule(
        export=_profile_photo, erase=lambda row: [PROFILE_PHOTOS.prefix(str(row["id"]))]
    ),
    "profile_sections": FileRule(
        export=_profile_voice, erase=lambda row: [voice_prefix(str(row["id"]))]
    ),
    "analysis_photos": FileRule(
        export=_analysis_photo, erase=lambda row: [ANALYSIS_PHOTOS.prefix(str(row["id"]))]
    ),
    "competence_trainings": FileRule(
        export=_certificate, erase=lambda row: [certificate_prefix(str(row["id"]))]
    ),
}


def export_files(theirs: dict[str, dict[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for tablename, rows in theirs.items():
        rule = RULES.get(tablename)
        if rule is not None:
            for row in rows.values():
                out += rule.export(row)
    return out


def erase_prefixes(theirs: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    out: set[str] = set()
    for tablename, rows in theirs.items():
        rule = RULES.get(tablename)
        if rule is not None:
            for row in rows.values():
                out.update(rule.erase(row))
    # A prefix inside another one goes with it (a task's photos with the task).
    return [p for p in sorted(out) if not any(p.startswith(f"{q}/") for q in out)]
