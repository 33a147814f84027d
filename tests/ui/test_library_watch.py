"""A running window takes in articles added, changed or removed on disk (a real folder watcher)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

NEW_ARTICLE = """---
title: Turkmenistan and Azerbaijan sign zanzibarword memorandum
publisher: Caspian Wire
date: 2024-02-10
---

Turkmenistan and Azerbaijan signed a memorandum of understanding on the zanzibarword gas field
on 10 February 2024.
"""


def _listed(window: object) -> set[str]:
    model = window.search_panel.model  # type: ignore[attr-defined]
    return {model.row_at(i).article_id for i in range(model.rowCount())}


def _in_ledger(window: object) -> set[str]:
    """The articles the window's ledger table shows rows of."""
    model = window.agreements.model  # type: ignore[attr-defined]
    return {a for cells in model.first_cells(model.rowCount()) for a in cells.articles}


def test_a_file_dropped_into_the_folder_appears_in_list_ledger_and_index(
    make_window, corpus_dir: Path, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(indexing=True)
    qtbot.waitUntil(lambda: not window._indexing, timeout=20000)
    (corpus_dir / "zanzibar.md").write_text(NEW_ARTICLE, encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.library.entry("zanzibar") is not None and "zanzibar" in _listed(window), timeout=10000
    )
    qtbot.waitUntil(lambda: "zanzibar" in _in_ledger(window), timeout=10000)
    qtbot.waitUntil(lambda: not window._indexing, timeout=20000)
    engine = window.search.engine.engine
    assert [h.article_id for h in engine.search("zanzibarword").hits] == ["zanzibar"]
    (corpus_dir / "zanzibar.md").unlink()
    qtbot.waitUntil(
        lambda: window.library.entry("zanzibar") is None and "zanzibar" not in _listed(window), timeout=10000
    )
    qtbot.waitUntil(lambda: "zanzibar" not in _in_ledger(window), timeout=10000)


def test_the_poll_is_spaced_by_what_a_look_at_the_files_costs(qtbot) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.watcher import POLL_MAX_MS, POLL_MS, FolderWatcher

    watcher = FolderWatcher()
    watcher.looked(0.002)  # a small library: the usual poll
    assert watcher._poll.interval() == POLL_MS
    watcher.looked(0.6)  # 50,000 files: a tenth of the time at most
    assert watcher._poll.interval() == 6000
    watcher.looked(30.0)
    assert watcher._poll.interval() == POLL_MAX_MS
