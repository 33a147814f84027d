"""The importer on HTML and Markdown (with and without front matter)."""

from __future__ import annotations

from energybrowser.corpus.importer import convert_file, convert_text
from energybrowser.corpus.model import Author, PartialDate
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "import"


def test_html_article_keeps_the_text_and_drops_the_page() -> None:
    outcome = convert_file(IMPORT / "pipeline-deal.html")
    assert outcome.ok, outcome.error
    article = outcome.article
    meta = article.meta
    assert meta.title == "Turkmen gas deal signed in Ashgabat"  # og:title, not "<title> | site"
    assert meta.authors == (Author("Amina Sultanova"),)
    assert meta.publisher == "Caspian Ledger"
    assert meta.date == PartialDate(2024, 2, 14)
    assert meta.date_text == "14 February 2024"  # what the page shows; <time datetime> gives precision
    assert meta.url == "https://caspianledger.example/2024/turkmen-gas-deal"
    assert meta.language == "en"
    text = article.text
    left_out = (
        "dataLayer", "display: flex", "Home", "cookies", "Facebook", "Officials at the signing",
        "Related articles", "Another story", "All rights reserved", "video.example",
    )  # fmt: skip
    for furniture in left_out:
        assert furniture not in text
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["What the framework covers"]
    assert "a review every three years." in text
    assert [p.text for p in article.paragraphs][2:4] == [
        "Deliveries start in 2026.",
        "Prices follow a hub-linked formula.",
    ]
    assert [f.text for f in article.footnotes] == ["Ministry of Energy statement, 14 February 2024."]
    assert "[^1]" in article.body


def test_html_without_metadata_states_nothing_more() -> None:
    page = (
        "<html><body><div id='sidebar'><p>Most read: gas prices</p></div>"
        "<main><h1>Caspian ports expand</h1><p>Aktau port added two berths this year, the operator said in "
        "a statement on its website, and plans more.</p><p>Kuryk follows next year.</p></main></body></html>"
    )
    article = convert_text(page, "ports.html")
    assert article.meta.title == "Caspian ports expand"
    assert article.meta.authors == () and article.meta.date.is_empty and article.meta.publisher == ""
    assert "Most read" not in article.text
    assert article.text.startswith("Aktau port added two berths")


def test_markdown_without_front_matter_goes_through_the_rules() -> None:
    article = convert_file(IMPORT / "gas-note-no-front-matter.md").article
    assert article is not None
    assert article.meta.title == "Gas cooperation deepens"
    assert article.meta.authors == (Author("Leyla Mammadova"),)
    assert article.meta.date == PartialDate(2024, 4, 2)
    assert "Share on" not in article.text and "By Leyla" not in article.text
    assert "**joint exploration**" in article.body  # Markdown written by the author is kept
    assert [f.text for f in article.footnotes] == ["SOCAR press release, 2 April 2024."]
    assert [p.text for p in article.paragraphs][-2:] == ["Block A lies onshore.", "Block B lies offshore."]


def test_markdown_with_front_matter_is_taken_as_written() -> None:
    article = convert_file(IMPORT / "curated-with-front-matter.md").article
    assert article is not None
    meta = article.meta
    assert meta.title == "Caspian ferry capacity doubles"
    assert meta.date == PartialDate(2024, 1) and meta.date.precision == "month"
    assert meta.date_text == "January 2024"
    assert meta.source == "curated-with-front-matter.md"
    assert meta.language == "en"  # filled in when the front matter leaves it out
    assert len(article.paragraphs) == 2


def test_html_linked_data_tables_and_lists() -> None:
    outcome = convert_file(IMPORT / "linked-data-news.html")
    assert outcome.ok, outcome.error
    article = outcome.article
    meta = article.meta
    assert meta.title == "Kazakh crude via BTC rises in first quarter"  # JSON-LD headline over <title>
    assert meta.authors == (Author("Timur Bekov"), Author("Lale Hasanova"))
    assert meta.publisher == "Caspian Wire"
    assert meta.date == PartialDate(2024, 4, 9)
    assert meta.url == "https://caspianwire.example/btc-q1"
    texts = [p.text for p in article.paragraphs]
    assert "Month | Tonnes" in texts and "January | 110,000" in texts
    assert "KazMunayGas shipped the largest share of the volumes." in texts
    assert any(p.source.startswith("- KazMunayGas") for p in article.paragraphs)
    assert "Subscribe" not in article.text and "Tweet" not in article.text


def test_an_article_in_memory_and_written_out_are_the_same() -> None:
    """A raw file loaded in memory and its imported .md file agree on text, metadata and hash, so a
    corpus of raw files and its imported copy index and cite alike."""
    from energybrowser.corpus.markdown_io import dump_article, parse_article

    for name in ("wire-story.txt", "pipeline-deal.html", "gas-note-no-front-matter.md"):
        article = convert_file(IMPORT / name).article
        assert article is not None
        written = parse_article(dump_article(article))
        assert (written.meta, written.text, written.content_hash) == (
            article.meta,
            article.text,
            article.content_hash,
        )
        assert [b.number for b in written.blocks] == [b.number for b in article.blocks]


def test_front_matter_of_other_tools_is_read_into_our_fields() -> None:
    article = convert_file(IMPORT / "web-clipper.md").article
    assert article is not None
    meta = article.meta
    assert meta.title == "Caspian gas: the view from Ashgabat"
    assert meta.authors == (Author("Merdan Atayev"),)
    assert meta.date == PartialDate(2023, 11, 7)  # `published`, not the clipping's `created` date
    assert meta.url == "https://example.org/caspian-gas-view"
    assert meta.source == "web-clipper.md"
