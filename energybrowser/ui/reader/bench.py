"""`python -m energybrowser.ui.reader.bench [--corpus DIR]`: reader timings on normal and hostile articles.

For each case: the time to build the article (text model, load-time work), to render it to HTML
(core), and to show it in a ReaderView (render + setHtml + position map + layout + one paint).
Goal: every case, pathological ones included, shows in well under 2 s, so the UI never freezes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from energybrowser.corpus.loader import load_corpus, resolve_corpus_dir
from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.entities.extract import extract_entities
from energybrowser.entities.model import EntitySpan
from energybrowser.render import Highlights, render_article

PATHOLOGICAL: dict[str, Callable[[], str]] = {
    "5,000,000-character line": lambda: ("pipeline " * 560_000)[:5_000_000],
    "5,000,000-character line of *emphasis*": lambda: ("*pipe* line " * 420_000)[:5_000_000],
    "1,000 nested blockquotes (HTML)": lambda: "<blockquote>" * 1000 + "deep" + "</blockquote>" * 1000,
    "1,000 nested blockquotes (Markdown)": lambda: "> " * 1000 + "deep",
    "1,000 nested lists (Markdown)": lambda: "".join("  " * i + "- level\n" for i in range(1000)),
    "1,000 nested lists (HTML)": lambda: "<ul><li>" * 1000 + "deep" + "</li></ul>" * 1000,
    "1,000 nested tables": lambda: "<table><tr><td>" * 1000 + "deep" + "</td></tr></table>" * 1000,
    "600 paragraphs of 2,000 characters": lambda: "\n\n".join(
        f"Paragraph {i}. " + "SOCAR and KazMunayGas signed a gas deal. " * 48 for i in range(600)
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder of articles for the normal case (default: bundled)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from energybrowser.ui.reader import ReaderView

    app = QApplication.instance() or QApplication([])
    view = ReaderView(open_url=lambda _url: False)
    view.resize(900, 700)
    view.show()

    stall = StallMeter()

    def show(article: Article, highlights: Highlights | None = None) -> tuple[float, float]:
        started = time.perf_counter()
        render_article(article, highlights)
        rendered = time.perf_counter()
        h = highlights or Highlights()
        view.show_article(article, entities=h.entities, hits=h.hits)
        while view.rendering:  # a large article renders in a worker thread: wait for it
            app.processEvents()
        view.document().size()  # laid out to the end
        app.processEvents()
        view.grab()
        shown = time.perf_counter()
        view.clear_article()
        app.processEvents()
        with stall:  # the same again as the window does it (Qt lays out the rest in steps)
            view.show_article(article, entities=h.entities, hits=h.hits)
            settled = None
            while view.rendering or settled is None or time.perf_counter() < settled:
                app.processEvents()
                stall.tick()
                if settled is None and not view.rendering:
                    view.grab()  # the first paint
                    stall.tick()
                    settled = time.perf_counter() + 0.3
        return rendered - started, shown - rendered

    print(f"{'case':42} {'build':>8} {'render':>8} {'show':>8} {'stall':>8}  html")
    for name, body in PATHOLOGICAL.items():
        started = time.perf_counter()
        article = build_article(ArticleMeta(id="bench", title=name), body())
        built = time.perf_counter() - started
        render_s, show_s = show(article)
        size = len(render_article(article).html)
        print(
            f"{name:42} {built:7.2f}s {render_s:7.3f}s {show_s:7.3f}s {stall.longest:7.3f}s  {size:,} chars"
        )

    # a 500,000-character article with every mention and hit highlighted (caps apply)
    crowded = build_article(
        ArticleMeta(id="bench", title="crowded"), PATHOLOGICAL["600 paragraphs of 2,000 characters"]()
    )
    text = crowded.text
    spans = tuple(
        EntitySpan(w, w, "organization", i, i + len(w), None)
        for w in ("SOCAR", "KazMunayGas")
        for i in _find_all(text, w)
    )
    hits = tuple((i, i + 3) for i in _find_all(text, "gas"))
    render_s, show_s = show(crowded, Highlights(entities=spans, hits=hits))
    label = f"same, {len(spans):,} mentions + {len(hits):,} hits"
    print(f"{label:42} {'':>8} {render_s:7.3f}s {show_s:7.3f}s {stall.longest:7.3f}s")

    corpus = load_corpus(resolve_corpus_dir(args.corpus))
    renders, shows = [], []
    for article in corpus:
        spans = extract_entities(article)
        render_s, show_s = show(article, Highlights(entities=spans))
        renders.append(render_s)
        shows.append(show_s)
    if renders:
        render_ms = statistics.median(renders) * 1000
        show_ms = statistics.median(shows) * 1000
        print(
            f"{len(renders)} corpus articles with entities: render median {render_ms:.1f} ms "
            f"(max {max(renders) * 1000:.1f}), show median {show_ms:.1f} ms (max {max(shows) * 1000:.1f})"
        )


class StallMeter:
    """The longest time the GUI thread was away from its event loop inside a `with` block: what a
    key pressed at the worst moment waits for. The block calls `tick()` whenever it comes back
    (from `processEvents`, which runs what is queued: the render's arrival, Qt's layout steps)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = 0.0

    def __enter__(self) -> StallMeter:
        self.longest = 0.0
        self._last = time.perf_counter()
        return self

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def __exit__(self, *_exc: object) -> None:
        self.tick()


def _find_all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


if __name__ == "__main__":
    main()
