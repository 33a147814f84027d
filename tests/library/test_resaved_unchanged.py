"""A file saved again with the same content (an editor's save, `touch`, a copy that keeps no
times) is not a change: the catalogue takes its new size and time and nothing else, so the grouped
ledger, its rows and the facets stay as they were and nothing is analysed or indexed again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from energybrowser.corpus import loader
from energybrowser.library import Library
from energybrowser.paths import DataPaths
from tests.conftest import FIXTURES


@pytest.fixture
def analysed(corpus: Path) -> Library:
    shutil.copy(FIXTURES / "import" / "wire-story.txt", corpus / "wire-story.txt")
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    library.write_ledger_rows()
    library.browse({})  # the facets, stored with the generation they were worked out at
    assert library.ledger_rows_current() and not library.pending()
    return library


def _resave(path: Path) -> None:
    """Write the same bytes again, with a later modification time."""
    data = path.read_bytes()
    later = path.stat().st_mtime_ns + 5_000_000_000
    path.write_bytes(data)
    os.utime(path, ns=(later, later))


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed from now on (the real parser runs; the calls are only counted)."""
    calls: list[Path] = []
    real = loader.load_article

    def counted(path: Path):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(path)

    monkeypatch.setattr(loader, "load_article", counted)
    return calls


def test_a_markdown_file_saved_again_unchanged_costs_a_stat_and_a_hash(
    analysed: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generation, stamp = analysed.catalogue.generation, analysed.ledger_rows_stamp()
    facets = analysed.catalogue.query("SELECT generation FROM derived WHERE name = 'facets'")
    resaved = sorted(corpus.glob("*.md"))[:3]
    for path in resaved:
        _resave(path)
    parsed = _parses(monkeypatch)
    changes = analysed.refresh()
    assert not changes
    assert parsed == []  # recognised by the hash of its text: not parsed again
    assert analysed.catalogue.generation == generation  # nothing derived from the rows is stale
    assert analysed.ledger_rows_stamp() == stamp and analysed.ledger_rows_current()
    assert not analysed.pending()
    analysed.browse({})
    assert analysed.catalogue.query("SELECT generation FROM derived WHERE name = 'facets'") == facets
    # The new times are stored: the next open (a CLI command, the next start) reads nothing.
    stats = {p.as_posix(): p.stat().st_mtime_ns for p in resaved}
    stored = dict(analysed.catalogue.query("SELECT path, mtime_ns FROM articles"))
    assert {path: stored[path] for path in stats} == stats
    analysed.close()
    again = Library.open(corpus, DataPaths.resolve())
    assert parsed == [] and again.catalogue.generation == generation and again.ledger_rows_current()


def test_a_file_of_a_catalogue_without_hashes_is_parsed_once_and_changes_nothing(
    analysed: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed.catalogue.run_write(lambda conn: conn.execute("DELETE FROM file_hashes"))  # as kept before
    analysed.write_ledger_rows()
    generation = analysed.catalogue.generation
    path = corpus / "wire-story.txt"  # (its article's hash is of the converted text, not of the file)
    _resave(path)
    parsed = _parses(monkeypatch)
    assert not analysed.refresh()
    assert [p.name for p in parsed] == ["wire-story.txt"]  # no hash to go by: read, found the same
    assert analysed.catalogue.generation == generation and analysed.ledger_rows_current()
    _resave(path)
    assert not analysed.refresh()
    assert len(parsed) == 1  # its hash was stored with the stat
    assert analysed.catalogue.generation == generation


def test_a_file_saved_with_a_change_is_still_read_and_analysed(analysed: Library, corpus: Path) -> None:
    generation = analysed.catalogue.generation
    path = sorted(corpus.glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA quokkaword sentence.\n", encoding="utf-8")
    changes = analysed.refresh()
    assert len(changes.changed) == 1
    assert analysed.catalogue.generation > generation and not analysed.ledger_rows_current()
    assert [e.id for e in analysed.pending()] == list(changes.changed)
    article = analysed.get(changes.changed[0])
    assert article is not None and "quokkaword" in article.text
