"""One window per data folder: a second copy brings the first one's window to the front and exits.

Two copies on one data folder would each save their settings over the other's and race on imports.
A file lock in the data folder decides which copy is first (the system drops it when that process
dies, so a crash leaves nothing stale). The first also watches a small request file beside it; a
later copy writes to that file to ask it to bring its window to the front. (A file, not a local
socket: QtNetwork stays out of the bundle, see packaging/energybrowser.spec.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout
from PySide6.QtCore import QFileSystemWatcher, QObject

LOCK_NAME = "energybrowser.lock"
REQUEST_NAME = "energybrowser.raise"


class SingleInstance(QObject):
    """`acquire()` first; when it returns False another copy runs on this folder."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._lock: FileLock | None = None
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.data_dir / LOCK_NAME)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return False
        self._lock = lock
        return True

    def listen(self, on_raise: Callable[[], None]) -> None:
        """Answer later copies' requests to show the window (the first copy only)."""
        request = self.data_dir / REQUEST_NAME
        try:
            request.write_text("", encoding="utf-8")
        except OSError:
            return  # raising is a nicety: the lock alone keeps copies apart
        watcher = QFileSystemWatcher([str(request)], self)

        def changed(path: str) -> None:
            if Path(path).is_file() and path not in watcher.files():
                watcher.addPath(path)  # an editor-style replace drops the watch
            if Path(path).is_file() and Path(path).stat().st_size:
                on_raise()
                Path(path).write_text("", encoding="utf-8")

        watcher.fileChanged.connect(changed)
        self._watcher = watcher

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def ask_first_to_raise(data_dir: Path) -> bool:
    """Ask the running copy to bring its window to the front; False when it cannot be asked."""
    try:
        with open(data_dir / REQUEST_NAME, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {time.time():.0f}\n")
    except OSError:
        return False
    return True
