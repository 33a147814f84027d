"""Smoke test of the benchmark on a tiny corpus (figures are not checked, only that it runs)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from energybrowser.bench import worker
from energybrowser.bench.__main__ import table
from energybrowser.bench.sample import load_source, sample_articles
from energybrowser.search.documents import Annotations
from tests.core.search_corpus import write_corpus


def test_bench_phases_run_and_tabulate(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "source")
    articles = sample_articles(load_source(source), 12, seed=1)
    assert len({a.id for a in articles}) == 12 and all(len(a.text) >= 5000 for a in articles)
    assert [a.text for a in sample_articles(load_source(source), 12, seed=1)] == [a.text for a in articles]
    workdir = tmp_path / "work"
    workdir.mkdir()
    ann = {a.id: asdict(Annotations(("SOCAR",))) for a in articles}
    (workdir / "annotations.json").write_text(
        json.dumps({k: [v["entities"], v["types"], v["parties"]] for k, v in ann.items()})
    )
    config = workdir / "config.json"
    config.write_text(
        json.dumps(
            {
                "workdir": str(workdir),
                "corpus": str(source),
                "size": 30,
                "seed": 1,
                "per_kind": 1,
                "sessions": 1,
            }
        )
    )
    result: dict = {"size": 12, "extraction_ms_per_article": 1.0}
    for engine in ("whoosh", "fts5"):
        for phase in ("build", "cold", "queries"):
            result.setdefault(engine, {}).update(worker.main(engine, phase, str(config)))
        assert result[engine]["update_found"] >= 1  # the changed article is found by its new word
    text = table(result)
    assert "| per keystroke" in text and "SQLite FTS5" in text
    assert "no-hit" in text and "open range (no FTS5 equivalent)" in text
    slowest = result["whoosh"]["slowest_keystrokes"]  # what to profile next, slowest first
    assert slowest and [cpu for cpu, _ in slowest] == sorted((cpu for cpu, _ in slowest), reverse=True)
    assert f"`{slowest[0][1]}`" in text
    if result["whoosh"]["mapped_mb"] is not None:  # Linux: the mapped index files are reported
        assert "files mapped at the end" in text
    answers = result["whoosh"]["expansion_answers"]
    everything = next(a for a in answers if a["query"] == "*")
    assert everything["total"] == 30  # every article, not an estimate
