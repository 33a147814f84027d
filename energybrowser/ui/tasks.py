"""Slow work off the GUI thread: a function runs in a pool, its result comes back as a signal.

The function never touches a widget; it may report progress (and partial results) through the
reporter it is given. Everything a worker sends goes through one process-wide hub object that is
never deleted, tagged with the task's number; each runner picks out its own tasks in the GUI thread.
So no Qt object is created or freed per task in a worker, and when a runner's owner (the window)
is gone, late results simply reach nobody. A failure arrives as a one-line message (the traceback
goes to the log), never as an exception in the event loop.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from energybrowser.workers import Stopped

log = logging.getLogger(__name__)


class _Hub(QObject):
    succeeded = Signal(int, object)
    """Task number, the function's return value."""
    failed = Signal(int, str)
    """Task number, a one-line description of what went wrong."""
    progress = Signal(int, int, int, str)
    """Task number, done, total, what is being done."""
    partial = Signal(int, object)
    """Task number, something ready before the task ends (e.g. an opened index)."""


_hub: _Hub | None = None
_numbers = itertools.count(1)
# Pools are never freed: deleting a pool waits for its tasks, and a window must close without
# waiting for a long index build. Idle pool threads expire by themselves.
_POOLS: list[QThreadPool] = []


def wait_for_all(wait_ms: int) -> bool:
    """Before the process exits: let running tasks finish (bounded), so no worker thread is still
    running Python while the interpreter shuts down. True when all finished."""
    return all(pool.waitForDone(wait_ms) for pool in _POOLS)


def _the_hub() -> _Hub:
    global _hub
    if _hub is None:
        _hub = _Hub()  # created by the first runner, in the GUI thread
    return _hub


def _emit(signal: Any, *args: object) -> None:
    """Emit from a worker; after the window and its hub are gone (the app is quitting while a long
    task still runs) there is nobody to tell, and Qt's "Signal source has been deleted" is moot."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("task result dropped: the receiver is gone")


class Reporter:
    """Given to a task: call it with (done, total, label); `partial(value)` sends an early result."""

    def __init__(self, hub: _Hub, number: int) -> None:
        self._hub = hub
        self._number = number

    def __call__(self, done: int, total: int, label: str = "") -> None:
        _emit(self._hub.progress, self._number, done, total, label)

    def partial(self, value: object) -> None:
        _emit(self._hub.partial, self._number, value)


class _Task(QRunnable):
    def __init__(self, name: str, number: int, fn: Callable[[Reporter], Any], hub: _Hub) -> None:
        super().__init__()
        self.name = name
        self._number = number
        self._fn = fn
        self._hub = hub

    def run(self) -> None:
        try:
            result = self._fn(Reporter(self._hub, self._number))
        except Stopped:
            log.debug("background task %s stopped: the window closed", self.name)
        except Exception as exc:
            log.exception("background task %s failed", self.name)
            message = f"{exc.__class__.__name__}: {exc}" if str(exc) else repr(exc)
            _emit(self._hub.failed, self._number, message)
        else:
            _emit(self._hub.succeeded, self._number, result)


@dataclass(frozen=True)
class _Callbacks:
    success: Callable[[Any], None]
    failure: Callable[[str], None]
    progress: Callable[[int, int, str], None] | None
    partial: Callable[[Any], None] | None
    name: str = ""


class TaskRunner(QObject):
    """Runs tasks on its own pool. `serial=True` runs them one at a time, in order."""

    def __init__(self, parent: QObject | None = None, *, serial: bool = False) -> None:
        super().__init__(parent)
        self.pool = QThreadPool()
        _POOLS.append(self.pool)
        if serial:
            self.pool.setMaxThreadCount(1)
        self._tasks: dict[int, _Callbacks] = {}
        hub = _the_hub()
        # Bound methods of this QObject: Qt drops the connections when the runner is deleted.
        hub.succeeded.connect(self._on_succeeded)
        hub.failed.connect(self._on_failed)
        hub.progress.connect(self._on_progress)
        hub.partial.connect(self._on_partial)

    def start(
        self,
        name: str,
        fn: Callable[[Reporter], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        on_progress: Callable[[int, int, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
    ) -> None:
        """Run `fn(reporter)` in the pool. `fn` must not touch widgets or hold Qt objects."""
        number = next(_numbers)
        self._tasks[number] = _Callbacks(on_success, on_failure, on_progress, on_partial, name)
        self.pool.start(_Task(name, number, fn, _the_hub()))

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def is_running(self, name: str) -> bool:
        """A task of this name has started and not reported its end yet."""
        return any(c.name == name for c in self._tasks.values())

    def shutdown(self, wait_ms: int = 3000) -> None:
        """Drop queued tasks and wait (bounded) for running ones, e.g. when the window closes."""
        self.pool.clear()
        self.pool.waitForDone(wait_ms)

    @Slot(int, object)
    def _on_succeeded(self, number: int, result: object) -> None:
        callbacks = self._tasks.pop(number, None)
        if callbacks is not None:
            callbacks.success(result)

    @Slot(int, str)
    def _on_failed(self, number: int, message: str) -> None:
        callbacks = self._tasks.pop(number, None)
        if callbacks is not None:
            callbacks.failure(message)

    @Slot(int, int, int, str)
    def _on_progress(self, number: int, done: int, total: int, label: str) -> None:
        callbacks = self._tasks.get(number)
        if callbacks is not None and callbacks.progress is not None:
            callbacks.progress(done, total, label)

    @Slot(int, object)
    def _on_partial(self, number: int, value: object) -> None:
        callbacks = self._tasks.get(number)
        if callbacks is not None and callbacks.partial is not None:
            callbacks.partial(value)
