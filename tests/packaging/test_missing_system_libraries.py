"""On a machine without Qt's system libraries the window fails with one clear line, not a traceback
(measured on a bare Debian 12: `libGL.so.1: cannot open shared object file`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.abc import MetaPathFinder

import pytest

from energybrowser.cli import main


class _MissingLibrary(MetaPathFinder):
    def __init__(self, message: str) -> None:
        self.message = message

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "energybrowser.ui.app":
            raise ImportError(self.message)


@pytest.fixture
def window_import_fails(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def arrange(message: str) -> None:
        monkeypatch.delitem(sys.modules, "energybrowser.ui.app", raising=False)
        monkeypatch.setattr(sys, "meta_path", [_MissingLibrary(message), *sys.meta_path])

    return arrange


def test_missing_shared_library_is_a_one_line_user_error(
    window_import_fails: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    window_import_fails("libGL.so.1: cannot open shared object file: No such file or directory")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "libGL.so.1" in err
    assert "apt install libgl1 libegl1" in err


def test_missing_library_while_the_window_starts_is_a_user_error_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ui.app imports Qt inside run_app (fast start), so that is where a missing library shows up.
    import energybrowser.ui.app

    def run_app(**_: object) -> int:
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(energybrowser.ui.app, "run_app", run_app)
    assert main([]) == 2
    assert "libEGL.so.1" in capsys.readouterr().err


def test_other_import_errors_are_not_disguised(window_import_fails: Callable[[str], None]) -> None:
    window_import_fails("cannot import name 'Reader' from 'energybrowser.ui.reader'")
    with pytest.raises(ImportError, match="Reader"):
        main([])
