"""The settings object: round trip, defaults, and recovery from corrupt or hand-edited files."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from energybrowser.settings import HISTORY_LIMIT, Settings


def test_missing_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.json")
    assert settings == Settings()
    assert settings.problems == []


def test_round_trip_keeps_every_value(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "settings.json"
    settings = Settings.load(path)
    settings.window_geometry = "AdnQywADAAA="
    settings.splitter_sizes = {"main": [300, 700, 400]}
    settings.citation_style = "chicago"
    settings.open_article = "socar-kmg-memorandum"
    settings.search_history = ["SOCAR", "pipeline AND gas"]
    settings.enabled_entity_types = ["organization", "country"]
    settings.show_paragraph_numbers = False
    settings.save()
    again = Settings.load(path)
    assert again == settings
    assert again.problems == []
    assert not list(path.parent.glob(".settings-*")), "no temporary file is left behind"


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", "", "\x00\x01"])
def test_corrupt_file_gives_defaults_and_a_warning(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = Settings.load(path)
    assert settings == Settings()
    assert settings.problems
    assert "settings" in caplog.text


def test_hand_edited_values_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "citation_style": "mla",
                "show_paragraph_numbers": "yes",  # wrong type
                "splitter_sizes": {"main": [100, -5]},  # negative size
                "search_history": ["a", 3],
                "colour": "blue",  # unknown key
            }
        ),
        encoding="utf-8",
    )
    settings = Settings.load(path)
    assert settings.citation_style == "mla"
    assert settings.show_paragraph_numbers is True  # the default
    assert settings.splitter_sizes == {}
    assert settings.search_history == []
    assert len(settings.problems) == 4


def test_history_is_most_recent_first_unique_and_bounded() -> None:
    settings = Settings()
    for i in range(HISTORY_LIMIT + 5):
        settings.remember_search(f"q{i}")
    settings.remember_search("q10")
    settings.remember_search("   ")
    assert settings.search_history[0] == "q10"
    assert settings.search_history.count("q10") == 1
    assert len(settings.search_history) == HISTORY_LIMIT


def test_save_without_path_is_a_no_op(tmp_path: Path) -> None:
    Settings().save()
    assert not list(tmp_path.iterdir())
