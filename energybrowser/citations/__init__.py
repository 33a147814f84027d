"""Citations: CSL-JSON records, formatted citations (APA, Chicago, MLA, Harvard) and exports.

- `cite(article, style, paragraph=…, quote=…)`: reference entry, located citation or quotation;
- `cite_selection(article, style, start, end)`: a reader selection (offsets into `Article.text`);
- `cite_agreement(agreement, article, style)`: the agreement, its evidence quoted, the source;
- `in_text(article, style)`, `reference(article, style)`: the two halves of an author-date style;
- `to_csl_json(article)`, `export_many(articles, style)`: records for Zotero, Pandoc, LaTeX.

Titles are cased as each style asks (APA and Cite Them Right sentence case, Chicago and MLA headline
case; names kept on the gazetteer's and the article's evidence): `title_case.sentence_case`,
`title_case.headline_case`, evidence in `proper_nouns.NameEvidence`. Exports keep the title as written.

`STYLES` maps the style ids to labels in menu order. The citing functions return a frozen
`Citation(text, html)`; they raise `CitationError` or `UnknownStyleError` (both ValueError).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Exports load on first use: the window imports the style table at start-up, and citeproc (the
# formatter) costs a few hundred milliseconds that only the first copied citation should pay.
_EXPORTS = {
    "citation_keys": "bibtex",
    "to_bibtex": "bibtex",
    "to_bibtex_many": "bibtex",
    "Citation": "citing",
    "CitationError": "citing",
    "cite": "citing",
    "cite_agreement": "citing",
    "cite_selection": "citing",
    "describe_agreement": "citing",
    "in_text": "citing",
    "reference": "citing",
    "to_csl_json": "csl_json",
    "export_many": "exports",
    "to_ris": "ris",
    "STYLE_INFO": "styles",
    "STYLES": "styles",
    "StyleInfo": "styles",
    "UnknownStyleError": "styles",
    "style_info": "styles",
}
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
    "export_many",
    "in_text",
    "reference",
    "style_info",
    "to_bibtex",
    "to_bibtex_many",
    "to_csl_json",
    "to_ris",
]

if TYPE_CHECKING:
    from energybrowser.citations.bibtex import citation_keys, to_bibtex, to_bibtex_many
    from energybrowser.citations.citing import (
        Citation,
        CitationError,
        cite,
        cite_agreement,
        cite_selection,
        describe_agreement,
        in_text,
        reference,
    )
    from energybrowser.citations.csl_json import to_csl_json
    from energybrowser.citations.exports import export_many
    from energybrowser.citations.ris import to_ris
    from energybrowser.citations.styles import STYLE_INFO, STYLES, StyleInfo, UnknownStyleError, style_info


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
