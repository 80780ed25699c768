"""Draws the application icon: resources/icons/motcua.png (256 px) and motcua.ico (16–256 px).

A blue rounded square with a white open door ("một cửa": one door) and a counter step. Drawn at
1024 px and scaled down, so every size is smooth. Run again only to change the design:

    python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
BLUE, DEEP, WHITE, GOLD = (21, 101, 192, 255), (13, 71, 161, 255), (255, 255, 255, 255), (255, 193, 7, 255)


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 1024
    d.rounded_rectangle((40 * s, 40 * s, 984 * s, 984 * s), radius=200 * s, fill=BLUE)
    d.rounded_rectangle((40 * s, 600 * s, 984 * s, 984 * s), radius=200 * s, fill=DEEP)
    d.rectangle((40 * s, 600 * s, 984 * s, 800 * s), fill=DEEP)
    # Door frame (an arch) and the open door leaf in perspective.
    d.rounded_rectangle((300 * s, 200 * s, 724 * s, 800 * s), radius=60 * s, fill=WHITE)
    d.rectangle((350 * s, 260 * s, 674 * s, 800 * s), fill=DEEP)
    d.polygon([(350 * s, 260 * s), (560 * s, 310 * s), (560 * s, 760 * s), (350 * s, 800 * s)], fill=WHITE)
    d.ellipse((505 * s, 520 * s, 540 * s, 555 * s), fill=GOLD)
    # The counter step in front of the door.
    d.rounded_rectangle((230 * s, 800 * s, 794 * s, 860 * s), radius=20 * s, fill=GOLD)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "motcua.png", optimize=True)
    sizes = [(n, n) for n in (16, 24, 32, 48, 64, 128, 256)]
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "motcua.ico", sizes=sizes)
    print(f"wrote {OUT / 'motcua.png'} and {OUT / 'motcua.ico'}")


if __name__ == "__main__":
    main()
