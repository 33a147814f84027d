"""The grouped ledger stored in the catalogue: a later start reads the same agreements, groups and
conflicts it worked out, and a stored ledger that is damaged or outdated is worked out again."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.agreements.corpus import extract_corpus
from energybrowser.corpus.loader import load_corpus
from energybrowser.library import Library, ledger_cache
from energybrowser.paths import DataPaths


def _analysed(corpus: Path) -> Library:
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    return library


def test_a_later_start_reads_the_ledger_as_worked_out(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_cache, "CHUNK_ROWS", 2)  # several chunks of each kind
    expected = extract_corpus(load_corpus(corpus))
    first = _analysed(corpus)
    assert first.agreements() == expected.agreements
    first.close()
    names = [
        n for (n,) in Library.open(corpus, DataPaths.resolve()).catalogue.query("SELECT name FROM derived")
    ]
    assert sum(n.startswith(ledger_cache.LEDGER_CHUNK) for n in names) > 2

    def no_grouping(*_args: object) -> None:
        raise AssertionError("the stored ledger should have been read")

    monkeypatch.setattr("energybrowser.agreements.grouping.group_agreements", no_grouping)
    again = Library.open(corpus, DataPaths.resolve())
    assert again.agreements() == expected.agreements
    assert again.groups() == expected.groups
    assert any(a.conflicts for a in again.agreements()) == any(a.conflicts for a in expected.agreements)


@pytest.mark.parametrize("damage", ["garbage", '["other stamp", "a", []]', "[]"])
def test_a_damaged_stored_ledger_is_worked_out_again(corpus: Path, damage: str) -> None:
    expected = extract_corpus(load_corpus(corpus))
    _analysed(corpus).close()
    library = Library.open(corpus, DataPaths.resolve())
    library.catalogue.conn.execute(
        "UPDATE derived SET value = ? "
        "WHERE name = (SELECT min(name) FROM derived WHERE name LIKE 'ledger/chunk-%')",
        (damage,),
    )
    assert library.agreements() == expected.agreements
    assert library.groups() == expected.groups


def test_a_lost_chunk_is_noticed(corpus: Path) -> None:
    expected = extract_corpus(load_corpus(corpus))
    _analysed(corpus).close()
    library = Library.open(corpus, DataPaths.resolve())
    library.catalogue.conn.execute(
        "DELETE FROM derived WHERE name = (SELECT max(name) FROM derived WHERE name LIKE 'ledger/chunk-%')"
    )
    assert (
        ledger_cache.load_ledger(library.catalogue, library.catalogue.generation, tuple(library.ids()))
        is None
    )
    assert library.agreements() == expected.agreements
