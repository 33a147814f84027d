"""Every article character shown in the reader maps back to itself, through real Qt layout."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextCursor

from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.model import Article
from energybrowser.resources import bundled_corpus_dir
from energybrowser.ui.reader import ReaderView
from tests.conftest import SEEDS
from tests.render_helpers import load


def articles() -> list[Article]:
    found = [load("rich"), load("hostile")]
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    found += [convert_text(p.read_text(encoding="utf-8"), p.name) for p in seeds]
    found += list(load_corpus(bundled_corpus_dir()))  # real articles: footnotes, links, lists
    return found


@pytest.mark.parametrize("article", articles(), ids=lambda a: a.id[:20])
def test_every_visible_character_maps_to_the_same_character(qtbot, article: Article) -> None:  # type: ignore[no-untyped-def]
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article)
    positions = view.position_map()
    document = view.document()
    mapped = 0
    for doc, offset, length in positions.runs:
        for k in range(length):
            shown, stated = document.characterAt(doc + k), article.text[offset + k]
            assert shown == stated or (shown.isspace() and stated.isspace()), (doc + k, offset + k)
            mapped += not stated.isspace()
    assert mapped == sum(not c.isspace() for c in article.text)  # nothing left unmapped


@pytest.mark.parametrize("article", articles(), ids=lambda a: a.id[:20])
def test_random_selections_round_trip(qtbot, article: Article) -> None:  # type: ignore[no-untyped-def]
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(article)
    positions = view.position_map()
    text = article.text
    rng = random.Random(article.id)
    for _ in range(60):
        block = rng.choice(article.blocks)
        start = rng.randrange(block.start, block.end)
        end = rng.randrange(start + 1, block.end + 1)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        cursor = QTextCursor(document := view.document())
        cursor.setPosition(positions.to_document(start))
        cursor.setPosition(positions.to_document(end - 1) + 1, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        assert view.selected_range() == (start, end)
        assert view.selected_passage() == (text[start:end], article.paragraph_at(start))
        assert document is view.document()
