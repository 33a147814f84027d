"""Worker processes end with the process that started them: after a SIGKILL of `energybrowser
index` in the middle of a parallel build, its build workers used to run on (and write) until their
part was done. Each worker now watches its parent and exits as soon as it is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.robustness.faults import child_env, write_articles


def workers_of(pid: int) -> set[int]:
    """The pool workers among the children of `pid` (not multiprocessing's resource tracker)."""
    found = set()
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            found.add(int(child))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_build_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 0, 1_400, words=120)
    command = [sys.executable, "-m", "energybrowser", "--corpus", str(corpus), "index"]
    parent = subprocess.Popen(command, env=child_env(tmp_path / "data"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        workers |= workers_of(parent.pid)
        time.sleep(0.05)
    if not workers:
        parent.kill()
        parent.wait()
        pytest.skip("the build finished before its workers were seen")
    time.sleep(0.3)  # into the build
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} worker(s) still running 5 s after their parent was killed"


def _watch_late(delay: float) -> None:
    """A worker whose start-up outlasts its parent: it starts watching only after the parent died."""
    from energybrowser.workers import exit_with_parent

    time.sleep(delay)
    exit_with_parent()
    time.sleep(60)


LATE_WORKER = """
import multiprocessing, os, sys
from tests.robustness.test_worker_faults import _watch_late

if __name__ == "__main__":
    worker = multiprocessing.get_context("spawn").Process(target=_watch_late, args=(1.0,))
    worker.start()
    print(worker.pid, flush=True)
    os._exit(0)  # gone before the worker starts watching
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_a_worker_that_starts_watching_after_its_parent_died_still_ends(tmp_path: Path) -> None:
    script = tmp_path / "late_worker.py"
    script.write_text(LATE_WORKER, encoding="utf-8")
    parent = subprocess.run(
        [sys.executable, str(script)], env=child_env(tmp_path / "data"), capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    worker = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 30  # its start-up (imports, a busy machine) and 1 s, then one poll
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    still = alive(worker)
    if still:
        os.kill(worker, signal.SIGKILL)
    assert not still, "the worker ran on after its parent was gone"
