"""A second start shows the article list as the catalogue holds it, then looks at the files in the
background and takes in what changed while the app was closed: the list, the reader and the
ledger follow, and only the changed articles are analysed again."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

ADDED = (
    "\n\nTurkmenistan and Azerbaijan signed a memorandum of understanding on the zanzibarword gas "
    "field on 10 February 2024.\n"
)
NEW_ARTICLE = """---
title: Kazakhstan and Azerbaijan sign quokkaword accord
publisher: Caspian Wire
date: 2031-05-02
---

Kazakhstan and Azerbaijan signed an agreement on the quokkaword pipeline on 2 May 2031.
"""


def _listed(window: object) -> list[str]:
    model = window.search_panel.model  # type: ignore[attr-defined]
    return [model.row_at(i).article_id for i in range(model.rowCount())]


def test_files_changed_while_closed_are_taken_in_after_the_window_shows(
    make_window, corpus_dir: Path, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    before = _listed(first)
    analysed = {e.id: e.content_hash for e in first.library.entries}
    first.close()
    changed = corpus_dir / "qazaqgaz-mou.md"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    (corpus_dir / "quokka.md").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus_dir / "analysis-trans-caspian.md").unlink()

    window = make_window(wait=False)
    shown: list[list[str]] = []
    window.library_loaded.connect(lambda: shown.append(_listed(window)))
    with qtbot.waitSignal(window.analysis_ready, timeout=20000):
        window.start()
    assert shown[0] == before  # at once, as last seen: no file was read before the list showed
    library = window.library
    assert library.files_checked
    assert _listed(window)[0] == "quokka" and "analysis-trans-caspian" not in _listed(window)
    assert library.entry("qazaqgaz-mou").content_hash != analysed["qazaqgaz-mou"]
    assert not library.pending()  # the changed and the new one analysed, in the background
    reports = {a.article for a in window.ledger if "zanzibarword" in a.evidence.text}
    assert reports == {"qazaqgaz-mou"}
    assert any("quokkaword" in a.evidence.text for a in window.ledger)


def test_a_second_start_shows_the_stored_ledger_rows_without_building_the_agreements(
    make_window, qtbot: QtBot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.library import Library

    first = make_window()
    rows = first.agreements.model.rowCount()
    assert rows > 0
    first.close()

    def built(*_args: object) -> None:
        raise AssertionError("the window built every agreement at start")

    monkeypatch.setattr(Library, "agreements", built)
    monkeypatch.setattr(Library, "reviewed_ledger", built)
    window = make_window()
    model = window.agreements.model
    assert model.rowCount() == rows
    window.agreements.table.selectRow(0)  # the selected row's reports are read: the details pane
    assert model.row_at(0) is not None and "Evidence" in window.agreements.details.text()
    assert "agreements" in window.status.info.text()


def test_the_index_on_disk_answers_at_once_and_catches_up_with_the_files(
    make_window, corpus_dir: Path, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.search_controller import IndexedEngine

    first = make_window(indexing=True)
    qtbot.waitUntil(lambda: not first._indexing, timeout=20000)
    first.close()
    changed = corpus_dir / "qazaqgaz-mou.md"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")

    window = make_window(wait=False, indexing=True)
    with qtbot.waitSignal(window.library_loaded, timeout=20000):
        window.start()
    qtbot.waitUntil(lambda: isinstance(window.search.engine, IndexedEngine), timeout=20000)
    qtbot.waitUntil(lambda: window.analysed and not window._indexing, timeout=20000)
    engine = window.search.engine.engine
    assert [h.article_id for h in engine.search("zanzibarword").hits] == ["qazaqgaz-mou"]


def test_a_change_elsewhere_before_any_review_rewrites_the_rows_in_the_background(
    make_window, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    make_window().close()
    window = make_window()  # a start that read no agreement: nothing to compare a change with
    assert not window.reviewing.controller.worked_out
    model = window.agreements.model
    target = model.row_at(0).lead
    window.library.curation.reject(target, "a lead-in")  # as another process would
    window.reviewing.check_elsewhere()
    qtbot.waitUntil(lambda: not window.jobs.is_running("ledger-rows"), timeout=10000)
    window.agreements.review_filter.setCurrentText("Rejected")
    assert [a.id for r in model.rows() for a in r.reports] == [target.id]
    assert window.library.ledger_rows_current()


def test_a_metadata_edit_before_any_review_retitles_its_rows_without_reading_the_agreements(
    make_window, qtbot: QtBot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.library import Library
    from energybrowser.library.ledger_table import LedgerQuery

    make_window().close()
    window = make_window()
    assert not window.reviewing.controller.worked_out
    model = window.agreements.model
    article = model.row_at(0).lead.article

    def built(*_args: object) -> None:
        raise AssertionError("a metadata edit read every agreement")

    monkeypatch.setattr(Library, "agreements", built)
    monkeypatch.setattr(Library, "groups", built)
    assert window.reviewing.controller.edit_metadata(article, {"title": "Quokkaword accord retitled"})
    assert not window.reviewing.controller.worked_out
    table = window.library.ledger_table()
    for grouped in (True, False):
        cells = table.cells(list(table.order(LedgerQuery(grouped))))
        shown = [c for c in cells.values() if article in c.articles]
        assert shown and all(any("Quokkaword accord retitled" in cell for cell in c.cells) for c in shown)
    assert window.library.ledger_rows_current()


def test_a_first_review_reads_the_agreements_in_the_background_then_is_done(
    make_window, qtbot: QtBot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from energybrowser.library import Library

    make_window().close()
    window = make_window()
    controller = window.reviewing.controller
    assert not controller.worked_out
    read_on: list[bool] = []
    reads = Library.agreements

    def agreements(library: Library):  # type: ignore[no-untyped-def]
        read_on.append(threading.current_thread() is threading.main_thread())
        return reads(library)

    monkeypatch.setattr(Library, "agreements", agreements)
    row = window.agreements.model.row_at(0)
    assert controller.confirm([row])  # asked for at once: done once the agreements are read
    qtbot.waitUntil(lambda: controller.worked_out, timeout=10000)
    qtbot.waitUntil(
        lambda: window.library.ledger_table().count(True, frozenset({"confirmed"})) == 1, timeout=10000
    )
    assert read_on and not read_on[0]  # the first read was a background job's, not the window's
    assert [r.state for r in window.library.curation.store.reviews()] == ["confirmed"]
