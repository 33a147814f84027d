"""What every worker process of the app runs first: it ends when the process that started it is
gone. A pool's workers otherwise outlive a SIGKILLed parent and go on building (and writing) the
part they were given, unseen, until it is done."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

POLL_SECONDS = 0.5


def exit_with_parent() -> None:
    """Start a watcher thread: when the parent process is gone (this process was handed to another
    parent), end at once. Polling the parent id is portable; Linux's PR_SET_PDEATHSIG is not a
    fit, as it fires when the *thread* that started the worker ends."""
    # The parent as multiprocessing recorded it at the spawn, not `getppid()` now: a parent killed
    # while this worker was still importing (seconds on a busy machine) has already handed it to
    # init, and the worker would then watch init forever.
    spawner = multiprocessing.parent_process()
    parent = spawner.pid if spawner is not None and spawner.pid else os.getppid()

    def watch() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
