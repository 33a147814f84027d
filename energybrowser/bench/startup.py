"""Start-up benchmark of the library: `python -m energybrowser.bench.startup --sizes 5,10000,50000`.

For each size (5 is the bundled corpus; larger ones are generated from real paragraphs by
`library_gen`), in fresh processes with the window offscreen:
- first start (nothing cached): the window shown, the article list in, everything analysed and
  indexed (this fills the catalogue and the index the other phases use);
- second start: the article list, the facets and the whole ledger shown ("ready"), peak memory;
- after 100 files changed while the app was closed: ready again, and the 100 re-analysed;
- the CLI: `corpus list --json` and `search` (process start to output).
Prints a table and the ratios against the 5-article figures, with the load average of the machine
when each second start ran; `--json FILE` keeps the numbers. `--reuse` keeps a library analysed by
an earlier run in `--work` (its first start, the long part, is not measured again); `--prepare`
runs only the first starts, leaving analysed libraries in `--work` for later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NotRequired, TypedDict

from energybrowser.bench.library_gen import default_sources, generate

CHANGED = 100
# Above this size the first start stops once everything is analysed: building the index takes long
# and no later phase needs it (they stop at "ready"; `search` is timed up to this size).
INDEXED_UP_TO = 10000

Timings = dict[str, float]  # what a window start reports: seconds to each stage, peak memory


class SizeResult(TypedDict):
    size: int
    first: Timings
    second: Timings
    second_again: Timings
    cli_corpus_list: float
    cli_search: NotRequired[float]
    changed: NotRequired[Timings]


def _child(corpus: Path, data: Path, until: str) -> Timings:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    load = os.getloadavg()[0]
    launched = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "energybrowser.ui.startup_bench", str(corpus), str(data), str(launched),
         "--until", until],
        capture_output=True, text=True, env=env, check=False, timeout=6 * 3600,
    )  # fmt: skip
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"window start failed ({out.returncode}): {out.stderr[-2000:]}")
    timings: Timings = json.loads(lines[-1])
    timings["load"] = round((load + os.getloadavg()[0]) / 2, 1)
    return timings


def _cli(corpus: Path, data: Path, *argv: str) -> float:
    started = time.time()
    subprocess.run(
        [sys.executable, "-m", "energybrowser", "--corpus", str(corpus), "--data-dir", str(data), *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    return time.time() - started


def _change(corpus: Path, count: int) -> dict[Path, bytes]:
    """Edit `count` articles as a user would: a sentence added to the end of each. Returns what
    they held, so the library can be put back and reused by the next run."""
    before: dict[Path, bytes] = {}
    for n, path in enumerate(sorted(corpus.glob("*.md"))[:count]):
        before[path] = path.read_bytes()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn editor's note added to this article, number {n}, on a later day.\n")
    return before


def _library(size: int, work: Path, bundled: Path, reuse: bool = False) -> tuple[Path, Path, bool]:
    """The library of `size` articles (generated once, kept), its data folder (fresh unless
    `reuse` finds one analysed by an earlier run) and whether it was kept."""
    if size <= 5:
        corpus = work / "lib-bundled"
        if not corpus.is_dir():
            shutil.copytree(bundled, corpus)
    else:
        corpus = generate(work / f"lib-{size}", size, default_sources())
    data = work / f"data-{size}"
    kept = reuse and (data / "data" / "library").is_dir()  # analysed by an earlier run
    if data.exists() and not kept:
        shutil.rmtree(data)
    return corpus, data, kept


def first_start(size: int, work: Path, bundled: Path) -> Timings:
    """The first start alone: leaves `work` holding the library and its analysed (and, up to
    INDEXED_UP_TO, indexed) data folder, for measuring later starts without waiting for this one."""
    corpus, data, _kept = _library(size, work, bundled)
    return _child(corpus, data, "indexed" if size <= INDEXED_UP_TO else "analysed")


def run_size(size: int, work: Path, bundled: Path, *, reuse: bool = False) -> SizeResult:
    corpus, data, kept = _library(size, work, bundled, reuse)
    result = SizeResult(
        size=size,
        first={} if kept else _child(corpus, data, "indexed" if size <= INDEXED_UP_TO else "analysed"),
        second=_child(corpus, data, "ready"),
        second_again=_child(corpus, data, "ready"),  # the better of two: a busy machine
        cli_corpus_list=min(_cli(corpus, data, "corpus", "list", "--json") for _ in range(3)),
    )
    if size <= INDEXED_UP_TO and (not kept or (data / "data" / "indexes").is_dir()):
        result["cli_search"] = min(_cli(corpus, data, "search", "pipeline", "--json") for _ in range(3))
    if size > CHANGED:
        before = _change(corpus, CHANGED)
        try:
            result["changed"] = _child(corpus, data, "analysed")
        finally:  # the generated library is kept for the next run, as generated
            for path, content in before.items():
                path.write_bytes(content)
    return result


def _best(result: SizeResult) -> Timings:
    a, b = result["second"], result["second_again"]
    return a if a["ready"] <= b["ready"] else b


def report(results: list[SizeResult]) -> str:
    """One row per size; times in seconds from process launch; "CPU" is the window process's own."""
    base = _best(results[0])
    nan = float("nan")
    lines = [
        f"{'articles':>8} | {'first: shown':>12} {'listed':>7} {'analysed':>8} | {'2nd: ready':>10} "
        f"{'x 5':>5} {'CPU':>5} {'x 5':>5} {'peak MB':>7} {'+MB':>5} {'load':>5} | "
        f"{'100 changed: ready':>18} {'re-analysed':>11} | {'corpus list':>11} {'search':>6}"
    ]
    for r in results:
        first, second, changed = r["first"], _best(r), r.get("changed", {})
        lines.append(
            f"{r['size']:>8} | {first.get('shown', nan):>12.2f} {first.get('ready', nan):>7.1f} "
            f"{first.get('analysed', nan):>8.1f} | {second['ready']:>10.2f} "
            f"{second['ready'] / base['ready']:>5.2f} {second.get('cpu_ready', nan):>5.2f} "
            f"{second.get('cpu_ready', nan) / base.get('cpu_ready', nan):>5.2f} "
            f"{second['peak_mb_ready']:>7.0f} {second['peak_mb_ready'] - base['peak_mb_ready']:>5.0f} "
            f"{second.get('load', nan):>5.1f} | "
            f"{changed.get('ready', nan):>18.2f} {changed.get('analysed', nan):>11.2f} | "
            f"{r['cli_corpus_list']:>11.2f} {r.get('cli_search', nan):>6.2f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m energybrowser.bench.startup", description=__doc__)
    parser.add_argument("--sizes", default="5,10000", help="comma-separated library sizes (5: bundled)")
    parser.add_argument("--work", type=Path, default=Path("bench-startup"), help="folder for libraries")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a library an earlier run analysed in --work (no first start)",
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only the first start of each size: leaves lib-SIZE and its analysed data-SIZE in --work",
    )
    args = parser.parse_args()
    from energybrowser.resources import bundled_corpus_dir

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.prepare:
        args.work.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            timings = first_start(size, args.work, bundled_corpus_dir())
            print(json.dumps({"size": size, "first": timings}), flush=True)
        return
    if sizes[0] > 5:
        sizes.insert(0, 5)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        print(f"… {size} articles", file=sys.stderr, flush=True)
        results.append(run_size(size, args.work, bundled_corpus_dir(), reuse=args.reuse))
        print(report(results), file=sys.stderr, flush=True)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
