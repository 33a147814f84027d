"""The app's worker processes: how a pool of them is made and ended, and what each runs first.

A worker ends when the process that started it is gone (a pool's workers otherwise outlive a
SIGKILLed parent and go on building, and writing, the part they were given, unseen, until it is
done) and leaves Ctrl+C to its parent (a terminal sends SIGINT to the whole process group: each
worker would print its own KeyboardInterrupt traceback, and the parent decides what stops anyway).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")

POLL_SECONDS = 0.5


class Stopped(BaseException):
    """Raised from a progress callback to end long work nobody will take the result of (the
    window closed). Not an `Exception`, as KeyboardInterrupt is not: the work's own fallbacks for
    a failure ("the workers failed: build here instead") must not catch it."""


def exit_with_parent() -> None:
    """Start a watcher thread: when the parent process is gone (this process was handed to another
    parent), end at once. Polling the parent id is portable; Linux's PR_SET_PDEATHSIG is not a
    fit, as it fires when the *thread* that started the worker ends. The parent's id is the one the
    parent recorded when it started this process: a worker slow to start (a busy machine) may run
    this after its parent is already gone, when `os.getppid()` names the new parent."""
    import multiprocessing  # here: the app's own process imports this module for `process_pool`

    parent_process = multiprocessing.parent_process()
    recorded = parent_process.pid if parent_process is not None else None
    parent = recorded if recorded is not None else os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(POLL_SECONDS)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_worker() -> None:
    """What every worker process runs first (a pool's initializer, or the start of one)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()


class WorkerPool:
    """A spawned process pool that knows whether all the work it was given is done. It keeps only
    the futures not done yet: a done one holds its result, and a first start passes 50,000 parsed
    articles and their analyses through one pool (kept, they made a peak of 3.7 GB)."""

    def __init__(self, executor: ProcessPoolExecutor) -> None:
        self.executor = executor
        self._running: set[Future[Any]] = set()

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        future = self.executor.submit(fn, *args)
        self._running.add(future)
        future.add_done_callback(self._running.discard)  # (called at once if done already)
        return future

    def all_done(self) -> bool:
        return not self._running

    def end_now(self) -> None:
        """Cancel the queued work and end the workers without waiting for the chunks they are
        on: their results would be thrown away (the caller stopped or failed), and a chunk of an
        index build can take minutes. Python 3.14 has this as `terminate_workers()`."""
        executor = self.executor
        terminate = getattr(executor, "terminate_workers", None)
        if terminate is not None:
            terminate()
            return
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.terminate()
        # Waiting is short now (the pool's manager thread sees its workers gone and ends), and it
        # must end before the interpreter does: CPython 3.11's exit hook wakes it through a pipe it
        # may be closing at that moment ("Exception ignored ... Bad file descriptor").
        executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def process_pool(
    workers: int, initializer: Callable[..., object] = start_worker, initargs: tuple[object, ...] = ()
) -> Iterator[WorkerPool]:
    """A pool of `workers` spawned processes. When the block ends with all the work done, the
    pool closes as usual; when it ends early (stopped, Ctrl+C, SIGTERM, an error) the queued work
    is cancelled and the workers end at once (a plain `with ProcessPoolExecutor` would wait for
    everything submitted, and at interpreter exit a thread still submitting gets "cannot schedule
    new futures after interpreter shutdown")."""
    # Imported here: a command that never starts a pool does not pay for multiprocessing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the window's process has threads (Qt, workers) a fork would copy half-way.
    context = multiprocessing.get_context("spawn")
    pool = WorkerPool(
        ProcessPoolExecutor(workers, mp_context=context, initializer=initializer, initargs=initargs)
    )
    try:
        yield pool
    finally:
        if pool.all_done():
            pool.executor.shutdown(wait=True)
        else:
            pool.end_now()
