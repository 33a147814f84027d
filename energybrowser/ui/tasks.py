"""Slow work off the GUI thread: a function runs in a pool, its result comes back as a signal.

The function never touches a widget; it may report progress through the callback it is given.
Results, failures and progress reach the GUI thread through queued signals. A failure arrives
as a one-line message (the traceback goes to the log), never as an exception in the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class _TaskSignals(QObject):
    succeeded = Signal(object)
    """The function's return value."""
    failed = Signal(str)
    """A one-line description of what went wrong."""
    progress = Signal(int, int, str)
    """done, total, what is being done."""


class _Task(QRunnable):
    def __init__(self, name: str, fn: Callable[[Progress], Any], signals: _TaskSignals) -> None:
        super().__init__()
        self.name = name
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progress.emit)
        except Exception as exc:
            log.exception("background task %s failed", self.name)
            self.signals.failed.emit(f"{exc.__class__.__name__}: {exc}" if str(exc) else repr(exc))
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs tasks on its own pool. `serial=True` runs them one at a time, in order."""

    def __init__(self, parent: QObject | None = None, *, serial: bool = False) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if serial:
            self.pool.setMaxThreadCount(1)
        self._live: set[_TaskSignals] = set()

    def start(
        self,
        name: str,
        fn: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        signals = _TaskSignals(self)  # lives in the GUI thread, so its slots run there
        self._live.add(signals)
        signals.succeeded.connect(on_success)
        signals.failed.connect(on_failure)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        signals.succeeded.connect(lambda _r: self._forget(signals))
        signals.failed.connect(lambda _m: self._forget(signals))
        self.pool.start(_Task(name, fn, signals))

    def _forget(self, signals: _TaskSignals) -> None:
        self._live.discard(signals)
        signals.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Drop queued tasks and wait (bounded) for running ones, e.g. when the window closes."""
        self.pool.clear()
        self.pool.waitForDone(wait_ms)
