"""BibTeX read back by a real parser, RIS records that open and close, Markdown with a link."""

from __future__ import annotations

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from energybrowser.citations import citation_keys, cite, to_bibtex, to_bibtex_many, to_ris
from energybrowser.citations.bibtex import base_key, latex_escape
from energybrowser.citations.csl_json import untitled_description
from energybrowser.corpus.markdown_io import parse_article
from tests.conftest import FIXTURES

FIXTURE_NAMES = sorted(p.stem for p in (FIXTURES / "citations").glob("*.md"))


def article(name: str):
    return parse_article((FIXTURES / "citations" / f"{name}.md").read_text(encoding="utf-8"), name)


def fields(entry) -> dict[str, str]:
    return {f.key: f.value for f in entry.fields}


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_bibtex_parses_back_as_one_clean_entry(name: str) -> None:
    library = bibtexparser.parse_string(cite(article(name), "bibtex").text)
    assert library.failed_blocks == []
    assert len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type in {"article", "online", "report"}
    title = fields(entry)["title"]  # every entry has one: untitled articles a bracketed description
    assert title == "{" + latex_escape(article(name).title or untitled_description()) + "}"


def test_bibtex_full_entry() -> None:
    assert to_bibtex(article("full")) == (
        "@article{kizilay2023socar,\n"
        "  author = {Kızılay, Ayşe and Smith, John},\n"
        "  title = {{SOCAR and KazMunayGas sign energy memorandum}},\n"
        "  journal = {Caspian News},\n"
        "  date = {2023-10-24},\n"
        "  year = {2023},\n"
        "  month = {10},\n"
        "  url = {https://caspiannews.example/socar-kmg-memorandum},\n"
        "  urldate = {2024-01-05},\n"
        "  langid = {en}\n"
        "}\n"
    )


def test_bibtex_escapes_every_special_and_keeps_non_ascii() -> None:
    entry = bibtexparser.parse_string(to_bibtex(article("specials"))).entries[0]
    raw = fields(entry)
    assert raw["title"] == (
        r"{AT\&T\_Lab: 100\% of \$5bn \#deal \{draft\} \textasciitilde{} cost\textasciicircum{}2 "
        r"\textbackslash{} done}"
    )
    # The organisation is braced whole, so BibTeX never reads it as "Söhne {Consulting}, Müller &".
    assert raw["author"] == r"O'Brien-Dubois, Zoë and {Müller \& Söhne \{Consulting\}}"
    assert raw["url"] == "https://example.com/a_b?x=1&y=%20"  # verbatim in biblatex
    decoded = fields(
        bibtexparser.parse_string(
            to_bibtex(article("specials")), append_middleware=[LatexDecodingMiddleware()]
        ).entries[0]
    )
    assert decoded["organization"] == "Energy_News 50% {beta}"
    assert decoded["author"] == "O'Brien-Dubois, Zoë and Müller & Söhne {Consulting}"


def test_bibtex_entry_types_and_year_less_note() -> None:
    assert to_bibtex(article("org-report")).startswith("@report{state2022annual,")
    assert "institution = {SOCAR}" in to_bibtex(article("org-report"))
    assert to_bibtex(article("anonymous-undated")).startswith("@online{pipeline")
    year_less = to_bibtex(article("year-less"))
    assert "date =" not in year_less and "year =" not in year_less
    assert "note = {Date as stated, without a year: Oct 24}" in year_less


def test_key_shapes() -> None:
    assert base_key(article("magazine-three-authors")) == "vanderberg2021caspian"
    assert base_key(article("year-less")) == "ospanovndqazaqgaz"
    assert base_key(article("webpage-question")) == "mammadova2024trans"  # "Is the" are skipped
    assert base_key(article("untitled")) == "caspian2022"  # no author, no title: the publisher
    assert base_key(article("anonymous-undated")) == "pipelinend"
    assert base_key(article("russian")) == "petrov2022qazaqgaz"  # Cyrillic romanised, not dropped
    # The key is never made from the bracketed description an untitled entry shows.
    assert "untitled" not in base_key(article("untitled"))


def test_bibtex_untitled_gets_the_bracketed_description() -> None:
    text = to_bibtex(article("untitled"))
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.key == "caspian2022"
    assert fields(entry)["title"] == "{" + untitled_description() + "}"  # braced like any title
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert fields(decoded.entries[0])["title"] == untitled_description() == "[Untitled article]"
    assert fields(entry)["organization"] == "Caspian Wire"


def test_keys_are_stable_and_unique_across_a_corpus() -> None:
    articles = [article(n) for n in FIXTURE_NAMES]
    twin = parse_article(
        (FIXTURES / "citations" / "full.md")
        .read_text(encoding="utf-8")
        .replace("id: socar-kmg-memorandum", "id: socar-kmg-memorandum-copy")
    )
    keys = citation_keys([*articles, twin])
    assert len(set(keys.values())) == len(keys)
    assert keys["socar-kmg-memorandum"] == "kizilay2023socara"
    assert keys["socar-kmg-memorandum-copy"] == "kizilay2023socarb"
    assert citation_keys(reversed([*articles, twin])) == keys  # order of input does not matter
    assert base_key(article("full")) == "kizilay2023socar"
    assert all(re.fullmatch(r"[a-z0-9]+", k) for k in keys.values())
    library = bibtexparser.parse_string(to_bibtex_many([*articles, twin]))
    assert library.failed_blocks == []
    assert sorted(e.key for e in library.entries) == sorted(keys.values())


def ris_records(text: str) -> list[list[tuple[str, str]]]:
    """Split RIS into records, checking the line grammar `XX  - value` and TY…ER framing."""
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line in text.split("\r\n"):
        if not line:
            continue
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not a RIS line: {line!r}"
        tag, value = m.groups()
        if tag == "TY":
            assert current is None, "TY inside an open record"
            current = [(tag, value)]
        else:
            assert current is not None, f"{tag} outside a record"
            current.append((tag, value))
            if tag == "ER":
                records.append(current)
                current = None
    assert current is None, "record not closed by ER"
    return records


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_ris_records_open_and_close(name: str) -> None:
    text = cite(article(name), "ris").text
    assert text.endswith("ER  - \r\n")
    records = ris_records(text)
    assert len(records) == 1
    tags = [t for t, _ in records[0]]
    assert tags[0] == "TY" and tags[-1] == "ER"
    assert tags.count("TI") == 1
    assert dict(records[0])["TI"] == " ".join((article(name).title or untitled_description()).split())


def test_ris_full_record() -> None:
    assert ris_records(to_ris(article("full")))[0] == [
        ("TY", "NEWS"),
        ("AU", "Kızılay, Ayşe"),
        ("AU", "Smith, John"),
        ("TI", "SOCAR and KazMunayGas sign energy memorandum"),
        ("T2", "Caspian News"),
        ("PY", "2023"),
        ("DA", "2023/10/24/"),
        ("UR", "https://caspiannews.example/socar-kmg-memorandum"),
        ("Y2", "2024/01/05/"),
        ("LA", "en"),
        ("ER", ""),
    ]


def test_ris_untitled_record() -> None:
    assert ris_records(to_ris(article("untitled")))[0] == [
        ("TY", "ELEC"),
        ("TI", "[Untitled article]"),
        ("T2", "Caspian Wire"),
        ("PY", "2022"),
        ("DA", "2022/08/25/"),
        ("LA", "en"),
        ("ER", ""),
    ]
    assert untitled_description() == "[Untitled article]"


def test_ris_partial_dates_and_organisations() -> None:
    report = dict(ris_records(to_ris(article("org-report")))[0])
    assert report["TY"] == "RPRT"
    assert report["DA"] == "2022/08//"
    assert report["AU"] == "State Oil Company of Azerbaijan Republic"
    assert report["PB"] == "SOCAR"
    assert dict(ris_records(to_ris(article("magazine-three-authors")))[0])["DA"] == "2021///"
    year_less = dict(ris_records(to_ris(article("year-less")))[0])
    assert "DA" not in year_less and "PY" not in year_less
    assert year_less["N1"] == "Date as stated, without a year: Oct 24"


def test_markdown_reference_links_the_url_and_escapes_markup() -> None:
    assert cite(article("full"), "markdown").text == (
        "Kızılay, A., & Smith, J. (2023, October 24). SOCAR and KazMunayGas sign energy memorandum. "
        "*Caspian News*. [https://caspiannews.example/socar-kmg-memorandum]"
        "(<https://caspiannews.example/socar-kmg-memorandum>)\n"
    )
    specials = cite(article("specials"), "markdown").text
    assert r"AT&T\_Lab" in specials and r"*Energy\_News 50% {beta}*" in specials
    assert "(<https://example.com/a_b?x=1&y=%20>)" in specials
    assert cite(article("minimal"), "markdown").text == "*Gas prices in Central Asia*. (n.d.).\n"


def test_markdown_passage_is_a_block_quote_with_its_citation() -> None:
    text = cite(article("full"), "markdown", quote="Study of a trans-Caspian link").text
    assert text.startswith("> Study of a trans-Caspian link\n>\n> — (Kızılay & Smith, 2023, para. 5)\n\n")
    assert text.rstrip().endswith("(<https://caspiannews.example/socar-kmg-memorandum>)")


def test_exports_ignore_passages() -> None:
    full = article("full")
    for style in ("bibtex", "ris", "csl-json"):
        assert cite(full, style, paragraph=2, quote="Study of a trans-Caspian link") == cite(full, style)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_markdown_renders_back_to_the_apa_reference(name: str) -> None:
    import html

    import markdown

    rendered = markdown.markdown(cite(article(name), "markdown").text)
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == cite(article(name), "apa").text
    if article(name).meta.url:
        assert f'<a href="{html.escape(article(name).meta.url)}">' in rendered


def test_markdown_keeps_entity_lookalikes_literal() -> None:
    import markdown

    tricky = parse_article("---\ntitle: 'Oil &amp; gas *now* [1]'\n---\n\nBody.\n", "tricky")
    rendered = markdown.markdown(cite(tricky, "markdown").text)
    assert "Oil &amp;amp; gas *now* [1]" in rendered


def test_export_many_writes_one_file_for_several_articles() -> None:
    import json

    from energybrowser.citations import export_many

    articles = [article(n) for n in FIXTURE_NAMES]
    assert len(ris_records(export_many(articles, "ris"))) == len(articles)
    items = json.loads(export_many(articles, "csl-json"))
    assert [i["id"] for i in items] == sorted(a.id for a in articles)
    library = bibtexparser.parse_string(export_many(articles, "bibtex"))
    assert library.failed_blocks == [] and len(library.entries) == len(articles)
    with pytest.raises(ValueError, match="not a file export"):
        export_many(articles, "apa")
