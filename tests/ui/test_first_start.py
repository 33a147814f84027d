"""A first start (nothing in the catalogue): the window shows at once, the article list grows while
the files are read, with the reading's progress in the status bar; then the articles are
analysed in the background."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

ARTICLES = 120  # generated from real paragraphs, 4 KB each; read in batches of BATCH
BATCH = 20


@pytest.fixture
def big_corpus(corpus_dir: Path) -> Path:
    from energybrowser.bench.library_gen import generate
    from energybrowser.resources import bundled_corpus_dir

    for old in corpus_dir.glob("*.md"):
        old.unlink()
    return generate(corpus_dir, ARTICLES, [bundled_corpus_dir()])


def test_the_list_fills_in_while_the_files_are_read(
    make_window, big_corpus: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.library.library import Library

    monkeypatch.setattr("energybrowser.library.library.SHOW_FIRST", 0.0)  # every batch, on any machine
    monkeypatch.setattr("energybrowser.library.library.WRITE_BATCH", BATCH)
    total = len(list(big_corpus.glob("*.md")))
    shown_some = threading.Event()
    install = Library._install

    def install_and_wait(self: Library, rows: list, problems: list) -> bool:  # type: ignore[type-arg]
        done = install(self, rows, problems)
        if 0 < len(self) < total:  # a showing while the files are read: held until the window shows it
            shown_some.wait(10)
        return done

    monkeypatch.setattr(Library, "_install", install_and_wait)
    window = make_window(wait=False)
    listed: list[int] = []
    reading: list[str] = []
    said: list[str] = []

    def seen() -> None:
        count = window.search_panel.model.total
        listed.append(count)
        said.append(window.search_panel.message.text())
        if not window.status.job_label.isHidden():
            reading.append(window.status.job_label.text())
        if 0 < count < total:
            shown_some.set()

    window.search_panel.model.modelReset.connect(seen)
    with qtbot.waitSignal(window.analysis_ready, timeout=60000):
        window.start()
    # Listed as read: the list showed some of the articles before all of them, growing.
    grown = [n for n in listed if 0 < n < total]
    assert grown and grown == sorted(grown) and listed[-1] == total
    assert any(text.startswith("Reading articles") for text in reading)
    assert not any("No articles" in text for text in said)  # (while the files are read)
    assert not window.reading_files
    assert not window.library.pending()  # then analysed, in the background
