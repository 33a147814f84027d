"""The curation store, entity corrections, metadata overrides and the user's gazetteer."""

from __future__ import annotations

import sqlite3

import pytest

from energybrowser.corpus.model import Author, PartialDate
from energybrowser.curation.aliases import UserGazetteer
from energybrowser.curation.anchor import quote_at
from energybrowser.curation.entities import EntityCorrection, apply_entity_corrections
from energybrowser.curation.fields import FieldError
from energybrowser.curation.metadata import apply_metadata, override_metadata
from energybrowser.curation.records import add_review, confirm, reject
from energybrowser.curation.store import CurationFormatError, CurationStore
from energybrowser.entities.extract import extract_entities
from energybrowser.entities.gazetteer import load_gazetteer, set_user_gazetteer
from tests.core.extraction_helpers import make_article

TEXT = "SOCAR and KazMunayGas signed a memorandum in Baku on 3 May 2024. Ajax Petro joined them."


def review(text: str = TEXT):
    return add_review("art", quote_at(text, 0, text.index(".") + 1), {"parties": ["SOCAR"]})


def test_reviews_round_trip_through_sqlite(tmp_path):
    path = tmp_path / "c.sqlite"
    first = review()
    with CurationStore(path) as store:
        store.put_review(first)
        store.put_review(reject(first, "dup"))
    with CurationStore(path) as store:
        (again,) = store.reviews()
        assert again.state == "rejected" and again.note == "dup"
        assert store.reviews("other-article") == []
        store.delete_review(first.id)
        assert store.review(first.id) is None


def test_the_store_lives_in_a_connection_it_is_given(tmp_path):
    conn = sqlite3.connect(tmp_path / "catalogue.sqlite", isolation_level=None)  # as the catalogue
    conn.execute("CREATE TABLE articles(key INTEGER PRIMARY KEY)")
    store = CurationStore(conn)
    store.put_review(review())
    store.close()  # not its connection: left open
    assert conn.execute("SELECT count(*) FROM curation_agreement_reviews").fetchone() == (1,)


def test_a_newer_schema_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "c.sqlite"
    CurationStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE curation_schema SET version = 99")
    with pytest.raises(CurationFormatError, match="newer version"):
        CurationStore(path)


def test_a_transaction_rolls_back_every_write_in_it(tmp_path):
    store = CurationStore(tmp_path / "c.sqlite")
    with pytest.raises(RuntimeError), store.transaction():
        store.put_review(review())
        raise RuntimeError
    assert store.reviews() == []


def test_import_keeps_the_newer_record(tmp_path):
    old = review()
    newer = confirm(old, at="2999-01-01T00:00:00Z")
    here = CurationStore(tmp_path / "a.sqlite")
    here.put_review(newer)
    there = CurationStore(tmp_path / "b.sqlite")
    there.put_review(old)
    counts = here.import_json(there.export_json())
    assert (counts.added, counts.updated, counts.kept) == (0, 0, 1)
    assert here.review(old.id) == newer
    counts = there.import_json(here.export_json())
    assert counts.updated == 1 and there.review(old.id) == newer


def test_import_checks_everything_before_writing(tmp_path):
    store = CurationStore(tmp_path / "c.sqlite")
    data = store.export_json()
    data["agreement_reviews"] = [review().to_json(), {"id": "r-x"}]
    with pytest.raises(CurationFormatError, match="bad record"):
        store.import_json(data)
    assert store.reviews() == []


def test_metadata_override_is_laid_over_the_file():
    article = make_article("Some text.", date="2022")
    override = override_metadata(
        None,
        article.meta,
        {"title": "A Better Title", "authors": "Ann Lee; Bo Chan", "date": "2022-08-25"},
        "t1",
    )
    shown = apply_metadata(article, override)
    assert shown.title == "A Better Title" and shown.meta.date == PartialDate(2022, 8, 25)
    assert shown.meta.authors == (Author("Ann Lee"), Author("Bo Chan"))
    assert article.title == "Test"  # the original is untouched
    back = override_metadata(override, article.meta, {"title": "Test"}, "t2")
    assert "title" not in back.values and "date" in back.values
    with pytest.raises(FieldError, match="title cannot be empty"):
        override_metadata(None, article.meta, {"title": "  "}, "t3")


def test_entity_corrections_drop_retype_and_rename_mentions():
    article = make_article(TEXT, article_id="art")
    spans = {"art": extract_entities(article)}
    socar = TEXT.index("SOCAR")
    baku = TEXT.index("Baku")
    corrections = [
        EntityCorrection("e-1", "art", quote_at(article.text, socar, socar + 5), wrong=True, updated="1"),
        EntityCorrection(
            "e-2", "art", quote_at(article.text, baku, baku + 4), canonical="Baku City", updated="2"
        ),
    ]
    fixed, problems = apply_entity_corrections(spans, corrections, {"art": article}.get)
    names = [s.canonical for s in fixed["art"]]
    assert "SOCAR" not in names and "Baku City" in names and problems == ()
    with pytest.raises(FieldError):
        EntityCorrection("e-3", "art", quote_at(article.text, 0, 5), type="planet")


def test_an_alias_in_the_user_gazetteer_changes_what_is_found(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    article = make_article(TEXT, article_id="art")
    assert "KazMunayGas" not in {s.canonical for s in extract_entities(article) if s.text == "Ajax Petro"}
    try:
        set_user_gazetteer(path)
        entry = UserGazetteer(path).add_alias("Ajax Petro", "KazMunayGas")
        assert entry.type == "organization"
        set_user_gazetteer(path)  # the library does this after writing the file
        assert load_gazetteer().lookup("Ajax Petro").canonical == "KazMunayGas"
        found = {s.text: s.canonical for s in extract_entities(article)}
        assert found["Ajax Petro"] == "KazMunayGas"
        with pytest.raises(FieldError, match="give its type"):
            UserGazetteer(path).add_alias("Zed", "Nobody Known")
        assert UserGazetteer(path).remove_alias("Ajax Petro")
    finally:
        set_user_gazetteer(None)
