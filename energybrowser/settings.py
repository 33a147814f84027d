"""The app's one settings object: typed values with defaults, kept as JSON at an injected path.

A settings file is user data that may be hand-edited or half-written: a value of the wrong type,
an unknown key or a corrupt file never stops the app. The bad part falls back to its default and
a warning says what was ignored (logged, and kept in `Settings.problems` for the UI to show).
Saving writes a temporary file beside the target and renames it, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

HISTORY_LIMIT = 50
MAX_SETTINGS_BYTES = 1024 * 1024  # a real file is a few KB; more is not ours to read
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
SCHEMA_VERSION = 1


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _base64(value: Any) -> str:
    # Opaque window state for Qt; anything else (a hand-edited "é") would fail to decode there.
    if not isinstance(value, str) or not _BASE64.fullmatch(value):
        raise TypeError("expected base64 text")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of texts")
    return list(value)


def _optional_strings(value: Any) -> list[str] | None:
    return None if value is None else _strings(value)


def _history(value: Any) -> list[str]:
    return [v for v in _strings(value) if v.strip()][:HISTORY_LIMIT]


def _sizes(value: Any) -> dict[str, list[int]]:
    if not isinstance(value, dict):
        raise TypeError("expected a mapping of name to sizes")
    result: dict[str, list[int]] = {}
    for key, sizes in value.items():
        if not isinstance(sizes, list) or not all(
            isinstance(s, int) and not isinstance(s, bool) and 0 <= s < 100_000 for s in sizes
        ):
            raise TypeError(f"sizes of {key!r} must be a list of non-negative whole numbers")
        result[str(key)] = list(sizes)
    return result


# How each stored value is checked; the dataclass below gives names, types and defaults.
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "window_geometry": _base64,
    "window_state": _base64,
    "splitter_sizes": _sizes,
    "citation_style": _string,
    "open_article": _string,
    "search_history": _history,
    "enabled_entity_types": _optional_strings,
    "show_paragraph_numbers": _flag,
}


@dataclass
class Settings:
    """Everything the app remembers between runs. Mutate the fields, then call `save()`."""

    path: Path | None = field(default=None, compare=False, repr=False)
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry(); opaque to the core
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitter_sizes: dict[str, list[int]] = field(default_factory=dict)
    citation_style: str = "apa"
    open_article: str = ""
    search_history: list[str] = field(default_factory=list)
    enabled_entity_types: list[str] | None = None  # None: every type shown
    show_paragraph_numbers: bool = True  # the locator a citation uses is then in sight
    problems: list[str] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read `path`; a missing file gives defaults quietly, a bad one gives defaults and a warning."""
        settings = cls(path=path)
        try:
            raw = _read_bounded(path).decode("utf-8-sig")  # an editor may have added a BOM
        except FileNotFoundError:
            return settings
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            settings._warn(f"settings file {path} could not be read ({exc}); using defaults")
            return settings
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            settings._warn(f"settings file {path} is not valid JSON (line {exc.lineno}); using defaults")
            return settings
        except (ValueError, RecursionError):  # valid JSON we refuse: absurd nesting or huge numbers
            settings._warn(f"settings file {path} is nested too deeply or holds huge numbers; using defaults")
            return settings
        if not isinstance(data, dict):
            settings._warn(f"settings file {path} does not hold a mapping; using defaults")
            return settings
        for key, value in data.items():
            if key == "version":
                continue
            check = _CHECKS.get(key)
            if check is None:
                settings._warn(f"settings: unknown key {key!r} ignored")
                continue
            try:
                _refuse_lone_surrogates(value)
                setattr(settings, key, check(value))
            except TypeError as exc:
                settings._warn(f"settings: {key} ignored ({exc}); using the default")
        return settings

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": SCHEMA_VERSION}
        for f in fields(self):
            if f.name in _CHECKS:
                data[f.name] = getattr(self, f.name)
        return data

    def save(self) -> None:
        """Write atomically. Raises OSError when the folder is not writable (the UI reports it)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(self.to_json(), ensure_ascii=False, indent=2)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            # "replace": a lone surrogate that reached a value (it cannot be UTF-8) becomes "?",
            # rather than every save failing.
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remember_search(self, query: str) -> None:
        """Put `query` at the front of the history, once."""
        query = query.strip()
        if not query:
            return
        history = [q for q in self.search_history if q != query]
        self.search_history = [query, *history][:HISTORY_LIMIT]

    def _warn(self, message: str) -> None:
        message = message.encode("utf-8", "backslashreplace").decode("utf-8")  # printable, loggable
        log.warning(message)
        self.problems.append(message)


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a pipe would block start-up forever,
    a link to /dev/zero never ends) and anything over `MAX_SETTINGS_BYTES`."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(f"{path} is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (a device, pipe or socket)")
    if info.st_size > MAX_SETTINGS_BYTES:
        raise ValueError(f"over {MAX_SETTINGS_BYTES // 1024} KB")
    with path.open("rb") as handle:
        data = handle.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(f"over {MAX_SETTINGS_BYTES // 1024} KB")
    return data


def _refuse_lone_surrogates(value: Any) -> None:
    """JSON may escape half of a surrogate pair (`"\\ud800"`): such text cannot be saved as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise TypeError("text with an invalid character (a lone surrogate)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogates(key)
            _refuse_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_lone_surrogates(item)
