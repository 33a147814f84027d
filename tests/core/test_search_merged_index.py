"""On a multi-segment index with deletions and segments merged by Whoosh's writer: phrases give
Whoosh's own hits and scores; the per-segment term dictionaries hold exactly Whoosh's lexicon, and
fuzzy, prefix, wildcard and range expansions through them equal Whoosh's; `*` and `field:*` match
Whoosh's `Every`; expansions past the cap say so and their totals are exact."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, fastpath
from energybrowser.search.analysis import tokens
from energybrowser.search.documents import Annotations
from energybrowser.search.phrase import FastPhrase

CONTENT = ["oil", "gas", "pipeline", "caspian", "baku", "export", "tariff", "transit", "shelf", "barrels"]
# Stop words and one-letter words are not indexed: a phrase skips them.
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


def test_phrases_match_whoosh_hits_and_scores(engine: SearchEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    assert engine._live is not None
    live = engine._live
    calls = {"aligned": 0}
    aligned = fastpath._aligned

    def count_aligned(*args):  # type: ignore[no-untyped-def]
        calls["aligned"] += 1
        return aligned(*args)

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
    assert calls["aligned"] > 150
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
    """Positions run on across paragraphs (Whoosh's phrase matches there too)."""
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


def test_slop_and_author_phrases_still_match_whoosh(engine: SearchEngine) -> None:
    assert engine._live is not None
    for text in ['"oil gas"~2', '"gas oil pipeline"~3', 'author:"oil gas"', '"gas gas"~2']:
        compiled = engine._live.compiler.compile(text)
        assert compiled.query is not None
        _compare(engine._live.searcher, compiled.query, text)


def test_the_index_has_several_segments_deletions_and_a_merged_segment(engine: SearchEngine) -> None:
    assert engine._live is not None
    searcher = engine._live.searcher
    readers = [r for r, _ in searcher.reader().leaf_readers()]
    assert len(readers) >= 2
    assert any(r.has_deletions() for r in readers)
    # Seven segments were written (one build, six updates): fewer remain, so Whoosh merged some.
    assert len(readers) < 7


# -- term dictionaries and expansions ----------------------------------------------------------


def _lexicon(reader, fieldname: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {t.decode("utf-8"): i.doc_frequency() for t, i in reader.iter_field(fieldname)}


@pytest.mark.parametrize("fieldname", ["title", "body", "author"])  # no article has an author
def test_each_segment_dictionary_is_its_lexicon(engine: SearchEngine, fieldname: str) -> None:
    """Bulk-written and merged segments alike (merges go through Whoosh's writer)."""
    assert engine._live is not None
    dictionary = engine._live.compiler.terms
    leaves = [r for r, _ in engine._live.searcher.reader().leaf_readers()]
    assert dictionary.covers(fieldname)
    for reader, seg in zip(leaves, dictionary.segments(), strict=True):
        expected = _lexicon(reader, fieldname) if fieldname in reader.schema else {}
        terms = seg.get(fieldname)
        got = dict(zip(list(terms.terms), terms.freqs, strict=True)) if terms else {}
        assert got == expected
        assert terms is None or list(terms.terms) == sorted(terms.terms)


def _random_words(rng: random.Random, reader, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    known = sorted(_lexicon(reader, "body"))
    out = []
    for _ in range(count):
        word = list(rng.choice(known) + rng.choice(["", "x", "ee"]))
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(word))
            word[i] = rng.choice("abcdeilnoprstx")
        out.append("".join(word))
    return out


def test_fuzzy_terms_equal_whooshs_terms_within(engine: SearchEngine) -> None:
    assert engine._live is not None
    reader = engine._live.searcher.reader()
    dictionary = engine._live.compiler.terms
    rng = random.Random(5)
    seen = 0
    for word in _random_words(rng, reader, 120):
        for maxdist in (1, 2):
            for prefix in (0, 1, 2):
                expected = set(reader.terms_within("body", word, maxdist, prefix=prefix))
                assert dictionary.within("body", word, maxdist, prefix) == expected, (word, maxdist)
                seen += len(expected)
    assert seen > 200


def test_prefix_wildcard_and_fuzzy_expansions_equal_whooshs(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compiler's expansions through the dictionary equal what Whoosh's lexicon gives."""
    from energybrowser.search.query import QueryCompiler

    assert engine._live is not None
    reader = engine._live.searcher.reader()
    fast = engine._live.compiler
    slow = QueryCompiler(reader, None)
    monkeypatch.setattr(slow.terms, "covers", lambda fieldname: False)
    # Called outside `compile`: no expansion budget, even right after a query that ran out of it
    # (a busy machine once left the engine's compiler "out of time" for the next expansions).
    from energybrowser.search import query

    monkeypatch.setattr(query, "EXPANSION_BUDGET", -1.0)
    assert any(query.LIMITED_NOTE in n for n in fast.compile("nothingx~2 elsewhere~2").notes)
    monkeypatch.undo()
    monkeypatch.setattr(slow.terms, "covers", lambda fieldname: False)
    rng = random.Random(8)
    for word in _random_words(rng, reader, 40):
        assert fast.expand_fuzzy("body", word, 2) == slow.expand_fuzzy("body", word, 2), word
        assert fast.expand_prefix("body", word[:3]) == slow.expand_prefix("body", word[:3]), word
        pattern = f"{word[0]}*{word[-1]}"
        assert fast.expand_wildcard("body", pattern) == slow.expand_wildcard("body", pattern), pattern


def test_everything_matches_whooshs_every(engine: SearchEngine) -> None:
    from whoosh import query as wq

    from energybrowser.search.everything import FieldEvery

    assert engine._live is not None
    searcher = engine._live.searcher
    for fieldname in (None, "title", "body", "author"):
        for boost in (1.0, 2.0):
            expected = {h.docnum: h.score for h in searcher.search(wq.Every(fieldname, boost), limit=None)}
            ours = FieldEvery(fieldname, boost)
            assert {h.docnum: h.score for h in searcher.search(ours, limit=None)} == expected
            assert fastpath.fast_search(searcher, ours, cache=False) == expected
    results = engine.search("*")
    assert results.total == searcher.doc_count() and not results.notes
    assert engine.search("body:*", as_you_type=True).total == searcher.doc_count()


def test_bounded_expansions_say_so_and_count_exactly(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from energybrowser.search import query

    assert engine._live is not None
    monkeypatch.setattr(query, "MAX_EXPANSION", 1)
    engine._live.compiler._expansions.clear()
    searcher = engine._live.searcher
    for text in ("{b TO}", "[a TO p]", "t*", "*a*", "barel~3"):
        results = engine.search(text, facets=False)
        compiled = engine._live.compiler.compile(text)
        assert compiled.query is not None
        matched = {h.docnum for h in searcher.search(compiled.query, limit=None)}
        assert results.total == len(matched) > 0, text  # exact: the documents the shown words match
        assert any("most frequent" in n for n in results.notes), (text, results.notes)
        assert results.total == engine.search(text, as_you_type=True, facets=False).total
    narrow = engine.search("{pipeli TO pipelz}")  # one word in the range: no note
    assert not any("most frequent" in n for n in narrow.notes)
    assert narrow.total > 0


def test_did_you_mean_prefers_the_fewest_edits_in_the_written_form_closest_to_the_typed_word(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {
        "a": "Pipelines and more pipelines: pipelines everywhere. Pipelining too.",
        "b": "The pipeline runs west.",
        "c": "Several pipelines were planned.",
    }
    for name, text in texts.items():
        (folder / f"{name}.md").write_text(
            f"---\ntitle: Article {name}\ndate: 2022-03-01\nlanguage: en\n---\n\n{text}\n", encoding="utf-8"
        )
    data = DataPaths.resolve(tmp_path / "data")
    eng = SearchEngine(folder, load_corpus(folder).articles, data.index_dir(folder), annotate=_no_annotations)
    eng.ensure_index()
    try:
        assert eng.search("pipelne").suggestion == "pipeline"  # one edit, though "pipelines" is commoner
        assert eng.search("pipelnes").suggestion == "pipelines"
        assert (eng.search("Pipelne").suggestion or "").lower() == "pipeline"
        assert eng.search("zzzzzz").suggestion is None
    finally:
        eng.close()


def test_totals_while_typing_are_exact_when_whoosh_ranks_under_the_deadline(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from energybrowser.search import engine as engine_module

    assert engine._live is not None
    monkeypatch.setattr(engine._live, "posting_cost", 1.0)  # the fast path never fits the budget
    monkeypatch.setattr(engine_module, "TYPING_BUDGET", 1e-9)  # and Whoosh stops at once
    typed = ("oil gas ba", "pipelin", "caspian OR shel", "t* bar", "oil NOT gas pip", "(oil ANDNOT baku) sh")
    for text in (*typed, '"oil gas" tra'):
        results = engine.search(text, as_you_type=True, facets=False)
        compiled = engine._live.compiler.compile(text, as_you_type=True)
        assert compiled.query is not None
        matched = set(engine._live.searcher.docs_for_query(compiled.query))
        assert results.total == len(matched), text
        assert len(results.hits) <= results.total <= engine._live.searcher.doc_count()
