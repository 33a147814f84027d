"""Notices changes in the article folders: a file added, changed or removed by the CLI, a file
manager or a sync tool. QFileSystemWatcher reports folder changes at once (adding, removing and
renaming files, which is also how most editors and sync tools save); a slow poll catches what it
cannot see (a file rewritten in place, a network drive that sends no events)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 250  # a copy of many files reports many changes: wait for them to settle
POLL_MS = 1500
# A poll stats every file (50,000 files: ≈ 0.6 s of CPU): it is made no more often than keeps that
# share of one core, up to POLL_MAX_MS (the folder events still report added and removed files at once).
POLL_SHARE = 0.1
POLL_MAX_MS = 15000


class FolderWatcher(QObject):
    changed = Signal()
    """Something in a watched folder may have changed (debounced)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_event)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.changed)

    def watch(self, folders: Iterable[Path]) -> None:
        """Watch these folders (those that exist; call again once others appear) and start polling."""
        present = set(self._watcher.directories())
        wanted = [str(f) for f in folders if f.is_dir() and str(f) not in present]
        if wanted:
            self._watcher.addPaths(wanted)
        if not self._poll.isActive():
            self._poll.start()

    def looked(self, seconds: float) -> None:
        """The last look at the files took `seconds` of CPU: poll at the interval that keeps it
        `POLL_SHARE` of the time."""
        interval = min(POLL_MAX_MS, max(POLL_MS, round(seconds / POLL_SHARE * 1000)))
        if interval != self._poll.interval():
            self._poll.setInterval(interval)

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        folders = self._watcher.directories()
        if folders:
            self._watcher.removePaths(folders)

    def _on_event(self, _path: str) -> None:
        self._settle.start()
