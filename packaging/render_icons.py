"""Render the app icon's PNG sizes from its SVG into the hicolor tree under `resources/icons/`.

    python packaging/render_icons.py            # rsvg-convert (Debian: librsvg2-bin), else Qt's QtSvg

Shapes marked `class="detail"` in the SVG (text lines, shadow, a second wave) are dropped for sizes up
to SMALL_MAX, where they would only blur. The PNGs are committed; run this after editing the SVG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from energybrowser.appinfo import ICON_SIZES, icon_parts  # noqa: E402

SVG_NS = "http://www.w3.org/2000/svg"
SMALL_MAX = 24


def simplified_svg(svg: str) -> str:
    """The SVG without its `class="detail"` shapes."""
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(svg)
    for parent in root.iter():
        for child in list(parent):
            if "detail" in child.get("class", "").split():
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def render_rsvg(svg_file: Path, size: int, out: Path) -> None:
    subprocess.run(
        ["rsvg-convert", "--width", str(size), "--height", str(size), "--output", str(out), str(svg_file)],
        check=True,
    )


def render_qt(svg_file: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg_file)).render(painter)
    painter.end()
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renderer", choices=["auto", "rsvg", "qt"], default="auto")
    args = parser.parse_args(argv)
    renderer = args.renderer
    if renderer == "auto":
        renderer = "rsvg" if shutil.which("rsvg-convert") else "qt"
    render = render_rsvg if renderer == "rsvg" else render_qt

    resources = REPO / "resources"
    source = resources.joinpath(*icon_parts(None))
    svg = source.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.svg"
        small.write_text(simplified_svg(svg), encoding="utf-8")
        for size in ICON_SIZES:
            out = resources.joinpath(*icon_parts(size))
            out.parent.mkdir(parents=True, exist_ok=True)
            render(small if size <= SMALL_MAX else source, size, out)
            print(f"{renderer}: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
