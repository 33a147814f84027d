"""The reader's document built off the GUI thread: `setHtml` of a large render and the walk over
its fragments for the position map take most of the time a large article holds the GUI thread
(0.2–0.3 s at the 500,000-character display cap on a busy machine); a worker does them, and the
window only swaps the finished document in. QTextDocument is reentrant: a worker may build one
that no other thread touches, then hand it to the GUI thread (`moveToThread`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication, QUrl
from PySide6.QtGui import QFont, QImage, QTextCharFormat, QTextDocument

from energybrowser.corpus.model import Article
from energybrowser.render.positions import DisplayFragment, PositionMap, build_position_map


class SafeDocument(QTextDocument):
    """A document that never loads a resource, even before the reader owns it (the reader's own
    `loadResource` answers once it does): no local file, no data: URL, ever."""

    def loadResource(self, resource_type: int, name: QUrl | str) -> object:
        return blank_resource(resource_type)


def blank_resource(resource_type: int) -> object:
    # Never None: when nothing is returned, QTextDocument reads local files and decodes data:
    # URLs itself, and Qt's image handler loads a null image straight from the path.
    if resource_type == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image
    return QByteArray()


@dataclass(frozen=True)
class PreparedDocument:
    document: QTextDocument
    positions: PositionMap


def prepare_document(html: str, article: Article, *, font: QFont) -> PreparedDocument:
    """The reader's document of `html` (a render of `article`) and its position map, built in the
    calling (worker) thread and handed to the GUI thread."""
    document = SafeDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(font)
    document.setHtml(html)
    positions = build_position_map(article, document_fragments(document))
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return PreparedDocument(document, positions)


def document_fragments(document: QTextDocument) -> Iterable[DisplayFragment]:
    """The document's text fragments with their anchors: what the position map is built from."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                names = tuple(fmt.anchorNames())
                href = fmt.anchorHref()
                # footnote markers are shown but are not article text
                marker = (
                    href.startswith("#fn-")
                    and fmt.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript
                )
                yield DisplayFragment(fragment.position(), fragment.text(), names, marker)
            it += 1
        block = block.next()
