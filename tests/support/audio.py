"""Voice recordings shaped like MediaRecorder's, built byte by byte (no codec needed: the
server reads the container, not the sound).

``webm()`` is Chromium's shape: a live segment and clusters of unknown size and no Duration
element, so the length comes from the last block's timestamp. ``mp4()`` is Safari's: fragmented
MP4 whose ``mvhd`` says 0, the length being the sum of the fragments' sample durations.
"""

from __future__ import annotations

import struct

UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"


def _size(n: int) -> bytes:
    return b"\x01" + n.to_bytes(7, "big")


def _el(element_id: bytes, payload: bytes) -> bytes:
    return element_id + _size(len(payload)) + payload


def webm(seconds: float, *, with_duration: bool = False, step_ms: int = 500) -> bytes:
    header = _el(
        b"\x1a\x45\xdf\xa3",
        _el(b"\x42\x82", b"webm") + _el(b"\x42\x87", b"\x04") + _el(b"\x42\x85", b"\x02"),
    )
    info_payload = _el(b"\x2a\xd7\xb1", (1_000_000).to_bytes(3, "big")) + _el(
        b"\x4d\x80", b"stepwise-tests"
    )
    if with_duration:
        info_payload += _el(b"\x44\x89", struct.pack(">d", seconds * 1000))
    info = _el(b"\x15\x49\xa9\x66", info_payload)
    track = _el(b"\xae", _el(b"\xd7", b"\x01") + _el(b"\x83", b"\x02") + _el(b"\x86", b"A_OPUS"))
    tracks = _el(b"\x16\x54\xae\x6b", track)
    clusters = b""
    total_ms = int(seconds * 1000)
    for start in range(0, total_ms + 1, 5000):  # a cluster every 5 s, as Chromium does
        blocks = b""
        for rel in range(0, min(5000, total_ms - start + 1), step_ms):
            blocks += _el(b"\xa3", b"\x81" + struct.pack(">h", rel) + b"\x80" + b"\x00" * 20)
        clusters += b"\x1f\x43\xb6\x75" + UNKNOWN_SIZE + _el(b"\xe7", start.to_bytes(4, "big"))
        clusters += blocks
    return header + b"\x18\x53\x80\x67" + UNKNOWN_SIZE + info + tracks + clusters


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full(kind: bytes, version: int, flags: int, payload: bytes) -> bytes:
    return _box(kind, bytes([version]) + flags.to_bytes(3, "big") + payload)


def mp4(seconds: float, *, fragmented: bool = True) -> bytes:
    timescale = 48000
    ftyp = _box(b"ftyp", b"iso5" + b"\x00\x00\x02\x00" + b"iso5iso6mp41")
    duration_ms = 0 if fragmented else int(seconds * 1000)
    mvhd = _full(b"mvhd", 0, 0, struct.pack(">IIII", 0, 0, 1000, duration_ms) + b"\x00" * 80)
    mdhd = _full(b"mdhd", 0, 0, struct.pack(">IIII", 0, 0, timescale, 0) + b"\x00" * 4)
    hdlr = _full(b"hdlr", 0, 0, b"\x00" * 4 + b"soun" + b"\x00" * 12 + b"Sound\x00")
    trak = _box(b"trak", _box(b"mdia", mdhd + hdlr))
    trex = _full(b"trex", 0, 0, struct.pack(">IIIII", 1, 1, 1024, 0, 0))
    moov = _box(b"moov", mvhd + trak + _box(b"mvex", trex))
    if not fragmented:
        return ftyp + moov + _box(b"mdat", b"\x00" * 64)
    fragments = b""
    samples = int(seconds * timescale / 1024)
    for first in range(0, samples, 47):  # about one fragment a second
        count = min(47, samples - first)
        tfhd = _full(b"tfhd", 0, 0x020000, struct.pack(">I", 1))
        trun = _full(
            b"trun", 0, 0x000101, struct.pack(">Ii", count, 0) + struct.pack(">I", 1024) * count
        )
        fragments += _box(b"moof", _box(b"traf", tfhd + trun)) + _box(b"mdat", b"\x00" * 32)
    return ftyp + moov + fragments
