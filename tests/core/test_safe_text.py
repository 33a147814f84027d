"""`safe_text`: what every place that shows article text outside the reader relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from energybrowser.safe_text import cap, clean_lines, one_line, spreadsheet_cell, strip_controls

HOSTILE = "\x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07 \x1b[31mred\x1b[0m \u202egnp.exe\u202c\x9b2J\x00"


def test_terminal_sequences_and_bidi_overrides_are_removed() -> None:
    cleaned = strip_controls(HOSTILE)
    assert not any(c in cleaned for c in "\x1b\x07\x00\u202e\u202c\x9b")
    assert "click" in cleaned and "red" in cleaned and "gnp.exe" in cleaned


def test_one_line_forges_no_lines_and_is_capped() -> None:
    assert one_line("a\nb\r\nc\rd\u2028e\x85f") == "a b c d e f"
    assert len(one_line("x" * 2_000_000, 200)) == 200
    assert one_line("x" * 300, 200).endswith("…")


def test_clean_lines_keeps_lines_as_newlines() -> None:
    assert clean_lines("a\r\nb\rc\u2029d") == "a\nb\nc\nd"


@given(st.text(), st.integers(min_value=1, max_value=500))
def test_any_text_becomes_one_clean_bounded_line(text: str, limit: int) -> None:
    line = one_line(text, limit)
    assert len(line) <= limit
    assert "\n" not in line and "\r" not in line
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in line)
    assert cap(line, limit) == line


def test_spreadsheet_cells_never_start_a_formula() -> None:
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\x1b=1", " =1"):
        assert spreadsheet_cell(value) == "'" + clean_lines(value)
    assert spreadsheet_cell("Plain title") == "Plain title"
    assert spreadsheet_cell(3) == "3"
    assert spreadsheet_cell("a\x1b[31mb\u202ec") == "a[31mbc"


@given(st.text())
def test_any_cell_is_safe(value: str) -> None:
    cell = spreadsheet_cell(value)
    assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert not any(c in cell for c in "\x1b\x07\u202e")
