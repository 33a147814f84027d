"""Ctrl+C in the terminal (SIGINT) and a session's SIGTERM close the window the normal way.

While Qt's event loop runs, the interpreter never gets control, so a Python signal handler would
wait for the next Python callback. `signal.set_wakeup_fd` makes the C-level handler write a byte to
a socket; a QSocketNotifier on its other end wakes the loop at once, the Python handler runs, and
it closes every window through its close event (settings saved, workers told to stop). A second
signal ends the process at once, as terminals users expect.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class InterruptHandler(QObject):
    """Installed once for the app's lifetime; `uninstall()` restores the previous handlers."""

    def __init__(self, app: QApplication, on_interrupt: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._on_interrupt = on_interrupt or self.close_windows
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}
        self.received: list[int] = []

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.received.append(signum)
        if len(self.received) > 1:  # asked twice: the user wants out now
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)
            return
        log.info("%s received: closing the window", signal.Signals(signum).name)
        # Not from inside the handler (it may run between any two bytecodes): on the next loop turn.
        QTimer.singleShot(0, self._on_interrupt)

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except OSError:  # nothing left to read (BlockingIOError)
            pass

    def close_windows(self) -> None:
        """Every window closes as if the user closed it (dialogs first), then the loop ends."""
        self._app.closeAllWindows()
        self._app.quit()

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
