"""Photos from phones into the few clean sizes the PWA shows.

Pure functions, no database, no event loop: ``process()`` runs in a worker process. What it does,
in order, and why:

1. **Recognise the type by content** (magic bytes), never by name or declared type, and open
   the file with that one Pillow plugin only.
2. **Refuse bombs before decoding**: the header's width × height against ``MAX_PIXELS``.
   Pillow's own ``MAX_IMAGE_PIXELS`` only raises above twice its limit (it warns between 1× and
   2×), so the limit here is our own; Pillow's error and warning are caught as the same refusal.
3. **Decode only what is needed**: ``Image.draft()`` lets libjpeg scale by 1/2, 1/4 or 1/8 while
   decoding (DCT scaling), so a 4000 × 3000 JPEG decodes straight to 2000 × 1500.
4. **A resize cascade** 1600 → 800 → 320, each from the previous size, not three resizes from
   full size; orientation and colour conversion run on the first, small result.
5. **Apply the EXIF orientation** (TIFF/EXIF tag 274, EXIF 2.32 §4.6.4) and **convert to sRGB**
   with LittleCMS when an ICC profile is embedded, then drop every piece of metadata: outputs
   are new images with empty ``info``, saved with no EXIF, XMP or ICC.
6. **Encode** WebP at a fast method (encoding dominates the cost) and a baseline JPEG fallback;
   the largest WebP in a helper thread while the rest is made (Pillow releases the GIL there).

HEIC/HEIF from iPhones is read through ``pillow-heif``, which applies the HEIF transforms
(``irot``/``imir``) itself and resets the EXIF orientation accordingly.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from PIL import Image, ImageCms, ImageFile

log = logging.getLogger("stepwise.images")

MAX_BYTES: Final = 25 * 1024 * 1024
MAX_PIXELS: Final = 40_000_000
SIZES: Final = (1600, 800, 320)  # long edge, largest first: the cascade's order
WEBP_QUALITY: Final = 80
WEBP_METHOD: Final = 0  # 0 fastest … 6 smallest: ~4× faster than the default 4, ~10 % larger
JPEG_QUALITY: Final = 82

# EXIF orientation → the transpose that shows the picture upright (EXIF 2.32, tag 274).
ORIENTATION_TRANSPOSE: Final[dict[int, Image.Transpose]] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_SRGB = ImageCms.createProfile("sRGB")

try:  # iPhone photos; without the plugin they are refused with a clear message
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    HEIF_SUPPORTED = False


class ImageRefused(Exception):
    """The upload cannot become a photo; ``status`` and ``reason`` go to the person."""

    def __init__(self, status: int, reason: str, code: str) -> None:
        super().__init__(status, reason, code)  # all three in args: it crosses process bounds
        self.status = status
        self.reason = reason
        self.code = code


@dataclass(frozen=True, slots=True)
class Variant:
    size: int  # the nominal long edge: 1600, 800 or 320
    width: int
    height: int
    webp: bytes
    jpeg: bytes


@dataclass(frozen=True, slots=True)
class Processed:
    source_format: str
    content_hash: str  # SHA-256 over every stored byte, in order
    variants: tuple[
        Variant, ...
    ]  # largest first; sizes that would repeat a larger one are left out


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff(data: bytes) -> str | None:
    """The Pillow format name for what the bytes are, or None (magic numbers only)."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        # ISO BMFF: the major brand, then compatible brands (ISO/IEC 23008-12 §10).
        size = int.from_bytes(data[:4], "big")
        brands = [data[8:12]] + [data[i : i + 4] for i in range(16, min(size, 64), 4)]
        if any(b in _HEIF_BRANDS for b in brands):
            return "HEIF"
    return None


def fit(width: int, height: int, long_edge: int) -> tuple[int, int]:
    """``width`` × ``height`` scaled so the long edge is at most ``long_edge`` (never enlarged)."""
    longest = max(width, height)
    if longest <= long_edge:
        return width, height
    scale = long_edge / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def oriented_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    """The size as shown: orientations 5–8 swap width and height."""
    return (height, width) if orientation in {5, 6, 7, 8} else (width, height)


def orientation_of(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: show the picture as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _open(data: bytes, fmt: str) -> Image.Image:
    """Open with the sniffed plugin only and check the header's size before any decoding."""
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own check inside open() (its warning too, where warnings are errors).
        # ``warnings.catch_warnings`` is not used: it is not thread-safe.
        raise _too_many_pixels() from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    if width < 1 or height < 1:
        raise ImageRefused(422, "This photo has no picture in it.", "empty")
    return image


def _too_many_pixels() -> ImageRefused:
    return ImageRefused(
        413,
        f"This photo has too many pixels: {MAX_PIXELS // 1_000_000} megapixels at most.",
        "too_many_pixels",
    )


def _to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB; transparency is laid on white (the JPEG fallback has no alpha)."""
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in {"RGBA", "LA", "PA", "RGBa", "La"}:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


@lru_cache(maxsize=16)
def _transform_from(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A cached LittleCMS transform from an embedded profile to sRGB, or None when the profile
    already is sRGB (most Android phones) or cannot be read. NOCACHE makes one transform safe to
    share between threads (LittleCMS 2 docs, "Multithreading")."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
            return None
        return ImageCms.buildTransform(
            source,
            _SRGB,
            mode,
            "RGB",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            flags=ImageCms.Flags.NOCACHE,
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        log.info("ignored an unreadable ICC profile")
        return None


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert from the embedded profile to sRGB (a wide-gamut phone photo would look dull once
    its profile is dropped); an unreadable profile is taken as sRGB."""
    if icc and image.mode in {"RGB", "CMYK", "L"}:
        transform = _transform_from(icc, image.mode)
        if transform is not None:
            try:
                return _to_rgb(ImageCms.applyTransform(image, transform) or image)
            except (ImageCms.PyCMSError, ValueError):
                log.info("ignored an ICC profile that does not fit the picture")
    return _to_rgb(image)


def _webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD, exif=b"", xmp=b"")
    return out.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, exif=b"")
    return out.getvalue()


@lru_cache(maxsize=1)
def _encoder() -> ThreadPoolExecutor:
    """One helper thread per process: Pillow releases the GIL while it encodes, so the largest
    WebP (the costliest step left) is encoded while the smaller sizes are made."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="webp")


def lower_priority() -> None:
    """For a worker process that re-encodes photos: nice 10, so a busy server answers other
    requests first. Threads started afterwards (the encoder) inherit it."""
    with contextlib.suppress(OSError):
        os.nice(10)


def process(data: bytes) -> Processed:
    """Validate and re-encode one upload. Raises ``ImageRefused`` with a person-facing reason."""
    if len(data) > MAX_BYTES:
        raise ImageRefused(
            413, f"This photo is too large: {MAX_BYTES // (1024 * 1024)} MB at most.", "too_large"
        )
    fmt = sniff(data)
    if fmt is None:
        raise ImageRefused(
            415, "This file is not a photo. Use a JPEG, PNG, WebP or HEIC photo.", "not_an_image"
        )
    if fmt == "HEIF" and not HEIF_SUPPORTED:  # pragma: no cover
        raise ImageRefused(
            415, "HEIC photos cannot be read here. Choose JPEG in the camera settings.", "heic"
        )
    try:
        return _process(data, fmt)
    except ImageRefused:
        raise
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, … on bad data
        log.info("refused a damaged %s upload: %s", fmt, exc)
        raise ImageRefused(
            422, "This photo is damaged or incomplete. Please take or choose it again.", "damaged"
        ) from None


def _process(data: bytes, fmt: str) -> Processed:
    image = _open(data, fmt)
    orientation = orientation_of(image)
    icc = image.info.get("icc_profile")
    width, height = image.size
    target = fit(width, height, SIZES[0])
    if fmt == "JPEG":
        # DCT scaling: libjpeg decodes at the smallest 1/2, 1/4 or 1/8 scale still ≥ target.
        image.draft("RGB", target)
    image.load()
    if image.mode in {"P", "1"}:
        image = _to_rgb(image)
    if image.size != target:
        # JPEGs arrive here already scaled by draft(), within 2× of the target. At such small
        # ratios Hamming (Pillow: "bilinear speed, sharper") looks like Lanczos at half the cost
        # of bicubic; resampling holds the GIL, so it is the step worth keeping short. A very
        # large PNG or HEIC is first reduced by a whole factor (reducing_gap), then resampled.
        image = image.resize(target, Image.Resampling.HAMMING, reducing_gap=3.0)
    image = _to_srgb(image, icc if isinstance(icc, bytes) else None)
    if transpose := ORIENTATION_TRANSPOSE.get(orientation):
        image = image.transpose(transpose)
    image.info = {}  # nothing of the source's metadata may ride along into the outputs
    # The largest size is encoded in the helper thread while the smaller ones are made here.
    largest = _encoder().submit(lambda: (_webp(image), _jpeg(image)))
    sized: list[tuple[int, Image.Image]] = [(SIZES[0], image)]
    current = image
    for size in SIZES[1:]:
        dims = fit(image.width, image.height, size)
        if dims == sized[-1][1].size:
            continue  # a small photo: this size would be the same as the larger one
        if current.size == (dims[0] * 2, dims[1] * 2):
            current = current.reduce(2)  # exactly half: a 2 × 2 box average, ~20× cheaper
        else:  # reduce by a whole factor first where the ratio allows, then Lanczos
            current = current.resize(dims, Image.Resampling.LANCZOS, reducing_gap=1.0)
        current.info = {}
        sized.append((size, current))
    encoded = [(_webp(im), _jpeg(im)) for _, im in sized[1:]]
    encoded.insert(0, largest.result())
    digest = hashlib.sha256()
    variants = []
    for (size, im), (webp, jpeg) in zip(sized, encoded, strict=True):
        digest.update(webp)
        digest.update(jpeg)
        variants.append(Variant(size=size, width=im.width, height=im.height, webp=webp, jpeg=jpeg))
    return Processed(source_format=fmt, content_hash=digest.hexdigest(), variants=tuple(variants))


# Truncated files must fail, not be padded with grey (Pillow's default, kept explicit here).
ImageFile.LOAD_TRUNCATED_IMAGES = False
