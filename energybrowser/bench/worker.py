"""One benchmark phase for one engine, in its own process (so cold open and peak memory are its own).

python -m energybrowser.bench.worker ENGINE PHASE CONFIG.json  ->  one JSON object on stdout
"""

from __future__ import annotations

import dataclasses
import json
import resource
import sys
import time
from pathlib import Path

from energybrowser.bench.engines import Fts5Bench, WhooshBench
from energybrowser.bench.sample import load_source, make_article, sample_articles
from energybrowser.bench.workload import keystroke_sessions, make_queries
from energybrowser.search.documents import Annotations

ENGINES = {"whoosh": WhooshBench, "fts5": Fts5Bench}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "n": len(values)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def main(engine_name: str, phase: str, config_path: str) -> dict[str, object]:
    config = json.loads(Path(config_path).read_text())
    workdir = Path(config["workdir"])
    articles = sample_articles(load_source(Path(config["source"])), config["size"], config["seed"])
    raw = json.loads((workdir / "annotations.json").read_text())
    annotations = {k: Annotations(*(tuple(x) for x in v)) for k, v in raw.items()}
    engine = ENGINES[engine_name](workdir, articles, annotations)
    out: dict[str, object] = {"engine": engine_name, "phase": phase}
    if phase == "build":
        start = time.perf_counter()
        engine.build()
        seconds = time.perf_counter() - start
        out.update(build_s=seconds, per_s=len(articles) / seconds, size_mb=engine.size() / 1e6)
    elif phase == "cold":
        first = make_queries(articles, 1, config["seed"])[0]
        query = first.whoosh if engine_name == "whoosh" else first.fts5
        start = time.perf_counter()
        engine.open()
        engine.search(query, snippets=True)
        out["cold_ms"] = (time.perf_counter() - start) * 1000
    elif phase == "queries":
        engine.open()
        queries = make_queries(articles, config["per_kind"], config["seed"])
        for q in queries[:10]:  # warm up the long-lived searcher / connection
            text = q.whoosh if engine_name == "whoosh" else q.fts5
            if text:
                engine.search(text, snippets=True)
        by_kind: dict[str, list[float]] = {}
        with_snippets: list[float] = []
        with_facets: list[float] = []
        for q in queries:
            text = q.whoosh if engine_name == "whoosh" else q.fts5
            if text is None:
                continue
            by_kind.setdefault(q.kind, []).append(timed(engine.search, text, snippets=False))
            with_snippets.append(timed(engine.search, text, snippets=True))
            if engine_name == "whoosh":
                with_facets.append(timed(engine.search, text, snippets=True, facets=True))
        keystrokes: list[float] = []
        for typed in keystroke_sessions(articles, config["sessions"], config["seed"]):
            for i in range(1, len(typed) + 1):
                keystrokes.append(timed(engine.keystroke, typed[:i]))
        # One article changes: time until its new word is searchable.
        target = articles[len(articles) // 2]
        marker = "zqxjmarker"
        changed = make_article(
            target.meta, [*[b.text for b in target.paragraphs], f"A new {marker} paragraph."]
        )
        start = time.perf_counter()
        engine.update(changed)
        found = engine.search(marker, snippets=True)
        update_ms = (time.perf_counter() - start) * 1000
        out.update(
            kinds={k: summary(v) for k, v in by_kind.items()},
            all_queries=summary([x for v in by_kind.values() for x in v]),
            snippets=summary(with_snippets),
            facets=summary(with_facets) if with_facets else None,
            keystroke=summary(keystrokes),
            update_ms=update_ms,
            update_found=found,
        )
    engine.close()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


if __name__ == "__main__":
    result = main(*sys.argv[1:4])
    json.dump(result, sys.stdout, default=lambda o: dataclasses.asdict(o))
