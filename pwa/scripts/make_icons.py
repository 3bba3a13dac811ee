"""Draw the Stepwise app icons (three rising steps) as PNG with Pillow.

Run from the repository root: ``uv run python pwa/scripts/make_icons.py``. The PNGs are
committed; run this again only when the design changes. The maskable icon keeps the steps
inside the central 80 % safe zone (W3C Web App Manifest, "maskable" purpose).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
BLUE = (11, 61, 110, 255)
WHITE = (255, 255, 255, 255)


def steps(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float]) -> None:
    """Three steps rising from left to right inside ``box`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    step_w = width / 3
    for i in range(3):
        top = y1 - height * (i + 1) / 3
        draw.rectangle([x0 + i * step_w, top, x0 + (i + 1) * step_w, y1], fill=WHITE)


def icon(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges without antialiasing primitives
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=BLUE)
        margin = big * 0.30
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.22, fill=BLUE)
        margin = big * 0.22
    steps(draw, (margin, margin, big - margin, big - margin))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    print(f"Wrote icons to {OUT}")


if __name__ == "__main__":
    main()
