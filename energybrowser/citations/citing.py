"""The public entry points: cite an article, a passage of it, or an agreement it reports."""

from __future__ import annotations

import html
from dataclasses import dataclass

from energybrowser.agreements.model import Agreement
from energybrowser.citations import exports
from energybrowser.citations.csl_json import to_csl_json
from energybrowser.citations.formatted import Formatted, format_csl
from energybrowser.citations.quotes import QuoteNotFoundError, elide, locate, nest_quotes, normalise_space
from energybrowser.citations.styles import StyleInfo, style_info
from energybrowser.corpus.model import Article
from energybrowser.safe_text import one_line


@dataclass(frozen=True)
class Citation:
    """What Copy Citation puts on the clipboard: plain text, and HTML where the style has italics."""

    text: str
    html: str | None = None


class CitationError(ValueError):
    """A citation cannot be made as asked (paragraph out of range, quote not in the article)."""


def paragraph_range(article: Article, paragraph: int) -> None:
    count = len(article.paragraphs)
    if count == 0:
        raise CitationError(f"article '{article.id}' has no numbered paragraphs")
    if not 1 <= paragraph <= count:
        raise CitationError(f"article '{article.id}' has no paragraph {paragraph} (it has 1–{count})")


def _locator(first: int | None, last: int | None) -> tuple[str, str] | None:
    if first is None:
        return None
    if last is None or last == first:
        return ("paragraph", str(first))
    return ("paragraph", f"{first}–{last}")


@dataclass(frozen=True)
class _Passage:
    quote: str  # normalised and elided, ready to print
    locator: tuple[str, str] | None


def _passage(article: Article, paragraph: int | None, quote: str | None) -> _Passage:
    if paragraph is not None:
        paragraph_range(article, paragraph)
    if quote is None or not normalise_space(quote):
        if quote is not None:
            raise CitationError("the quotation is empty")
        return _Passage("", _locator(paragraph, paragraph))
    try:
        found = locate(article, quote, paragraph)
    except QuoteNotFoundError as exc:
        raise CitationError(str(exc)) from None
    # Terminal escapes and bidi overrides in the article never reach a citation.
    return _Passage(elide(one_line(found.text, None)), _locator(found.first_paragraph, found.last_paragraph))


def _closing(quote: str) -> tuple[str, str]:
    """The quote without its final period, and the period that ends the sentence after the citation.

    APA, Chicago author-date, MLA and Harvard put the sentence's period after the parenthetical citation;
    a question or exclamation mark stays inside the quotation (and the period still follows).
    """
    if quote.endswith(".") and not quote.endswith("..."):
        return quote[:-1], "."
    # A clause cut at a comma or semicolon does not carry that mark into the quotation.
    return quote.rstrip(",;:") or quote, "."


def _quoted_with_citation(quote: str, formatted: Formatted, info: StyleInfo) -> Citation:
    marks = formatted.marks
    body, end = _closing(nest_quotes(quote, marks.open_inner_quote, marks.close_inner_quote))
    opening, closing = marks.open_quote, marks.close_quote
    if info.note:
        # A note style quotes in the text and cites in a footnote: the sentence ends at the quotation
        # (inside the marks where the locale says so), the note number follows, then the note itself.
        ended = body if body.endswith(("?", "!")) else body + end
        shown = (
            f"{opening}{ended}{closing}" if marks.punctuation_in_quote else f"{opening}{body}{closing}{end}"
        )
        text = f"{shown}¹\n\n1. {formatted.text}"
        markup = f"{html.escape(shown, quote=False)}<sup>1</sup><br><br>1. {formatted.html}"
        return Citation(text, markup)
    text = f"{opening}{body}{closing} {formatted.text}{end}"
    markup = f"{opening}{html.escape(body, quote=False)}{closing} {formatted.html}{end}"
    return Citation(text, markup)


def cite(article: Article, style: str, *, paragraph: int | None = None, quote: str | None = None) -> Citation:
    """Cite `article` in `style` (an id of `STYLES`).

    - no paragraph, no quote: the reference-list entry (Chicago notes: the full note);
    - a paragraph: the citation with a paragraph locator, "(Kızılay & Smith, 2023, para. 7)";
    - a quote (text of the article; its paragraph is found when not given): the quotation, elided when
      long, followed by the located citation.
    Exports (bibtex, ris, csl-json) describe the whole article and ignore paragraph and quote.
    """
    info = style_info(style)
    passage = _passage(article, paragraph, quote) if info.passages else _Passage("", None)
    return _cite_passage(article, info, passage)


def _cite_passage(article: Article, info: StyleInfo, passage: _Passage) -> Citation:
    if info.kind == "export":
        return exports.export(article, info.id, passage.quote, passage.locator)
    record = to_csl_json(article)
    if passage.quote or passage.locator or info.note:
        formatted = format_csl(info, record, "citation", passage.locator, article=article)
        if passage.quote:
            return _quoted_with_citation(passage.quote, formatted, info)
        return Citation(formatted.text, formatted.html)
    entry = format_csl(info, record, "reference", article=article)
    return Citation(entry.text, entry.html)


def cite_selection(article: Article, style: str, start: int, end: int) -> Citation:
    """Cite the text selected in the reader: offsets into `Article.text`, as selections and search
    hits give them. The offsets fix the paragraph, so a phrase the article repeats elsewhere is
    cited where it was selected."""
    info = style_info(style)
    if not 0 <= start < end <= len(article.text):
        raise CitationError(f"selection {start}–{end} is outside article '{article.id}'")
    selected = article.text[start:end]
    if not selected.strip():
        raise CitationError("the selection is empty")
    first = article.paragraph_at(start + len(selected) - len(selected.lstrip()))
    last = article.paragraph_at(end - 1 - (len(selected) - len(selected.rstrip())))
    passage = _Passage(elide(selected), _locator(first, last)) if info.passages else _Passage("", None)
    return _cite_passage(article, info, passage)


def in_text(article: Article, style: str, *, paragraph: int | None = None) -> Citation:
    """The in-text citation, "(Kızılay & Smith, 2023)" or with a locator "(…, para. 7)"; for Chicago
    notes, the note. Exports give their record, as `cite` does."""
    info = style_info(style)
    if info.kind == "export":
        return cite(article, style, paragraph=paragraph)
    if paragraph is not None:
        paragraph_range(article, paragraph)
    formatted = format_csl(
        info, to_csl_json(article), "citation", _locator(paragraph, paragraph), article=article
    )
    return Citation(formatted.text, formatted.html)


def reference(article: Article, style: str) -> Citation:
    """The reference-list (bibliography) entry in a CSL style, for any of them including Chicago notes."""
    info = style_info(style)
    if info.kind == "export":
        return cite(article, style)
    entry = format_csl(info, to_csl_json(article), "reference", article=article)
    return Citation(entry.text, entry.html)


def describe_agreement(agreement: Agreement) -> str:
    """One line: type, parties, date, status ("Memorandum of understanding between SOCAR and
    KazMunayGas, signed, 24 October 2023")."""
    kind = agreement.type.strip() or "agreement"
    kind = kind[0].upper() + kind[1:]
    parties = [p for p in agreement.parties if p.strip()]
    who = ", ".join(parties[:-1]) + ", and " + parties[-1] if len(parties) > 2 else " and ".join(parties)
    connective = {0: "", 1: " involving "}.get(len(parties), " between ")
    line = f"{kind}{connective}{who}"
    details = [agreement.status.strip()] if agreement.status.strip() else []
    details.append(_agreement_date(agreement))
    return f"{line}, {', '.join(details)}."


def _agreement_date(agreement: Agreement) -> str:
    if not agreement.when.is_empty:
        return agreement.when.display()
    return agreement.date.strip() or "date not stated"


def cite_agreement(agreement: Agreement, article: Article, style: str) -> Citation:
    """The agreement in one line, its evidence sentence quoted and cited with its paragraph, then the
    article's reference entry. Markdown gives the line and a block quote; BibTeX, RIS and CSL-JSON
    give the article's record with the agreement and its evidence in the record's note."""
    info = style_info(style)
    line = describe_agreement(agreement)
    evidence = elide(agreement.evidence.text)
    paragraph = agreement.evidence.paragraph
    if paragraph is None and agreement.evidence.text.strip():
        paragraph = article.paragraph_at(agreement.evidence.start)
    if paragraph is not None:
        try:
            paragraph_range(article, paragraph)
        except CitationError:
            paragraph = None
    locator = _locator(paragraph, paragraph)
    if info.kind == "export" and not info.passages:
        where = f" (para. {paragraph})" if paragraph is not None else ""
        note = f"{line} Evidence{where}: “{evidence}”" if evidence else line
        return exports.export(article, style, note=note)
    if info.kind == "export":
        export = exports.export(article, style, evidence, locator)
        return Citation(f"{exports.markdown_escape(line)}\n\n{export.text}")
    record = to_csl_json(article)
    formatted = format_csl(info, record, "citation", locator, article=article)
    quoted = _quoted_with_citation(evidence, formatted, info) if evidence else None
    entry = None if info.note else format_csl(info, record, "reference", article=article)
    ref_text = f"\n\n{entry.text}" if entry else ""
    ref_html = f"<br><br>{entry.html}" if entry else ""
    text_parts = line + ("\n" + quoted.text if quoted else "") + ref_text
    html_parts = html.escape(line, quote=False) + ("<br>" + (quoted.html or "") if quoted else "") + ref_html
    return Citation(text_parts, html_parts)
