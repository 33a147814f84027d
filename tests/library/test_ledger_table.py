"""The ledger's rows in the catalogue (library/ledger_table.py): the same rows, in the same order for
each sort column and direction, as sorting the reviewed ledger's rows in Python; filtered by words
and review state in SQL; a review rewrites only the rows it touches and gives what a full write
gives; each row's reports read back as reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.agreements.ledger import AgreementRow, group_rows
from energybrowser.agreements.ledger_cells import COLUMNS, EVERY_STATE, FRESH, cell_text, sort_key
from energybrowser.bench.library_gen import default_sources, generate
from energybrowser.library import Library
from energybrowser.library.ledger_table import LedgerQuery
from energybrowser.paths import DataPaths


def _analysed(corpus: Path) -> Library:
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    return library


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    return generate(tmp_path / "generated", 40, default_sources())


def _python_order(rows: list[AgreementRow], query: LedgerQuery, title_of) -> list[AgreementRow]:
    """The order the window's table used to work out in Python (known values sorted, stably, in
    either direction; rows without a value after them; unreviewed first as a stable partition)."""
    shown = [r for r in rows if r.review_state in query.states]
    needle = query.text.casefold()
    if needle:
        shown = [
            r
            for r in shown
            if needle in "\n".join(cell_text(r, c, title_of) for c in range(len(COLUMNS))).casefold()
        ]
    if query.column >= 0:
        keys = {id(r): sort_key(r, query.column, cell_text(r, query.column, title_of)) for r in shown}
        known = [r for r in shown if keys[id(r)] is not None]
        known.sort(key=lambda r: keys[id(r)], reverse=not query.ascending)  # type: ignore[arg-type,return-value]
        shown = known + [r for r in shown if keys[id(r)] is None]
    if query.unreviewed_first:
        shown = [r for r in shown if r.review_state in FRESH] + [
            r for r in shown if r.review_state not in FRESH
        ]
    return shown


def _sql_order(library: Library, query: LedgerQuery) -> list[tuple[str, ...]]:
    table = library.ledger_table()
    ids = list(table.order(query))
    cells = table.cells(ids)
    return [tuple(m for m in _members(library, i)) for i in ids if i in cells]


def _members(library: Library, row_id: int) -> tuple[str, ...]:
    row = library.ledger_table().details(row_id)
    assert row is not None
    return tuple(a.id for a in row.reports)


def _check_every_order(library: Library) -> None:
    ledger = library.write_ledger_rows()
    for grouped in (True, False):
        rows = group_rows(ledger.agreements, grouped)
        assert library.ledger_table().count(grouped) == len(rows)
        for column in (-1, *range(len(COLUMNS))):
            for ascending in (True, False):
                query = LedgerQuery(grouped, column, ascending)
                expected = [
                    tuple(a.id for a in r.reports) for r in _python_order(rows, query, library._title_of)
                ]
                assert _sql_order(library, query) == expected, (grouped, COLUMNS[column], ascending)


def test_rows_and_every_sort_order_match_the_python_sort_on_the_bundled_corpus(corpus: Path) -> None:
    library = _analysed(corpus)
    assert library.agreements()
    _check_every_order(library)


def test_rows_and_every_sort_order_match_the_python_sort_on_a_generated_library(generated: Path) -> None:
    library = _analysed(generated)
    assert len(library.agreements()) > 20
    _check_every_order(library)


def test_word_and_review_filters_and_unreviewed_first_are_those_of_python(corpus: Path) -> None:
    library = _analysed(corpus)
    agreements = library.reviewed_ledger().agreements
    library.curation.confirm(agreements[0])
    library.curation.reject(agreements[1], "not one")
    ledger = library.write_ledger_rows()
    rows = group_rows(ledger.agreements, True)
    party = rows[0].parties[0] if rows[0].parties else "memorandum"
    shown_states = frozenset(EVERY_STATE - {"rejected"})
    for query in (
        LedgerQuery(text=party.upper()),
        LedgerQuery(text="no such words anywhere"),
        LedgerQuery(states=shown_states, column=COLUMNS.index("Date")),
        LedgerQuery(states=frozenset({"rejected"})),
        LedgerQuery(column=COLUMNS.index("Parties"), ascending=False, unreviewed_first=True),
    ):
        expected = [tuple(a.id for a in r.reports) for r in _python_order(rows, query, library._title_of)]
        assert _sql_order(library, query) == expected, query
    assert _sql_order(library, LedgerQuery(states=frozenset({"rejected"}))) == [(agreements[1].id,)]
    assert library.ledger_table().count(True, shown_states) == len(rows) - 1


def _table(library: Library) -> list[tuple[object, ...]]:
    """The rows as stored, without their ids (which a full write gives anew)."""
    return sorted(row[1:] for row in library.catalogue.query("SELECT * FROM ledger_rows"))


def test_a_review_rewrites_only_its_rows_and_gives_what_a_full_write_gives(corpus: Path) -> None:
    library = _analysed(corpus)
    before = library.write_ledger_rows()
    assert library.ledger_rows_current()
    grouped = next(
        a for a in before.agreements if a.group and sum(b.group == a.group for b in before.agreements) > 1
    )
    ids_before = {
        key: rid for rid, key in library.catalogue.query("SELECT id, key FROM ledger_rows WHERE grouped = 1")
    }
    library.curation.edit(grouped, {"subject": "pipeline checked by hand"})
    assert not library.ledger_rows_current()  # the reviews moved on
    after = library.reviewed_ledger()
    written = library.update_ledger_rows(before, after)
    assert 0 < written < len(group_rows(after.agreements, True))
    assert library.ledger_rows_current()
    partial = _table(library)
    ids_after = {
        key: rid for rid, key in library.catalogue.query("SELECT id, key FROM ledger_rows WHERE grouped = 1")
    }
    assert ids_after[grouped.group] == ids_before[grouped.group]  # the row kept its id: selection follows
    row = library.ledger_table().details(ids_after[grouped.group])
    assert row is not None and row.subject == "pipeline checked by hand" and row.review_state == "partly"
    library.write_ledger_rows(after)
    assert _table(library) == partial

    # A merge of two rows of different articles, then its undo.
    first, second = (r.lead for r in group_rows(after.agreements, True)[:2])
    library.curation.set_group([first, second], "u-merged")
    merged = library.reviewed_ledger()
    library.update_ledger_rows(after, merged)
    merged_group = next(a.group for a in merged.agreements if a.id == first.id)
    merged_id = library.ledger_table().row_id(True, merged_group)
    assert merged_id is not None
    assert set(_members(library, merged_id)) == {first.id, second.id}
    partial = _table(library)
    library.write_ledger_rows(merged)
    assert _table(library) == partial
    for review in library.curation.store.reviews():
        if review.values.get("group") == "u-merged":
            library.curation.forget_review(review.id)
    undone = library.reviewed_ledger()
    library.update_ledger_rows(merged, undone)
    partial = _table(library)
    library.write_ledger_rows(undone)
    assert _table(library) == partial
    assert library.update_ledger_rows(undone, undone) == 0


def test_a_rows_reports_read_back_as_reviewed(corpus: Path) -> None:
    library = _analysed(corpus)
    first = library.reviewed_ledger().agreements[0]
    library.curation.edit(first, {"subject": "edited subject"}, note="checked")
    ledger = library.write_ledger_rows()
    table = library.ledger_table()
    for grouped in (True, False):
        for row in group_rows(ledger.agreements, grouped):
            row_id = table.row_id(grouped, (row.lead.group or row.lead.id) if grouped else row.lead.id)
            assert row_id is not None
            assert table.details(row_id) == row
            (cells,) = table.cells([row_id]).values()
            assert cells.cells == tuple(cell_text(row, c, library._title_of) for c in range(len(COLUMNS)))
            assert cells.review == row.review_state and cells.articles == row.articles


def test_a_review_from_the_command_line_rewrites_the_rows_it_touched(corpus: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.cli import main

    library = _analysed(corpus)
    ledger = library.write_ledger_rows()
    target = ledger.agreements[0]
    ids_before = dict(library.catalogue.query("SELECT key, id FROM ledger_rows WHERE grouped = 0"))
    library.close()
    assert main(["--corpus", str(corpus), "review", "reject", target.id, "--reason", "a lead-in"]) == 0
    capsys.readouterr()
    again = Library.open(corpus, DataPaths.resolve())
    assert again.ledger_rows_current()  # the next start shows them as they are
    table = again.ledger_table()
    row_id = table.row_id(False, target.id)
    assert row_id == ids_before[target.id]  # rewritten in place
    (cells,) = table.cells([row_id]).values()
    assert cells.review == "rejected" and cells.cells[COLUMNS.index("Review")] == "✗"
    assert table.count(True, frozenset({"rejected"})) == 1
    expected = again.reviewed_ledger()
    again.write_ledger_rows(expected)  # a full write gives the same rows
    assert table.count(True) == len(group_rows(expected.agreements, True))
