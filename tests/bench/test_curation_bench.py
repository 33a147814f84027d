"""Smoke test of the curation benchmark on a small library (figures are not checked, the counts are)."""

from __future__ import annotations

from pathlib import Path

from energybrowser.bench.curation import run
from energybrowser.bench.library_gen import generate
from tests.conftest import REPO


def test_the_curation_bench_runs_and_an_alias_nobody_names_re_analyses_nothing(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", 12, [REPO / "corpus"])
    steps = run(corpus, tmp_path / "data")
    outcomes = {s.name: s.outcome for s in steps}
    assert outcomes["first analysis"] == "12 analysed"
    assert outcomes["metadata override: index update"] == "updated, 1 re-indexed"
    assert outcomes["alias 'Zhanaozen gas hub' of Zanzibar Gas Hub: analysis"] == "0 of 12 analysed"
    assert all(s.wall >= 0 and str(s) for s in steps)
