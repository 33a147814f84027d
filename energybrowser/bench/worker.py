"""One benchmark phase for one engine, in its own process (so cold open and peak memory are its own).

python -m energybrowser.bench.worker ENGINE PHASE CONFIG.json  ->  one JSON object on stdout
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before importing the app: the cold phase counts its imports

import dataclasses  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from energybrowser.bench.engines import Fts5Bench, WhooshBench  # noqa: E402
from energybrowser.bench.sample import bench_articles, make_article  # noqa: E402
from energybrowser.bench.workload import (  # noqa: E402
    expansion_queries,
    keystroke_sessions,
    make_queries,
    no_hit_sessions,
)
from energybrowser.entities.gazetteer import load_gazetteer  # noqa: E402
from energybrowser.search.documents import Annotations  # noqa: E402
from energybrowser.search.results import SearchResults  # noqa: E402

_IMPORTED = time.perf_counter()

SLOW_S = 10.0
SLOWEST = 8  # keystrokes listed by CPU time (what to profile next)
ENGINES: dict[str, type[WhooshBench] | type[Fts5Bench]] = {"whoosh": WhooshBench, "fts5": Fts5Bench}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "n": len(values),
    }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mapped_files_mb() -> float | None:
    """Resident pages of mapped files (the index, read through memory maps) at this moment, from
    Linux's /proc: they count in the RSS but are the page cache, shared and given back under
    pressure, not the process's own memory. None where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("RssFile:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def timed(fn, *args, **kwargs) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall ms, CPU ms) of one call. On a shared machine the CPU time is what the call would take
    on an idle one (the work is single-threaded); the wall time includes waiting for a core."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


class Samples:
    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def add(self, sample: tuple[float, float]) -> None:
        self.wall.append(sample[0])
        self.cpu.append(sample[1])

    def extend(self, other: Samples) -> None:
        self.wall += other.wall
        self.cpu += other.cpu

    def summary(self) -> dict[str, float]:
        return {
            **summary(self.wall),
            "cpu_p50": percentile(self.cpu, 50),
            "cpu_p95": percentile(self.cpu, 95),
            "cpu_p99": percentile(self.cpu, 99),
        }


def _merged(a: Samples, b: Samples) -> Samples:
    out = Samples()
    out.extend(a)
    out.extend(b)
    return out


def main(engine_name: str, phase: str, config_path: str) -> dict[str, object]:
    config = json.loads(Path(config_path).read_text())
    workdir = Path(config["workdir"])
    articles = bench_articles(config["corpus"], config["size"], config["seed"])
    raw = json.loads((workdir / "annotations.json").read_text())
    annotations = {k: Annotations(*(tuple(x) for x in v)) for k, v in raw.items()}
    engine = ENGINES[engine_name](workdir, articles, annotations)
    out: dict[str, object] = {"engine": engine_name, "phase": phase}
    if phase == "build":
        before = os.times()
        wall, _ = timed(engine.build)
        after = os.times()
        # CPU of this process and of any worker processes the build started.
        cpu = 1000 * sum(
            getattr(after, k) - getattr(before, k)
            for k in ("user", "system", "children_user", "children_system")
        )
        out.update(
            build_s=wall / 1000,
            # os.times() ticks at 10 ms: a tiny build can measure 0 ms; never divide by it.
            per_s=len(articles) / max(wall / 1000, 1e-3),
            cpu_per_s=len(articles) / max(cpu / 1000, 1e-2),
            size_mb=engine.size() / 1e6,
        )
    elif phase == "cold":
        first = make_queries(articles, 1, config["seed"])[0]
        query = first.whoosh if engine_name == "whoosh" else first.fts5
        assert query is not None  # the first query is a single term: FTS5 runs it too
        load_gazetteer.cache_clear()  # make_queries read it: the app reads it when it opens

        def cold() -> None:
            engine.open()
            engine.search(query, snippets=True)

        # Opening (the gazetteer included) and the first query with snippets; the CLI also pays
        # for importing the app (Whoosh and its dependencies: reported on its own, it does not
        # depend on the index). Reading the articles is left out (the catalogue's job).
        out["cold_ms"], out["cold_cpu_ms"] = timed(cold)
        out["import_ms"] = (_IMPORTED - _STARTED) * 1000
    elif phase == "queries":
        engine.open()
        queries = make_queries(articles, config["per_kind"], config["seed"])
        for q in queries[:10]:  # warm up the long-lived searcher / connection
            text = q.whoosh if engine_name == "whoosh" else q.fts5
            if text:
                engine.search(text, snippets=True)
        by_kind: dict[str, Samples] = {}
        with_fts5 = {q.kind for q in queries if q.fts5 is not None}
        with_snippets, with_facets, keystrokes, warm = Samples(), Samples(), Samples(), Samples()
        for q in queries:
            text = q.whoosh if engine_name == "whoosh" else q.fts5
            if text is None:
                continue
            # The queries share words (a word, then it with a rare one, OR, NOT): each is timed as
            # if its words were new, then again with what the first run left in the caches.
            engine.drop_caches()
            by_kind.setdefault(q.kind, Samples()).add(timed(engine.search, text, snippets=False))
            warm.add(timed(engine.search, text, snippets=False))
            with_snippets.add(timed(engine.search, text, snippets=True))
            if engine_name == "whoosh":
                with_facets.add(timed(engine.search, text, snippets=True, facets=True))
        expansions: dict[str, Samples] = {}
        answers: list[dict[str, object]] = []
        if isinstance(engine, WhooshBench):
            too_slow: set[str] = set()
            for q in expansion_queries(articles, max(2, config["per_kind"] // 4), config["seed"]):
                if q.kind in too_slow:  # one took over SLOW_S: the others would too
                    continue
                engine.drop_caches()
                got: list[SearchResults] = []
                expansions.setdefault(q.kind, Samples()).add(
                    timed(lambda t=q.whoosh, into=got: into.append(engine.results(t)))
                )
                if expansions[q.kind].wall[-1] > SLOW_S * 1000:
                    too_slow.add(q.kind)
                r = got[0]
                answers.append({"query": q.whoosh, "total": r.total, "notes": list(r.notes)})
        typed_so_far: list[tuple[float, str]] = []  # (CPU ms, text): the slowest are reported
        for typed in keystroke_sessions(articles, config["sessions"], config["seed"]):
            for i in range(1, len(typed) + 1):
                keystrokes.add(timed(engine.keystroke, typed[:i]))
                typed_so_far.append((keystrokes.cpu[-1], typed[:i]))
        no_hits = Samples()
        for typed in no_hit_sessions(articles, max(3, config["sessions"] // 2), config["seed"]):
            for i in range(1, len(typed) + 1):
                no_hits.add(timed(engine.keystroke, typed[:i]))
                typed_so_far.append((no_hits.cpu[-1], typed[:i]))
        out["slowest_keystrokes"] = sorted(typed_so_far, reverse=True)[:SLOWEST]
        # One article changes: time until its new word is searchable.
        target = articles[len(articles) // 2]
        marker = "zqxjmarker"
        changed = make_article(
            target.meta, [*[b.text for b in target.paragraphs], f"A new {marker} paragraph."]
        )
        found: list[int] = []

        def update() -> None:
            engine.update(changed)
            found.append(engine.search(marker, snippets=True))

        out["update_ms"], out["update_cpu_ms"] = timed(update)
        everything = Samples()
        for kind, samples in by_kind.items():
            if kind in with_fts5:  # "all" compares kinds both engines run
                everything.extend(samples)
        out.update(
            kinds={k: v.summary() for k, v in by_kind.items()},
            all_queries=everything.summary(),
            all_queries_warm=warm.summary(),
            snippets=with_snippets.summary(),
            facets=with_facets.summary() if with_facets.wall else None,
            keystroke=keystrokes.summary(),
            keystroke_no_hit=no_hits.summary(),
            keystroke_all=_merged(keystrokes, no_hits).summary(),
            expansions={k: v.summary() for k, v in expansions.items()},
            expansion_answers=answers,
            update_found=found[0],
        )
    out["mapped_mb"] = mapped_files_mb()
    engine.close()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


if __name__ == "__main__":
    result = main(*sys.argv[1:4])
    json.dump(result, sys.stdout, default=lambda o: dataclasses.asdict(o))
