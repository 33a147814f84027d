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


# --- the document is built off the GUI thread too ------------------------------------------------


def _crowded(article: Article) -> tuple[tuple[Any, ...], tuple[tuple[int, int], ...]]:
    from energybrowser.entities.model import EntitySpan

    text = article.text
    spans, at = [], text.find("SOCAR")
    while at >= 0 and len(spans) < 2000:
        spans.append(EntitySpan("SOCAR", "SOCAR", "organization", at, at + 5, None))
        at = text.find("SOCAR", at + 1)
    hits = tuple((i, i + 3) for i in range(0, min(len(text), 400_000), 997))
    return tuple(spans), hits


def test_a_large_render_arrives_as_a_document_built_in_the_worker_that_maps_as_one_built_here(
    qtbot: QtBot, view: ReaderView, two_mb: Article
) -> None:
    from energybrowser.ui.reader.prepared import SafeDocument

    spans, hits = _crowded(two_mb)
    with qtbot.waitSignal(view.render_finished, timeout=60_000):
        view.show_article(two_mb, entities=spans, hits=hits)
    shown = view.document()
    assert isinstance(shown, SafeDocument) and shown.parent() is view  # built in the worker
    assert shown.thread() is view.thread()
    # The same render set here, on the GUI thread, gives the same text and the same offsets.
    direct = ReaderView(open_url=lambda _url: True)
    qtbot.addWidget(direct)
    direct.background_render_cost = 10**12
    direct.show_article(two_mb, entities=spans, hits=hits)
    assert not isinstance(direct.document(), SafeDocument)
    assert direct.toPlainText() == view.toPlainText()
    probes = [b.start for b in two_mb.paragraphs[::25]] + [s.start for s in spans[::200]]
    mapped = view.position_map()
    assert [mapped.to_document(o) for o in probes] == [direct.position_map().to_document(o) for o in probes]
    assert view.hit_count() == direct.hit_count() > 0
    view.next_hit()  # hits are stepped through in the swapped-in document
    assert view.current_hit() == 0


def test_swapped_documents_do_not_pile_up_and_load_no_resource(
    qtbot: QtBot, view: ReaderView, two_mb: Article
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from energybrowser.ui.reader.prepared import SafeDocument

    for hits in (((0, 3),), ((10, 13),), ((20, 23),)):
        with qtbot.waitSignal(view.render_finished, timeout=60_000):
            view.show_article(two_mb, hits=hits)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert len(view.findChildren(SafeDocument)) == 1  # the one shown
    image = view.document().resource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/passwd")
    )
    assert isinstance(image, QImage) and image.size().width() == 1  # a blank, not the file
    # Before the reader owns it (while the worker builds it) the document refuses as well.
    loose = SafeDocument()
    loose.setHtml('<img src="file:///etc/hostname">')
    assert (
        loose.resource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/hostname")).width()
        == 1
    )
