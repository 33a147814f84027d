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
    fit, as it fires when the *thread* that started the worker ends. The parent's id is the one the
    parent recorded when it started this process: a worker slow to start (a busy machine) may run
    this after its parent is already gone, when `os.getppid()` names the new parent."""
    parent_process = multiprocessing.parent_process()
    recorded = parent_process.pid if parent_process is not None else None
    parent = recorded if recorded is not None else os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(POLL_SECONDS)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
