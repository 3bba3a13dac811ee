"""The photo pipeline on its own (backend/lib/images.py): what comes out, and what never does."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from backend.lib import images
from tests.support import photos

METADATA_MARKERS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"PhoneMaker", b"serial=")


def assert_clean(data: bytes) -> None:
    """No EXIF, GPS, XMP, ICC or maker note, by Pillow's reading and by the bytes themselves."""
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
    for marker in METADATA_MARKERS:
        assert marker not in data, marker
    assert b"ICC_PROFILE" not in data and b"iCCP" not in data


def test_a_phone_photo_becomes_three_clean_upright_sizes() -> None:
    original = photos.phone_jpeg()  # 4000 × 3000 stored, orientation 6: a portrait photo
    assert Image.open(io.BytesIO(original)).size == (4000, 3000)
    result = images.process(original)
    assert result.source_format == "JPEG"
    assert [(v.size, v.width, v.height) for v in result.variants] == [
        (1600, 1200, 1600),
        (800, 600, 800),
        (320, 240, 320),
    ]
    for v in result.variants:
        for data, fmt in ((v.webp, "WEBP"), (v.jpeg, "JPEG")):
            image = Image.open(io.BytesIO(data))
            assert image.format == fmt
            assert image.size == (v.width, v.height)  # portrait: the orientation is applied
            assert image.mode == "RGB"
            assert_clean(data)


def test_orientation_is_applied_to_the_pixels() -> None:
    # A picture whose left half is red, stored with orientation 6 (rotate 90° clockwise to show):
    # upright, the red half is at the top.
    picture = Image.new("RGB", (400, 300), "blue")
    picture.paste(Image.new("RGB", (200, 300), "red"), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    data = photos.encode(picture, "JPEG", exif=exif, quality=95)
    largest = images.process(data).variants[0]
    upright = Image.open(io.BytesIO(largest.jpeg)).convert("RGB")
    assert upright.size == (300, 400)
    top = upright.getpixel((150, 50))
    bottom = upright.getpixel((150, 350))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60  # red
    assert bottom[2] > 200 and bottom[0] < 60  # blue


@pytest.mark.parametrize(
    ("orientation", "shown"),
    [(1, (400, 300)), (2, (400, 300)), (3, (400, 300)), (4, (400, 300))]
    + [(o, (300, 400)) for o in (5, 6, 7, 8)],
)
def test_every_exif_orientation(orientation: int, shown: tuple[int, int]) -> None:
    assert images.oriented_size(400, 300, orientation) == shown
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = photos.encode(photos.picture(400, 300), "JPEG", exif=exif)
    largest = images.process(data).variants[0]
    assert (largest.width, largest.height) == shown


def test_png_webp_and_heic_are_read_by_content() -> None:
    png = images.process(photos.png_with_metadata())
    assert png.source_format == "PNG"
    webp = images.process(photos.encode(photos.picture(900, 600), "WEBP", quality=80))
    assert webp.source_format == "WEBP"
    heic = images.process(photos.heic())
    assert heic.source_format == "HEIF"
    for result in (png, webp, heic):
        for v in result.variants:
            assert_clean(v.webp)
            assert_clean(v.jpeg)


def test_transparency_is_laid_on_white() -> None:
    clear = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    result = images.process(photos.encode(clear, "PNG"))
    pixel = Image.open(io.BytesIO(result.variants[0].jpeg)).getpixel((100, 50))
    assert isinstance(pixel, tuple) and min(pixel) > 245


def test_a_wide_gamut_profile_is_converted_to_srgb() -> None:
    # A LAB-like profile stands in for Display P3: the conversion must change the pixels, and
    # no profile may remain.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("XYZ"))
    data = photos.encode(
        Image.new("RGB", (64, 64), (120, 160, 200)), "JPEG", icc_profile=profile.tobytes()
    )
    result = images.process(data)
    out = Image.open(io.BytesIO(result.variants[0].jpeg))
    assert "icc_profile" not in out.info
    assert out.getpixel((32, 32)) != (120, 160, 200)


def test_a_small_photo_is_not_enlarged_and_sizes_do_not_repeat() -> None:
    result = images.process(photos.encode(photos.picture(500, 400), "JPEG"))
    assert [(v.size, v.width, v.height) for v in result.variants] == [
        (1600, 500, 400),
        (320, 320, 256),
    ]


def test_the_content_hash_follows_the_content() -> None:
    one = photos.encode(photos.picture(300, 200, seed=1), "PNG")
    a, b = images.process(one), images.process(one)
    c = images.process(photos.encode(photos.picture(300, 200, seed=5), "PNG"))
    assert a.content_hash == b.content_hash != c.content_hash


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        pytest.param(photos.truncated_jpeg(), 422, "damaged", id="truncated JPEG"),
        pytest.param(b"Dear coach,\nthis is not a photo.\n" * 20, 415, "not_an_image", id="text"),
        pytest.param(b"", 415, "not_an_image", id="empty"),
        pytest.param(photos.png_bomb(), 413, "too_many_pixels", id="60000 x 60000 PNG"),
        pytest.param(photos.jpeg_bomb(), 413, "too_many_pixels", id="60000 x 60000 JPEG"),
        pytest.param(photos.png_bomb(8000, 6000), 413, "too_many_pixels", id="48 MP PNG"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 100, 422, "damaged", id="JPEG magic only"),
        pytest.param(
            b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 16, 422, "damaged", id="WebP header only"
        ),
    ],
)
def test_refusals_are_clear(data: bytes, status: int, code: str) -> None:
    with pytest.raises(images.ImageRefused) as refused:
        images.process(data)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert refused.value.reason.endswith(".")


def test_over_25_mb_is_refused_before_anything_else() -> None:
    with pytest.raises(images.ImageRefused) as refused:
        images.process(b"\xff\xd8\xff" + b"\x00" * images.MAX_BYTES)
    assert refused.value.status == 413


def test_the_bomb_check_reads_only_the_header() -> None:
    import tracemalloc

    tracemalloc.start()
    with pytest.raises(images.ImageRefused):
        images.process(photos.png_bomb())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000  # 60000² RGB would be 10.8 GB


def test_sniff_ignores_names_and_declared_types() -> None:
    assert images.sniff(photos.encode(photos.picture(10, 10), "PNG")) == "PNG"
    assert images.sniff(photos.phone_jpeg(64, 48, 1, 80)) == "JPEG"
    assert images.sniff(photos.heic(64, 48)) == "HEIF"
    assert images.sniff(b"GIF89a" + b"\x00" * 20) is None
    assert images.sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None


def test_fit_never_enlarges() -> None:
    assert images.fit(4000, 3000, 1600) == (1600, 1200)
    assert images.fit(3000, 4000, 800) == (600, 800)
    assert images.fit(100, 50, 320) == (100, 50)
    assert images.fit(10000, 1, 320) == (320, 1)
