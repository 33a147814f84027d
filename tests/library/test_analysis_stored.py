"""Analysis of articles as their catalogue rows hold them (`library.analysis.StoredArticle`): what is
stored is what analysing the article itself gives, and an
article whose stored body no longer decodes is analysed from its file."""

from __future__ import annotations

import shutil
from pathlib import Path

from energybrowser.library import Library, codec
from energybrowser.library.analysis import StoredAnalysis, StoredArticle, analyse_article, stored_analysis
from energybrowser.paths import DataPaths
from energybrowser.resources import bundled_corpus_dir


def _rows(library: Library, key: int) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], bytes]:
    mentions = library.catalogue.query(
        "SELECT canonical, type, start, end, paragraph FROM mentions WHERE key = ? ORDER BY rowid", (key,)
    )
    facets = library.catalogue.query("SELECT field, value FROM facets WHERE key = ? ORDER BY 1, 2", (key,))
    stored = library.catalogue.query("SELECT entities FROM analysis WHERE key = ?", (key,))
    return mentions, facets, stored[0][0]


def test_what_is_stored_is_the_analysis_of_the_article_itself(tmp_path: Path) -> None:
    corpus = shutil.copytree(bundled_corpus_dir(), tmp_path / "corpus")
    library = Library.open(corpus, DataPaths.resolve(tmp_path / "data"))
    # Every article goes to the analysis as its rows hold it (none read through `get`).
    assert all(isinstance(item, StoredArticle) for item in library._stored_articles(list(library.entries)))
    assert library.analyse(workers=1) == len(library)
    for entry in library.entries:
        article = library.get(entry.id)
        assert article is not None
        expected = StoredAnalysis.of(analyse_article(article))
        mentions, facets, entities = _rows(library, entry.key)
        assert mentions == [tuple(m) for m in expected.rows.mentions]
        assert facets == sorted(expected.rows.facets)
        assert entities == expected.entities
    assert any(_rows(library, e.key)[0] for e in library.entries)  # the corpus names entities


def test_an_article_whose_stored_body_is_damaged_is_analysed_from_its_file(tmp_path: Path) -> None:
    corpus = shutil.copytree(bundled_corpus_dir(), tmp_path / "corpus")
    library = Library.open(corpus, DataPaths.resolve(tmp_path / "data"))
    entry = next(e for e in library.entries if library.get(e.id) and library.get(e.id).paragraphs)  # type: ignore[union-attr]
    library.catalogue.run_write(
        lambda conn: conn.execute("UPDATE bodies SET body = '{' WHERE key = ?", (entry.key,))
    )
    library._bodies.clear()  # (what a new process would hold)
    (item,) = library._stored_articles([entry])
    assert stored_analysis(item) is None  # the worker cannot decode it: the library reads the file
    assert library.analyse(workers=1) == len(library)
    assert not library.pending()
    mentions, _facets, entities = _rows(library, entry.key)
    assert codec.load_entities(entities)  # analysed, from the file's text
    assert len(mentions) == len(codec.load_entities(entities))
