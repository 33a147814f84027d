"""The status bar names what happened to the search index as a user would: a first start "built"
it; a damaged index was "rebuilt", with the reason."""

from __future__ import annotations

from pytestqt.qtbot import QtBot


def _started_saying(window: object, qtbot: QtBot) -> str:
    """Start the window; what the status bar said of the search index."""
    said: list[str] = []
    window.status.messageChanged.connect(said.append)  # type: ignore[attr-defined]
    window.start()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: any(m.startswith("Search index") for m in said), timeout=20000)
    return next(m for m in said if m.startswith("Search index"))


def test_a_first_start_builds_the_index_and_a_damaged_one_is_rebuilt_with_why(  # type: ignore[no-untyped-def]
    make_window, qtbot: QtBot
) -> None:
    window = make_window(wait=False, indexing=True)
    said = _started_saying(window, qtbot)
    assert said.startswith("Search index built: 3 articles in ") and "rebuilt" not in said
    qtbot.waitUntil(lambda: not window._indexing, timeout=20000)
    store = window.search.engine.engine.store
    window.close()
    (store.directory / "CURRENT").write_text("garbage\n", encoding="utf-8")
    again = make_window(wait=False, indexing=True)
    said = _started_saying(again, qtbot)
    assert said.startswith("Search index rebuilt (index pointer file is corrupt): 3 articles")
