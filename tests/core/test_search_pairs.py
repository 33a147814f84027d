"""Word-pair fields: phrases of adjacent words answered from pair postings give Whoosh's own hits
and scores, on a multi-segment index with deletions and segments merged by Whoosh's writer; the
pair fields hold exactly the analyzer's consecutive terms and stay hidden."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.filedb.filestore import RamStorage

from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, fastpath
from energybrowser.search.analysis import pair_terms, tokens
from energybrowser.search.documents import Annotations, article_document
from energybrowser.search.phrase import FastPhrase
from energybrowser.search.schema import HIDDEN_FIELDS, PAIR_FIELDS, build_schema

CONTENT = ["oil", "gas", "pipeline", "caspian", "baku", "export", "tariff", "transit", "shelf", "barrels"]
# Stop words and one-letter words are not indexed: a phrase's pairs skip them as its words do.
SKIPPED = ["the", "and", "of", "to", "in", "a", "s"]
WORD = re.compile(r"\w+")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(
        rng.choices(
            CONTENT + SKIPPED, weights=[3] * len(CONTENT) + [2] * len(SKIPPED), k=rng.randint(low, high)
        )
    )


def _write(folder: Path, rng: random.Random, names: range) -> None:
    for n in names:
        paragraphs = [_sentence(rng, 2, 25) + "." for _ in range(rng.randint(1, 4))]
        (folder / f"doc-{n}.md").write_text(
            f"---\ntitle: {_sentence(rng, 1, 6).capitalize()}\ndate: 2022-03-0{1 + n % 9}\n"
            "language: en\n---\n\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )


def _no_annotations(article):  # type: ignore[no-untyped-def]
    return Annotations()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    folder = tmp_path_factory.mktemp("pairs")
    rng = random.Random(3)
    _write(folder, rng, range(150))
    data = DataPaths.resolve(tmp_path_factory.mktemp("data"))
    eng = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_no_annotations)
    eng.ensure_index()
    # Small updates, each rewriting a few old articles (deleted documents in older segments) and
    # adding new ones: Whoosh's writer merges the small segments (copying their postings).
    for step in range(6):
        names = [*rng.sample(range(150), 3), 150 + step]
        for n in names:
            _write(folder, rng, range(n, n + 1))
        articles = {a.id: a for a in load_corpus(folder).articles}
        eng.update(changed=[articles[f"doc-{n}"] for n in names])
    yield eng
    eng.close()


def _index_pairs(reader, fieldname: str) -> dict[str, dict[str, list[int]]]:  # type: ignore[no-untyped-def]
    """Article id -> pair term -> positions, read back from the index's postings."""
    out: dict[str, dict[str, list[int]]] = {}
    for term in reader.lexicon(fieldname):
        m = reader.postings(fieldname, term)
        while m.is_active():
            article_id = reader.stored_fields(m.id())["id"]
            out.setdefault(article_id, {})[term.decode("utf-8")] = list(m.value_as("positions"))
            m.next()
    return out


def _expected_pairs(text: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for pos, term in enumerate(pair_terms(tokens(text)[0])):
        out.setdefault(term, []).append(pos)
    return out


def test_the_index_has_several_segments_deletions_and_a_merged_segment(engine: SearchEngine) -> None:
    assert engine._live is not None
    searcher = engine._live.searcher
    readers = [r for r, _ in searcher.reader().leaf_readers()]
    assert len(readers) >= 2
    assert any(r.has_deletions() for r in readers)
    # Seven segments were written (one build, six updates): fewer remain, so Whoosh merged some.
    assert len(readers) < 7


@pytest.mark.parametrize("source", sorted(PAIR_FIELDS))
def test_pair_fields_hold_the_consecutive_terms_after_merges(engine: SearchEngine, source: str) -> None:
    assert engine._live is not None
    articles = engine.articles
    found = _index_pairs(engine._live.searcher.reader(), PAIR_FIELDS[source])
    for article_id, article in articles.items():
        text = article.meta.title if source == "title" else article.text
        assert found.get(article_id, {}) == _expected_pairs(text), article_id


def test_whoosh_writer_indexes_the_same_pairs() -> None:
    """Documents added through Whoosh's own writer (the field's format) get the same pairs."""
    index = RamStorage().create_index(build_schema())
    text = "The oil of Baku and the gas.\n\nGas gas pipeline, a Caspian's shelf: oil gas."
    writer = index.writer()
    doc = {"id": "one", "title": "Oil and gas", "body": text}
    doc.update({pairs: doc[source] for source, pairs in PAIR_FIELDS.items()})
    writer.add_document(**doc)
    writer.commit()
    with index.reader() as reader:
        assert _index_pairs(reader, "body_pairs") == {"one": _expected_pairs(text)}
        assert _index_pairs(reader, "title_pairs") == {"one": {"oil ga": [0]}}
    # Stop words and one-letter words skipped; the pair across the paragraph break is there.
    assert _expected_pairs(text)["ga ga"] == [2, 3]
    assert _expected_pairs(text)["baku ga"] == [1]
    assert _expected_pairs(text)["caspian shelf"] == [6]


def test_the_document_carries_each_text_for_its_pair_field(engine: SearchEngine) -> None:
    article = next(iter(engine.articles.values()))
    doc = article_document(article, Annotations())
    assert doc["body_pairs"] is doc["body"] and doc["title_pairs"] is doc["title"]


def _phrases(rng: random.Random, articles, count: int) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Phrases of 2-6 written words (so 2-4 indexed ones, give or take): windows of real text,
    some across a paragraph boundary, of titles, and random words with stop words."""
    for _ in range(count):
        article = rng.choice(articles)
        kind = rng.randrange(4)
        if kind == 0:
            words = WORD.findall(article.text)
        elif kind == 1:
            paragraphs = article.text.split("\n\n")
            if len(paragraphs) < 2:
                continue
            i = rng.randrange(len(paragraphs) - 1)
            before, after = WORD.findall(paragraphs[i]), WORD.findall(paragraphs[i + 1])
            cut = rng.randint(1, 3)
            words = before[-cut:] + after[: rng.randint(1, 3)]
            yield " ".join(words)
            continue
        elif kind == 2:
            words = WORD.findall(article.meta.title)
        else:
            yield _sentence(rng, 2, 6)
            continue
        if len(words) < 2:
            continue
        n = rng.randint(2, min(6, len(words)))
        start = rng.randrange(len(words) - n + 1)
        yield " ".join(words[start : start + n])


def _compare(searcher, query, text: str) -> None:  # type: ignore[no-untyped-def]
    scores = fastpath.fast_search(searcher, query, cache=False)
    assert scores is not None, text
    expected = {h.docnum: h.score for h in searcher.search(query, limit=None)}
    assert set(scores) == set(expected), text
    for docnum, score in scores.items():
        assert score == pytest.approx(expected[docnum], rel=1e-9, abs=1e-12), text
    assert fastpath.fast_search(searcher, query) == scores  # cached postings: the same


def test_pair_phrases_match_whoosh_hits_and_scores(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert engine._live is not None
    live = engine._live
    calls = {"paired": 0, "aligned": 0}
    paired, aligned = fastpath._paired, fastpath._aligned

    def count_paired(*args):  # type: ignore[no-untyped-def]
        calls["paired"] += 1
        return paired(*args)

    def count_aligned(*args):  # type: ignore[no-untyped-def]
        calls["aligned"] += 1
        return aligned(*args)

    monkeypatch.setattr(fastpath, "_paired", count_paired)
    monkeypatch.setattr(fastpath, "_aligned", count_aligned)
    rng = random.Random(19)
    lengths: dict[int, int] = {}
    matched = 0
    for phrase in _phrases(rng, list(engine.articles.values()), 260):
        field = rng.choice(["", "title:", "body:"])
        text = f'{field}"{phrase}"'
        compiled = live.compiler.compile(text)
        if compiled.query is None:
            continue
        for q in (compiled.query, *_phrase_nodes(compiled.query)):
            if isinstance(q, FastPhrase):
                lengths[len(q.words)] = lengths.get(len(q.words), 0) + 1
        _compare(live.searcher, compiled.query, text)
        matched += bool(live.searcher.search(compiled.query, limit=1))
    assert calls["paired"] > 150 and calls["aligned"] == 0  # slop 1 in title and body: pairs only
    assert all(lengths.get(n, 0) > 10 for n in (2, 3, 4)), lengths
    assert matched > 120


def _phrase_nodes(q):  # type: ignore[no-untyped-def]
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, FastPhrase):
            yield node
        elif not node.is_leaf():
            stack.extend(node.children())


def test_phrases_across_a_paragraph_boundary_match_as_in_whoosh(engine: SearchEngine) -> None:
    """Positions run on across paragraphs (Whoosh's phrase matches there too): so do the pairs."""
    assert engine._live is not None
    article = next(a for a in engine.articles.values() if len(a.text.split("\n\n")) > 1)
    first, second = article.text.split("\n\n")[:2]
    last = tokens(first)[0][-1:]
    following = tokens(second)[0][:1]
    if not last or not following:
        pytest.skip("a paragraph without indexed words")
    q = FastPhrase("body", [*last, *following])
    _compare(engine._live.searcher, q, repr(q))
    stored = {engine._live.searcher.stored_fields(d)["id"] for d in engine._live.searcher.docs_for_query(q)}
    assert article.id in stored


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        (FastPhrase("body", ["oil", "ga"]), "body_pairs"),
        (FastPhrase("title", ["oil", "ga", "oil"]), "title_pairs"),
        (FastPhrase("body", ["oil", "ga"], slop=2), None),  # slop > 1: positions compared
        (FastPhrase("author", ["oil", "ga"]), None),  # no pairs for the author field
        (FastPhrase("body", ["oil"]), None),
    ],
)
def test_which_phrases_use_pairs(query: FastPhrase, pairs: str | None) -> None:
    assert fastpath._pair_field(query, build_schema()) == pairs


def test_slop_and_author_phrases_still_match_whoosh(engine: SearchEngine) -> None:
    assert engine._live is not None
    for text in ['"oil gas"~2', '"gas oil pipeline"~3', 'author:"oil gas"', '"gas gas"~2']:
        compiled = engine._live.compiler.compile(text)
        assert compiled.query is not None
        _compare(engine._live.searcher, compiled.query, text)


def test_hidden_fields_stay_hidden(engine: SearchEngine) -> None:
    results = engine.search('"oil gas"')
    assert results.hits
    assert not set(results.facets) & set(HIDDEN_FIELDS)
    # Not a field a query can name: the words are searched as plain text.
    assert engine._live is not None
    compiled = engine._live.compiler.compile("body_pairs:oil")
    assert "body_pairs" not in {t[0] for t in compiled.query.iter_all_terms()}
    # A filter on a hidden field knows no values (and does not walk the pair lexicon).
    assert engine.search("oil", filters={"body_pairs": ["oil ga"]}).total == 0
    # Snippets and highlights come from the words.
    hit = results.hits[0]
    assert all("_pairs" not in s.html for s in hit.snippets)
    # Suggestions come from the words too.
    assert engine.search("oyl").suggestion in (None, "oil")
