"""Rendering a large article (Markdown to HTML, then the highlight pass) in a worker thread, so the
window keeps answering while it works. One render at a time per reader; a new one (the user
clicked another article) stops the one before at its next block, and a late result is dropped."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from energybrowser.corpus.model import Article
from energybrowser.render import Highlights, RenderCancelled, RenderedArticle, RenderOptions, render_article
from energybrowser.ui.tasks import Reporter, TaskRunner


class BackgroundRenders(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(self, serial=True)
        self._stop: threading.Event | None = None
        self._generation = 0
        self.cancelled = 0  # renders stopped before they finished (superseded)

    @property
    def pending(self) -> bool:
        """A render has started and its result has not been delivered yet."""
        return self._stop is not None

    def start(
        self,
        article: Article,
        highlights: Highlights,
        options: RenderOptions,
        done: Callable[[RenderedArticle, Any], None],
        failed: Callable[[str], None],
        *,
        prepare: Callable[[str, Article], Any] | None = None,
    ) -> None:
        """Render in the pool, then `prepare(html, article)` there too (the reader builds its
        document); `done(rendered, prepared)` or `failed` is called in the GUI thread, unless a
        later `start` or `cancel` came first."""
        self.cancel()
        stop = threading.Event()
        self._stop = stop
        generation = self._generation

        def work(_report: Reporter) -> tuple[RenderedArticle, Any] | None:
            if stop.is_set():  # superseded while it waited for the pool
                return None
            try:
                rendered = render_article(article, highlights, options, should_stop=stop.is_set)
            except RenderCancelled:
                return None
            if stop.is_set() or prepare is None:
                return (rendered, None) if not stop.is_set() else None
            return rendered, prepare(rendered.html, article)

        def on_success(result: object) -> None:
            if generation != self._generation:
                return
            self._stop = None
            if isinstance(result, tuple):
                done(*result)

        def on_failure(message: str) -> None:
            if generation == self._generation:
                self._stop = None
                failed(message)

        self._runner.start("render article", work, on_success, on_failure)

    def cancel(self) -> None:
        """Stop the render under way (if any); its result, should it still come, is dropped."""
        if self._stop is not None:
            self._stop.set()
            self._stop = None
            self.cancelled += 1
        self._generation += 1
