"""Reference entries and in-text citations in the CSL styles, as plain text and HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from energybrowser.citations import postprocess
from energybrowser.citations.engine import load_style, render
from energybrowser.citations.styles import StyleInfo

# Private-use stand-ins for HTML specials in the data: citeproc-py's HTML formatter does not escape
# field values, and stand-ins survive its case changes where "&amp;" would not.
_STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_RESTORE_HTML = {v: html.escape(k) for k, v in _STAND_INS.items()}


@dataclass(frozen=True)
class Formatted:
    reference_text: str
    reference_html: str
    citation_text: str
    citation_html: str


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(_STAND_INS.get(ch, ch) for ch in value)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "id" else _shield(v)) for k, v in value.items()}
    return value


def _restore(text: str) -> str:
    for stand_in, escaped in _RESTORE_HTML.items():
        text = text.replace(stand_in, escaped)
    return text


def _tidy(text: str, info: StyleInfo, record: dict[str, Any], *, is_html: bool, piq: bool) -> str:
    text = " ".join(text.split())
    if not record.get("author"):
        text = postprocess.drop_repeated_title(text, record.get("title", ""), is_html=is_html)
    if info.id == "apa" and not record.get("accessed"):
        text = postprocess.drop_dateless_retrieved(text)
    if piq:
        text = postprocess.punctuation_in_quote(text)
    return text


def format_csl(info: StyleInfo, record: dict[str, Any], locator: tuple[str, str] | None = None) -> Formatted:
    plain = render(info.csl, record, locator, info.locale)
    marked = render(info.csl, _shield(record), locator, info.locale, as_html=True)
    piq = (
        str(load_style(info.csl, info.locale).root.get_locale_option("punctuation-in-quote")).lower()
        == "true"
    )
    return Formatted(
        reference_text=_tidy(plain.reference, info, record, is_html=False, piq=piq),
        reference_html=_tidy(_restore(marked.reference), info, record, is_html=True, piq=piq),
        citation_text=_tidy(plain.citation, info, record, is_html=False, piq=piq),
        citation_html=_tidy(_restore(marked.citation), info, record, is_html=True, piq=piq),
    )
