"""Entity corrections and the user's aliases reach everything library-wide: the mentions list of an
entity, the entity facet, the search index's `entity:`; an alias re-analyses only the articles
that name a changed entity, and the index re-indexes only the articles whose names changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.curation.session import use_user_gazetteer
from energybrowser.library import Library
from energybrowser.library.gazetteer_change import LABEL
from energybrowser.paths import DataPaths

ARTICLES = {
    "zgc-deal": (
        "ZGC and SOCAR sign gas deal",
        "ZGC and SOCAR signed a memorandum of understanding in Baku on 3 May 2024.\n\n"
        "The memorandum covers gas supplies from Azerbaijan.",
    ),
    "kmg-talks": (
        "KazMunayGas holds talks in Astana",
        "KazMunayGas and SOCAR held talks in Astana on oil transit.\n\n"
        "Kazakhstan expects the talks to continue.",
    ),
    "turkmen-gas": (
        "Turkmenistan looks west",
        "Turkmenistan and Azerbaijan discussed the Trans-Caspian Gas Pipeline.\n\nNo agreement was signed.",
    ),
    "oil-prices": (
        "Oil prices rise",
        "Brent crude rose on Monday as traders weighed supply risks.\n\nKazMunayGas shares fell.",
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for article_id, (title, body) in ARTICLES.items():
        text = f"---\ntitle: {title}\npublisher: Caspian Wire\ndate: 2024-05-03\n---\n\n{body}\n"
        (folder / f"{article_id}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def library(corpus: Path):
    paths = DataPaths.resolve()
    use_user_gazetteer(paths)  # as the window and the command line do
    opened = Library.open(corpus, paths)
    assert opened.analyse() == len(ARTICLES)
    yield opened
    opened.close()


def _mentioned_in(library: Library, canonical: str) -> list[str]:
    return sorted({m.article_id for m in library.mentions_of(canonical)})


def _entity_facet(library: Library) -> dict[str, int]:
    _entries, facets = library.browse({})
    return dict(facets["entity"])


def test_a_mention_marked_wrong_or_renamed_leaves_the_mentions_list_facets_and_index(library):
    engine = library.search_engine()
    try:
        assert engine.ensure_index().action == "rebuilt"
        assert _mentioned_in(library, "SOCAR") == ["kmg-talks", "zgc-deal"]
        text = library.get("kmg-talks").text
        start = text.index("SOCAR")
        wrong = library.curation.correct_entity("kmg-talks", start, start + len("SOCAR"), wrong=True)
        start = text.index("KazMunayGas")
        renamed = library.curation.correct_entity(
            "kmg-talks", start, start + len("KazMunayGas"), canonical="Zanzibar Oil Holding"
        )
        assert library.apply_corrections() == 1  # one article's rows written again
        assert library.apply_corrections() == 0  # and nothing more while nothing changes

        assert _mentioned_in(library, "SOCAR") == ["zgc-deal"]
        assert _mentioned_in(library, "Zanzibar Oil Holding") == ["kmg-talks"]
        assert library.type_of("Zanzibar Oil Holding") == "organization"
        facet = _entity_facet(library)
        assert facet["SOCAR"] == 1 and facet["Zanzibar Oil Holding"] == 1 and facet["KazMunayGas"] == 1
        narrowed, _facets = library.browse({"entity": "Zanzibar Oil Holding"})
        assert [e.id for e in narrowed] == ["kmg-talks"]

        status = engine.ensure_index()
        assert (status.action, status.changed) == ("updated", 1)  # that article alone
        assert [h.article_id for h in engine.search('entity:"Zanzibar Oil Holding"').hits] == ["kmg-talks"]
        assert [h.article_id for h in engine.search("entity:SOCAR").hits] == ["zgc-deal"]

        for change in (wrong, renamed):  # what undo does
            library.curation.undo([change])
        assert library.apply_corrections() == 1
        assert _mentioned_in(library, "SOCAR") == ["kmg-talks", "zgc-deal"]
        assert "Zanzibar Oil Holding" not in _entity_facet(library)
        assert engine.ensure_index().changed == 1
        assert sorted(h.article_id for h in engine.search("entity:SOCAR").hits) == ["kmg-talks", "zgc-deal"]
    finally:
        engine.close()


def test_an_alias_re_analyses_only_the_articles_naming_a_changed_entity(library):
    engine = library.search_engine()
    try:
        engine.ensure_index()
        assert "Zanzibar Gas Company" not in _entity_facet(library)
        library.curation.add_alias("ZGC", "Zanzibar Gas Company", "organization")
        use_user_gazetteer(library.paths)
        seen: list[str] = []
        assert library.analyse(lambda _done, _total, label: seen.append(label)) == 1
        assert LABEL in seen  # the look for touched articles reports progress
        assert library.pending() == []
        assert _mentioned_in(library, "Zanzibar Gas Company") == ["zgc-deal"]
        assert _entity_facet(library)["Zanzibar Gas Company"] == 1

        engine.close()
        engine = library.search_engine()  # as after an analysis: the index follows what changed
        status = engine.ensure_index()
        assert (status.action, status.changed) == ("updated", 1)
        assert [h.article_id for h in engine.search('entity:"Zanzibar Gas Company"').hits] == ["zgc-deal"]

        library.curation.gazetteer.replace_all([])  # undo: the alias is gone again
        use_user_gazetteer(library.paths)
        assert library.analyse() == 1
        assert _mentioned_in(library, "Zanzibar Gas Company") == []
        assert library.pending() == []
    finally:
        engine.close()


def test_a_new_name_for_a_known_entity_re_analyses_only_the_articles_holding_it(library):
    assert _mentioned_in(library, "KazMunayGas") == ["kmg-talks", "oil-prices"]
    library.curation.add_alias("oil transit", "KazMunayGas")
    use_user_gazetteer(library.paths)
    # Only kmg-talks holds the new name; oil-prices names KazMunayGas by its old name alone.
    assert library.analyse() == 1
    found = [s.text for s in library.entities("kmg-talks") if s.canonical == "KazMunayGas"]
    assert found == ["KazMunayGas", "oil transit"]
    assert [m.article_id for m in library.mentions_of("KazMunayGas")].count("kmg-talks") == 2
    assert library.pending() == []
    library.curation.add_alias("Kazakh oil major", "KazMunayGas")
    use_user_gazetteer(library.paths)
    assert library.analyse() == 0  # no article holds it: every row relabelled, none redone


def test_a_changed_rule_set_analyses_everything_again(library, monkeypatch):
    from energybrowser.library import analysis

    monkeypatch.setattr(analysis, "ANALYSER_CODE", "changed")
    analysis.base_version.cache_clear()
    try:
        assert library.analyse() == len(ARTICLES)
    finally:
        monkeypatch.undo()
        analysis.base_version.cache_clear()


def test_a_changed_name_is_looked_for_as_extraction_finds_it():
    from energybrowser.entities.gazetteer import fold_with_offsets
    from energybrowser.library.gazetteer_change import name_pattern

    pattern = name_pattern([("kazakh", "oil", "major"), ("askhat", "khassenov")])

    def holds(text: str) -> bool:
        return pattern.search(fold_with_offsets(text)[0]) is not None

    assert holds("the Kazakh\noil major said") and holds("KAZAKH-OIL MAJOR") and holds("Khassenov, Askhat")
    assert not holds("a major Kazakh oil field") and not holds("Askhat met Mr Khassenov")
