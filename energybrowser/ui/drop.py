"""What a drop onto the window brings: local files and folders to import, and a web address (a link
dragged from a browser's address bar or page, or text that is one address) to import a saved page
with, as `energybrowser import --url URL FILE` does."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QUrl

WEB_SCHEMES = ("http", "https")


def dropped(mime: QMimeData) -> tuple[list[str], str]:
    """(local files, the address) of a drop; the address is '' when none came with it. A link of
    another kind (ftp:, mailto:) is returned too, so the import refuses it in one line."""
    files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    links = [u.toString() for u in mime.urls() if not u.isLocalFile() and u.scheme()]
    web = [link for link in links if QUrl(link).scheme().casefold() in WEB_SCHEMES]
    if web:
        return files, web[0]
    text = mime.text().strip() if mime.hasText() else ""
    if text and len(text.split()) == 1 and QUrl(text).scheme().casefold() in WEB_SCHEMES:
        return files, text
    return files, links[0] if links else ""
