"""The library layer: the catalogue follows the files, bodies and analysis come from it on demand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from energybrowser.agreements.corpus import extract_corpus
from energybrowser.cli import main
from energybrowser.corpus.loader import load_corpus
from energybrowser.entities.model import VALUE_TYPES
from energybrowser.library import Library, context_around
from energybrowser.paths import DataPaths
from tests.conftest import FIXTURES


def _open(corpus: Path) -> Library:
    return Library.open(corpus, DataPaths.resolve())


def test_the_library_holds_what_the_files_say(corpus: Path) -> None:
    library = _open(corpus)
    parsed = {a.id: a for a in load_corpus(corpus)}
    assert set(library.ids()) == set(parsed)
    for entry in library.entries:
        article = library.get(entry.id)
        assert article == parsed[entry.id]
        assert entry.display_title == parsed[entry.id].display_title
        assert entry.paragraphs == len(parsed[entry.id].paragraphs)


def test_a_second_open_reads_no_file_and_writes_nothing(corpus: Path) -> None:
    first = _open(corpus)
    generation = first.catalogue.generation
    first.close()
    again = _open(corpus)
    assert again.catalogue.generation == generation
    assert len(again) == 5


def test_refresh_sees_files_added_changed_and_removed(corpus: Path) -> None:
    library = _open(corpus)
    files = sorted(corpus.glob("*.md"))
    gone = library.entries[0]
    gone.path.unlink()
    edited = files[1] if files[1] != gone.path else files[2]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nA zanzibarword sentence.\n\n", 1), encoding="utf-8")
    shutil.copy(FIXTURES / "import" / "wire-story.txt", corpus / "wire-story.txt")
    changes = library.refresh()
    assert changes.removed == (gone.id,)
    assert len(changes.changed) == 1 and len(changes.added) == 1
    changed = library.get(changes.changed[0])
    assert changed is not None and "zanzibarword" in changed.text
    assert next(e for e, _pos in library.scan("zanzibarword")).id == changes.changed[0]


def test_analysis_matches_the_extractors_and_is_kept(corpus: Path) -> None:
    library = _open(corpus)
    assert len(library.pending()) == 5
    assert library.analyse() == 5
    expected = extract_corpus(load_corpus(corpus))
    assert library.agreements() == expected.agreements
    assert library.groups() == expected.groups
    for article_id, spans in expected.entities.items():
        assert library.entities(article_id) == tuple(spans)
    library.close()
    again = _open(corpus)
    assert again.pending() == [] and again.analyse() == 0
    assert again.agreements() == expected.agreements


def test_empty_query_facets_list_named_things_only(corpus: Path) -> None:
    library = _open(corpus)
    library.analyse()
    entries, facets = library.browse({})
    assert len(entries) == 5
    kinds = {library.type_of(name) for name, _n in facets["entity"]}
    assert kinds and not kinds & VALUE_TYPES
    name, count = facets["entity"][0]
    narrowed, narrowed_facets = library.browse({"entity": name})
    assert len(narrowed) == count
    assert dict(narrowed_facets["entity"])[name] == count


def test_mentions_carry_their_context(corpus: Path) -> None:
    library = _open(corpus)
    library.analyse()
    mentions = library.mentions_of("SOCAR")
    assert mentions
    for mention in mentions:
        article = library.get(mention.article_id)
        assert article is not None
        assert mention.context == context_around(article.text, mention.start, mention.end)


def test_imported_articles_join_the_library(corpus: Path) -> None:
    imported = DataPaths.resolve().imported_articles
    imported.mkdir(parents=True)
    shutil.copy(sorted(corpus.glob("*.md"))[0], imported / "copy.md")  # same text: skipped
    library = _open(corpus)
    assert len(library) == 5
    assert any("same text" in str(p) for p in library.problems)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_every_command_sees_an_imported_article(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "new.txt"
    source.write_text(
        "Caspian Courier\n\nBaku and Astana signed a memorandum on a zanzibarword gas pipeline on "
        "5 May 2023 between SOCAR and KazMunayGas.\n",
        encoding="utf-8",
    )
    base = ["--corpus", str(corpus)]
    _cli(capsys, *base, "search", "pipeline")  # the index exists before the import
    _cli(capsys, *base, "import", str(source))
    found = json.loads(_cli(capsys, *base, "search", "zanzibarword", "--json"))
    assert found["total"] == 1
    article_id = found["results"][0]["article"]
    listed = json.loads(_cli(capsys, *base, "corpus", "list", "--json"))
    assert article_id in {row["id"] for row in listed}
    ledger = json.loads(_cli(capsys, *base, "agreements", "--json"))
    assert any(a["article"] == article_id and "zanzibarword" in a["evidence"]["text"] for a in ledger)
    assert "zanzibarword" in _cli(
        capsys, *base, "cite", article_id, "--style", "apa", "--quote", "zanzibarword"
    )
