"""One window per data folder: a second copy brings the first one's window to the front and exits.

Two copies on one data folder would each save their settings over the other's and race on imports.
A file lock in the data folder decides which copy is first (the system drops it when that process
dies, so a crash leaves nothing stale); the first also listens on a local socket named after the
folder, through which a later copy asks it to raise its window.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout
from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "energybrowser.lock"
RAISE = b"raise\n"
CONNECT_MS = 500


def server_name(data_dir: Path) -> str:
    key = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"energybrowser-{os.getuid() if hasattr(os, 'getuid') else 0}-{key}"


class SingleInstance(QObject):
    """`acquire()` first; when it returns False another copy runs on this folder."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._lock: FileLock | None = None
        self._server: QLocalServer | None = None

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
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a socket file left by a crashed first copy; we hold the lock
        server = QLocalServer(self)
        if not server.listen(name):
            return  # raising is a nicety: the lock alone keeps copies apart

        def accept() -> None:
            while server.hasPendingConnections():
                client = server.nextPendingConnection()
                client.readyRead.connect(lambda c=client: _answer(c, on_raise))
                client.disconnected.connect(client.deleteLater)

        server.newConnection.connect(accept)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _answer(client: QLocalSocket, on_raise: Callable[[], None]) -> None:
    if bytes(client.readAll().data()).startswith(RAISE.strip()):
        on_raise()
    client.disconnectFromServer()


def ask_first_to_raise(data_dir: Path) -> bool:
    """Ask the running copy to bring its window to the front; True when it was reached."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True
