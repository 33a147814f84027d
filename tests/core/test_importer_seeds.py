"""The importer on the five seed articles: structure, not exact output (that is the bundled corpus,
compared in test_cli_corpus)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from energybrowser.corpus.importer import convert_file
from energybrowser.corpus.model import Article, Author, PartialDate
from tests.conftest import REPO, SEEDS

SEED_DIR = next((p / "shared" / "seeds" for p in REPO.parents if (p / "shared" / "seeds").is_dir()), SEEDS)
pytestmark = pytest.mark.skipif(not SEED_DIR.is_dir(), reason="seed articles are not in this checkout")

# Furniture seen on the seeds' pages: none of it may reach an article's text.
FURNITURE = (
    "Leave a review", "Follow us", "News Line", "Difficult question", "Paylaş", "also available in",
    "Türkçe", "Similar Posts", "KIZILAY", "yılında", "top of page", "bottom of page", "Search",
    "Writer:", "min read", "Comments", "By Azernews", "The logos of",
)  # fmt: skip


def _seed(prefix: str) -> tuple[Path, Article]:
    path = next(SEED_DIR.glob(f"{prefix}_*.txt"))
    outcome = convert_file(path)
    assert outcome.ok, outcome.error
    return path, outcome.article


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_real_paragraph_is_kept_and_no_furniture(prefix: str) -> None:
    path, article = _seed(prefix)
    text = article.text
    for phrase in FURNITURE:
        assert phrase not in text, phrase
    assert not re.search(r"\bree\b", text)
    for line in path.read_text(encoding="utf-8").splitlines():
        plain = re.sub(r"\[\d+\]", "", line).strip(" •*\u00a0")
        plain = re.sub(r"^\d+\.\s", "", plain)
        if len(plain.split()) >= 15 and not line.startswith(("[", "Şeyma")) and plain != article.title:
            assert plain in text, plain[:60]
    assert article.meta.source == path.name
    assert article.meta.language == "en"


def test_notes_of_002_are_footnotes_with_urls() -> None:
    _, article = _seed("002")
    assert [f.label for f in article.footnotes] == [str(n) for n in range(1, 9)]
    with_url = [f for f in article.footnotes if re.search(r"https?://\S+", f.text)]
    assert len(with_url) == 7
    assert article.footnotes[2].text == "Ibid."
    assert all("Date of Accession: 28.03.2023" in f.text for f in with_url)
    for n in range(1, 9):
        assert f"[^{n}]" in article.body
    assert not re.search(r"\[\d\]", article.text)  # markers left the plain text
    assert article.meta.authors == (Author("Şeyma Kızılay"),)  # from the bio, in the text's own spelling
    assert article.meta.title == "The Energy Factor in Astana-Baku Relations"


def test_yearless_date_and_site_author_of_003() -> None:
    _, article = _seed("003")
    assert article.meta.date == PartialDate(None, 10, 24)
    assert article.meta.date_text == "Oct 24"
    assert article.meta.authors == (Author("Times Tengri", organization=True),)
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert len(headings) == 6
    assert headings[0].startswith("I. Deepening") and headings[-1] == "Conclusion"
    items = [b for b in article.paragraphs if b.source.startswith(("- ", "1. ", "2. "))]
    assert len(items) == 11


def test_captions_go_and_topical_heading_stays() -> None:
    _, untitled = _seed("000")
    assert untitled.meta.title == ""  # the text states none
    assert all(p.text != "KazMunayGas" for p in untitled.paragraphs)
    assert "KazMunayGas's control" in untitled.text
    assert len(untitled.paragraphs) == 8 and not [b for b in untitled.blocks if b.kind == "heading"]
    _, agency = _seed("004")
    assert [b.text for b in agency.blocks if b.kind == "heading"] == ["Kazakh oil transportation"]
    assert agency.meta.publisher == "Azernews" and agency.meta.authors == ()
    assert agency.meta.date == PartialDate(2022, 8, 25) and agency.meta.date_text == "2022-08-25"
