"""The importer on web text: bylines, furniture, captions and headings, notes, language, dates."""

from __future__ import annotations

import pytest

from energybrowser.corpus.importer import convert_file, convert_text
from energybrowser.corpus.importer.byline import parse_byline
from energybrowser.corpus.importer.dates import parse_date
from energybrowser.corpus.importer.furniture import furniture_reason, word_counts
from energybrowser.corpus.importer.headings import heading_or_caption, proper_names
from energybrowser.corpus.model import Author, PartialDate
from tests.conftest import FIXTURES

IMPORT = FIXTURES / "import"
PARA = (
    "The two governments signed a memorandum on gas supplies on Tuesday, and officials said the "
    "first deliveries could start within a year if the financing is agreed."
)


def _import(name: str):
    outcome = convert_file(IMPORT / name)
    assert outcome.ok, outcome.error
    return outcome


@pytest.mark.parametrize(
    ("line", "authors", "publisher", "date", "date_text"),
    [
        (
            "By Jane Doe | Reuters | March 3, 2024",
            [Author("Jane Doe")],
            "Reuters",
            "2024-03-03",
            "March 3, 2024",
        ),
        ("date 2022-08-25 By Azernews", [], "Azernews", "2022-08-25", "2022-08-25"),
        ("Writer: Times Tengri", [Author("Times Tengri", organization=True)], "", "", ""),
        ("Author: Dmitri Volkov", [Author("Dmitri Volkov")], "", "", ""),
        ("Published 12.05.2023", [], "", "2023-05-12", "12.05.2023"),
        ("Oct 24", [], "", "--10-24", "Oct 24"),
        (
            "By Anna Lee and Omar Aliyev, 5 June 2023",
            [Author("Anna Lee"), Author("Omar Aliyev")],
            "",
            "2023-06-05",
            "5 June 2023",
        ),
        ("APA | June 14, 2023 | 10:45", [], "APA", "2023-06-14", "June 14, 2023"),
        ("Автор: Иван Петров", [Author("Иван Петров")], "", "", ""),
        ("Jane Doe | 3 May 2024", [Author("Jane Doe")], "", "2024-05-03", "3 May 2024"),
        ("Posted on 2 June 2023 by Caspian News", [], "Caspian News", "2023-06-02", "2 June 2023"),
    ],
)
def test_bylines_in_many_shapes(
    line: str, authors: list[Author], publisher: str, date: str, date_text: str
) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.publisher == publisher
    assert (byline.date.date.iso() if byline.date else "") == date
    assert (byline.date.text if byline.date else "") == date_text


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year the pipeline will be full.",  # prose that opens with "By"
        "Reuters",  # a site banner alone is not a byline
        "Jane Doe",  # nor a name alone: it may be a caption
        "Oil prices rose by 3% on Monday",
        "The logos of SOCAR and Tatneft",
        "Kazakh oil transportation",
    ],
)
def test_lines_that_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("3 марта 2024 г.", "2024-03-03", "3 марта 2024 г."),
        ("Monday, March 3, 2024 10:32 AM", "2024-03-03", "Monday, March 3, 2024"),
        ("9 February 2024 14:22 (UTC +04:00)", "2024-02-09", "9 February 2024"),
        ("Mar 2024", "2024-03", "Mar 2024"),
        ("24 October", "--10-24", "24 October"),
        ("05/06/2023", "2023", "05/06/2023"),  # day and month cannot be told apart: year only
        ("2023-03-28T10:00:00+04:00", "2023-03-28", "2023-03-28"),
    ],
)
def test_dates_keep_the_stated_precision(text: str, iso: str, shown: str) -> None:
    stated = parse_date(text)
    assert stated is not None
    assert stated.date.iso() == iso
    assert stated.text == shown


@pytest.mark.parametrize("text", ["2024", "Times Tengri", "May", "31.02.2024", "page 2"])
def test_non_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Paylaş",
        "Поделиться",
        "Facebook Twitter WhatsApp",
        "This post is also available in: Türkçe Русский",
        "EN | RU | AZ",
        "top of page",
        "4 min read",
        "Reading time: 6 minutes",
        "ree",
        "img_2041.jpg",
        "Home | World | Business | Energy",
        "We use cookies to personalise content. By continuing to use this site you agree.",
        "Read more: Azerbaijan's SOCAR posts record profit",
        "Photo: Ministry of Energy press service",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert furniture_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        PARA,
        "Kazakh oil transportation",
        "Conclusion",
        "By Jane Doe | Reuters | March 3, 2024",
        "Share prices of KazMunayGas rose by 3% after the announcement.",
        "oil",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    counts = word_counts([line, "Crude oil prices rose."])  # a short word the article uses elsewhere
    assert furniture_reason(line, counts) is None


def test_heading_is_topical_caption_describes_a_picture() -> None:
    body = (
        "Officials met in Aktau. Later KazMunayGas and SOCAR signed the deal. "
        "The stature of the companies matters. KazMunayGas controls much of the output."
    )
    names = proper_names([body])
    following = "The stature of the companies matters. KazMunayGas controls much of the output."
    assert heading_or_caption("KazMunayGas", following, names) == "caption"
    assert heading_or_caption("The logos of SOCAR and KazMunayGas", following, names) == "caption"
    topical = "The companies discussed the transportation of Kazakh oil across the sea. More later."
    assert heading_or_caption("Kazakh oil transportation", topical, names) == "heading"
    assert heading_or_caption("IV. Regional integration", following, names) == "heading"
    assert heading_or_caption("Outlook", following, names) == "heading"
    # Unclear lines are kept: losing a heading is worse than keeping a caption.
    assert heading_or_caption("What the deal leaves open", following, names) == "heading"


def test_wire_story_header_and_boilerplate() -> None:
    outcome = _import("wire-story.txt")
    meta = outcome.article.meta
    assert meta.title == "Kazakhstan and Azerbaijan agree to expand Caspian oil shipments"
    assert meta.authors == (Author("Jane Doe"),)
    assert meta.publisher == "Reuters"
    assert meta.date == PartialDate(2024, 3, 3)
    assert meta.date_text == "March 3, 2024"
    text = outcome.article.text
    for furniture in ("Home", "Share this", "cookies", "Read more", "newsletter", "Related", "OPEC+"):
        assert furniture not in text
    assert len(outcome.article.paragraphs) == 4
    assert text.endswith("Neither company disclosed the price terms of the arrangement.")


def test_notes_become_markdown_footnotes() -> None:
    article = _import("analysis-with-notes.txt").article
    assert article.meta.authors == (Author("Dmitri Volkov"),)
    assert article.meta.date_text == "12.05.2023"
    assert [f.label for f in article.footnotes] == ["1", "2", "3"]
    assert article.footnotes[1].text == "Ibid."
    assert "https://minenergy.example/news/2023-05-11" in article.footnotes[0].text
    assert "[^1]" in article.body and "[^3]" in article.body
    assert "[1]" not in article.text and "Notes" not in article.text and "Photo:" not in article.text
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Background"]


def test_bracketed_numbers_without_notes_stay_text() -> None:
    article = convert_text(f"A title for the test\n\n{PARA} See table [2] for details.\n", "x.txt")
    assert "[2]" in article.text
    assert article.footnotes == ()


def test_agency_brief_publisher_and_caption() -> None:
    article = _import("agency-brief.txt").article
    assert article.meta.publisher == "APA"
    assert article.meta.authors == ()  # an agency is not a person
    assert article.meta.title == "QazaqGaz and SOCAR sign gas processing agreement"
    assert "(left)" not in article.text and "Tags" not in article.text
    assert len(article.paragraphs) == 3


def test_bio_names_the_author_and_leaves_the_body() -> None:
    article = _import("commentary-with-bio.txt").article
    assert article.meta.authors == (Author("John Smith"),)
    assert "senior fellow" not in article.text and "JOHN SMITH" not in article.text
    assert "Follow us" not in article.text and "Comments" not in article.text
    # Hard-wrapped lines are joined back into paragraphs.
    assert len(article.paragraphs) == 3
    assert "but the real bottlenecks" in article.paragraphs[0].text


def test_russian_article_language_date_and_id() -> None:
    article = _import("russian-news.txt").article
    assert article.meta.language == "ru"
    assert article.meta.authors == (Author("Иван Петров"),)
    assert article.meta.date == PartialDate(2024, 3, 3)
    assert article.id == "kazakhstan-i-azerbaydzhan-obsudili-tranzit-nefti"
    assert "Поделиться" not in article.text and "Читайте" not in article.text


def test_untitled_text_gets_no_invented_title() -> None:
    article = convert_text(f"{PARA}\n\n{PARA.replace('Tuesday', 'Friday')}\n", "plain.txt")
    assert article.meta.title == ""
    assert article.meta.authors == () and article.meta.date.is_empty and article.meta.publisher == ""
    assert article.id == "the-two-governments-signed-a-memorandum"
    assert article.meta.source == "plain.txt"


def test_markdown_special_characters_survive_as_text() -> None:
    tricky = "#1 priority: *stars*, snake_case_names, [brackets], <tags> & &amp; stay as written."
    raw = f"Notes on *stars* and_underscores\n\n{tricky}\n\n1. A numbered point of the list.\n\n{PARA}\n"
    article = convert_text(raw, "special.txt")
    assert article.meta.title == "Notes on *stars* and_underscores"
    assert article.paragraphs[0].text == tricky
    item = article.paragraphs[1]
    assert item.source.startswith("1. ") and item.text == "A numbered point of the list."


def test_headline_is_picked_over_section_labels_and_standfirst_is_kept() -> None:
    raw = (
        "Oil & Gas\n\n"
        "Pipeline deal signed\n\n"
        "Both sides expect the first gas to flow through the new line within three years\n\n"
        "By Anna Lee, 5 June 2023\n\n"
        f"{PARA}\n"
    )
    article = convert_text(raw, "deal.txt")
    assert article.meta.title == "Pipeline deal signed"
    assert article.meta.authors == (Author("Anna Lee"),)
    assert "Oil & Gas" not in article.text
    assert article.paragraphs[0].text.startswith("Both sides expect the first gas")


@pytest.mark.parametrize(
    "ending",
    [
        "About the author\n\nMaria Ortega is a researcher at the Energy Charter Secretariat.\n",
        "MARIA ORTEGA\nMaria Ortega has covered Caspian energy since 2015 for several outlets.\n",
    ],
)
def test_bio_shapes_name_the_author(ending: str) -> None:
    raw = f"Where the Caspian gas goes next\n\n{PARA}\n\n{PARA.replace('Tuesday', 'Monday')}\n\n{ending}"
    article = convert_text(raw, "bio.txt")
    assert article.meta.authors == (Author("Maria Ortega"),)
    assert "Ortega" not in article.text and "About the author" not in article.text
    assert len(article.paragraphs) == 2


def test_closing_bio_of_a_byline_author_leaves_the_body() -> None:
    raw = (
        f"Where the Caspian gas goes next\n\nBy Maria Ortega\n\n{PARA}\n\n"
        "Maria Ortega is a researcher at the Energy Charter Secretariat.\n"
    )
    article = convert_text(raw, "bio.txt")
    assert article.meta.authors == (Author("Maria Ortega"),)
    assert "researcher" not in article.text


def test_html_headline_repeated_with_site_name_is_not_body() -> None:
    page = (
        "<html><head><meta property='og:title' content='Ferry line opens'></head><body>"
        "<h1>Ferry line opens | Port News</h1><h2>Timetable</h2>"
        f"<p>{PARA}</p></body></html>"
    )
    article = convert_text(page, "ferry.html")
    assert article.meta.title == "Ferry line opens"
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Timetable"]


def test_numbered_notes_under_a_references_heading() -> None:
    raw = (
        "Caspian tankers in numbers\n\n"
        f"{PARA}[1] More tankers joined the fleet this year.[2]\n\n"
        "References\n\n1. Port of Aktau, annual report 2023.\n2. Ibid., p. 4.\n"
    )
    article = convert_text(raw, "refs.txt")
    assert [(f.label, f.text) for f in article.footnotes] == [
        ("1", "Port of Aktau, annual report 2023."),
        ("2", "Ibid., p. 4."),
    ]
    assert "References" not in article.text and "annual report" not in article.text


def test_numbered_section_titles_are_headings_and_list_items_stay_items() -> None:
    raw = (
        "Caspian tankers in numbers\n\n1. Background\n\n"
        f"{PARA}\n\n"
        "1. Tankers: the fleet grew by four vessels over the year, the operator said.\n"
        "2. Ports: Aktau and Kuryk added berths.\n"
    )
    article = convert_text(raw, "numbered.txt")
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["1. Background"]
    assert [b.source[:3] for b in article.paragraphs[1:]] == ["1. ", "2. "]


def test_comments_block_is_cut_but_a_stray_opener_mid_article_is_not() -> None:
    paragraphs = "\n\n".join(PARA.replace("Tuesday", day) for day in ("Monday", "Tuesday", "Friday"))
    raw = (
        f"Gas talks continue\n\n{PARA}\n\nRead more\n\n{paragraphs}\n\n"
        "Comments (2)\n\nAli: Great article, thanks for the details on the deal.\n\n"
        "Guest: I disagree with the author about the timeline of deliveries.\n"
    )
    article = convert_text(raw, "comments.txt")
    assert len(article.paragraphs) == 4  # nothing of the article lost to the stray "Read more"
    assert "Read more" not in article.text
    assert "Great article" not in article.text and "I disagree" not in article.text


def test_section_label_and_timestamped_date_line() -> None:
    article = _import("agency-dated-with-time.txt").article
    assert article.meta.title == "Kazakhstan, Azerbaijan discuss energy cooperation"
    assert article.meta.date == PartialDate(2024, 2, 9)
    assert article.meta.date_text == "9 February 2024"
    assert article.text.startswith("BAKU, Azerbaijan, February 9.")
    assert "Economy" not in article.text and "Telegram" not in article.text
    assert "WhatsApp" not in article.text


def test_blog_post_widgets() -> None:
    outcome = _import("blog-post-widgets.txt")
    article = outcome.article
    assert article.meta.title == "Why the Trans-Caspian gas pipeline keeps coming back"
    assert article.meta.authors == (Author("Aigerim Nurlanova"),)
    assert article.meta.date_text == "March 12, 2023"
    assert len(article.paragraphs) == 2
    for furniture in ("Skip to content", "Caspian Energy Blog", "Menu", "Image:", "Like", "Related"):
        assert furniture not in article.text
    reasons = {text: reason for reason, text in outcome.dropped}
    assert reasons["Caspian Energy Blog"] == "header label"


def test_bare_names_are_section_headings_when_the_article_is_laid_out_by_them() -> None:
    section = (
        "Officials said the talks covered transit tariffs, the new terminal and the rail link to the port."
    )
    countries = ("Kazakhstan", "Azerbaijan", "Turkmenistan")
    raw = "Caspian states at a glance\n\n" + "\n\n".join(
        f"{country}\n\n{section} {country} expects more cargo, and Baku agreed." for country in countries
    )
    article = convert_text(raw, "glance.txt")
    assert [b.text for b in article.blocks if b.kind == "heading"] == list(countries)
    # One bare name between paragraphs is a caption (see test_heading_is_topical_caption_...).
    single = "Caspian states\n\n" + f"{section} Traders in Kazakhstan expect more.\n\nKazakhstan\n\n{section}"
    assert not [b for b in convert_text(single, "one.txt").blocks if b.kind == "heading"]
