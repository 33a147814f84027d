"""Articles as CSL-JSON items: only what the article states, valid against the official schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from energybrowser.citations import cite, to_csl_json
from energybrowser.citations.csl_json import csl_name
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.corpus.model import Author
from tests.conftest import FIXTURES

FIXTURE_NAMES = sorted(p.stem for p in (FIXTURES / "citations").glob("*.md"))
SCHEMA = json.loads((FIXTURES / "citations" / "csl-data.schema.json").read_text(encoding="utf-8"))


def article(name: str):
    return parse_article((FIXTURES / "citations" / f"{name}.md").read_text(encoding="utf-8"), name)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_validates_against_the_csl_json_schema(name: str) -> None:
    jsonschema.validate([to_csl_json(article(name))], SCHEMA)
    exported = json.loads(cite(article(name), "csl-json").text)
    jsonschema.validate(exported, SCHEMA)
    assert exported == [to_csl_json(article(name))]


def test_schema_rejects_what_it_should() -> None:
    # The fixture schema is the real one, not a permissive stand-in.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "newspaper-article"}], SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "webpage", "author": [{"name": "A"}]}], SCHEMA)


def test_full_article_record() -> None:
    assert to_csl_json(article("full")) == {
        "id": "socar-kmg-memorandum",
        "type": "article-newspaper",
        "title": "SOCAR and KazMunayGas sign energy memorandum",
        "author": [{"family": "Kızılay", "given": "Ayşe"}, {"family": "Smith", "given": "John"}],
        "container-title": "Caspian News",
        "issued": {"date-parts": [[2023, 10, 24]]},
        "URL": "https://caspiannews.example/socar-kmg-memorandum",
        "accessed": {"date-parts": [[2024, 1, 5]]},
        "language": "en",
    }


def test_organisation_is_a_literal_and_a_report_has_a_publisher() -> None:
    record = to_csl_json(article("org-report"))
    assert record["type"] == "report"
    assert record["author"] == [{"literal": "State Oil Company of Azerbaijan Republic"}]
    assert record["publisher"] == "SOCAR"
    assert "container-title" not in record
    assert record["issued"] == {"date-parts": [[2022, 8]]}


def test_year_less_date_is_no_issued_date_and_is_kept_as_stated() -> None:
    record = to_csl_json(article("year-less"))
    assert "issued" not in record
    assert record["note"] == "Date as stated, without a year: Oct 24"


def test_nothing_is_invented_for_missing_metadata() -> None:
    assert to_csl_json(article("minimal")) == {
        "id": "minimal",
        "type": "webpage",
        "title": "Gas prices in Central Asia",
    }
    record = to_csl_json(article("anonymous-undated"))
    assert not {"author", "issued", "publisher", "container-title", "language", "note"} & set(record)


def test_year_precision() -> None:
    assert to_csl_json(article("magazine-three-authors"))["issued"] == {"date-parts": [[2021]]}
    assert to_csl_json(article("magazine-three-authors"))["type"] == "article-magazine"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ayşe Kızılay", {"family": "Kızılay", "given": "Ayşe"}),
        ("Jan van der Berg", {"family": "van der Berg", "given": "Jan"}),
        ("Ilham  Aliyev", {"family": "Aliyev", "given": "Ilham"}),
        ("Smith, John", {"family": "Smith", "given": "John"}),
        ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("John Smith, Jr.", {"family": "Smith", "given": "John", "suffix": "Jr."}),
        ("Reuters", {"literal": "Reuters"}),
        ("Van Morrison", {"family": "Morrison", "given": "Van"}),  # capitalised: a given name, not a particle
    ],
)
def test_person_names(name: str, expected: dict[str, str]) -> None:
    assert csl_name(Author(name)) == expected


def test_organisation_name_is_never_split() -> None:
    assert csl_name(Author("Trend News Agency", organization=True)) == {"literal": "Trend News Agency"}
    assert csl_name(Author("Smith, Jones & Partners", organization=True)) == {
        "literal": "Smith, Jones & Partners"
    }


@pytest.mark.parametrize(
    ("name", "publisher"),
    [
        ("Trend News Agency", ""),  # an organisation word
        ("Caspian Policy Center", ""),
        ("Times Tengri", "Times Tengri"),  # the publisher's own name
        ("State Oil Company of Azerbaijan Republic", ""),  # known to the gazetteer
        ("KazMunayGas", ""),
    ],
)
def test_unflagged_organisation_bylines_are_still_never_split(name: str, publisher: str) -> None:
    assert csl_name(Author(name), publisher) == {"literal": name}


def test_a_person_named_like_the_publisher_only_when_equal() -> None:
    assert csl_name(Author("Ayşe Kızılay"), "Caspian News") == {"family": "Kızılay", "given": "Ayşe"}


def test_source_web_address_is_the_url_when_no_url_is_given() -> None:
    text = "---\ntitle: Gas\nsource: https://news.example/gas\n---\n\nBody.\n"
    assert to_csl_json(parse_article(text, "gas"))["URL"] == "https://news.example/gas"
    text = "---\ntitle: Gas\nsource: 004_4b89f9ee8b676db5.txt\n---\n\nBody.\n"
    assert "URL" not in to_csl_json(parse_article(text, "gas"))
