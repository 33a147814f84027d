"""Reader: a hostile article file, loaded as the app loads it, makes the reader load nothing (local
or remote), and real clicks on its links send only http(s) to the injected opener; javascript:,
file: and data: links do nothing even when raw HTML bypasses the sanitizer. Pathological files
show within a time bound."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument

from energybrowser.corpus.loader import load_corpus
from energybrowser.ui.reader import ReaderView
from tests.robustness.faults import within

LEAKY_HREFS = (
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "../../secret.txt",
    "//evil.example/x",
    "ftp://example.org/x",
    "qrc:/icons/app.png",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
)


class Recorder:
    def __init__(self) -> None:
        self.opened: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url.toString())
        return True


class SpyReader(ReaderView):
    """The real reader, recording each resource Qt asks it for and what it answered."""

    def __init__(self, opener: Recorder) -> None:
        super().__init__(open_url=opener)
        self.asked: list[tuple[str, object]] = []

    def loadResource(self, resource_type: int, name: QUrl) -> object:
        answer = super().loadResource(resource_type, name)
        self.asked.append((name.toString(), answer))
        return answer


@pytest.fixture
def opener() -> Recorder:
    return Recorder()


@pytest.fixture
def view(qtbot, opener: Recorder) -> SpyReader:  # type: ignore[no-untyped-def]
    widget = SpyReader(opener)
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def secret_image(tmp_path: Path) -> Path:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    image.save(str(path))
    return path


def hostile_file(folder: Path, secret: Path) -> Path:
    folder.mkdir(exist_ok=True)
    links = " ".join(f'<a href="{href}">leak{i}</a>' for i, href in enumerate(LEAKY_HREFS))
    md_links = " ".join(f"[mdleak{i}]({href})" for i, href in enumerate(LEAKY_HREFS[:4]))
    path = folder / "hostile.md"
    path.write_text(
        f"""---
title: Hostile reader test
---

SOCAR and KazMunayGas signed a memorandum. ![local]({secret.as_uri()}) ![rel](../outside/secret.png)

<img src="{secret.as_uri()}"> <img src="https://tracker.example/pixel.gif">
<iframe src="{secret.as_uri()}"></iframe>
<link rel="stylesheet" href="https://evil.example/x.css"><style>@import url("{secret.as_uri()}");</style>

Links: {links} and [the source](https://socar.az/news) and <http://example.org/plain>.

More: {md_links} <a href="#p1">an anchor</a>.
""",
        encoding="utf-8",
    )
    return path


def anchors(view: ReaderView) -> list[tuple[str, int]]:
    """Every link in the shown document, with a document position inside it."""
    found = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href and fragment.length() > 1:
                found.append((href, fragment.position() + fragment.length() // 2))
            it += 1
        block = block.next()
    return found


def click_at(qtbot, view: ReaderView, position: int) -> None:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


def test_a_hostile_article_file_loads_no_resource(
    qtbot, view: SpyReader, secret_image: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    corpus = load_corpus(hostile_file(tmp_path / "corpus", secret_image).parent)
    (article,) = corpus.articles
    view.show_article(article)
    view.grab()  # paint: the moment Qt fetches images
    document = view.document()
    for url, answer in view.asked:
        assert (isinstance(answer, QImage) and answer.size().width() == 1) or not answer, url
    for url in (secret_image.as_uri(), "https://tracker.example/pixel.gif", "../outside/secret.png"):
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        assert image is None or image.size().width() <= 1, url
    text = view.toPlainText()
    assert "SOCAR and KazMunayGas" in text and "@import" not in text


def test_real_clicks_send_only_web_links_to_the_system_browser(
    qtbot, view: SpyReader, opener: Recorder, secret_image: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (article,) = load_corpus(hostile_file(tmp_path / "corpus", secret_image).parent).articles
    view.show_article(article)
    links = anchors(view)
    hrefs = {href for href, _ in links}
    assert {"https://socar.az/news", "http://example.org/plain"} <= hrefs
    assert all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs  # sanitised away
    before = view.toHtml()
    for _, position in links:
        click_at(qtbot, view, position)
    web = sorted(h for h in hrefs if h.startswith("http"))
    assert sorted(set(opener.opened)) == web
    assert view.toHtml() == before  # nothing navigated


@pytest.mark.parametrize("href", LEAKY_HREFS)
def test_a_link_that_bypasses_the_sanitizer_still_does_nothing(
    qtbot, view: SpyReader, opener: Recorder, href: str
) -> None:  # type: ignore[no-untyped-def]
    """Defence in depth: raw HTML straight into the widget, then a real click on the link."""
    view.setHtml(f'<p>before <a href="{href}">click here please</a> after</p>')
    ((_, position),) = anchors(view)
    before = view.toHtml()
    with qtbot.waitSignal(view.link_refused, timeout=2000):
        click_at(qtbot, view, position)
    assert opener.opened == []
    assert view.toHtml() == before


@pytest.mark.parametrize("url", [*LEAKY_HREFS, "https://socar.az/news"])
def test_set_source_never_navigates(qtbot, view: SpyReader, opener: Recorder, url: str) -> None:  # type: ignore[no-untyped-def]
    view.setHtml("<p>the article</p>")
    with qtbot.waitSignal(view.link_refused, timeout=2000):
        view.setSource(QUrl(url))
    assert view.toPlainText() == "the article" and opener.opened == []


PATHOLOGICAL = {
    "five-million-char-line.md": "---\ntitle: One line\n---\n\nIntro.\n\n" + "pipeline " * 560_000 + "\n",
    "nested-divs.html": "<html><body>" + "<div><table><tr><td>" * 3_000 + "<p>Deep text about SOCAR gas.</p>",
    "quote-pile.md": "---\ntitle: Quotes\n---\n\n" + "> " * 50_000 + "quoted\n",
    "bracket-pile.md": "---\ntitle: Brackets\n---\n\nIntro. " + "[" * 50_000 + "\n",
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_a_pathological_file_shows_within_the_bound(
    qtbot, view: SpyReader, tmp_path: Path, name: str
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / name).write_text(PATHOLOGICAL[name], encoding="utf-8")
    (article,) = load_corpus(folder).articles
    with within():
        view.show_article(article)
        view.grab()
    assert view.toPlainText().strip()
