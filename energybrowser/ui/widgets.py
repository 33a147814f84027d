"""Small helpers for building widgets."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (tests and style sheets find it by name). PySide6 takes
    `objectName=` as a keyword too, but its type stubs do not declare it."""
    widget.setObjectName(name)
    return widget
