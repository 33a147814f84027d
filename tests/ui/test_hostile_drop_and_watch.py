"""Hostile files through the window's own ways in: dropped on the window (a folder of them) and
appearing in the watched corpus folder. The window stays up, says one line, loses nothing.
(`import_paths` and the library's refresh, which these call, are tested file by file, fast, in
tests/robustness/test_hostile_round_three.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.robustness.faults import folder_digest, one_line
from tests.robustness.hostile_files import IMPORTED, write_hostile_folder
from tests.ui.drops import drop, files_mime


def _drop(window: object, *paths: Path) -> None:
    drop(window, files_mime(*paths))


@pytest.mark.slow  # the window analyses every imported file, a few MB of them
def test_a_dropped_folder_of_hostile_files_imports_the_good_and_says_one_line(
    qtbot: QtBot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "dropped"
    expected = write_hostile_folder(src)
    before = folder_digest(src)
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        _drop(window, src)
    report = finished.args[0]
    statuses = {r.path.name: r.status for r in report.results}
    wanted = {n for n, w in expected.items() if w == IMPORTED}
    assert {n for n, s in statuses.items() if s == "imported"} == wanted
    said = window.status.currentMessage()
    assert one_line(said) and said.startswith(f"Imported {report.count('imported')} articles.")
    assert folder_digest(src) == before
    qtbot.waitUntil(lambda: window.library.entry("good") is not None, timeout=30_000)


@pytest.mark.slow
def test_hostile_files_appearing_in_the_watched_folder_are_named_and_the_rest_shows(
    qtbot: QtBot, window, corpus_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    expected = write_hostile_folder(corpus_dir)
    refused = {n for n, w in expected.items() if w != IMPORTED}
    qtbot.waitUntil(lambda: window.library.entry("good") is not None, timeout=60_000)
    qtbot.waitUntil(lambda: refused <= {p.path.name for p in window.library.problems}, timeout=60_000)
    assert all(one_line(str(p)) for p in window.library.problems)
    window.open_article("good")
    assert window.reader.current is not None and window.reader.current.id == "good"
