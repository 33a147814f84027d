"""A data folder the app cannot write (a read-only file system, a folder of another user, a
backup mounted read-only), or `--data-dir` naming a file: the CLI still searches the sound index
that is there and says, in one line, that it cannot update it; never a traceback.

The read-only folder is real: a read-only bind mount in a private mount namespace of the child
process (`unshare`), so it holds for root as well (root ignores file modes)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.faults import child_env, one_line

READ_ONLY = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'


def can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


def cli(data: Path, *args: str, read_only: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "energybrowser", "--data-dir", str(data), *args]
    if read_only:
        command = ["unshare", "-rm", "sh", "-c", READ_ONLY, "sh", str(data), *command]
    return subprocess.run(command, env=child_env(data), capture_output=True, text=True, timeout=180)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Ferry talks\n---\n\nFerry talks between Aktau and Alat.\n")
    return folder


@pytest.mark.skipif(not can_unshare(), reason="needs unshare (user and mount namespaces)")
def test_a_read_only_data_folder_still_searches_and_says_it_cannot_update(
    tmp_path: Path, corpus: Path
) -> None:
    data = tmp_path / "data"
    first = cli(data, "--corpus", str(corpus), "search", "ferry")
    assert first.returncode == 0 and "Ferry talks" in first.stdout, first.stderr
    (corpus / "b.md").write_text("---\ntitle: Pipeline news\n---\n\nA ferry and a pipeline.\n")
    result = cli(data, "--corpus", str(corpus), "search", "ferry", read_only=True)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Ferry talks" in result.stdout
    notes = [
        line for line in result.stderr.splitlines() if "read-only" in line or "cannot be written" in line
    ]
    assert notes and all(one_line(n) for n in notes), result.stderr


def test_data_dir_naming_a_file_is_one_line(tmp_path: Path, corpus: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    for args in (["search", "ferry"], ["corpus", "list"], ["import", str(corpus)]):
        result = cli(not_a_folder, "--corpus", str(corpus), *args)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 2
        assert result.stderr.strip().count("\n") == 0 and "not a folder" in result.stderr
