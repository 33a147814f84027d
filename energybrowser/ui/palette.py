"""Light and dark palettes that follow the system's colour scheme (and switch when it does)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = QColor("#2f6fb0")


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, alt, text = QColor("#2b2d30"), QColor("#1f2023"), QColor("#26282b"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: QColor("#3a3d41"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9da3"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#33363a"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Link: QColor("#6fb1ff"),
        QPalette.ColorRole.Highlight: QColor("#3d6fa8"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7d82"))
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, ACCENT)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f76"))
    return p


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


SCHEME_ENV = "ENERGYBROWSER_COLOR_SCHEME"  # "dark" or "light" where the desktop does not say


def apply_system_palette(app: QApplication) -> None:
    """Set the palette now and whenever the system switches between light and dark."""
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced in ("dark", "light"):
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark if forced == "dark" else Qt.ColorScheme.Light)
        app.setPalette(dark_palette() if forced == "dark" else light_palette())
        return
    app.setPalette(dark_palette() if is_dark() else light_palette())

    def follow(_scheme: Qt.ColorScheme) -> None:
        app.setPalette(dark_palette() if is_dark() else light_palette())

    app.styleHints().colorSchemeChanged.connect(follow)
