"""Ctrl+C, SIGTERM or closing the window during a first start's analysis: the process pool is shut
down (queued work cancelled, its workers ended), nothing prints a traceback ("cannot schedule new
futures after interpreter shutdown", a worker's KeyboardInterrupt), and what was analysed before is
kept in the catalogue for the next start. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from energybrowser.bench.library_gen import generate
from energybrowser.resources import bundled_corpus_dir
from tests.robustness.faults import child_env
from tests.robustness.test_worker_faults import alive, workers_of

ARTICLES = 200  # real paragraphs: the analysis takes seconds, in a pool of two processes
EXIT_BOUND = 30.0  # seconds from the signal to the process gone: a bound on hanging, not a speed goal

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("interrupt") / "corpus", ARTICLES, [bundled_corpus_dir()])


def analysed(data: Path) -> int:
    """Articles with a stored analysis, read beside the running process (WAL readers never wait)."""
    found = list((data / "data" / "library").glob("*.sqlite"))
    if not found:
        return 0
    try:
        conn = sqlite3.connect(f"{found[0].as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM analysis").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def start(corpus: Path, data: Path, *command: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "energybrowser", "--corpus", str(corpus), *command],
        env=child_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )


def _ctrl_c_as_in_a_terminal() -> None:
    """A command started in the background inherits SIGINT ignored (so does the test run, when it
    is started so); a terminal's foreground command has it as Python's default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt_during_analysis(
    process: subprocess.Popen[str], data: Path, sig: int, *, group: bool
) -> tuple[int, str]:
    """Wait until the analysis is under way in the pool and send `sig`: how many were analysed
    then, and what the process wrote on stderr."""
    workers: set[int] = set()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        workers |= workers_of(process.pid)
        done = analysed(data)
        if done:
            break
        time.sleep(0.05)
    if process.poll() is not None or not done:
        process.kill()
        process.communicate()
        pytest.skip("the analysis ended before it could be interrupted")
    if group:  # Ctrl+C in a terminal: every process of the foreground group gets SIGINT
        os.killpg(process.pid, sig)
    else:
        os.kill(process.pid, sig)
    _out, err = process.communicate(timeout=EXIT_BOUND)
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if alive(w)], "pool workers outlived the interrupted process"
    return done, err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "group", "status"),
    [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)],
    ids=["ctrl-c", "sigterm"],
)
def test_an_interrupted_cli_analysis_ends_cleanly_and_keeps_its_work(
    corpus: Path, tmp_path: Path, sig: int, group: bool, status: int
) -> None:
    data = tmp_path / "data"
    process = start(corpus, data, "agreements", "--json")
    before, err = interrupt_during_analysis(process, data, sig, group=group)
    assert process.returncode == status, err
    assert "Traceback" not in err and "cannot schedule" not in err and "leaked" not in err, err
    assert before <= analysed(data) < ARTICLES  # the work done is kept, the rest left for later


@pytest.mark.slow
def test_closing_the_window_during_its_first_analysis_ends_cleanly_and_keeps_its_work(
    corpus: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    process = start(corpus, data)  # the window (offscreen); Ctrl+C closes it as the user would
    before, err = interrupt_during_analysis(process, data, signal.SIGINT, group=True)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "cannot schedule" not in err and "Error calling" not in err, err
    assert before <= analysed(data) < ARTICLES
