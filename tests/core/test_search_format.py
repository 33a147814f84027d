"""Our bulk segment writer and posting block format give the index Whoosh's own writer gives.

The same generated corpus is indexed twice: by `IndexStore.build` (our `SegmentBuilder` and
`LeanCodec` blocks) and by a stock `index.writer()` (Whoosh's pipeline and its own pickled blocks).
Both must hold the same terms, statistics and postings, and answer every kind of query with the
same hits, scores, snippets and highlight ranges.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from energybrowser.corpus.loader import load_corpus
from energybrowser.search import SearchEngine, index_store
from energybrowser.search.codec import (
    BLOCK_HEADER,
    POSTINGS_MAGIC,
    LeanCodec,
    LeanLeafMatcher,
    PostingsDamaged,
    read_positions,
    read_postings,
    read_postings_values,
)
from energybrowser.search.documents import Annotations, article_document
from energybrowser.search.index_store import IndexStore
from energybrowser.search.schema import TEXT_FIELDS, build_schema

WORDS = [
    "oil",
    "gas",
    "pipeline",
    "caspian",
    "baku",
    "memorandum",
    "export",
    "exports",
    "exported",
    "tanker",
    "refinery",
    "basin",
    "field",
    "shelf",
    "transit",
    "tariff",
    "volume",
    "contract",
    "partner",
    "company",
    "ministry",
    "summit",
    "barrel",
    "cubic",
    "türkiye",
    "agreement",
    "agreements",
    "signed",
    "signing",
    "route",
    "offshore",
    "wind",
    "2022",
    "co2",
    "u.s.",
    "lng",
]
ENTITIES = ["SOCAR", "KazMunayGas", "QazaqGaz", "BP", "State Oil Company of Azerbaijan"]
TYPES = ["memorandum", "contract", "intergovernmental agreement"]
AUTHORS = ["Jane Doe", "Leyla Mammadova", "John Smith", "Daniyar Abenov"]
PUBLISHERS = ["Caspian Wire", "Astana Times", "Baku Review"]


def _write(folder: Path, rng: random.Random, count: int) -> None:
    for n in range(count):
        title = " ".join(rng.choices(WORDS, k=rng.randint(1, 5)))
        paragraphs = []
        for _ in range(rng.randint(1, 5)):
            words = rng.choices(WORDS, k=rng.randint(2, 60))
            # Long repeated runs give some terms many positions in one document.
            if rng.random() < 0.2:
                words += [rng.choice(WORDS)] * rng.randint(5, 30)
            paragraphs.append(" ".join(words).capitalize() + ".")
        date = f"20{rng.randint(15, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if n % 7 else "2020"
        authors = ", ".join(rng.sample(AUTHORS, rng.randint(1, 2)))
        (folder / f"doc-{n:03d}.md").write_text(
            f"---\ntitle: {title.capitalize()}\nauthors: [{authors}]\npublisher: {rng.choice(PUBLISHERS)}\n"
            f"date: {date}\nlanguage: en\n---\n\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )


def _annotate(article):  # type: ignore[no-untyped-def]
    rng = random.Random(article.id)
    return Annotations(
        tuple(rng.sample(ENTITIES, rng.randint(0, 3))),
        tuple(rng.sample(TYPES, rng.randint(0, 2))),
        tuple(rng.sample(ENTITIES, rng.randint(0, 2))),
    )


def _stock_generation(store: IndexStore, articles) -> None:  # type: ignore[no-untyped-def]
    """A generation written by Whoosh's stock writer (default codec, compound segment)."""
    tmp = store._new_tmp_dir()
    ix = FileStorage(str(tmp)).create_index(build_schema())
    writer = ix.writer()
    for article in articles:
        writer.add_document(**article_document(article, _annotate(article)))
    writer.commit()
    ix.close()
    store._publish(tmp, {a.id: a.content_hash for a in articles})


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("format-corpus")
    _write(folder, random.Random(11), 260)
    articles = load_corpus(folder).articles
    ours_dir = tmp_path_factory.mktemp("ours")
    stock_dir = tmp_path_factory.mktemp("stock")
    _stock_generation(IndexStore(stock_dir), articles)
    ours = SearchEngine(folder, articles, ours_dir, annotate=_annotate)
    ours.index_workers = 1
    ours.ensure_index()
    stock = SearchEngine(folder, articles, stock_dir, annotate=_annotate)
    assert ours.ready and stock.ready
    yield ours, stock, articles
    ours.close()
    stock.close()


def _reader(engine: SearchEngine):  # type: ignore[no-untyped-def]
    return engine._live.searcher.reader()  # type: ignore[union-attr]


def test_built_with_the_lean_format(engines) -> None:  # type: ignore[no-untyped-def]
    ours, stock, _ = engines
    m = _reader(ours).postings("body", "oil")
    assert type(m) is LeanLeafMatcher
    assert type(_reader(stock).postings("body", "oil")) is not LeanLeafMatcher


def test_same_terms_statistics_and_postings(engines) -> None:  # type: ignore[no-untyped-def]
    ours, stock, _ = engines
    _assert_same_index(_reader(ours), _reader(stock))


def test_whooshs_own_pipeline_writes_our_format(engines, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Merges (and any document Whoosh's writer adds) go through `LeanPostingsWriter`: both indexes
    merged into one segment by Whoosh, ours in our format, the stock one in Whoosh's, agree."""
    ours, stock, _ = engines
    merged = []
    for engine, codec in ((ours, LeanCodec()), (stock, None)):
        copy = tmp_path / f"copy-{len(merged)}"
        shutil.copytree(engine.store.current().path, copy)
        ix = FileStorage(str(copy)).open_index()
        ix.writer(codec=codec, compound=False).commit(optimize=True)
        merged.append(ix)
    with merged[0].reader() as a, merged[1].reader() as b:
        assert len(a.leaf_readers()) == len(b.leaf_readers()) == 1
        assert type(a.postings("body", "oil")) is LeanLeafMatcher
        assert type(b.postings("body", "oil")) is not LeanLeafMatcher
        _assert_same_index(a, b)
    for ix in merged:
        ix.close()


def _assert_same_index(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.doc_count() == b.doc_count() == a.doc_count_all()
    assert list(a.all_stored_fields()) == list(b.all_stored_fields())
    fields = build_schema().names()
    checked = 0
    for fieldname in fields:
        assert a.field_length(fieldname) == b.field_length(fieldname)
        if fieldname in TEXT_FIELDS:  # Whoosh fails on the others (they have no length column)
            assert a.min_field_length(fieldname) == b.min_field_length(fieldname)
            assert a.max_field_length(fieldname) == b.max_field_length(fieldname)
        assert list(a.lexicon(fieldname)) == list(b.lexicon(fieldname))
        for docnum in range(a.doc_count_all()):
            assert a.doc_field_length(docnum, fieldname) == b.doc_field_length(docnum, fieldname)
        for text in a.lexicon(fieldname):
            ia, ib = a.term_info(fieldname, text), b.term_info(fieldname, text)
            assert (ia.weight(), ia.doc_frequency(), ia.min_id(), ia.max_id()) == (
                ib.weight(),
                ib.doc_frequency(),
                ib.min_id(),
                ib.max_id(),
            )
            assert (ia.min_length(), ia.max_length(), ia.max_weight()) == (
                ib.min_length(),
                ib.max_length(),
                ib.max_weight(),
            )
            ma, mb = a.postings(fieldname, text), b.postings(fieldname, text)
            assert list(ma.items_as("weight")) == list(mb.items_as("weight"))
            ma, mb = a.postings(fieldname, text), b.postings(fieldname, text)
            assert [(i, v) for i, v in ma.all_items()] == [(i, v) for i, v in mb.all_items()]
            checked += 1
    assert checked > 200


def test_block_statistics_match(engines) -> None:  # type: ignore[no-untyped-def]
    ours, stock, _ = engines
    a, b = _reader(ours), _reader(stock)
    common = sorted(a.lexicon("body"), key=lambda t: -a.doc_frequency("body", t))[:4]
    for text in common:
        ma, mb = a.postings("body", text), b.postings("body", text)
        blocks = 0
        while ma.is_active():
            assert mb.is_active()
            assert (ma.block_min_id(), ma.block_max_id(), ma.block_max_weight()) == (
                mb.block_min_id(),
                mb.block_max_id(),
                mb.block_max_weight(),
            )
            assert (ma.block_min_length(), ma.block_max_length()) == (
                mb.block_min_length(),
                mb.block_max_length(),
            )
            ma._next_block()
            mb._next_block()
            blocks += 1
        assert not mb.is_active() and blocks >= 2


def test_bulk_reads_match_the_matcher(engines) -> None:  # type: ignore[no-untyped-def]
    ours, _, _ = engines
    reader = _reader(ours)
    for fieldname, text in (("body", "oil"), ("title", "ga"), ("entity", "SOCAR"), ("year", "2020")):
        btext = text.encode()
        expected = list(reader.postings(fieldname, btext).all_items())
        ids, weights = read_postings(reader.postings(fieldname, btext))
        ids2, weights2, values = read_postings_values(reader.postings(fieldname, btext))
        assert list(ids) == list(ids2) == [i for i, _ in expected]
        assert list(weights) == list(weights2)
        assert list(values) == [v if v is not None else b"" for _, v in expected] or all(
            v is None for _, v in expected
        )
        # From the middle of a list (after a skip), the rest of it.
        m = reader.postings(fieldname, btext)
        if len(expected) > 3:
            m.skip_to(expected[len(expected) // 2][0])
            assert list(read_postings(m)[0]) == [i for i, _ in expected[len(expected) // 2 :]]


def _queries(rng: random.Random) -> list[str]:
    def word() -> str:
        return rng.choice(WORDS)

    out = []
    for _ in range(14):
        out.append(" ".join(rng.sample(WORDS, rng.randint(1, 3))))
        out.append(f"{word()} AND {word()} OR {word()}")
        out.append(f"{word()} NOT {word()}")
        out.append(f"({word()} OR {word()}) NOT {word()}")
        out.append(f'"{word()} {word()}"')
        out.append(f"{word()[:3]}*")
        out.append(f"{word()}~")
        out.append(f"entity:{rng.choice(ENTITIES).split()[0]} {word()}")
        out.append(f'entity:"{rng.choice(ENTITIES)}"')
        out.append(f'type:"{rng.choice(TYPES)}" OR {word()}')
        out.append(f"year:20{rng.randint(15, 23)} {word()}")
        out.append(f"title:{word()} author:{rng.choice(AUTHORS).split()[0]}")
        out.append(f"party:{rng.choice(ENTITIES).split()[0]} OR publisher:Baku")
    return out


def test_same_hits_scores_and_snippets(engines) -> None:  # type: ignore[no-untyped-def]
    ours, stock, articles = engines
    by_id = {a.id: a for a in articles}
    found = 0
    for query in _queries(random.Random(5)):
        for kwargs in ({}, {"as_you_type": True, "time_budget": 60.0}):
            ra = ours.search(query, limit=10, **kwargs)
            rb = stock.search(query, limit=10, **kwargs)
            assert (ra.error, ra.total, ra.suggestion, ra.facets) == (
                rb.error,
                rb.total,
                rb.suggestion,
                rb.facets,
            ), query
            assert [h.article_id for h in ra.hits] == [h.article_id for h in rb.hits], query
            for ha, hb in zip(ra.hits, rb.hits, strict=True):
                assert ha.score == pytest.approx(hb.score, abs=1e-9), query
                assert ha.snippets == hb.snippets, query
            found += bool(ra.hits)
        for hit in ra.hits[:3]:
            article = by_id[hit.article_id]
            assert ours.hit_ranges(article, query) == stock.hit_ranges(article, query), query
    assert found > 100


def test_segments_join_with_the_same_scores(tmp_path: Path, engines, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, stock, articles = engines
    monkeypatch.setattr(index_store, "SEGMENT_DOCS", 70)
    gen = IndexStore(tmp_path / "multi").build(articles, _annotate, len(articles))
    ix = gen.open_index()
    try:
        assert len(ix._segments()) == 4
        with ix.searcher() as sa:
            sb = stock._live.searcher  # type: ignore[union-attr]
            qp = stock._live.compiler  # type: ignore[union-attr]
            for query in _queries(random.Random(8))[:120]:
                q = qp.compile(query).query
                if q is None:
                    continue
                ra = {h.docnum: h.score for h in sa.search(q, limit=None)}
                rb = {h.docnum: h.score for h in sb.search(q, limit=None)}
                assert ra.keys() == rb.keys(), query
                for d, s in ra.items():
                    assert s == pytest.approx(rb[d], abs=1e-9), query
    finally:
        ix.close()


def _postings_file(engine: SearchEngine) -> Path:
    gen = engine.store.current()
    return max(gen.path.glob("*.pst"), key=lambda p: p.stat().st_size)


def test_damaged_blocks_are_detected(engines) -> None:  # type: ignore[no-untyped-def]
    ours, _, _ = engines
    reader = _reader(ours)
    info = reader.term_info("body", "oil")
    offset, _ = info.extent()
    data = _postings_file(ours).read_bytes()
    assert data[offset : offset + 4] == POSTINGS_MAGIC
    from whoosh.filedb.structfile import BufferFile

    fmt = build_schema()["body"].format

    def matcher(blob: bytes) -> LeanLeafMatcher:
        return LeanLeafMatcher(BufferFile(memoryview(blob)), offset, 0, fmt)

    # Intact, the whole list reads back.
    assert list(read_postings(matcher(data))[0]) == list(reader.postings("body", "oil").all_ids())
    header_end = offset + 4 + BLOCK_HEADER.size
    spoiled = [
        data[:offset] + b"XXXX" + data[offset + 4 :],  # bad tag
        data[: offset + 4] + b"\xff" * 6 + data[offset + 10 :],  # nonsense header
        data[:header_end]
        + bytes(b ^ 0x5A for b in data[header_end : header_end + 40])
        + data[header_end + 40 :],
        data[: header_end + 10],  # truncated file
    ]
    for blob in spoiled:
        with pytest.raises(PostingsDamaged):
            read_postings_values(matcher(blob))


def _engine_pair(tmp_path: Path, count: int, seed: int, extra: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, random.Random(seed), count)
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    articles = load_corpus(folder).articles
    _stock_generation(IndexStore(tmp_path / "stock"), articles)
    ours = SearchEngine(folder, articles, tmp_path / "ours", annotate=_annotate)
    ours.index_workers = 1
    ours.ensure_index()
    stock = SearchEngine(folder, articles, tmp_path / "stock", annotate=_annotate)
    return folder, ours, stock


def _same_answers(ours: SearchEngine, stock: SearchEngine, queries: list[str]) -> None:
    for query in queries:
        ra, rb = ours.search(query, limit=15), stock.search(query, limit=15)
        assert ra.total == rb.total, query
        assert [(h.article_id, round(h.score, 9), h.snippets) for h in ra.hits] == [
            (h.article_id, round(h.score, 9), h.snippets) for h in rb.hits
        ], query


def test_updates_give_the_same_answers(tmp_path: Path) -> None:
    folder, ours, stock = _engine_pair(tmp_path, 40, 3)
    changed = sorted(folder.glob("*.md"))[:3]
    for path in changed:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nPipeline tanker tariff talks in Baku.\n", "utf-8"
        )
    articles = load_corpus(folder).articles
    update = [a for a in articles if a.id in {p.stem for p in changed}]
    for engine in (ours, stock):
        engine.articles = {a.id: a for a in articles}
        engine.update(update, removed=["doc-010"])
    # The update's segment was written by our segment builder.
    last, _ = _reader(ours).leaf_readers()[-1]
    assert type(last.postings("body", "tanker")) is LeanLeafMatcher and last.doc_count_all() == 3
    for engine in (ours, stock):
        assert engine._live.searcher.document_number(id="doc-010") is None  # type: ignore[union-attr]
        assert engine._live.searcher.document_number(id="doc-011") is not None  # type: ignore[union-attr]
    _same_answers(ours, stock, _queries(random.Random(2))[:80])
    ours.close()
    stock.close()


def test_character_offsets_past_16_bits(tmp_path: Path) -> None:
    long_body = "\n\n".join(" ".join(random.Random(n).choices(WORDS, k=80)) + "." for n in range(160))
    long_article = f"---\ntitle: Long\ndate: 2021\n---\n\n{long_body}\n"
    _, ours, stock = _engine_pair(tmp_path, 3, 4, {"long.md": long_article})
    a, b = _reader(ours), _reader(stock)
    for text in a.lexicon("body"):
        assert list(a.postings("body", text).all_items()) == list(b.postings("body", text).all_items())
    _, _, values = read_postings_values(a.postings("body", b"pipelin"))
    fmt = build_schema()["body"].format
    assert max(end for v in values for _, _, end in fmt.decode_characters(v)) > 65_535
    # Positions sliced straight from the wide (uint32) value words.
    ids, _ = read_postings(a.postings("body", b"pipelin"))
    wanted = ids[::2]
    decode = fmt.decoder("positions")
    got = read_positions(a.postings("body", b"pipelin"), wanted, fmt.position_stride, decode)
    m = b.postings("body", b"pipelin")
    expected = {}
    while m.is_active():
        expected[m.id()] = fmt.decode_positions(m.value())
        m.next()
    assert [list(p) for p in got] == [expected[d] for d in wanted]
    _same_answers(ours, stock, ['"oil gas"', '"pipeline tanker"', "pipeline", "tanker AND baku"])
    ours.close()
    stock.close()
