"""`scripts/run.sh` without a display: it says what it does and how to stop it, Ctrl+C closes the app
the normal way (settings saved) and no temporary folder is left behind."""

from __future__ import annotations

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
        shutil.which("xvfb-run") is None or shutil.which("dpkg-query") is None,
        reason="needs Debian's xvfb-run (scripts/test.sh installs it)",
    ),
]


def _as_in_a_terminal() -> None:
    # A terminal's foreground job: its own process group, Ctrl+C not ignored.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_run_script_without_display_explains_itself_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {
        "TMPDIR": str(temp),
        "ENERGYBROWSER_DATA_DIR": str(data),
        "ENERGYBROWSER_VENV": sys.prefix,  # the virtualenv running these tests: nothing to install
        "ENERGYBROWSER_LAYOUT_REPORT": "1",  # a line on stdout once the window is filled
    }
    process = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_in_a_terminal,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 90)
        assert ready and process.stdout.readline().startswith("energybrowser: layout")
        sent = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in the terminal does
        _out, err = process.communicate(timeout=15)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert "no display found" in err and "Ctrl+C" in err, err
    assert took < 3.0, f"took {took:.1f} s"
    assert process.returncode == 0, err
    assert list(temp.iterdir()) == []  # no xvfb-run folder, no authority file, no socket
    assert (data / "config" / "settings.json").exists()


def test_run_script_runs_a_command_without_a_virtual_screen(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"ENERGYBROWSER_VENV": sys.prefix}  # the virtualenv running these tests: nothing to install
    expected = {
        ("--data-dir", str(tmp_path / "data"), "corpus", "list"): "article(s): 5 in",
        ("--version",): "energybrowser 0.",
    }
    for args, output in expected.items():
        done = subprocess.run(
            ["bash", "scripts/run.sh", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and output in done.stdout, done.stderr
        assert "no display found" not in done.stderr  # no window, so no word of a virtual screen
