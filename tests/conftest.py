"""Test-wide setup: Qt offscreen before any QApplication exists, and a private data folder per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches a real user's data folder or inherits a corpus from the environment."""
    data_dir = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("ENERGYBROWSER_DATA_DIR", str(data_dir))
    monkeypatch.delenv("ENERGYBROWSER_CORPUS", raising=False)
    return data_dir


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus the test may change (a module may define its own `corpus`)."""
    folder = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", folder)
    return folder


@pytest.fixture(autouse=True)
def bundled_gazetteer():
    """A test that lays a user's gazetteer over the bundled one (the CLI, the window) leaves none."""
    yield
    from energybrowser.entities.gazetteer import set_user_gazetteer, user_gazetteer

    if user_gazetteer() is not None:
        set_user_gazetteer(None)
