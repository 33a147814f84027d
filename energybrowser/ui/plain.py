"""Article text on Qt widgets, never taken for markup.

Qt shows any string that *looks* like HTML as rich text (`Qt::mightBeRichText`): tooltips, labels,
message boxes. Rich text loads its images, so a title such as `<img src="/dev/zero">` would make a
tooltip read that file (and abort the process, or hang on a pipe). Every string that comes from an
article, a file name or a user goes through one of these helpers before it reaches a widget:
tooltips are escaped rich text (so long lines wrap), labels that show such text are plain-text
labels, and everything is cleaned of control characters and capped in length.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from energybrowser.safe_text import LINE_LIMIT, TITLE_LIMIT, one_line

TIP_LINES = 12
APP_NAME = "energybrowser"


def html_text(text: str, limit: int | None = LINE_LIMIT) -> str:
    """`text` for a place that takes HTML: one clean line, capped, escaped (quotes too)."""
    return escape(one_line(text, limit), quote=True)


def tooltip(*lines: str) -> str:
    """A tooltip of these lines (empty ones left out) that Qt shows as text, whatever they hold."""
    kept = [html_text(line) for line in lines if line and line.strip()][:TIP_LINES]
    if not kept:
        return ""
    # Escaped rich text rather than plain text: rich tooltips wrap long sentences.
    return "<p style='white-space:pre-wrap'>" + "<br>".join(kept) + "</p>"


def window_title(title: str) -> str:
    """The main window's title for an article: one line, capped."""
    return f"{one_line(title, TITLE_LIMIT)} — {APP_NAME}" if title.strip() else APP_NAME


def status_text(message: str) -> str:
    """A status bar message: one line, capped (the status bar draws plain text)."""
    return one_line(message, LINE_LIMIT)


def plain_label(text: str = "", parent: QWidget | None = None, *, object_name: str = "") -> QLabel:
    """A label that shows its text as text, never as markup; what it is given is shown as it is."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    if text:
        label.setText(text)
    return label


def plain_message_box(
    icon: QMessageBox.Icon,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box whose text is plain text, capped (a detailed text is always plain in Qt)."""
    box = QMessageBox(icon, APP_NAME, one_line(text, 4 * LINE_LIMIT), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
