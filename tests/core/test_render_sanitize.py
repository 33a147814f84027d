"""A hostile article renders to inert HTML: allow-listed tags, safe links, no resources."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from energybrowser.render import Highlights, render_article
from energybrowser.render.links import classify_link, entity_href, parse_entity_href
from energybrowser.render.sanitize import ALLOWED_TAGS, sanitize_html
from tests.render_helpers import load, span, styled, unsafe_markup

HOSTILE = load("hostile")


@pytest.fixture(scope="module")
def html() -> str:
    socar = span(HOSTILE, "SOCAR", "SOCAR", "organization")
    return render_article(HOSTILE, Highlights(entities=(socar,))).html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)


def test_nothing_executable_or_loadable_survives(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    assert parser.tags <= ALLOWED_TAGS | {"html", "head", "style", "body"}
    assert parser.tags.isdisjoint({"script", "img", "iframe", "form", "input", "button", "object"})
    names = {name for name, _ in parser.attrs}
    assert names <= {"href", "name", "id", "title", "style", "class", "colspan", "rowspan", "start"}
    for name, value in parser.attrs:
        lowered = value.lower().replace(" ", "")
        for needle in ("javascript:", "file:", "data:", "qrc:", "position:", "font-size", "display"):
            assert needle not in lowered, (name, value)
    assert "pwned" not in html and "framed text" not in html
    assert unsafe_markup(html) == []


def test_the_markup_check_itself_catches_unsafe_markup() -> None:
    assert unsafe_markup('<img src="x">') == ["<img>", "img src"]
    assert sorted(unsafe_markup('<a href="file:///x" onclick="y">')) == ["a href=file:///x", "a onclick"]
    assert unsafe_markup('<a href="#x" style="color:red">') == []


def test_only_safe_links_remain(html: str) -> None:
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs, "the safe links are kept"
    for href in hrefs:
        assert classify_link(href).kind in ("anchor", "entity", "external"), href
    assert "https://example.org/ok" in hrefs
    assert "#fn-1" in hrefs
    assert "entity:Fake" not in hrefs  # the article cannot forge entity links
    assert hrefs.count(entity_href("SOCAR")) == 1  # ours are kept


def test_hostile_text_is_kept_as_text(html: str) -> None:
    text = styled(html).text()
    assert "<script>alert('title')</script>Hostile <b>article</b>" in text  # title escaped, shown
    assert "After the frame, KazMunayGas." in text
    assert "framed text" not in text and "pwned" not in text
    assert "javascript:alert(document.cookie)" in text  # shown as text, not linked
    assert "fake anchor" in text


def test_article_cannot_spoof_reader_anchors(html: str) -> None:
    # the hostile article has <a name="hit-0">; no hits were given, so no hit anchor may exist
    assert 'name="hit-0"' not in html


def test_table_spans_are_bounded(html: str) -> None:
    assert 'colspan="100000"' not in html
    assert re.search(r'colspan="(\d+)"', html) and int(re.search(r'colspan="(\d+)"', html).group(1)) <= 20


@pytest.mark.parametrize(
    ("fragment", "kept", "dropped"),
    [
        ('<a href="https://x.org/a">x</a>', 'href="https://x.org/a"', ""),
        ('<a href="HTTP://X.ORG">x</a>', "href=", ""),
        ('<a href="#p3">x</a>', 'href="#p3"', ""),
        ('<a href="/etc/passwd">x</a>', "<a>", "passwd"),
        ('<a href="//evil.example/x">x</a>', "<a>", "evil"),
        ('<a href="ftp://x.org">x</a>', "<a>", "ftp"),
        ('<a href="vbscript:msgbox">x</a>', "<a>", "vbscript"),
        ('<img src="x.png" alt="alt">', "", "img"),
        ('<span style="color:red; font-size:99px; display:none">x</span>', "color:red", "font-size"),
        ("<object data='x'>o</object><embed src='y'>", "", "object"),
        ('<p style="color:red">p</p>', "<p>", "style"),
    ],
)
def test_sanitizer_allow_list(fragment: str, kept: str, dropped: str) -> None:
    clean = sanitize_html(fragment)
    assert kept in clean
    if dropped:
        assert dropped not in clean.lower()


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("#fn-1", "anchor"),
        ("entity:State%20Oil%20Company", "entity"),
        ("https://example.org/x?y=1", "external"),
        ("http://example.org", "external"),
        ("file:///etc/passwd", "refused"),
        ("javascript:alert(1)", "refused"),
        ("data:text/html,hi", "refused"),
        ("qrc:/x.png", "refused"),
        ("../secret.txt", "refused"),
        ("https:///no-host", "refused"),
        ("", "refused"),
    ],
)
def test_link_classes(href: str, kind: str) -> None:
    assert classify_link(href).kind == kind


def test_entity_href_round_trips_any_name() -> None:
    for name in ("SOCAR", "State Oil Company of Azerbaijan", "Qazaq/Gaz: 50% & more", "Türkiye"):
        assert parse_entity_href(entity_href(name)) == name
        assert classify_link(entity_href(name)).target == name
