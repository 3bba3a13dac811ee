"""Voice prompts for photo steps (backend/tasks/voice.py): recognised by content, measured from
the container, refused past 30 seconds or 2 MB."""

from __future__ import annotations

import pytest

from backend.tasks import voice
from tests.support import audio


@pytest.mark.parametrize(
    ("data", "content_type", "seconds"),
    [
        pytest.param(audio.webm(12.0), "audio/webm", 12.0, id="Chromium WebM, no Duration"),
        pytest.param(audio.webm(7.5, with_duration=True), "audio/webm", 7.5, id="WebM Duration"),
        pytest.param(audio.mp4(12.0), "audio/mp4", 12.0, id="Safari fragmented MP4"),
        pytest.param(audio.mp4(8.0, fragmented=False), "audio/mp4", 8.0, id="MP4 mvhd"),
    ],
)
def test_recordings_are_recognised_and_measured(
    data: bytes, content_type: str, seconds: float
) -> None:
    recording = voice.check(data)
    assert recording.content_type == content_type
    assert recording.seconds == pytest.approx(seconds, abs=0.55)


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        pytest.param(audio.webm(45.0), 422, "too_long", id="45 s WebM"),
        pytest.param(audio.mp4(40.0), 422, "too_long", id="40 s MP4"),
        pytest.param(b"ID3\x04" + b"\x00" * 100, 415, "not_audio", id="MP3"),
        pytest.param(b"just some text", 415, "not_audio", id="text"),
        pytest.param(audio.webm(5.0)[:30], 422, "damaged", id="cut WebM"),
        pytest.param(audio.mp4(5.0)[:40], 422, "damaged", id="cut MP4"),
        pytest.param(
            b"\x1a\x45\xdf\xa3" + b"\x00" * (voice.MAX_BYTES), 413, "too_large", id="3 MB"
        ),
    ],
)
def test_refusals(data: bytes, status: int, code: str) -> None:
    with pytest.raises(voice.VoiceRefused) as refused:
        voice.check(data)
    assert (refused.value.status, refused.value.code) == (status, code)
