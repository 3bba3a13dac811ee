"""Photos as phones make them, built with Pillow: no binary fixtures in the repository.

``phone_jpeg()`` is what a coach's phone uploads: 12 MP (4000 × 3000 stored sideways with
EXIF orientation 6, so it shows as 3000 × 4000 portrait), GPS coordinates, camera make and
model, a maker note, a capture date, an XMP packet and an ICC profile. The picture itself has
gradients, shapes and grain, so it compresses and decodes like a photo rather than a flat fill.
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache, lru_cache

from PIL import Image, ImageCms, ImageDraw

from backend.lib import images

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
MAKER_NOTE = 0x927C
XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="PhoneCamera 17.1"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
METADATA_MARKERS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"PhoneMaker", b"serial=")
"""Bytes of the phone's metadata: none of them may be in a stored or served photo."""


def assert_no_metadata(data: bytes) -> Image.Image:
    """A stored photo carries no metadata of any kind (EXIF, GPS, XMP, ICC); the image."""
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "icc_profile"} & set(image.info)
    for marker in METADATA_MARKERS:
        assert marker not in data, marker
    return image


def srgb_icc() -> bytes:
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def phone_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15 Pro"  # Model
    exif[0x0131] = "17.1"  # Software
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (60.0, 10.0, 30.5)  # GPSLatitude: Helsinki-ish
    gps[3] = "E"
    gps[4] = (24.0, 56.0, 12.0)
    gps[6] = 12.5  # GPSAltitude
    sub = exif.get_ifd(EXIF_IFD)
    sub[0x9003] = "2026:11:23 09:41:00"  # DateTimeOriginal
    sub[MAKER_NOTE] = b"PhoneMakerNote\x00\x01" + b"serial=C39XK2PLQ1;lens=wide;" * 8
    return exif


def picture(width: int, height: int, seed: int = 1) -> Image.Image:
    """A photo-like RGB picture: colour gradients, a few shapes, some grain."""
    small = (max(width // 8, 1), max(height // 8, 1))
    r = Image.linear_gradient("L").resize(small)
    g = Image.radial_gradient("L").resize(small)
    b = Image.linear_gradient("L").rotate(90).resize(small)
    base = Image.merge("RGB", (r, g, b)).resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(base)
    for i in range(12):
        x = (seed * 97 + i * 331) % max(width - 10, 1)
        y = (seed * 53 + i * 197) % max(height - 10, 1)
        size = max(width, height) // (6 + i % 5)
        colour = ((i * 40) % 256, (i * 90 + seed) % 256, (i * 150) % 256)
        if i % 2:
            draw.ellipse((x, y, x + size, y + size // 2), fill=colour)
        else:
            draw.rectangle(
                (x, y, x + size // 2, y + size), outline=colour, width=max(size // 30, 1)
            )
    grain = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(base, grain, 0.12)


# Kept for the whole run, never evicted: the grain (``Image.effect_noise``) comes from C's
# ``rand()``, whose state other code in the process moves, so a picture made again later is
# another picture (a test comparing "the same photo" twice then saw two content hashes).
@cache
def phone_jpeg(
    width: int = 4000, height: int = 3000, orientation: int = 6, quality: int = 90
) -> bytes:
    out = io.BytesIO()
    picture(width, height).save(
        out,
        "JPEG",
        quality=quality,
        exif=phone_exif(orientation),
        icc_profile=srgb_icc(),
        xmp=XMP,
    )
    return out.getvalue()


@lru_cache(maxsize=8)
def processed(
    width: int = 4000, height: int = 3000, orientation: int = 6, quality: int = 90
) -> images.Processed:
    """``images.process(phone_jpeg(...))``, worked out once per test run: the worlds that only
    need a stored photo (a task's step, a goal, a family update, a profile) reuse it, and the
    photo pipeline itself is tested on its own (tests/unit/test_photos.py, the upload tests).
    ``Processed`` is frozen, so sharing it cannot leak one test's changes into another."""
    return images.process(phone_jpeg(width, height, orientation, quality))


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def png_with_metadata(width: int = 640, height: int = 480) -> bytes:
    """A PNG carrying EXIF (with GPS), an ICC profile and XMP text."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return encode(
        picture(width, height, seed=2),
        "PNG",
        exif=phone_exif(1),
        icc_profile=srgb_icc(),
        pnginfo=info,
    )


def heic(width: int = 1200, height: int = 900) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(picture(width, height, seed=3), "HEIF", quality=70, exif=phone_exif(1))


def truncated_jpeg() -> bytes:
    whole = phone_jpeg(1200, 900, 1)
    return whole[: len(whole) // 2]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """Only a PNG header claiming ``width`` × ``height`` and one tiny IDAT: nothing that size is
    ever allocated here, and the server must refuse it before decoding."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_bomb(width: int = 60000, height: int = 60000) -> bytes:
    """A small real JPEG whose SOF0 header is rewritten to claim ``width`` × ``height``."""
    data = bytearray(phone_jpeg(64, 48, 1, 80))
    at = data.find(b"\xff\xc0")
    assert at > 0
    # SOF0: marker, length (2), precision (1), height (2), width (2)
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)
