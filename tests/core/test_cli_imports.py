"""A command imports only what it needs: `search` and `corpus list` start in a fraction of a second
because they leave out the window (PySide6), citations (citeproc, lxml), the Markdown and YAML
parsers and the extraction code. A guard on behaviour (what ends up in `sys.modules` of a real
process), not on timing: speed is measured by the benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.faults import child_env

NEVER = (
    "PySide6",
    "shiboken6",
    "citeproc",
    "lxml",
    "markdown",
    "yaml",
    "energybrowser.ui",
    "energybrowser.citations",
    "energybrowser.render",
    "energybrowser.corpus.markdown_io",
    "energybrowser.corpus.importer",
    "energybrowser.entities.extract",
    "energybrowser.agreements.extract",
    "energybrowser.curation.service",
)
# Listing reads the catalogue with SQL: not even the search engine or the Library class.
NOT_FOR_LISTING = ("whoosh", "rapidfuzz", "energybrowser.search", "energybrowser.library.library")

SCRIPT = """
import json, sys
from energybrowser.cli import main
status = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"status": status, "modules": sorted(sys.modules)}, out)
"""


def modules_of(tmp_path: Path, *argv: str) -> set[str]:
    """The modules a second run of the command has imported (the first builds the catalogue and
    the index, which reads and analyses the articles)."""
    report = tmp_path / "modules.json"
    for _run in range(2):
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(report), *argv],
            env=child_env(tmp_path / "data"), capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    result = json.loads(report.read_text(encoding="utf-8"))
    assert result["status"] == 0
    return set(result["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


SEARCHES = [("search", "pipeline"), ("search", "SOCAR", "--json")]
LISTINGS = [("corpus", "list"), ("corpus", "list", "--json")]


@pytest.mark.parametrize("argv", SEARCHES, ids=["text", "json"])
def test_search_imports_no_window_citations_parsers_or_extraction(tmp_path: Path, argv: tuple[str]) -> None:
    modules = modules_of(tmp_path, *argv)
    assert "energybrowser.search.engine" in modules  # the guard looks at a real search
    assert loaded(modules, NEVER) == []


@pytest.mark.parametrize("argv", LISTINGS, ids=["text", "json"])
def test_corpus_list_imports_neither_those_nor_the_search_engine(tmp_path: Path, argv: tuple[str]) -> None:
    modules = modules_of(tmp_path, *argv)
    assert "energybrowser.library.listing" in modules
    assert loaded(modules, NEVER + NOT_FOR_LISTING) == []
