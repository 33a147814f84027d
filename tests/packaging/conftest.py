"""Shared by the packaging tests: what the source tree holds, and a clean environment for installed copies."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from tests.conftest import REPO

CORPUS_DIR = REPO / "corpus"


def require_corpus() -> None:
    if not any(CORPUS_DIR.glob("*.md")):
        pytest.skip("corpus/ holds no articles in this checkout yet (issue 2 lands the bundled corpus)")


def source_corpus_ids() -> list[str]:
    """What an installed copy must list: the source tree's corpus, loaded in process."""
    return sorted(load_corpus(CORPUS_DIR).ids())


def outside_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """An environment that cannot reach the checkout: no PYTHONPATH, no corpus override, own data dir."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ENERGYBROWSER_", "VIRTUAL_ENV"))
    }
    env["ENERGYBROWSER_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run(
    cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def has_command_module(name: str) -> bool:
    """Whether this checkout has `energybrowser <name>` (later issues add commands the smoke tests use)."""
    return (REPO / "energybrowser" / "cli" / f"cmd_{name}.py").is_file()


def check_search_output(stdout: str) -> None:
    """`search SOCAR --json` from an installed copy: hits, all of them articles of the source corpus."""
    results = json.loads(stdout)
    assert results["error"] is None, results["error"]
    assert results["total"] >= 1 and results["results"], "SOCAR is in the bundled corpus"
    assert {hit["article"] for hit in results["results"]} <= set(source_corpus_ids())


def expected_citations() -> dict[str, tuple[str, str]]:
    """For each CSL style on offer: (article id, citation text) as this checkout renders it in process."""
    from energybrowser.citations import cite
    from energybrowser.citations.styles import STYLE_INFO

    article = load_corpus(CORPUS_DIR).articles[0]
    return {s.id: (article.id, cite(article, s.id).text) for s in STYLE_INFO if s.kind == "csl"}
