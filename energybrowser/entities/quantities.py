"""Quantities and money in running text, with units normalised: "1.5 million tons of oil per year"
-> "1.5 million tonnes per year", "75000 barrels" -> "75,000 barrels", "$200 million" -> "USD 200 million"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from energybrowser.entities.rules import alternation, load_rules


@dataclass(frozen=True)
class QuantityMatch:
    start: int
    end: int
    text: str
    type: str  # quantity | money
    canonical: str
    value: float | None
    unit: str


@dataclass(frozen=True)
class _QuantityPatterns:
    quantity: re.Pattern[str]
    money_before: re.Pattern[str]
    money_after: re.Pattern[str]
    scales: dict[str, float]
    units: dict[str, str]  # lower-cased form -> canonical
    periods: dict[str, str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


_LATER_PERIOD = re.compile(r"(?:[ \t]+[\w'’-]+){0,8}?[ \t]+(annually|per year|a year|per annum|each year)\b")


@cache
def _patterns() -> _QuantityPatterns:
    data = load_rules("quantities")
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    units = {f.lower(): u["canonical"] for u in data["units"] for f in u["forms"]}
    periods = {f.lower(): p["canonical"] for p in data["periods"] for f in p["forms"]}
    symbols = {s: c["canonical"] for c in data["currencies"] for s in c["symbols"]}
    words = {w.lower(): c["canonical"] for c in data["currencies"] for w in c["words"]}
    # Ranges: "6-6.5 million tons", "1.5 to 2 bcm".
    number = rf"(?P<num>{_NUMBER})(?:(?:\s*[-–]\s*|\s+to\s+)(?P<num2>{_NUMBER}))?"
    scale = rf"(?:\s*(?P<scale>{alternation(scales)})\b)?"
    commodity = rf"(?:\s+(?:{alternation(data['commodity_words'])})\b)*"
    period = rf"(?:\s*(?P<period>{alternation(periods)})(?![\w/]))?"
    unit = rf"(?P<unit>{alternation(units)})(?![\w/])"
    quantity = re.compile(rf"(?<![\w.,$€£₼₸])(?:{number}){scale}\s*{unit}(?:{commodity}{period})?", re.I)
    sym = alternation(symbols)
    money_before = re.compile(rf"(?<!\w)(?P<cur>{sym})\s?(?:{number}){scale}", re.I)
    money_after = re.compile(rf"(?<![\w.,])(?:{number}){scale}\s+(?P<cur>{alternation(words)})(?!\w)", re.I)
    return _QuantityPatterns(quantity, money_before, money_after, scales, units, periods, symbols, words)


def _value(m: re.Match[str], scales: dict[str, float]) -> float:
    number = float(m.group("num").replace(",", ""))
    scale = m.group("scale")
    return number * scales[scale.lower()] if scale else number


def _number_text(m: re.Match[str]) -> str:
    def norm(raw: str) -> str:
        value = float(raw.replace(",", ""))
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}".rstrip("0")

    text = norm(m.group("num"))
    if m.group("num2"):
        text += "–" + norm(m.group("num2"))
    if m.group("scale"):
        text += " " + _scale_word(m.group("scale"))
    return text


def _scale_word(scale: str) -> str:
    return {"mln": "million", "mn": "million", "bln": "billion", "bn": "billion"}.get(
        scale.lower(), scale.lower()
    )


def find_quantities(text: str, base: int = 0) -> list[QuantityMatch]:
    """Money first (a currency makes the number money), then measured quantities."""
    p = _patterns()
    found: list[QuantityMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, symbol in ((p.money_before, True), (p.money_after, False)):
        for m in pattern.finditer(text):
            cur = m.group("cur")
            code = p.currency_symbols.get(cur) if symbol else p.currency_words.get(cur.lower())
            if code is None:  # symbols are case-sensitive: "try" is not Turkish lira
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            canonical = f"{code} {_number_text(m)}"
            found.append(
                QuantityMatch(base + m.start(), base + m.end(), m.group(0), "money", canonical,
                              _value(m, p.scales), code)
            )  # fmt: skip
    for m in p.quantity.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        unit_text = m.group("unit")
        unit = p.units[unit_text.lower()]
        if unit_text in ("t", "T") and not m.group("scale"):
            continue  # a lone "t" after a number is too often not tonnes
        period = p.periods.get((m.group("period") or "").lower(), "")
        end = m.end() if period else m.start("unit") + len(unit_text)
        if not period and unit not in ("%", "b/d"):
            # "1.5 million tons of oil to Azerbaijan annually": the period may come a few words on.
            later = _LATER_PERIOD.match(text, m.end())
            period = p.periods.get(later.group(1).lower(), "") if later else ""
        number = _number_text(m)
        scale = (m.group("scale") or "").lower()
        if unit == "cubic meters" and scale in ("billion", "bln", "bn"):
            unit, number = "bcm", number.rsplit(" ", 1)[0]
        unit_name = f"{unit} {period}" if period else unit
        canonical = f"{number}{'' if unit == '%' else ' '}{unit_name}"
        found.append(
            QuantityMatch(base + m.start(), base + end, text[m.start() : end], "quantity", canonical,
                          _value(m, p.scales), unit_name)
        )  # fmt: skip
    return sorted(found, key=lambda q: q.start)
