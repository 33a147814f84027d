"""Light and dark palettes: readable contrast, and the system's scheme decides which one is used."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from energybrowser.ui.palette import dark_palette, light_palette


def _contrast(palette: QPalette, fg: QPalette.ColorRole, bg: QPalette.ColorRole) -> int:
    return abs(palette.color(fg).lightness() - palette.color(bg).lightness())


def test_dark_palette_is_dark_and_readable(qapp) -> None:
    palette = dark_palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() < 60
    assert _contrast(palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base) > 150
    assert _contrast(palette, QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight) > 100


def test_light_palette_is_light_and_readable(qapp) -> None:
    palette = light_palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() > 200
    assert _contrast(palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base) > 150


def test_legend_swatches_follow_a_switch_to_dark(window, qapp) -> None:
    from PySide6.QtWidgets import QCheckBox

    from energybrowser.ui.palette import light_palette as light
    from energybrowser.ui.reader.legend import SWATCH_SIZE

    def swatch() -> int:
        box = window.reader.legend.findChild(QCheckBox, "legend-organization")
        return box.icon().pixmap(SWATCH_SIZE).toImage().pixelColor(6, 4).lightness()  # above the underline

    before = swatch()
    try:
        window.setPalette(dark_palette())
        assert window.reader.primary.is_dark()
        assert swatch() < before
    finally:
        window.setPalette(light())
