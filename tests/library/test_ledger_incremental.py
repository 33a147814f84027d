"""After a few articles change, the ledger is grouped again only where they are (`regroup`) and only
the rows whose content changed are written: the grouped ledger is the one grouping everything
gives, and the stored rows, reports and conflicts are those a write from scratch gives, row for row."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

from energybrowser.agreements.grouping import group_agreements
from energybrowser.agreements.ledger import group_rows
from energybrowser.bench.library_gen import default_sources, generate
from energybrowser.library import Library, codec, ledger_cache
from energybrowser.paths import DataPaths


def _tables(library: Library) -> tuple[list[tuple[object, ...]], ...]:
    """Everything the ledger's tables hold, without row ids (a write from scratch gives new ones)."""
    query = library.catalogue.query
    return (
        sorted(row[1:] for row in query("SELECT * FROM ledger_rows")),
        sorted(query("SELECT id, article, data FROM ledger_agreements")),
        sorted(query("SELECT grp, data FROM ledger_conflicts")),
    )


def _paragraphs(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [p for p in body.split("\n\n") if p.strip()]


def _change(rng: random.Random, corpus: Path, round_: int) -> None:
    """Articles edited (a paragraph of another article added: its agreements come along, and link
    to others), one retitled, one removed, one added (another's text under a new id)."""
    files = sorted(corpus.glob("*.md"))
    retitled = rng.choice(files)
    text = re.sub(r"^title: .*$", f"title: Retitled in round {round_}", retitled.read_text(encoding="utf-8"),
                  count=1, flags=re.MULTILINE)  # fmt: skip
    retitled.write_text(text, encoding="utf-8")
    for path in rng.sample(files, 3):
        extra = rng.choice(_paragraphs(rng.choice(files)))
        path.write_text(path.read_text(encoding="utf-8") + "\n" + extra + "\n", encoding="utf-8")
    files[rng.randrange(len(files))].unlink()
    source = rng.choice(sorted(corpus.glob("*.md"))).read_text(encoding="utf-8")
    added = re.sub(r"^id: .*$", f"id: added-{round_}", source, count=1, flags=re.MULTILINE)
    (corpus / f"added-{round_}.md").write_text(added, encoding="utf-8")


def test_after_random_changes_only_changed_rows_are_written_and_the_table_is_a_full_writes(
    tmp_path: Path,
) -> None:
    corpus = generate(tmp_path / "generated", 60, default_sources())
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    library.write_ledger_rows()
    rng = random.Random(12)
    for round_ in range(4):
        _change(rng, corpus, round_)
        if round_ % 2:  # a review too: confirmed, and a subject edited
            shown = library.reviewed_ledger().agreements
            library.curation.confirm(rng.choice(shown))
            library.curation.edit(rng.choice(shown), {"subject": f"checked in round {round_}"})
        library.refresh()
        assert library.analyse()
        ids_before = {rid for (rid,) in library.catalogue.query("SELECT id FROM ledger_rows")}
        ledger = library.write_ledger_rows()
        ids_after = {rid for (rid,) in library.catalogue.query("SELECT id FROM ledger_rows")}
        assert len(ids_before & ids_after) > len(ids_after) // 2  # most rows were kept as they were
        total = sum(len(group_rows(ledger.agreements, grouped)) for grouped in (True, False))
        written = library.ledger_table().write(
            ledger, library._title_of, library.ledger_rows_stamp(), library._extracted()
        )
        assert written == 0  # nothing changed since: nothing written
        incremental = _tables(library)

        # The grouping is that of grouping every report anew.
        items, _digests = library._analysed_agreements()
        assert (library.agreements(), library.groups()) == group_agreements(items)

        # A write from scratch gives the same rows.
        library.ledger_table().write(
            ledger, library._title_of, library.ledger_rows_stamp(), library._extracted(), keep=False
        )
        assert _tables(library) == incremental
        assert len(incremental[0]) == total


def test_a_change_writes_only_the_rows_it_touches(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "generated", 60, default_sources())
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    library.write_ledger_rows()
    before = dict(library.catalogue.query("SELECT key || '/' || grouped, id FROM ledger_rows"))
    path = next(p for p in sorted(corpus.glob("*.md")) if library.agreements_of(p.stem))
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nAn editor's note added later.\n", encoding="utf-8")  # no agreement
    library.refresh()
    library.analyse()
    ledger = library.write_ledger_rows()
    after = dict(library.catalogue.query("SELECT key || '/' || grouped, id FROM ledger_rows"))
    assert after == before  # every row kept its id: none was written anew
    written = library.ledger_table().write(
        ledger, library._title_of, library.ledger_rows_stamp(), library._extracted()
    )
    assert written == 0


def test_the_stored_ledger_is_regrouped_not_grouped_anew(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = generate(tmp_path / "generated", 40, default_sources())
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    expected_before = library.agreements()
    library.close()
    path = sorted(corpus.glob("*.md"))[3]
    path.write_text(path.read_text(encoding="utf-8") + "\nA later note.\n", encoding="utf-8")

    def no_grouping(*_args: object) -> None:
        raise AssertionError("the stored ledger should have been regrouped")

    again = Library.open(corpus, DataPaths.resolve())  # a new process: the stored ledger is read
    again.analyse()
    monkeypatch.setattr("energybrowser.agreements.grouping.group_agreements", no_grouping)
    monkeypatch.setattr("energybrowser.agreements.regroup.group_agreements", no_grouping)
    assert again.agreements() == expected_before  # a note with no agreement changes no group
    stored = ledger_cache.read_ledger(again.catalogue)
    assert stored is not None and stored.basis == ledger_cache.grouping_basis()
    assert set(stored.digests) == set(again.ids())  # every analysed article, with agreements or not


def test_a_groups_conflicts_changing_rewrites_the_rows_of_its_unchanged_reports(corpus: Path) -> None:
    """A report whose article did not change still shows its group's conflicts as they are now."""
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    library.write_ledger_rows()
    kept, other = sorted((a for a in library.agreements() if a.conflicts), key=lambda a: a.id)[
        :2
    ]  # two reports of one agreement that disagree; `kept` names their group
    assert kept.group == other.group and kept.article != other.article
    (key,) = [e.key for e in library if e.id == other.article]

    def unlink(conn) -> None:  # type: ignore[no-untyped-def]
        (stored,) = conn.execute("SELECT agreements FROM analysis WHERE key = ?", (key,)).fetchone()
        items = tuple(
            replace(a, parties=("Nobody Else Ltd",)) if a.id == other.id else a  # no longer one agreement
            for a in codec.load_agreements(stored)
        )
        conn.execute("UPDATE analysis SET agreements = ? WHERE key = ?", (codec.dump_agreements(items), key))

    library.catalogue.run_write(unlink)
    ledger = library.write_ledger_rows()
    alone = next(a for a in ledger.agreements if a.id == kept.id)
    assert alone.group == kept.group and not alone.conflicts  # same group id, its conflicts gone
    incremental = _tables(library)
    library.ledger_table().write(
        ledger, library._title_of, library.ledger_rows_stamp(), library._extracted(), keep=False
    )
    assert _tables(library) == incremental
