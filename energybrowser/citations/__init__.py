"""Citations: CSL-JSON records, formatted citations (APA, Chicago, MLA, Harvard) and exports.

Call `cite(article, style, paragraph=…, quote=…)`, `cite_selection(article, style, start, end)`,
`cite_agreement(agreement, article, style)`, `reference(article, style)` and `to_csl_json(article)`;
`STYLES` lists the style ids in menu order. Each returns a frozen `Citation(text, html)`.
"""

from __future__ import annotations

from energybrowser.citations.bibtex import citation_keys, to_bibtex, to_bibtex_many
from energybrowser.citations.citing import (
    Citation,
    CitationError,
    cite,
    cite_agreement,
    cite_selection,
    describe_agreement,
    reference,
)
from energybrowser.citations.csl_json import to_csl_json
from energybrowser.citations.ris import to_ris
from energybrowser.citations.styles import STYLE_INFO, STYLES, StyleInfo, UnknownStyleError, style_info

__all__ = [
    "STYLES",
    "STYLE_INFO",
    "Citation",
    "CitationError",
    "StyleInfo",
    "UnknownStyleError",
    "citation_keys",
    "cite",
    "cite_agreement",
    "cite_selection",
    "describe_agreement",
    "reference",
    "style_info",
    "to_bibtex",
    "to_bibtex_many",
    "to_csl_json",
    "to_ris",
]
