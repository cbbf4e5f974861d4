"""Generate the app icon files from the two SVG drawings in resources/icons.

Run from the repository root after changing an SVG, and commit what it writes:

    .venv/bin/python packaging/make_icons.py [--preview PREVIEW.png]

Sizes up to 32 px are rendered from postil-small.svg, drawn on the 16 px grid, because the
detailed drawing turns to mush there; larger sizes from postil.svg. Qt renders the SVG (it
is already a dependency); Pillow (requirements-dev.txt) writes the .ico and .icns containers.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PLATFORM_ICONS = ROOT / "packaging" / "icons"
MASTER = ICONS / "postil.svg"
SMALL = ICONS / "postil-small.svg"
SMALL_UP_TO = 32

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
RUNTIME_PNG_SIZES = (16, 32, 64, 256)  # window icon; Qt picks the nearest size


def render(size: int) -> bytes:
    """PNG bytes of the icon at size x size pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = SMALL if size <= SMALL_UP_TO else MASTER
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _pil(size: int):
    from PIL import Image

    return Image.open(io.BytesIO(render(size))).convert("RGBA")


def write_all() -> list[Path]:
    """Write every generated file; returns their paths."""
    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in RUNTIME_PNG_SIZES:
        path = ICONS / f"postil-{size}.png"
        path.write_bytes(render(size))
        written.append(path)
    linux_png = PLATFORM_ICONS / "postil-512.png"
    linux_png.write_bytes(render(512))
    written.append(linux_png)

    ico_images = [_pil(s) for s in ICO_SIZES]
    ico = PLATFORM_ICONS / "postil.ico"
    ico_images[-1].save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_images[:-1]
    )
    written.append(ico)

    icns_images = [_pil(s) for s in ICNS_SIZES]
    icns = PLATFORM_ICONS / "postil.icns"
    icns_images[-1].save(icns, format="ICNS", append_images=icns_images[:-1])
    written.append(icns)
    return written


def preview(path: Path) -> None:
    """A contact sheet of every size on a light and a dark background, for a human to judge."""
    from PIL import Image

    sizes = (16, 24, 32, 48, 64, 128, 256, 512)
    width = sum(sizes) + 20 * (len(sizes) + 1)
    height = 2 * (512 + 40)
    sheet = Image.new("RGBA", (width, height), "#F3F3F3")
    sheet.paste(Image.new("RGBA", (width, height // 2), "#1E1F22"), (0, height // 2))
    for row in range(2):
        x = 20
        for size in sizes:
            icon = _pil(size)
            sheet.alpha_composite(icon, (x, row * (height // 2) + 20))
            x += size + 20
    sheet.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path, help="also write a contact sheet here")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    for path in write_all():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    if args.preview:
        preview(args.preview)
        print(f"preview: {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
