"""A tiny library of varied articles, and a main window on it with private settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from energybrowser.paths import DataPaths
from energybrowser.settings import Settings

ARTICLES = {
    "caspian-gas-memorandum.md": """---
title: SOCAR and KazMunayGas sign gas memorandum
authors: [Aida Karimova]
publisher: Caspian Energy Review
date: 2022-08-25
url: https://example.org/caspian-gas
kind: news
---

SOCAR and KazMunayGas signed a memorandum of understanding in Baku on 25 August 2022.

The memorandum covers the transport of 1.5 million tons of Kazakh oil through Azerbaijan.

## Background

Officials from Kazakhstan said the pipeline route would be studied further.
""",
    "qazaqgaz-mou.md": """---
title: QazaqGaz and SOCAR agree on gas cooperation
publisher: Azernews
date: 2023-03
kind: news
---

QazaqGaz and SOCAR signed an agreement on gas exploration in the Caspian.

The agreement was reached after talks between Kazakhstan and Azerbaijan.
""",
    "analysis-trans-caspian.md": """---
title: Why the Trans-Caspian route matters
authors: [Energy Desk]
publisher: Steppe Analysis
date: 2021
kind: analysis
---

Analysts expect Kazakhstan to expand exports westward.

Nothing was signed during the visit, but Azerbaijan welcomed the talks.
""",
}


@pytest.fixture(autouse=True)
def _clear_clipboard(qapp: object) -> Iterator[None]:
    """The offscreen platform frees clipboard data after Python has shut down, which crashes:
    leave nothing on the clipboard (the real X11 clipboard does not have this problem)."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()


def write_articles(folder: Path) -> Path:
    """The three sample articles, written into a new `folder`."""
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "corpus")


@pytest.fixture
def paths(private_data_dir: Path) -> DataPaths:
    return DataPaths.resolve(private_data_dir)


@pytest.fixture
def make_window(qtbot: QtBot, corpus_dir: Path, paths: DataPaths) -> Iterator[object]:
    """Build a window (optionally with given settings), start it and wait for the analysis."""
    from energybrowser.ui.main_window import MainWindow

    made: list[MainWindow] = []

    def build(settings: Settings | None = None, *, wait: bool = True, indexing: bool = False) -> MainWindow:
        """Without `indexing` the window searches with its word scan: no index build per test."""
        settings = settings or Settings.load(paths.settings_file)
        window = MainWindow(settings, paths, str(corpus_dir), indexing=indexing)
        qtbot.addWidget(window)
        made.append(window)
        if wait:
            with qtbot.waitSignal(window.analysis_ready, timeout=10000):
                window.start()
            qtbot.waitUntil(lambda: window.style_box.count() > 0, timeout=10000)  # styles load after
        return window

    yield build
    for window in made:
        window.close()  # stops its workers and closes its search index


@pytest.fixture
def window(make_window: object) -> object:
    return make_window()  # type: ignore[operator]
