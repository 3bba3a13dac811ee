"""Voice prompts: what MediaRecorder makes (WebM/Opus in Chromium and Firefox, MP4/AAC in
Safari), recognised by content and measured from the container, not from what the request says.

Pure functions over bytes. The duration comes from the container: WebM's ``Segment/Info/Duration``
or, as Chromium's MediaRecorder writes none, the last block's timestamp (Matroska spec,
RFC 9559 §5.1); MP4's ``mvhd`` duration or, for fragmented MP4, the sum of the fragments'
sample durations (ISO/IEC 14496-12 §8.8).

What is stored is only the sound: ``clean()`` copies the first audio stream's packets into a new
container written by FFmpeg's muxers (PyAV), so nothing of the phone's container comes along:
no location (``udta/©xyz``), maker or model atoms, no tags, cover art, chapters or other streams.
The audio itself is copied, not re-encoded, so it sounds exactly as recorded.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import av

MAX_BYTES = 2 * 1024 * 1024
MAX_SECONDS = 30.0
TOLERANCE = 0.5  # a recorder stopped at 30 s may write a last frame just past it


class VoiceRefused(Exception):
    def __init__(self, status: int, reason: str, code: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.code = code


@dataclass(frozen=True, slots=True)
class Recording:
    content_type: str  # audio/webm | audio/mp4
    extension: str  # webm | m4a
    seconds: float | None


def check(data: bytes) -> Recording:
    if len(data) > MAX_BYTES:
        raise VoiceRefused(413, "This recording is too large: 2 MB at most.", "too_large")
    try:
        if data[:4] == b"\x1a\x45\xdf\xa3":
            recording = Recording("audio/webm", "webm", _webm_seconds(data))
        elif data[4:8] == b"ftyp" and data[8:12] not in {b"heic", b"heix", b"mif1", b"avif"}:
            recording = Recording("audio/mp4", "m4a", _mp4_seconds(data))
        else:
            raise VoiceRefused(
                415, "This file is not a voice recording. Record it again in the app.", "not_audio"
            )
    except (ValueError, IndexError, struct.error):
        raise VoiceRefused(
            422, "This recording is damaged or incomplete. Please record it again.", "damaged"
        ) from None
    if recording.seconds is not None and recording.seconds > MAX_SECONDS + TOLERANCE:
        raise VoiceRefused(
            422, "This recording is too long: 30 seconds at most.", "too_long"
        )  # fmt: skip
    return recording


def clean(data: bytes, recording: Recording) -> bytes:
    """The recording's audio alone, in a fresh container of the same kind (WebM or M4A)."""
    try:
        with av.open(io.BytesIO(data), "r") as source:
            if not source.streams.audio:
                raise VoiceRefused(
                    415, "This file has no sound. Record it again in the app.", "not_audio"
                )
            audio = source.streams.audio[0]
            if recording.content_type == "audio/webm":
                kind = "webm"
            else:  # M4A for AAC (Safari); plain MP4 for what the M4A brand does not allow
                kind = "ipod" if audio.codec_context.name == "aac" else "mp4"
            out = io.BytesIO()
            # bitexact: FFmpeg writes no version of its own into the file either.
            with av.open(out, "w", format=kind, options={"fflags": "+bitexact"}) as target:
                stream = target.add_stream_from_template(audio)
                stream.metadata.clear()
                packets = 0
                for packet in source.demux(audio):
                    if packet.dts is None:  # the demuxer's last, empty packet
                        continue
                    packet.stream = stream
                    target.mux(packet)
                    packets += 1
            if packets == 0:
                raise VoiceRefused(
                    422, "This recording is empty. Please record it again.", "damaged"
                )
            return out.getvalue()
    except (av.FFmpegError, ValueError, AttributeError):
        raise VoiceRefused(
            422, "This recording is damaged or incomplete. Please record it again.", "damaged"
        ) from None


# --- WebM (EBML) -------------------------------------------------------------------------

_SEGMENT, _INFO, _CLUSTER = 0x18538067, 0x1549A966, 0x1F43B675
_TOP_LEVEL = {
    0x114D9B74,
    _INFO,
    0x1654AE6B,
    _CLUSTER,
    0x1C53BB6B,
    0x1254C367,
    0x1941A469,
    0x1043A770,
}
_UNKNOWN = -1


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int, int]:
    first = data[pos]
    if first == 0:
        raise ValueError("invalid EBML variable-length integer")
    length = 9 - first.bit_length()
    value = first if keep_marker else first & (0xFF >> length)
    for i in range(1, length):
        value = (value << 8) | data[pos + i]
    if not keep_marker and value == (1 << (7 * length)) - 1:
        return _UNKNOWN, pos + length
    return value, pos + length


def _element(data: bytes, pos: int) -> tuple[int, int, int]:
    """(id, size, where the data starts); size is -1 when unknown (live recordings)."""
    element_id, pos = _vint(data, pos, keep_marker=True)
    size, pos = _vint(data, pos, keep_marker=False)
    return element_id, size, pos


def _uint(body: bytes) -> int:
    return int.from_bytes(body, "big") if body else 0


def _webm_seconds(data: bytes) -> float | None:
    element_id, size, pos = _element(data, 0)
    header = data[pos : pos + size]
    if b"webm" not in header:
        raise ValueError("not a WebM file")
    pos += size
    element_id, size, pos = _element(data, pos)
    if element_id != _SEGMENT:
        raise ValueError("no segment")
    end = len(data) if size == _UNKNOWN else min(len(data), pos + size)
    scale = 1_000_000  # TimestampScale default: 1 ms
    duration: float | None = None
    last_block: int | None = None
    while pos < end:
        element_id, size, body = _element(data, pos)
        if element_id == _INFO:
            child = body
            while child < body + size:
                cid, csize, cbody = _element(data, child)
                value = data[cbody : cbody + csize]
                if cid == 0x2AD7B1:
                    scale = _uint(value) or scale
                elif cid == 0x4489:
                    duration = struct.unpack(">f" if csize == 4 else ">d", value)[0]
                child = cbody + csize
        elif element_id == _CLUSTER:
            cluster_end = end if size == _UNKNOWN else body + size
            cluster_time = 0
            child = body
            while child < min(cluster_end, end):
                cid, csize, cbody = _element(data, child)
                if size == _UNKNOWN and cid in _TOP_LEVEL:
                    break  # an unknown-size cluster ends where the next top-level element starts
                if cid == 0xE7:
                    cluster_time = _uint(data[cbody : cbody + csize])
                elif cid in {0xA3, 0xA1}:  # SimpleBlock, Block
                    block_time = _block_time(data, cbody)
                    last_block = max(last_block or 0, cluster_time + block_time)
                elif cid == 0xA0 and csize != _UNKNOWN:  # BlockGroup: look for its Block
                    inner = cbody
                    while inner < cbody + csize:
                        iid, isize, ibody = _element(data, inner)
                        if iid == 0xA1:
                            last_block = max(
                                last_block or 0, cluster_time + _block_time(data, ibody)
                            )
                        inner = ibody + isize
                if csize == _UNKNOWN:
                    raise ValueError("unknown size inside a cluster")
                child = cbody + csize
            pos = child
            continue
        if size == _UNKNOWN:
            break
        pos = body + size
    if duration:
        return duration * scale / 1e9
    if last_block is not None:
        return last_block * scale / 1e9
    return None


def _block_time(data: bytes, body: int) -> int:
    _, after_track = _vint(data, body, keep_marker=False)
    return int(struct.unpack(">h", data[after_track : after_track + 2])[0])


# --- MP4 (ISO base media file format) ------------------------------------------------------


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, body start, body end) of the boxes in ``data[start:end]``."""
    boxes = []
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError("a box runs past its parent")
        boxes.append((kind, pos + header, pos + size))
        pos += size
    return boxes


def _child(data: bytes, parent: tuple[int, int], *path: bytes) -> tuple[int, int] | None:
    start, end = parent
    for kind in path:
        found = next(((s, e) for k, s, e in _boxes(data, start, end) if k == kind), None)
        if found is None:
            return None
        start, end = found
    return start, end


def _mp4_seconds(data: bytes) -> float | None:
    top = _boxes(data, 0, len(data))
    moov = next(((s, e) for k, s, e in top if k == b"moov"), None)
    if moov is None:
        raise ValueError("no moov box")
    mvhd = _child(data, moov, b"mvhd")
    if mvhd is not None:
        version = data[mvhd[0]]
        if version == 1:
            timescale, duration = struct.unpack(">IQ", data[mvhd[0] + 20 : mvhd[0] + 32])
            unknown = duration == 0xFFFFFFFFFFFFFFFF
        else:
            timescale, duration = struct.unpack(">II", data[mvhd[0] + 12 : mvhd[0] + 20])
            unknown = duration == 0xFFFFFFFF
        if timescale and duration and not unknown:
            return float(duration / timescale)
    # Fragmented MP4 (Safari's MediaRecorder): add up the samples of every fragment.
    mdhd = _child(data, moov, b"trak", b"mdia", b"mdhd")
    if mdhd is None:
        return None
    version = data[mdhd[0]]
    offset = 20 if version == 1 else 12
    timescale = struct.unpack(">I", data[mdhd[0] + offset : mdhd[0] + offset + 4])[0]
    trex = _child(data, moov, b"mvex", b"trex")
    default = struct.unpack(">I", data[trex[0] + 12 : trex[0] + 16])[0] if trex else 0
    total = 0
    for kind, start, end in top:
        if kind != b"moof":
            continue
        for tkind, tstart, tend in _boxes(data, start, end):
            if tkind == b"traf":
                total += _traf_duration(data, tstart, tend, default)
    return total / timescale if timescale and total else None


def _traf_duration(data: bytes, start: int, end: int, default: int) -> int:
    total = 0
    for kind, s, _e in _boxes(data, start, end):
        flags = int.from_bytes(data[s + 1 : s + 4], "big")
        if kind == b"tfhd":
            pos = s + 8  # version/flags, track_ID
            pos += 8 if flags & 0x01 else 0  # base_data_offset
            pos += 4 if flags & 0x02 else 0  # sample_description_index
            if flags & 0x08:
                default = struct.unpack(">I", data[pos : pos + 4])[0]
        elif kind == b"trun":
            count = struct.unpack(">I", data[s + 4 : s + 8])[0]
            pos = s + 8 + (4 if flags & 0x01 else 0) + (4 if flags & 0x04 else 0)
            per_sample = 4 * bin(flags & 0xF00).count("1")
            if not flags & 0x100:
                total += count * default
                continue
            for _ in range(count):
                total += struct.unpack(">I", data[pos : pos + 4])[0]
                pos += per_sample
    return total
