"""The real app on real screen sizes (Xvfb): the window fits the screen, the default layout shows the
key columns whole, and Ctrl+C in the terminal (SIGINT) closes it the normal way, settings saved."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("xvfb-run") is None, reason="needs xvfb-run (scripts/test.sh installs it)"
    ),
]
SIGINT_LIMIT_S = 3.0
# Parties is free text of any length: lists up to this long are whole at the default layout (longer
# ones are elided, their tooltip has them whole); every other key column is whole at any length.
PARTIES_WHOLE = {"1366x768": 24, "1920x1080": 48}
TITLE_WHOLE = 100  # result titles up to this long read whole (wrapped)


def _start(size: str, data: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "ENERGYBROWSER_LAYOUT_REPORT": "1",
        "ENERGYBROWSER_DATA_DIR": str(data),
        "ENERGYBROWSER_CORPUS": str(REPO / "corpus"),  # the bundled articles: real titles and parties
    }
    # xvfb-run's shell forwards no signals: the app is started by a small inner shell that execs it,
    # and the test signals the app itself (found as the inner shell's child, the app's pid).
    script = f'"{sys.executable}" -m energybrowser & echo "pid $!"; wait $!'
    return subprocess.Popen(
        ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", "bash", "-c", script],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _read_until_layout(process: subprocess.Popen[str], timeout: float = 60) -> tuple[int, dict[str, object]]:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    pid = 0
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("pid "):
            pid = int(line.split()[1])
        if line.startswith("energybrowser: layout "):
            return pid, json.loads(line.removeprefix("energybrowser: layout "))
    os.killpg(process.pid, signal.SIGKILL)
    _, err = process.communicate()
    raise AssertionError(f"no layout report: {err}")


@pytest.fixture
def run_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    started: list[subprocess.Popen[str]] = []

    def start(size: str) -> tuple[subprocess.Popen[str], int, dict[str, object]]:
        process = _start(size, tmp_path / f"data-{size}")
        started.append(process)
        pid, report = _read_until_layout(process)
        return process, pid, report

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_window_fits_the_screen_shows_key_columns_and_stops_on_ctrl_c(
    run_app, tmp_path: Path, size: str
) -> None:  # type: ignore[no-untyped-def]
    process, pid, report = run_app(size)
    width, height = (int(n) for n in size.split("x"))
    assert report["on_screen"], report
    frame = report["frame"]
    assert isinstance(frame, list)
    assert frame[2] <= width and frame[3] <= height
    cells = report["cut_ledger_cells"]
    titles = report["cut_result_titles"]
    assert isinstance(cells, list) and isinstance(titles, list)
    cut = [c for c in cells if not (c.startswith("Parties: ") and len(c) - 9 > PARTIES_WHOLE[size])]
    assert cut == [], report
    assert [t for t in titles if len(t) <= TITLE_WHOLE] == [], report

    # A second copy on the same data folder opens no second window: it says so and ends.
    second = subprocess.run(
        [sys.executable, "-m", "energybrowser"],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "ENERGYBROWSER_DATA_DIR": str(tmp_path / f"data-{size}"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0 and "already open" in second.stderr, second.stderr

    # Ctrl+C in the terminal: the window closes through its close event, which saves the settings.
    settings = tmp_path / f"data-{size}" / "config" / "settings.json"
    assert not settings.exists()  # nothing saved before the window closes
    sent = time.monotonic()
    os.kill(pid, signal.SIGINT)
    _out, err = process.communicate(timeout=10)
    took = time.monotonic() - sent
    assert took < SIGINT_LIMIT_S, f"took {took:.1f} s"
    assert process.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    saved = json.loads(settings.read_text(encoding="utf-8"))
    assert saved["window_geometry"] and saved["splitter_sizes"]["main"] == report["splitter"]
