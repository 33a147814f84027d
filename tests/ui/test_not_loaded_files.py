"""Files of the article folders that could not be read stay visible in the status bar for as long
as they are there (the one-time message is soon replaced by others): a count, and which and why
on hover."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.conftest import write_articles


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = write_articles(tmp_path / "corpus")
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    os.symlink("/etc/hostname", folder / "outside.md")
    return folder


def test_the_status_bar_says_how_many_files_were_not_loaded_and_which(  # type: ignore[no-untyped-def]
    qtbot, window, corpus_dir: Path
) -> None:
    info = window.status.info
    assert "3 files not loaded" in info.text()
    tip = info.toolTip()
    for name, why in (("empty.md", "empty"), ("binary.txt", "binary"), ("outside.md", "outside the folder")):
        assert name in tip and why in tip
    for name in ("empty.md", "binary.txt", "outside.md"):
        (corpus_dir / name).unlink()
    window.refresh_library()
    qtbot.waitUntil(lambda: "not loaded" not in info.text(), timeout=10000)
    assert not info.toolTip() and f"{len(window.library)} articles" in info.text()
