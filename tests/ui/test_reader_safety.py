"""The reader never loads a resource and never navigates: hostile articles stay inert."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from energybrowser.ui.reader import ReaderView
from tests.render_helpers import load


class Opener:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString())
        return True


@pytest.fixture
def opener() -> Opener:
    return Opener()


@pytest.fixture
def view(qtbot, opener: Opener) -> ReaderView:  # type: ignore[no-untyped-def]
    widget = ReaderView(open_url=opener)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    return widget


@pytest.fixture
def local_image(tmp_path: Path) -> QUrl:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    path = tmp_path / "secret.png"
    image.save(str(path))
    return QUrl.fromLocalFile(str(path))


def test_a_plain_text_browser_would_load_the_local_file(qtbot, local_image: QUrl) -> None:  # type: ignore[no-untyped-def]
    """Control: proves the next test can fail, i.e. Qt really reads local files by default."""
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(f'<img src="{local_image.toString()}">')
    assert browser.document().resource(QTextDocument.ResourceType.ImageResource, local_image) is not None


def test_reader_loads_no_local_file_even_from_raw_html(view: ReaderView, local_image: QUrl) -> None:
    view.setHtml(f'<img src="{local_image.toString()}"><link rel="stylesheet" href="file:///etc/passwd">')
    view.grab()  # paint, which asks for the image again
    document = view.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource, local_image)
    assert image.size().width() == 1  # our blank stand-in, not the 4x4 file
    for url in ("file:///etc/passwd", "https://example.org/x", "qrc:/x", "data:text/plain,secret"):
        assert not document.resource(QTextDocument.ResourceType.StyleSheetResource, QUrl(url)), url
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url + "#image"))
        assert image.size().width() == 1, url


def test_hostile_article_shows_no_image_and_no_refused_link(view: ReaderView) -> None:
    view.show_article(load("hostile"))
    block = view.document().begin()
    hrefs = set()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat()
            if fmt.anchorHref():
                hrefs.add(fmt.anchorHref())
            it += 1
        block = block.next()
    assert hrefs == {"https://example.org/ok", "#fn-1"}
    assert "secret" not in view.toPlainText() and "pwned" not in view.toPlainText()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "qrc:/icons/app.png",
        "ftp://example.org/x",
        "../secret.txt",
    ],
)
def test_other_links_are_refused_and_nothing_happens(
    qtbot, view: ReaderView, opener: Opener, url: str
) -> None:  # type: ignore[no-untyped-def]
    view.show_article(load("rich"))
    before = view.toHtml()
    with qtbot.waitSignal(view.link_refused) as refused:
        view.anchorClicked.emit(QUrl(url))
    assert refused.args[0]
    assert opener.urls == []
    assert view.toHtml() == before


def test_navigation_by_set_source_is_refused(qtbot, view: ReaderView) -> None:  # type: ignore[no-untyped-def]
    view.show_article(load("rich"))
    before = view.toPlainText()
    with qtbot.waitSignal(view.link_refused):
        view.setSource(QUrl("file:///etc/passwd"))
    assert view.toPlainText() == before


def test_http_links_go_to_the_injected_opener_only(qtbot, view: ReaderView, opener: Opener) -> None:  # type: ignore[no-untyped-def]
    view.show_article(load("rich"))
    with qtbot.waitSignal(view.external_link_opened) as opened:
        view.anchorClicked.emit(QUrl("https://socar.az/news"))
    assert opened.args == ["https://socar.az/news"]
    assert opener.urls == ["https://socar.az/news"]
