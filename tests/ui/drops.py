"""Dropping onto the window as a file manager or a browser does: one helper for every drop test."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent


def files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(window: object, mime: QMimeData) -> None:
    """Deliver `mime` to the window's drop handler as a copy with the left button."""
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    event = QDropEvent(QPointF(10, 10), action, mime, button, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)  # type: ignore[attr-defined]
