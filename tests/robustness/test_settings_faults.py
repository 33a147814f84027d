"""Settings: a corrupt, hand-edited or wrongly typed settings file falls back to defaults (the
whole file or just the bad value) with a one-line warning, and the window still opens."""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from energybrowser.paths import DataPaths
from energybrowser.settings import Settings
from tests.robustness.faults import one_line, within
from tests.ui.conftest import ARTICLES, write_articles

CORRUPT: dict[str, bytes] = {
    "nested-arrays": b"[" * 100_000,
    "nested-objects": b'{"a":' * 100_000,
    "huge-number": b'{"splitter_sizes": {"main": [' + b"9" * 5000 + b"]}}",
    "half-written": json.dumps({"citation_style": "mla", "search_history": ["gas"]}).encode()[:25],
    "nul-bytes": b"\x00" * 64,
    "invalid-utf8": b'{"citation_style": "\xff\xfe"}',
    "not-a-mapping": b'"just a string"',
    "whitespace-5mb": b" " * 5_000_000,
    "binary": os.urandom(4096),
}


@pytest.mark.parametrize("content", list(CORRUPT.values()), ids=list(CORRUPT))
def test_corrupt_file_gives_defaults_and_one_warning(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING), within():
        loaded = Settings.load(path)
    assert loaded == Settings()
    assert len(loaded.problems) == 1 and one_line(loaded.problems[0])
    assert "settings" in caplog.text
    assert path.read_bytes() == content  # the user's file is left for them to look at


def test_a_folder_in_place_of_the_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    loaded = Settings.load(path)
    assert loaded == Settings() and loaded.problems


def test_a_byte_order_mark_from_an_editor_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"citation_style": "mla"}).encode())
    loaded = Settings.load(path)
    assert loaded.citation_style == "mla" and loaded.problems == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
KEYS = [f.name for f in fields(Settings) if f.name not in ("path", "problems")]
DEFAULTS = Settings()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(data={"search_history": ["", "  "], "splitter_sizes": {"main": [True]}, "unknown": 1})
@example(data={"unknown": None, "version": "x"})
@given(data=st.dictionaries(st.sampled_from([*KEYS, "version", "unknown"]), JSON, max_size=6))
def test_any_hand_edited_values_are_type_checked(tmp_path: Path, data: dict[str, object]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = Settings.load(path)
    for key in KEYS:
        value, default = getattr(loaded, key), getattr(DEFAULTS, key)
        if (key in data and value == data[key]) or value == default:
            continue
        # Neither the edited value nor the default: only a cleaned history may differ.
        assert key == "search_history", (key, value)
    assert isinstance(loaded.show_paragraph_numbers, bool)
    assert isinstance(loaded.citation_style, str) and isinstance(loaded.open_article, str)
    assert all(isinstance(q, str) for q in loaded.search_history)
    for sizes in loaded.splitter_sizes.values():
        assert all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes)
    # Every value not taken as written is reported (a history only cleaned of blanks is not).
    rejected = {k for k in data if k == "unknown" or (k in KEYS and getattr(loaded, k) != data[k])}
    history = data.get("search_history")
    cleaned = isinstance(history, list) and all(isinstance(q, str) for q in history)
    assert len(loaded.problems) == len(rejected - ({"search_history"} if cleaned else set()))
    assert all(one_line(p) for p in loaded.problems)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "corpus")


HAND_EDITED = {
    "window_geometry": "not base64 é",
    "window_state": base64.b64encode(os.urandom(64)).decode(),
    "splitter_sizes": {"main": [0, 0, 0, 0, 0, 0, 0], "other": [99_999]},
    "citation_style": "no-such-style",
    "open_article": "../../etc/passwd",
    "search_history": ["x" * 100_000, "", "gas"],
    "enabled_entity_types": ["bogus-type", ""],
    "show_paragraph_numbers": "yes",
}


def test_window_opens_on_hand_edited_settings_and_shows_the_warnings(
    qtbot, corpus_dir: Path, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.ui.main_window import MainWindow

    paths = DataPaths.resolve(private_data_dir)
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(json.dumps(HAND_EDITED), encoding="utf-8")
    loaded = Settings.load(paths.settings_file)
    assert len(loaded.problems) == 2  # geometry (not base64) and the flag (not true/false)
    with within(10):
        window = MainWindow(loaded, paths, str(corpus_dir))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.analysis_ready, timeout=10_000):
            window.start()
    try:
        assert window.reader.current is None  # no such article: nothing opened, nothing read
        assert window.library is not None and len(window.library) == len(ARTICLES)
        window.save_settings()  # and what it writes back loads cleanly
        again = Settings.load(paths.settings_file)
        assert again.problems == []
    finally:
        window.jobs.shutdown()
        window.search.runner.shutdown()


LONE_SURROGATES = {  # JSON escapes of a lone surrogate: valid JSON, not encodable as UTF-8
    "text": '{"citation_style": "\\ud800apa", "open_article": "x"}',
    "list": '{"search_history": ["gas", "\\udfff"], "open_article": "x"}',
    "key": '{"splitter_sizes": {"\\ud800": [1, 2]}, "open_article": "x"}',
}


@pytest.mark.parametrize("text", list(LONE_SURROGATES.values()), ids=list(LONE_SURROGATES))
def test_a_lone_surrogate_is_refused_on_load_and_every_save_works(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.problems and all(one_line(p) for p in loaded.problems)
    assert loaded.open_article == "x"  # the other values are kept
    loaded.save()  # did raise UnicodeEncodeError at every close
    loaded.search_history.append("\udcff")  # a value that arrives later is saved too
    loaded.save()
    again = Settings.load(path)
    assert again.open_article == "x"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "big"])
def test_a_pipe_or_an_endless_file_as_settings_gives_defaults_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as handle:  # sparse: 50 MB of nothing
            handle.truncate(50_000_000)
    with within():
        loaded = Settings.load(path)
    assert loaded == Settings(path=path)
    assert len(loaded.problems) == 1 and one_line(loaded.problems[0])
