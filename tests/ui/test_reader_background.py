"""A large article is rendered off the GUI thread: the reader shows a placeholder at once, the
event loop goes on while the worker renders, a newer article supersedes (and stops) an older render,
and what was asked meanwhile (a mark, a scroll) is done when the render arrives."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.render import render_article
from energybrowser.ui.reader import ReaderView, background

SENTENCE = "SOCAR and KazMunayGas signed a memorandum on gas transit across the Caspian Sea. "


def big_article(article_id: str, title: str, megabytes: float) -> Article:
    paragraph = SENTENCE * 24
    count = int(megabytes * 1_000_000 / (len(paragraph) + 2))
    body = "\n\n".join(f"{i}. {paragraph}" if i % 50 == 0 else paragraph for i in range(count))
    return build_article(ArticleMeta(id=article_id, title=title), body)


@pytest.fixture(scope="module")
def five_mb() -> Article:
    return big_article("five-mb", "Five megabytes of gas transit", 5.0)


@pytest.fixture(scope="module")
def two_mb() -> Article:
    return big_article("two-mb", "Two megabytes of oil swaps", 2.0)


@pytest.fixture
def view(qtbot: QtBot) -> ReaderView:
    widget = ReaderView(open_url=lambda _url: True)
    qtbot.addWidget(widget)
    widget.resize(700, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class LoopTicks:
    """Counts how often the event loop got round to a zero-timer while the reader rendered."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.while_rendering = 0
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        if self.view.rendering:
            self.while_rendering += 1

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real render in the real worker, held until the test opens the gate: what the event loop
    does meanwhile is then counted, not timed."""
    opened = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        opened.wait(30)
        return render_article(*args, **kwargs)

    monkeypatch.setattr(background, "render_article", held)
    return opened


def test_a_5_mb_article_shows_a_placeholder_and_the_loop_goes_on(
    qtbot: QtBot, view: ReaderView, five_mb: Article, gate: threading.Event
) -> None:
    typing = QLineEdit()
    qtbot.addWidget(typing)
    ticks = LoopTicks(view)
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(five_mb)
        assert view.rendering  # returned before rendering: the work is in the worker
        assert "Preparing a long article" in view.toPlainText()
        assert five_mb.meta.title in view.toPlainText()
        # While the render is under way the window serves the user: typing, timers.
        qtbot.keyClicks(typing, "gas")
        qtbot.waitUntil(lambda: ticks.while_rendering >= 20, timeout=10_000)
        assert typing.text() == "gas" and view.rendering
        gate.set()
    ticks.stop()
    assert not view.rendering
    assert view.toPlainText().startswith(five_mb.meta.title)
    assert "Article shortened for display" in view.toPlainText()  # the caps still hold
    assert view.rendered() is not None and view.position_map().to_document(0) is not None


def test_the_real_render_of_5_mb_arrives(qtbot: QtBot, view: ReaderView, five_mb: Article) -> None:
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(five_mb)
    assert view.toPlainText().startswith(five_mb.meta.title) and not view.rendering


def test_clicking_another_article_stops_the_render_before(
    qtbot: QtBot, view: ReaderView, five_mb: Article, two_mb: Article
) -> None:
    finished: list[str] = []
    view.render_finished.connect(lambda: finished.append(view.toPlainText()[:40]))
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(five_mb)
        view.show_article(two_mb)
        assert "Two megabytes" in view.toPlainText()  # the placeholder names the new one
    qtbot.wait(300)  # a late result of the first render, were it delivered, would arrive by now
    assert view.renders_cancelled >= 1
    assert len(finished) == 1 and finished[0].startswith(two_mb.meta.title)
    assert view.article() is two_mb


def test_a_mark_asked_while_rendering_is_scrolled_to_once_shown(
    qtbot: QtBot, view: ReaderView, two_mb: Article
) -> None:
    paragraph = two_mb.paragraph(200)
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(two_mb, marked=(paragraph.start, paragraph.start + 20))
        view.scroll_to_offset(paragraph.start)  # e.g. the window asking again: no error meanwhile
    assert view.verticalScrollBar().value() > 0
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    assert view.position_map().to_article(top, forward=True) is not None


def test_a_small_article_is_shown_at_once(qtbot: QtBot, view: ReaderView) -> None:
    small = build_article(ArticleMeta(id="s", title="Small"), SENTENCE * 10)
    with qtbot.waitSignal(view.render_finished, timeout=1_000):
        view.show_article(small)
        assert not view.rendering and view.toPlainText().startswith("Small")


def test_new_hits_on_a_large_article_keep_the_old_render_until_the_new_one(
    qtbot: QtBot, view: ReaderView, two_mb: Article
) -> None:
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(two_mb)
    counts: list[tuple[int, int]] = []
    view.hit_changed.connect(lambda i, n: counts.append((i, n)))
    at = two_mb.text.find("Caspian")
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.set_hits([(at, at + 7)])
        assert view.toPlainText().startswith(two_mb.meta.title)  # no placeholder for the same article
    assert counts == [(-1, 1)] and view.hit_count() == 1
