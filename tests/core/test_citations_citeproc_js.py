"""Our citations against citeproc-js, the engine Zotero uses, on the same CSL-JSON records.

The expected entries are citeproc-js 2.4's own output, kept in tests/fixtures/citeproc_js.json by
tests/citeproc_js/make_fixtures.py (node is needed only to regenerate them). Where we differ on
purpose, the test says so: APA's "Retrieved" needs a date (postprocess.drop_dateless_retrieved), and
an entry with neither author nor title gets a bracketed description (citeproc-js opens it with the
date and cites it in the text as "(n.d.)", or as a style error in MLA).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from energybrowser.citations import postprocess
from energybrowser.citations.citing import in_text, reference
from energybrowser.citations.csl_json import to_csl_json, untitled_description
from energybrowser.corpus.markdown_io import parse_article
from tests.conftest import REPO

FIXTURE = json.loads((REPO / "tests" / "fixtures" / "citeproc_js.json").read_text(encoding="utf-8"))
CASES: dict[str, str] = json.loads(
    (REPO / "tests" / "citeproc_js" / "cases.json").read_text(encoding="utf-8")
)
RECORDS = {item["id"]: item for item in FIXTURE["items"]}
PAIRS = [(style, case) for style, entries in FIXTURE["entries"].items() for case in entries]


def _article(case: str):  # type: ignore[no-untyped-def]
    return parse_article(CASES[case], case)


def test_fixture_was_made_from_our_current_records() -> None:
    """Regenerate the fixture (make_fixtures.py) when our CSL-JSON changes."""
    assert {item["id"] for item in FIXTURE["items"]} == set(CASES)
    for case in CASES:
        assert to_csl_json(_article(case)) == RECORDS[case], case


def _described(case: str) -> bool:
    record = RECORDS[case]
    return not record.get("title") and not record.get("author")


@pytest.mark.parametrize(("style", "case"), PAIRS)
def test_reference_entry_as_citeproc_js_prints_it(style: str, case: str) -> None:
    expected = FIXTURE["entries"][style][case]["reference"]
    ours = reference(_article(case), style).text
    if _described(case):
        assert ours.startswith(untitled_description()) or f". {untitled_description()}." in ours, ours
        for part in (RECORDS[case].get("container-title"), RECORDS[case].get("URL")):
            assert not part or part in ours
        return
    if style == "apa":
        expected = postprocess.drop_dateless_retrieved(expected)
    assert ours == expected


@pytest.mark.parametrize(("style", "case"), PAIRS)
def test_in_text_citation_as_citeproc_js_prints_it(style: str, case: str) -> None:
    expected = FIXTURE["entries"][style][case]["citation"]
    ours = in_text(_article(case), style).text
    if _described(case) and ours != expected:  # Chicago names the site instead, as citeproc-js does
        assert untitled_description() in ours, ours
        return
    assert ours == expected


def test_an_untitled_article_with_an_author_has_no_invented_title() -> None:
    for style in FIXTURE["entries"]:
        assert "Untitled" not in reference(_article("untitled-full"), style).text


def test_fixture_names_the_engine() -> None:
    assert FIXTURE["citeproc_js"].startswith("2.")
    assert Path(REPO / "tests" / "citeproc_js" / "render.js").is_file()
