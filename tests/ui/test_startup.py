"""Opening the window takes the short path: no subcommand module is imported for it."""

from __future__ import annotations

import subprocess
import sys

from energybrowser.cli import _window_only
from tests.conftest import REPO


def test_only_common_options_take_the_window_path() -> None:
    args = _window_only(["--corpus", "some/dir", "--data-dir", "d"])
    assert args is not None and args.command is None
    assert args.corpus == "some/dir" and args.data_dir == "d"
    assert _window_only([]) is not None
    assert _window_only(["corpus", "list"]) is None
    assert _window_only(["--version"]) is None
    assert _window_only(["--corpus"]) is None  # the full parser explains the error


def test_the_window_module_imports_no_heavy_core_module() -> None:
    code = (
        "import sys, energybrowser.cli, energybrowser.ui.app, energybrowser.ui.main_window\n"
        "heavy = [m for m in ('energybrowser.search', 'whoosh', 'energybrowser.citations',"
        " 'citeproc', 'energybrowser.corpus.importer.convert') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
