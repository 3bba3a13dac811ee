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


# --- Real recordings (PyAV encodes them), with what a phone's container may carry -----------

LOCATION = "+60.1699+024.9384/"  # Helsinki, as an iPhone writes it in udta/©xyz


def recorded(kind: str, seconds: float, *, tagged: bool = False) -> bytes:
    """A real recording: ``kind`` "m4a" (AAC, as Safari records) or "webm" (Opus, as Chromium
    records), a 440 Hz tone. ``tagged`` adds what a phone's container may carry: the M4A gets an
    Apple-style ``udta`` with a location atom (``©xyz``), maker and model (``©mak``, ``©mod``);
    the WebM gets the same as Matroska tags."""
    import io
    import math

    import av

    rate = 48000
    out = io.BytesIO()
    with av.open(out, "w", format="ipod" if kind == "m4a" else "webm") as container:
        if tagged and kind == "webm":
            container.metadata.update(
                {"LOCATION": LOCATION, "MAKE": "Apple", "MODEL": "iPhone 15 of Alice"}
            )
        stream = container.add_stream("aac" if kind == "m4a" else "libopus", rate=rate)
        stream.layout = "mono"  # type: ignore[union-attr]
        context = stream.codec_context
        size = context.frame_size or 1024  # type: ignore[attr-defined]
        sample_format = context.format.name  # type: ignore[attr-defined]
        done = 0
        while done < rate * seconds:
            tone = [0.3 * math.sin(2 * math.pi * 440 * (done + i) / rate) for i in range(size)]
            frame = av.AudioFrame(format=sample_format, layout="mono", samples=size)
            if sample_format.startswith("s16"):
                frame.planes[0].update(struct.pack(f"<{size}h", *(int(v * 32767) for v in tone)))
            else:
                frame.planes[0].update(struct.pack(f"<{size}f", *tone))
            frame.sample_rate = rate
            frame.pts = done
            for packet in stream.encode(frame):  # type: ignore[union-attr]
                container.mux(packet)
            done += size
        for packet in stream.encode(None):  # type: ignore[union-attr]
            container.mux(packet)
    data = out.getvalue()
    return _with_apple_atoms(data) if tagged and kind == "m4a" else data


def _with_apple_atoms(data: bytes) -> bytes:
    """Append ``udta`` (©xyz location, ©mak, ©mod) to the ``moov`` box, which FFmpeg writes last
    here, so no sample offset moves."""

    def text_atom(kind: bytes, text: str) -> bytes:
        value = text.encode()
        return _box(kind, struct.pack(">HH", len(value), 0x15C7) + value)  # length, language

    udta = _box(
        b"udta",
        text_atom(b"\xa9xyz", LOCATION)
        + text_atom(b"\xa9mak", "Apple")
        + text_atom(b"\xa9mod", "iPhone 15 of Alice"),
    )
    pos = 0
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"moov":
            assert pos + size == len(data), "moov is not the last box"
            moov = struct.pack(">I", size + len(udta)) + data[pos + 4 : pos + size] + udta
            return data[:pos] + moov
        pos += size
    raise AssertionError("no moov box")
