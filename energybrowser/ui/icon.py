"""The app's identity on the desktop: window icon, desktop file name and WM_CLASS from one id."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from energybrowser.appinfo import APP_ID, EXECUTABLE, ICON_SIZES, icon_parts
from energybrowser.resources import resource_path


def app_icon() -> QIcon:
    """The app icon at every rendered size (PNGs, so no SVG plugin is needed in a frozen bundle)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path(*icon_parts(size))
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def apply_app_identity(app: QGuiApplication) -> None:
    """Call once after creating the QApplication, before showing a window.

    The desktop file name lets Wayland compositors and docks match windows to
    `<APP_ID>.desktop`; the application name becomes the X11 WM_CLASS the `.desktop` file's
    `StartupWMClass` names.
    """
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setApplicationName(EXECUTABLE)
    app.setWindowIcon(app_icon())
