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
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from energybrowser.bench.sample import load_source, make_article, sample_articles
from energybrowser.corpus.loader import resolve_corpus_dir
from energybrowser.corpus.model import Article
from energybrowser.search.documents import Annotations, extract_annotations

EXTRACTION_PROBE = 50  # whole articles run through the extractors to time them
TARGETS = (
    "targets at 10,000: keystroke p95 ≤ 50 ms, query p95 ≤ 3× FTS5, build ≥ 300/s, "
    "update ≤ 200 ms, cold ≤ 150 ms"
)


def paragraph_annotations(articles: list[Article]) -> list[Annotations]:
    """Each article's annotations as the union of its paragraphs', every distinct paragraph
    extracted once: the sampled articles reuse the same paragraphs, and running the extractors
    on 10,000 whole articles would take minutes without changing what the index holds."""
    cache: dict[str, Annotations] = {}
    out = []
    for article in articles:
        parts = []
        for block in article.paragraphs:
            if block.text not in cache:
                cache[block.text] = extract_annotations(make_article(article.meta, [block.text]))
            parts.append(cache[block.text])
        out.append(
            Annotations(
                tuple(dict.fromkeys(e for p in parts for e in p.entities)),
                tuple(dict.fromkeys(t for p in parts for t in p.types)),
                tuple(dict.fromkeys(x for p in parts for x in p.parties)),
            )
        )
    return out


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
    probe = articles[-EXTRACTION_PROBE:]  # the last ones differ between sizes (no extractor cache hits)
    start = time.process_time()
    for article in probe:
        extract_annotations(article)
    extraction_ms = (time.process_time() - start) * 1000 / len(probe)
    annotations = {
        a.id: asdict(ann) for a, ann in zip(articles, paragraph_annotations(articles), strict=True)
    }
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
    loads = [os.getloadavg()[0]]
    for engine in ("whoosh", "fts5"):
        for phase in ("build", "cold", "queries"):
            print(f"  {size}: {engine} {phase} …", file=sys.stderr, flush=True)
            results.setdefault(engine, {}).update(run_phase(engine, phase, config))
            loads.append(os.getloadavg()[0])
    results["load"] = f"{min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores"
    return results


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.1f}×"


def _cell(wall: float | None, cpu: float | None, fmt: str) -> str:
    if wall is None:
        return "n/a"
    return fmt.format(wall) + (f" ({fmt.format(cpu)})" if cpu is not None else "")


def table(r: dict) -> str:
    """Markdown table: wall time (CPU time) per engine; ratios on CPU time, which does not depend
    on how busy the machine is."""
    w, f = r["whoosh"], r["fts5"]
    rows: list[tuple[str, float | None, float | None, float | None, float | None, str]] = [
        ("build (articles/s)", w["per_s"], w["cpu_per_s"], f["per_s"], f["cpu_per_s"], "{:.0f}"),
        ("index size (MB)", w["size_mb"], None, f["size_mb"], None, "{:.1f}"),
        (
            "cold open → first result (ms)",
            w["cold_ms"],
            w["cold_cpu_ms"],
            f["cold_ms"],
            f["cold_cpu_ms"],
            "{:.0f}",
        ),
    ]

    def add(label: str, ws: dict | None, fs: dict | None, stat: str) -> None:
        rows.append(
            (
                label,
                ws[stat] if ws else None,
                ws[f"cpu_{stat}"] if ws else None,
                fs[stat] if fs else None,
                fs[f"cpu_{stat}"] if fs else None,
                "{:.1f}",
            )
        )

    for kind, s in w["kinds"].items():
        add(f"query {kind} p50 (ms)", s, f["kinds"].get(kind), "p50")
        add(f"query {kind} p95 (ms)", s, f["kinds"].get(kind), "p95")
    add("all queries p95 (ms)", w["all_queries"], f["all_queries"], "p95")
    add("all queries again, caches warm, p95 (ms)", w["all_queries_warm"], f["all_queries_warm"], "p95")
    add("search + snippets, top 20, p50 (ms)", w["snippets"], f["snippets"], "p50")
    add("search + snippets, top 20, p95 (ms)", w["snippets"], f["snippets"], "p95")
    add("search + snippets + facets p95 (ms)", w["facets"], None, "p95")
    add("per keystroke (top 20 + snippets) p50 (ms)", w["keystroke"], f["keystroke"], "p50")
    add("per keystroke (top 20 + snippets) p95 (ms)", w["keystroke"], f["keystroke"], "p95")
    rows.append(
        ("one-article update → searchable (ms)", w["update_ms"], w["update_cpu_ms"], f["update_ms"],
         f["update_cpu_ms"], "{:.0f}")
    )  # fmt: skip
    rows.append(("peak memory (MB RSS)", w["peak_rss_mb"], None, f["peak_rss_mb"], None, "{:.0f}"))
    lines = [
        f"### {r['size']:,} articles",
        "",
        "| measure | Whoosh (ours): wall (CPU) | SQLite FTS5: wall (CPU) | ratio (CPU) |",
        "|---|---:|---:|---:|",
    ]
    for label, wa, wc, fa, fc, fmt in rows:
        base = ratio(wc if wc is not None else wa, fc if fc is not None else fa)
        lines.append(f"| {label} | {_cell(wa, wc, fmt)} | {_cell(fa, fc, fmt)} | {base} |")
    lines.append("")
    extraction = r["extraction_ms_per_article"]
    lines.append(
        f"Entity + agreement extraction (not in the build figures): {extraction:.1f} ms CPU per article."
    )
    if "load" in r:
        lines.append(f"Machine load average during this size: {r['load']}.")
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
