"""The analyst's metadata overrides reach the search index: `title:` and the publisher and year
facets find the values shown, after a one-article update of the index (never a rebuild)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from energybrowser.cli import main
from energybrowser.library import Library
from energybrowser.paths import DataPaths

SOURCE = "the-energy-factor-in-astana-baku-relations"


def search(capsys: pytest.CaptureFixture[str], corpus: Path, query: str, *options: str) -> dict:
    status = main(["--corpus", str(corpus), "search", query, "--json", *options])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out)


def review(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> None:
    status = main(["--corpus", str(corpus), "review", *argv])
    _out, err = capsys.readouterr()
    assert status == 0, err


def test_an_overridden_title_publisher_and_year_are_found_by_the_next_search(capsys, corpus):
    assert search(capsys, corpus, "title:zanzibar")["total"] == 0  # the index is built here
    review(
        capsys, corpus, "metadata", SOURCE, "--set", "title=The Zanzibar Accord on Caspian Gas",
        "--set", "publisher=Quayside Review", "--set", "date=1997-03-04",
    )  # fmt: skip
    found = search(capsys, corpus, "title:zanzibar")
    assert [(r["article"], r["title"]) for r in found["results"]] == [
        (SOURCE, "The Zanzibar Accord on Caspian Gas")
    ]
    everything = search(capsys, corpus, "caspian")
    assert everything["facets"]["publisher"].get("Quayside Review") == 1
    assert everything["facets"]["year"].get("1997") == 1
    narrowed = search(capsys, corpus, "caspian", "--filter", "publisher=Quayside Review")
    assert [r["article"] for r in narrowed["results"]] == [SOURCE]
    assert search(capsys, corpus, "caspian", "--filter", "year=1997")["total"] == 1

    review(capsys, corpus, "metadata", SOURCE, "--clear")  # back to what the file states
    assert search(capsys, corpus, "title:zanzibar")["total"] == 0
    assert "Quayside Review" not in search(capsys, corpus, "caspian")["facets"]["publisher"]


def test_an_override_re_indexes_that_article_alone(corpus):
    paths = DataPaths.resolve()
    library = Library.open(corpus, paths)
    engine = library.search_engine()
    try:
        built = engine.ensure_index()
        assert built.action == "rebuilt" and built.articles == len(library) > 1
        assert engine.ensure_index().action == "unchanged"
        library.curation.edit_metadata(SOURCE, {"title": "Quite Another Heading"})
        library.curation_changed()
        status = engine.ensure_index(quick=True)
        assert (status.action, status.changed, status.removed) == ("updated", 1, 0)
        hits = engine.search("title:another heading").hits
        assert [(h.article_id, h.title) for h in hits] == [(SOURCE, "Quite Another Heading")]
        assert engine.ensure_index().action == "unchanged"
        # The articles as their files state them are what reviews anchor to: no override there.
        assert library.stated_article(SOURCE).revision == ""
    finally:
        engine.close()
        library.close()

    reopened = Library.open(corpus, paths)  # the next start: the override and its index stay
    engine = reopened.search_engine()
    try:
        assert engine.ensure_index().action == "unchanged"
        assert [h.article_id for h in engine.search("title:another heading").hits] == [SOURCE]
    finally:
        engine.close()
        reopened.close()


def test_a_word_an_updated_article_lost_does_not_break_the_search_of_others(tmp_path):
    """A re-indexed article leaves its old version deleted in its segment: a query word that only
    that version held must not stop the snippets of the other hits (it said "index damaged")."""
    folder = tmp_path / "words"
    folder.mkdir()
    for name, body in (("first", "Quuxword and pipeline talks."), ("second", "Zgcword pipeline deal.")):
        (folder / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n\n{body}\n", encoding="utf-8")
    library = Library.open(folder, DataPaths.resolve())
    engine = library.search_engine()
    try:
        engine.ensure_index()
        (folder / "first.md").write_text("---\ntitle: first\n---\n\nPipeline talks.\n", encoding="utf-8")
        library.refresh()
        assert engine.ensure_index().changed == 1
        results = engine.search("zgcword OR quuxword")
        assert not results.error and [h.article_id for h in results.hits] == ["second"]
        assert "<mark>Zgcword</mark>" in results.hits[0].snippets[0].html
    finally:
        engine.close()
        library.close()


GEO = "the-geoeconomic-significance-of-strategic-interaction"


def test_parties_and_types_a_review_changes_are_found_by_the_next_search(capsys, corpus):
    """The index files an article's agreements as the analyst reviewed them: an edited party list,
    an edited type, a rejected row and an added agreement reach `party:` and `type:`."""
    assert search(capsys, corpus, 'party:"Quayside Energy"')["total"] == 0  # the index is built here
    assert GEO in {r["article"] for r in search(capsys, corpus, "party:Samruk-Kazyna")["results"]}
    review(
        capsys, corpus, "edit", f"{GEO}#a2", "--set", "parties=Quayside Energy; SOCAR", "--set", "type=treaty"
    )
    assert [r["article"] for r in search(capsys, corpus, 'party:"Quayside Energy"')["results"]] == [GEO]
    assert [r["article"] for r in search(capsys, corpus, "type:treaty")["results"]] == [GEO]
    review(capsys, corpus, "reject", f"{GEO}#a1", "--reason", "a lead-in")  # its Samruk-Kazyna row
    assert GEO not in {r["article"] for r in search(capsys, corpus, "party:Samruk-Kazyna")["results"]}

    review(capsys, corpus, "clear", f"{GEO}#a2")  # back to what the extractor found
    review(capsys, corpus, "clear", f"{GEO}#a1")
    assert search(capsys, corpus, 'party:"Quayside Energy"')["total"] == 0
    assert search(capsys, corpus, "type:treaty")["total"] == 0
    assert GEO in {r["article"] for r in search(capsys, corpus, "party:Samruk-Kazyna")["results"]}


def test_a_party_edit_re_indexes_that_article_alone_and_a_confirmation_none(corpus):
    library = Library.open(corpus, DataPaths.resolve())
    engine = library.search_engine()
    try:
        library.analyse()
        engine.ensure_index()
        rows = {a.id: a for a in library.reviewed_ledger().agreements}
        library.curation.confirm(rows[f"{GEO}#a1"])
        assert engine.ensure_index(quick=True).action == "unchanged"  # the index holds nothing new
        library.curation.edit(rows[f"{GEO}#a2"], {"parties": ["Quayside Energy"]})
        status = engine.ensure_index(quick=True)
        assert (status.action, status.changed) == ("updated", 1)
        assert [h.article_id for h in engine.search('party:"Quayside Energy"').hits] == [GEO]
        # The other party of the article, from its confirmed row, is still filed.
        assert GEO in {h.article_id for h in engine.search("party:Samruk-Kazyna").hits}
    finally:
        engine.close()
        library.close()
