"""Reference entries and in-text citations in the CSL styles, as plain text and HTML.

citeproc-py renders once, to HTML; the plain text is that HTML with its tags dropped. citeproc-py's
HTML formatter does not escape the data it is given, so the data's own HTML specials are swapped for
private-use stand-ins before rendering (they survive case changes where "&amp;" would not) and come
back escaped in the HTML, verbatim in the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from energybrowser.citations import postprocess
from energybrowser.citations.csl_json import untitled_description
from energybrowser.citations.engine import LocaleMarks, Part, locale_marks, render_html
from energybrowser.citations.proper_nouns import NameEvidence
from energybrowser.citations.style_adapt import TITLE_CASE_CLOSE, TITLE_CASE_OPEN
from energybrowser.citations.styles import StyleInfo
from energybrowser.citations.title_case import headline_case_markup, headline_rules, is_english, sentence_case
from energybrowser.corpus.model import Article

_STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_TAG = re.compile(r"<[^>]*>")
_MARKED_TITLE = re.compile(re.escape(TITLE_CASE_OPEN) + "(.*?)" + re.escape(TITLE_CASE_CLOSE), re.DOTALL)


@dataclass(frozen=True)
class Formatted:
    text: str
    html: str
    marks: LocaleMarks


# The marks `style_adapt` puts around a title cannot come from the data.
_DROPPED = {TITLE_CASE_OPEN: "", TITLE_CASE_CLOSE: ""}


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(_STAND_INS.get(ch, _DROPPED.get(ch, ch)) for ch in value)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _shield(v)) for k, v in value.items()}
    return value


def _as_html(rendered: str) -> str:
    for char, stand_in in _STAND_INS.items():
        rendered = rendered.replace(stand_in, html.escape(char))
    return rendered


def _as_text(rendered: str) -> str:
    text = html.unescape(_TAG.sub("", rendered))
    for char, stand_in in _STAND_INS.items():
        text = text.replace(stand_in, char)
    return text


def _tidy(text: str, info: StyleInfo, record: dict[str, Any], *, is_html: bool, piq: bool) -> str:
    text = " ".join(text.split())
    # The URL is set aside while the fixes run: it must print exactly as it is.
    url = record.get("URL", "")
    shown_url = html.escape(url, quote=False) if is_html else url
    if url:
        text = text.replace(shown_url, postprocess.URL_STAND_IN)
    if not record.get("author"):
        candidates = [record.get(k, "") for k in ("title", "container-title", "publisher")]
        text = postprocess.drop_repeated_substitute(text, candidates, is_html=is_html)
    if info.id == "apa" and not record.get("accessed"):
        text = postprocess.drop_dateless_retrieved(text)
    if piq:
        text = postprocess.punctuation_in_quote(text)
    text = postprocess.typographic_apostrophes(text)
    text = postprocess.no_period_after_question(text, comma_too=not info.comma_after_question)
    return text.replace(postprocess.URL_STAND_IN, shown_url) if url else text


def _self_published(info: StyleInfo, record: dict[str, Any]) -> dict[str, Any]:
    """Apply the style's rule for an organisation that is its own publisher (see `SelfPublished`)."""
    authors = record.get("author") or []
    if info.self_published == "keep" or len(authors) != 1 or "literal" not in authors[0]:
        return record
    author = " ".join(authors[0]["literal"].split()).casefold()
    same = [
        k
        for k in ("publisher", "container-title")
        if " ".join(str(record.get(k, "")).split()).casefold() == author
    ]
    if not same:
        return record
    if info.self_published == "omit-author":
        return {k: v for k, v in record.items() if k != "author"}
    return {k: v for k, v in record.items() if k not in same}


# Sentence-cased titles by (title, subtitle_capital, content hash of the article giving the evidence):
# a citation is made again on every copy, and the evidence reads the whole article.
_CASED: dict[tuple[str, bool, str], str] = {}
_CASED_MAX = 1024


def _cased_title(info: StyleInfo, record: dict[str, Any], article: Article | None) -> dict[str, Any]:
    """The record with its title in sentence case, the form CSL expects a title in (styles that want
    title case say so, and `_case_marked_titles` does it). The stored record keeps the title as written."""
    title = record["title"]
    key = (title, info.subtitle_capital, article.content_hash if article else "")
    cased = _CASED.get(key)
    if cased is None:
        cased = sentence_case(title, NameEvidence.of(article), subtitle_capital=info.subtitle_capital)
        if len(_CASED) >= _CASED_MAX:
            _CASED.clear()
        _CASED[key] = cased
    return record if cased == title else {**record, "title": cased}


def _case_marked_titles(rendered: str, info: StyleInfo, *, headline: bool) -> str:
    """Titles the style sets in title case (marked by `style_adapt`) in headline case; marks dropped."""
    if not headline:
        return rendered.replace(TITLE_CASE_OPEN, "").replace(TITLE_CASE_CLOSE, "")
    rules = headline_rules(info.headline_rules)
    return _MARKED_TITLE.sub(lambda m: headline_case_markup(m.group(1), rules), rendered)


def format_csl(
    info: StyleInfo,
    record: dict[str, Any],
    part: Part,
    locator: tuple[str, str] | None = None,
    *,
    article: Article | None = None,
) -> Formatted:
    """The reference entry (`part="reference"`) or the citation, with `locator` when given. The title
    is cased as the style asks (English titles only); `article`, the record's source, is the evidence
    for which title words are names."""
    untitled = not record.get("title")
    english = is_english(str(record.get("language", "")))
    # No title: as citeproc-js (Zotero's engine) does, the entry goes on without one, the next element
    # moving up ("Karimova, A. (2022). Azernews."). With no author either, nothing would say what the
    # entry is (citeproc-js prints "(n.d.). Azernews." and an in-text "(n.d.)", or a style error for
    # MLA): then a bracketed description stands in for the title, as APA 7 and Chicago ask.
    described = untitled and not record.get("author")
    if described:
        record = {**record, "title": untitled_description()}
    elif english and not untitled:
        record = _cased_title(info, record, article)
    record = _self_published(info, record)
    rendered = render_html(info.csl, _shield(record), part, locator, info.locale)
    rendered = _case_marked_titles(rendered, info, headline=english and not untitled)
    marks = locale_marks(info.csl, info.locale)
    piq = marks.punctuation_in_quote
    text = _tidy(_as_text(rendered), info, record, is_html=False, piq=piq)
    markup = _tidy(_as_html(rendered), info, record, is_html=True, piq=piq)
    if described:
        text = postprocess.plain_description(text, record["title"])
        markup = postprocess.plain_description(markup, html.escape(record["title"], quote=False))
    return Formatted(text=text, html=_link_url(markup, record.get("URL", "")), marks=marks)


def _link_url(markup: str, url: str) -> str:
    """The URL printed in the entry becomes a link, so it stays clickable when pasted."""
    if not url:
        return markup
    shown = html.escape(url, quote=False)
    at = markup.find(shown)
    if at < 0:
        return markup
    anchor = f'<a href="{html.escape(url, quote=True)}">{shown}</a>'
    return markup[:at] + anchor + markup[at + len(shown) :]
