"""RIS export (the tagged format EndNote, Zotero and Mendeley import): `TY` opens, `ER` closes."""

from __future__ import annotations

from typing import Any

from energybrowser.citations.csl_json import to_csl_json, untitled_description
from energybrowser.corpus.model import Article

_TYPES = {"article-newspaper": "NEWS", "article-magazine": "MGZN", "report": "RPRT", "post-weblog": "BLOG"}


def ris_date(parts: list[int]) -> str:
    """RIS dates are `YYYY/MM/DD/` with empty slots for what is unknown: `2022/08//`, `2021///`."""
    year, month, day = [*parts, None, None, None][:3]
    return f"{year:04d}/{'' if month is None else f'{month:02d}'}/{'' if day is None else f'{day:02d}'}/"


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris_lines(record: dict[str, Any]) -> list[str]:
    lines = [_line("TY", _TYPES.get(record["type"], "ELEC"))]
    for name in record.get("author") or []:
        if "literal" in name:
            lines.append(_line("AU", name["literal"]))
        else:
            parts = [name["family"], name.get("given", ""), name.get("suffix", "")]
            lines.append(_line("AU", ", ".join(p for p in parts if p)))
    # An untitled article gets the bracketed description the formatted styles print.
    lines.append(_line("TI", record.get("title") or untitled_description()))
    if record.get("container-title"):
        lines.append(_line("T2", record["container-title"]))
    if record.get("publisher"):
        lines.append(_line("PB", record["publisher"]))
    issued = (record.get("issued") or {}).get("date-parts", [[]])[0]
    if issued:
        lines.append(_line("PY", f"{issued[0]:04d}"))
        lines.append(_line("DA", ris_date(issued)))
    if record.get("URL"):
        lines.append(_line("UR", record["URL"]))
    accessed = (record.get("accessed") or {}).get("date-parts", [[]])[0]
    if accessed:
        lines.append(_line("Y2", ris_date(accessed)))
    if record.get("language"):
        lines.append(_line("LA", record["language"]))
    for note in (record.get("note") or "").split("\n"):
        if note.strip():
            lines.append(_line("N1", note))
    lines.append("ER  - ")
    return lines


def to_ris(article: Article, note: str = "") -> str:
    return "\r\n".join(ris_lines(to_csl_json(article, note))) + "\r\n"
