"""The real app in a real X window (Xvfb): it starts, shows its window with the articles, and quits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ui.conftest import ARTICLES


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (scripts/test.sh installs it)")
def test_app_shows_a_window_under_xvfb(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "ENERGYBROWSER_SMOKE_TEST": "1",
        "ENERGYBROWSER_CORPUS": str(corpus),
    }
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-m", "energybrowser"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout and "3 articles" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
