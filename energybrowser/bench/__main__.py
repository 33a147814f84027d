"""`python -m energybrowser.bench [--sizes 10000,50000] [--quick] [--corpus natural|bundled|DIR]`

Builds corpora of the given sizes — by default real English from Debian documentation packages
(`natural.py`), else paragraphs sampled from a corpus folder (fixed seed) — indexes them with our
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
from typing import Any

from energybrowser.bench.sample import bench_articles, make_article
from energybrowser.corpus.loader import resolve_corpus_dir
from energybrowser.corpus.model import Article
from energybrowser.search.documents import Annotations, extract_annotations

Json = dict[str, Any]  # a result as the worker prints it (JSON)
EXTRACTION_PROBE = 50  # whole articles run through the extractors to time them
TARGETS = (
    "targets at 10,000 and 50,000: build ≥ 300/s wall, index ≤ 2× FTS5, cold ≤ 100 ms (10k) / 200 ms "
    "(50k), all kinds p95 ≤ 1.5× FTS5 and p99 ≤ 3× (50k), fuzzy p95 ≤ 50 ms, every keystroke p95 ≤ 50 "
    "ms, update ≤ 200 ms, `*`, open ranges and fuzzy of any distance ≤ 1 s with correct totals"
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


def run_phase(engine: str, phase: str, config: Path) -> Json:
    proc = subprocess.run(
        [sys.executable, "-m", "energybrowser.bench.worker", engine, phase, str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench worker {engine}/{phase} failed:\n{proc.stderr}")
    result: Json = json.loads(proc.stdout)
    return result


def bench_size(size: int, corpus: str, args: argparse.Namespace, root: Path) -> Json:
    workdir = root / f"n{size}"
    workdir.mkdir(parents=True, exist_ok=True)
    articles = bench_articles(corpus, size, args.seed)
    probe = articles[-EXTRACTION_PROBE:]  # the last ones differ between sizes (no extractor cache hits)
    start = time.process_time()
    for article in probe:
        extract_annotations(article)
    extraction_ms = (time.process_time() - start) * 1000 / len(probe)
    if corpus == "natural":
        # Documentation names none of the gazetteer's entities: extracting 50,000 articles would
        # take many minutes and find nothing, so they are indexed without annotations.
        annotations: dict[str, Json] = {}
    else:
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
                "corpus": corpus,
                "size": size,
                "seed": args.seed,
                "per_kind": 4 if args.quick else args.per_kind,
                "sessions": 3 if args.quick else args.sessions,
            }
        )
    )
    results: Json = {"size": size, "corpus": corpus, "extraction_ms_per_article": extraction_ms}
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


def _spread(s: Json | None) -> str:
    """CPU ms p50 / p95 / p99."""
    if not s:
        return "n/a"
    return f"{s['cpu_p50']:.1f} / {s['cpu_p95']:.1f} / {s['cpu_p99']:.1f}"


def _spread_ratio(w: Json | None, f: Json | None) -> str:
    if not w or not f:
        return "n/a"
    return f"{ratio(w['cpu_p95'], f['cpu_p95'])} / {ratio(w['cpu_p99'], f['cpu_p99'])}"


def table(r: Json) -> str:
    """Markdown tables. Whole operations: wall time (CPU time). Queries: CPU ms p50 / p95 / p99
    (CPU time does not depend on how busy the machine is) and the p95 / p99 ratios to FTS5."""
    w, f = r["whoosh"], r["fts5"]
    lines = [
        f"### {r['size']:,} articles ({r.get('corpus', 'bundled')} corpus)",
        "",
        "| measure | Whoosh (ours): wall (CPU) | SQLite FTS5: wall (CPU) | ratio |",
        "|---|---:|---:|---:|",
    ]
    whole = [
        ("build (articles/s)", w["per_s"], w["cpu_per_s"], f["per_s"], f["cpu_per_s"], "{:.0f}", True),
        ("index size (MB)", w["size_mb"], None, f["size_mb"], None, "{:.1f}", False),
        ("cold open → first result, gazetteer included (ms)", w["cold_ms"], w["cold_cpu_ms"], f["cold_ms"],
         f["cold_cpu_ms"], "{:.0f}", False),
        ("importing the app before that, as the CLI does (ms)", w.get("import_ms"), None, None, None,
         "{:.0f}", False),
        ("one-article update → searchable (ms)", w["update_ms"], w["update_cpu_ms"], f["update_ms"],
         f["update_cpu_ms"], "{:.0f}", False),
        ("peak memory (MB RSS)", w["peak_rss_mb"], None, f["peak_rss_mb"], None, "{:.0f}", False),
    ]  # fmt: skip
    for label, wa, wc, fa, fc, fmt, by_wall in whole:
        base = ratio(wa, fa) if by_wall else ratio(wc if wc is not None else wa, fc if fc is not None else fa)
        lines.append(f"| {label} | {_cell(wa, wc, fmt)} | {_cell(fa, fc, fmt)} | {base} |")
    lines += [
        "",
        "| CPU ms: p50 / p95 / p99 | Whoosh (ours) | SQLite FTS5 | ratio p95 / p99 |",
        "|---|---:|---:|---:|",
    ]
    rows: list[tuple[str, Json | None, Json | None]] = [
        (f"query {kind}", s, f["kinds"].get(kind)) for kind, s in w["kinds"].items()
    ]
    rows += [
        ("all kinds FTS5 also runs", w["all_queries"], f["all_queries"]),
        ("all again, caches warm", w["all_queries_warm"], f["all_queries_warm"]),
        ("search + snippets, top 20", w["snippets"], f["snippets"]),
        ("search + snippets + facets", w["facets"], None),
        ("per keystroke (top 20 + snippets)", w["keystroke"], f["keystroke"]),
        ("per keystroke, no-hit sessions", w.get("keystroke_no_hit"), f.get("keystroke_no_hit")),
        ("per keystroke, all", w.get("keystroke_all"), f.get("keystroke_all")),
    ]
    rows += [(f"{kind} (no FTS5 equivalent)", s, None) for kind, s in w.get("expansions", {}).items()]
    for label, ws, fs in rows:
        lines.append(f"| {label} | {_spread(ws)} | {_spread(fs)} | {_spread_ratio(ws, fs)} |")
    lines.append("")
    if w.get("keystroke_all"):
        ks = w["keystroke_all"]
        lines.append(f"Per keystroke, all, wall ms p50 / p95: {ks['p50']:.1f} / {ks['p95']:.1f}.")
    slowest = w.get("slowest_keystrokes") or []
    if slowest:
        shown = ", ".join(f"`{text}` {cpu:.0f}" for cpu, text in slowest)
        lines.append(f"Slowest keystrokes, CPU ms: {shown}.")
    answers = w.get("expansion_answers") or []
    if answers:
        shown = "; ".join(
            f"`{a['query']}` {a['total']:,}" + (" (noted)" if a["notes"] else "") for a in answers[:8]
        )
        lines.append(f"Totals of the expansion queries: {shown}.")
    extraction = r["extraction_ms_per_article"]
    lines.append(
        f"Entity + agreement extraction (not in the build figures): {extraction:.1f} ms CPU per article."
    )
    mapped = w.get("mapped_mb")
    if mapped is not None and f.get("mapped_mb") is not None:
        lines.append(
            f"Of the peak memory, files mapped at the end (page cache, shared): ours {mapped:.0f} MB, "
            f"FTS5 {f['mapped_mb']:.0f} MB."
        )
    if "load" in r:
        lines.append(f"Machine load average during this size: {r['load']}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m energybrowser.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="comma-separated corpus sizes")
    parser.add_argument("--quick", action="store_true", help="fewer queries (for a smoke run)")
    parser.add_argument(
        "--corpus",
        default="natural",
        help="natural (Debian documentation, the default), bundled, or a folder of articles to sample "
        "paragraphs from",
    )
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--per-kind", type=int, default=20, help="queries per kind")
    parser.add_argument("--sessions", type=int, default=20, help="typed queries replayed per keystroke")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    parser.add_argument("--workdir", help="keep the corpora and indexes here (default: a temp folder)")
    args = parser.parse_args(argv)
    corpus = (
        "natural"
        if args.corpus == "natural"
        else str(resolve_corpus_dir(None if args.corpus == "bundled" else args.corpus))
    )
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="eb-bench-") as tmp:
        root = Path(args.workdir) if args.workdir else Path(tmp)
        results = [bench_size(size, corpus, args, root) for size in sizes]
    for r in results:
        print(table(r))
        print()
    print(TARGETS)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
