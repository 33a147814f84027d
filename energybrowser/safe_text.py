"""Text from an article made safe to show outside the reader: in a terminal, an export, a window
title or a tooltip. Titles, names and sentences come from files anyone can write, so they may hold
terminal escape sequences (ESC, OSC, BEL), bidi overrides that reorder what follows them, line
breaks that forge extra lines, or megabytes. Every place that shows such text goes through here.

Markup is not handled here: the UI escapes for Qt (`energybrowser/ui/plain.py`), exports quote for
their format. This module only removes what no format should carry."""

from __future__ import annotations

import os
import re

# C0 and C1 controls (ESC starts terminal sequences, U+009B and U+009D are CSI and OSC on their own),
# DEL, and the bidi embeddings, overrides and isolates ("Trojan Source"). Tab and line breaks are
# handled by the callers' choice of one line or many.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t]+")

TITLE_LIMIT = 200  # a window title, a line of a report
LINE_LIMIT = 400  # one line of a tooltip or a status message


def strip_controls(text: str) -> str:
    """`text` without control and bidi-override characters (tabs become spaces); line breaks kept."""
    return _CONTROLS.sub("", text.replace("\t", " "))


def cap(text: str, limit: int) -> str:
    """At most `limit` characters; a shortened text ends with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


def one_line(text: str, limit: int | None = LINE_LIMIT) -> str:
    """`text` as a single clean line: breaks and tabs become spaces, controls go, at most `limit`."""
    # Cut first (generously) so a 2 MB title costs no more than a short one.
    if limit is not None and len(text) > 4 * limit + 64:
        text = text[: 4 * limit + 64]
    line = _SPACES.sub(" ", strip_controls(_BREAKS.sub(" ", text))).strip()
    return cap(line, limit) if limit is not None else line


def clean_lines(text: str) -> str:
    """`text` with controls removed and every kind of line break as `\\n`."""
    return strip_controls(_BREAKS.sub("\n", text))


def path_text(path: object) -> str:
    """A file name or path for a report line: bytes that are not UTF-8 as `\\xNN`, line breaks and
    other controls as escapes, so a name can neither break a strict UTF-8 output nor forge a line."""
    raw = os.fsencode(str(path)) if not isinstance(path, bytes) else path
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: controls removed (line breaks kept, the CSV writer
    quotes them), and a leading `'` before a value that would start a formula."""
    text = clean_lines(value if isinstance(value, str) else str(value))
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def terminal_text(text: str, *, keep_cr: bool = False) -> str:
    """Text for a terminal: no escape sequences, bell or bidi overrides from an article, and lone
    surrogates (undecodable file-name bytes) as `\\udcXX`, so a strict UTF-8 output never fails.
    A carriage return is kept only where the program draws progress with it (`keep_cr`)."""
    if not keep_cr:
        text = text.replace("\r\n", "\n").replace("\r", "")
    return _CONTROLS.sub("", text).encode("utf-8", "backslashreplace").decode("utf-8")
