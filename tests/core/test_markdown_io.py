from __future__ import annotations

import pytest

from energybrowser.corpus.markdown_io import (
    ArticleFormatError,
    dump_article,
    parse_article,
    slugify,
)
from energybrowser.corpus.model import PartialDate

ARTICLE = """---
title: Pipeline talks resume
authors: [Jane Doe, {name: Caspian Wire, organization: true}]
publisher: Caspian Wire
date: 2023-03-28
date_text: 28 March 2023
language: en
---

## Background

First *paragraph* names SOCAR.[^1]

- one item
- another item

Last paragraph.

[^1]: "A source", Outlet, https://example.com/a, (Date of Accession: 28.03.2023).
"""


def test_paragraphs_are_numbered_and_headings_are_not() -> None:
    article = parse_article(ARTICLE, "fallback")
    kinds = [(b.kind, b.number, b.text) for b in article.blocks]
    assert kinds == [
        ("heading", None, "Background"),
        ("paragraph", 1, "First paragraph names SOCAR."),
        ("paragraph", 2, "one item"),
        ("paragraph", 3, "another item"),
        ("paragraph", 4, "Last paragraph."),
    ]


def test_block_offsets_slice_the_plain_text() -> None:
    article = parse_article(ARTICLE)
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
    offset = article.text.index("SOCAR")
    assert article.paragraph_at(offset) == 1
    assert article.paragraph_at(article.text.index("Background")) == 1  # heading -> next paragraph


def test_footnotes_become_notes_not_body_text() -> None:
    article = parse_article(ARTICLE)
    assert [f.label for f in article.footnotes] == ["1"]
    assert "example.com" in article.footnotes[0].text
    assert "[^1]" not in article.text and "example.com" not in article.text


def test_metadata_and_round_trip() -> None:
    article = parse_article(ARTICLE, "fallback")
    meta = article.meta
    assert meta.id == "fallback"
    assert meta.date == PartialDate(2023, 3, 28)
    assert [(a.name, a.organization) for a in meta.authors] == [("Jane Doe", False), ("Caspian Wire", True)]
    again = parse_article(dump_article(article))
    assert again.meta == meta
    assert again.text == article.text


@pytest.mark.parametrize(
    ("iso", "precision", "shown"),
    [
        ("2022", "year", "2022"),
        ("2022-08", "month", "August 2022"),
        ("2022-08-25", "day", "25 August 2022"),
        ("--10-24", "month-day", "24 October (year not stated)"),
        ("", "none", "n.d."),
    ],
)
def test_partial_dates_keep_their_precision(iso: str, precision: str, shown: str) -> None:
    date = PartialDate.parse_iso(iso)
    assert date.precision == precision
    assert date.iso() == iso
    assert date.display() == shown


@pytest.mark.parametrize("bad", ["2022-13-01", "28.03.2023", "tomorrow"])
def test_bad_dates_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse_iso(bad)


def test_bad_front_matter_gives_a_one_line_reason() -> None:
    with pytest.raises(ArticleFormatError, match="not valid YAML"):
        parse_article("---\ntitle: [unclosed\n---\n\nBody.\n")
    with pytest.raises(ArticleFormatError, match="no body"):
        parse_article("---\ntitle: Empty\n---\n\n")


def test_slugify_is_ascii_and_bounded() -> None:
    assert slugify("Tokayev's visit to Azerbaijan — Türkiye") == "tokayev-s-visit-to-azerbaijan-turkiye"
    assert len(slugify("word " * 50)) <= 60
    assert slugify("!!!") == "article"


def test_untitled_article_shows_its_opening_words_in_brackets() -> None:
    article = parse_article("---\ntitle: ''\n---\n\nOne two three four five six seven eight nine ten.\n", "x")
    assert article.title == ""
    assert article.display_title == "[Untitled: One two three four five six seven eight…]"
    assert parse_article(ARTICLE).display_title == "Pipeline talks resume"


def test_display_title_of_an_untitled_blob_stays_short() -> None:
    from energybrowser.corpus.markdown_io import build_article
    from energybrowser.corpus.model import OPENING_MAX_CHARS, ArticleMeta

    blob = build_article(ArticleMeta(id="b", title=""), "x" * 100_000)
    assert blob.display_title == f"[Untitled: {'x' * OPENING_MAX_CHARS}…]"
    short = build_article(ArticleMeta(id="s", title=""), "Gas talks.")
    assert short.display_title == "[Untitled: Gas talks.]"


@pytest.mark.parametrize(
    ("stated", "iso"),
    [("25 August 2022", "2022-08-25"), ("Oct 24", "--10-24"), ("March 2024", "2024-03")],
)
def test_a_corpus_file_takes_the_date_forms_import_takes(tmp_path, stated: str, iso: str) -> None:
    from energybrowser.corpus.importer.library import import_paths
    from energybrowser.corpus.loader import load_corpus

    text = f"---\ntitle: Gas deal\ndate: {stated}\n---\n\nSOCAR and KazMunayGas signed a memorandum.\n"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "deal.md").write_text(text, encoding="utf-8")
    opened = load_corpus(corpus)
    assert not opened.problems
    (article,) = opened.articles
    assert article.meta.date.iso() == iso and article.meta.date_text == stated
    into = tmp_path / "imported"
    import_paths([corpus / "deal.md"], into)
    (imported,) = load_corpus(into).articles
    assert imported.meta.date == article.meta.date


def test_a_date_no_form_reads_is_still_one_line() -> None:
    with pytest.raises(ArticleFormatError, match="field 'date'"):
        parse_article("---\ntitle: T\ndate: 2022-13-45\n---\n\nBody.\n", fallback_id="x")
