"""The catalogue stores articles and their analysis packed (library/codec.py): they read back as
they were written, a body never decodes against another text, and a catalogue written before
(cache version 2: JSON text) is converted in place at open, without reading or analysing any
article again, its user data kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from energybrowser.bench import catalogue_size
from energybrowser.corpus.loader import load_corpus
from energybrowser.entities.extract import extract_entities
from energybrowser.library import Library, codec, schema
from energybrowser.library.library import catalogue_path
from energybrowser.paths import DataPaths

OVERRIDE = ("some-article", '{"title": "My own title"}', "2026-01-01T00:00:00")


def _open(corpus: Path) -> Library:
    return Library.open(corpus, DataPaths.resolve())


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# What cache version 2 wrote: the rows as JSON text.
def _v2_body(text: str, body: bytes) -> str:
    article = codec.load_body(codec.meta_from_json({"id": "x"}), "", text, body)
    blocks = [[b.kind, b.number, b.source, b.start, b.end] for b in article.blocks]
    notes = [[f.label, f.source, f.text] for f in article.footnotes]
    return _dumps({"body": article.body, "blocks": blocks, "notes": notes})


def _v2_entities(stored: bytes) -> str:
    return _dumps(
        [
            [s.text, s.canonical, s.type, s.start, s.end, s.paragraph, s.value, s.unit, s.source]
            for s in codec.load_entities(stored)
        ]
    )


def _v2_agreements(stored: bytes) -> str:
    return _dumps([codec.agreement_to_json(a) for a in codec.load_agreements(stored)])


def _as_version_2(path: Path) -> None:
    """Rewrite a closed catalogue's cache as version 2 wrote it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for key, text, body in conn.execute("SELECT key, text, body FROM bodies").fetchall():
        conn.execute("UPDATE bodies SET body = ? WHERE key = ?", (_v2_body(text, body), key))
    rows = conn.execute("SELECT key, entities, agreements FROM analysis").fetchall()
    for key, entities, agreements in rows:
        conn.execute(
            "UPDATE analysis SET entities = ?, agreements = ? WHERE key = ?",
            (_v2_entities(entities), _v2_agreements(agreements), key),
        )
    conn.execute("UPDATE state SET value = '2' WHERE name = 'cache_version'")
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
def analysed(corpus: Path) -> tuple[Path, dict]:
    """The corpus analysed into its catalogue with one row of user data; the catalogue's file and
    what it holds (bodies, entities, agreements of each article), read through the library."""
    library = _open(corpus)
    library.analyse()
    library.catalogue.run_write(
        lambda conn: conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", OVERRIDE)
    )
    held = {
        entry.id: (library.get(entry.id), library.entities(entry.id), library.agreements_of(entry.id))
        for entry in library.entries
    }
    library.close()
    return catalogue_path(DataPaths.resolve(), corpus), held


def test_articles_and_analysis_read_back_as_written(corpus: Path) -> None:
    for article in load_corpus(corpus):
        stored = codec.dump_body(article)
        assert isinstance(stored, bytes) and len(stored) < len(article.body)
        assert codec.load_body(article.meta, article.content_hash, article.text, stored) == article
        spans = extract_entities(article)
        assert spans and codec.load_entities(codec.dump_entities(spans)) == spans
    library = _open(corpus)
    library.analyse()
    found = library.agreements()
    assert found
    for agreement in found:
        bare = codec.agreement_from_json(codec.agreement_to_json(agreement))
        assert codec.load_agreements(codec.dump_agreements((bare,))) == (bare,)


def test_a_body_does_not_decode_against_another_text(corpus: Path) -> None:
    first, second = list(load_corpus(corpus))[:2]
    stored = codec.dump_body(first)
    with pytest.raises(codec.RowDamaged):
        codec.load_body(first.meta, first.content_hash, second.text, stored)
    with pytest.raises(codec.RowDamaged):
        codec.load_entities(b"\x78\x9c not zlib")


def test_a_damaged_body_is_read_again_from_its_file(corpus: Path) -> None:
    library = _open(corpus)
    entry = library.entries[0]
    expected = library.get(entry.id)
    library.catalogue.run_write(
        lambda conn: conn.execute("UPDATE bodies SET text = text || 'x' WHERE key = ?", (entry.key,))
    )
    library.close()
    again = _open(corpus)
    assert again.get(entry.id) == expected


def test_a_version_2_cache_is_converted_not_rebuilt(analysed: tuple[Path, dict], corpus: Path) -> None:
    path, held = analysed
    _as_version_2(path)
    size = path.stat().st_size
    library = _open(corpus)
    assert library.catalogue.state("cache_version") == str(schema.CACHE_VERSION)
    assert library.analyse() == 0  # the analysis was kept: nothing analysed again
    for article_id, (article, entities, agreements) in held.items():
        assert library.get(article_id) == article
        assert library.entities(article_id) == entities
        assert library.agreements_of(article_id) == agreements
    types = library.catalogue.query(
        "SELECT DISTINCT typeof(b.body), typeof(a.entities), typeof(a.agreements) "
        "FROM bodies b JOIN analysis a ON a.key = b.key"
    )
    assert types == [("blob", "blob", "blob")]
    assert library.catalogue.query("SELECT * FROM metadata_overrides") == [OVERRIDE]
    assert path.stat().st_size < size  # compacted
    assert not library.notices


def test_an_older_schema_with_a_version_2_cache_is_upgraded_and_converted(
    analysed: tuple[Path, dict], corpus: Path
) -> None:
    """As a catalogue of the version before the files' hashes (schema 4) was left: its schema steps
    run, its cache is converted, its user data kept, and one line says so."""
    path, held = analysed
    _as_version_2(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE file_hashes")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION - 1}")
    conn.close()
    library = _open(corpus)
    assert library.notices == [
        f"The library catalogue was upgraded (schema {schema.SCHEMA_VERSION - 1} to {schema.SCHEMA_VERSION})."
    ]
    assert library.analyse() == 0
    assert {article_id: library.get(article_id) for article_id in held} == {
        article_id: article for article_id, (article, _e, _a) in held.items()
    }
    assert library.catalogue.query("SELECT * FROM metadata_overrides") == [OVERRIDE]
    assert library.catalogue.query("SELECT count(*) FROM file_hashes") == [(0,)]


def test_a_row_that_does_not_convert_is_read_and_analysed_again(
    analysed: tuple[Path, dict], corpus: Path
) -> None:
    path, held = analysed
    _as_version_2(path)
    conn = sqlite3.connect(path, isolation_level=None)
    key, article_id = conn.execute("SELECT key, article_id FROM analysis ORDER BY key LIMIT 1").fetchone()
    conn.execute("UPDATE bodies SET body = '{\"body\": 3' WHERE key = ?", (key,))
    conn.execute("UPDATE analysis SET agreements = '[{\"id\": 1}]' WHERE key = ?", (key,))
    conn.close()
    library = _open(corpus)
    assert library.catalogue.query("SELECT count(*) FROM analysis WHERE key = ?", (key,)) == [(0,)]
    assert library.analyse() == 1
    article, entities, agreements = held[article_id]
    assert library.get(article_id) == article
    assert library.entities(article_id) == entities
    assert library.agreements_of(article_id) == agreements


def test_the_size_benchmark_reports_bytes_and_decode_times(
    analysed: tuple[Path, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _held = analysed
    catalogue_size.main([str(path), "--sample", "5"])
    out = capsys.readouterr().out
    assert "5 articles" in out and "bodies" in out and "B/article" in out
    for name in ("body", "entities", "agreements"):
        assert f"read + decode {name}" in out
