"""`python -m energybrowser.bench [--sizes 1000,10000] [--quick] [--corpus DIR]`

Builds corpora of the given sizes by sampling real paragraphs (fixed seed), indexes them with our
Whoosh search and with SQLite FTS5, and prints one table per size: build throughput, index size,
cold open to first result, query p50/p95 by kind, search+snippets, per-keystroke p95, one-article
update latency and peak memory, each with the ratio Whoosh / FTS5. Every engine and phase runs in
its own process. Entity extraction is timed separately and not part of the build figures (the
annotations are computed once up front and handed to both engines).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from energybrowser.bench.sample import load_source, sample_articles
from energybrowser.corpus.loader import resolve_corpus_dir
from energybrowser.search.documents import extract_annotations

TARGETS = (
    "targets at 10,000: keystroke p95 ≤ 50 ms, query p95 ≤ 3× FTS5, build ≥ 300/s, "
    "update ≤ 200 ms, cold ≤ 150 ms"
)


def run_phase(engine: str, phase: str, config: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "energybrowser.bench.worker", engine, phase, str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench worker {engine}/{phase} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def bench_size(size: int, source: Path, args: argparse.Namespace, root: Path) -> dict:
    workdir = root / f"n{size}"
    workdir.mkdir(parents=True, exist_ok=True)
    articles = sample_articles(load_source(source), size, args.seed)
    start = time.perf_counter()
    annotations = {a.id: asdict(extract_annotations(a)) for a in articles}
    extraction_ms = (time.perf_counter() - start) * 1000 / size
    (workdir / "annotations.json").write_text(
        json.dumps({k: [v["entities"], v["types"], v["parties"]] for k, v in annotations.items()})
    )
    config = workdir / "config.json"
    config.write_text(
        json.dumps(
            {
                "workdir": str(workdir),
                "source": str(source),
                "size": size,
                "seed": args.seed,
                "per_kind": 4 if args.quick else args.per_kind,
                "sessions": 3 if args.quick else args.sessions,
            }
        )
    )
    results: dict = {"size": size, "extraction_ms_per_article": extraction_ms}
    for engine in ("whoosh", "fts5"):
        for phase in ("build", "cold", "queries"):
            print(f"  {size}: {engine} {phase} …", file=sys.stderr, flush=True)
            results.setdefault(engine, {}).update(run_phase(engine, phase, config))
    return results


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.1f}×"


def table(r: dict) -> str:
    w, f = r["whoosh"], r["fts5"]
    rows = [
        ("build (articles/s)", w["per_s"], f["per_s"], "{:.0f}"),
        ("index size (MB)", w["size_mb"], f["size_mb"], "{:.1f}"),
        ("cold open → first result (ms)", w["cold_ms"], f["cold_ms"], "{:.0f}"),
    ]
    for kind, s in w["kinds"].items():
        fs = f["kinds"].get(kind)
        rows.append((f"query {kind} p50 (ms)", s["p50"], fs["p50"] if fs else None, "{:.1f}"))
        rows.append((f"query {kind} p95 (ms)", s["p95"], fs["p95"] if fs else None, "{:.1f}"))
    rows += [
        ("all queries p95 (ms)", w["all_queries"]["p95"], f["all_queries"]["p95"], "{:.1f}"),
        ("search + snippets top 20 p50 (ms)", w["snippets"]["p50"], f["snippets"]["p50"], "{:.1f}"),
        ("search + snippets top 20 p95 (ms)", w["snippets"]["p95"], f["snippets"]["p95"], "{:.1f}"),
        ("search + snippets + facets p95 (ms)", w["facets"]["p95"], None, "{:.1f}"),
        (
            "per keystroke (top 20 + snippets) p95 (ms)",
            w["keystroke"]["p95"],
            f["keystroke"]["p95"],
            "{:.1f}",
        ),
        ("one-article update → searchable (ms)", w["update_ms"], f["update_ms"], "{:.0f}"),
        ("peak memory (MB RSS)", w["peak_rss_mb"], f["peak_rss_mb"], "{:.0f}"),
    ]
    lines = [
        f"### {r['size']:,} articles",
        "",
        "| measure | Whoosh (ours) | SQLite FTS5 | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, a, b, fmt in rows:
        lines.append(
            f"| {label} | {fmt.format(a)} | {fmt.format(b) if b is not None else 'n/a'} | {ratio(a, b)} |"
        )
    lines.append("")
    extraction = r["extraction_ms_per_article"]
    lines.append(f"Entity + agreement extraction (not in the build figures): {extraction:.1f} ms/article.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m energybrowser.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--quick", action="store_true", help="fewer queries (for a smoke run)")
    parser.add_argument("--corpus", help="source articles to sample paragraphs from (default: bundled)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--per-kind", type=int, default=20, help="queries per kind")
    parser.add_argument("--sessions", type=int, default=20, help="typed queries replayed per keystroke")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    parser.add_argument("--workdir", help="keep the corpora and indexes here (default: a temp folder)")
    args = parser.parse_args(argv)
    source = resolve_corpus_dir(args.corpus)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="eb-bench-") as tmp:
        root = Path(args.workdir) if args.workdir else Path(tmp)
        results = [bench_size(size, source, args, root) for size in sizes]
    for r in results:
        print(table(r))
        print()
    print(TARGETS)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
