"""What an analyst's correction costs on a library of real text: `python -m energybrowser.bench.curation
--size 2000`.

A library of `--size` articles (`library_gen`) is opened, analysed and indexed; then one article's
metadata is overridden (the index takes that one article in) and two aliases are given, a name no
article holds and a new name for a known company (only the articles holding the name are
analysed again). Wall and CPU time of this process for each step; the analysis's worker processes
are not in the CPU figure.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from energybrowser.bench.library_gen import default_sources, generate
from energybrowser.curation.session import use_user_gazetteer
from energybrowser.library import Library
from energybrowser.paths import DataPaths

T = TypeVar("T")
ALIASES = (("Zhanaozen gas hub", "Zanzibar Gas Hub", "field"), ("Kazakh oil major", "KazMunayGas", ""))


@dataclass(frozen=True)
class Step:
    name: str
    outcome: str
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.name:<58} {self.outcome:<26} {self.wall:7.2f} s wall {self.cpu:6.2f} s CPU"


def _timed(name: str, work: Callable[[], T], outcome: Callable[[T], str], steps: list[Step]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    steps.append(Step(name, outcome(result), time.perf_counter() - wall, time.process_time() - cpu))
    return result


def run(corpus: Path, data: Path) -> list[Step]:
    steps: list[Step] = []
    paths = DataPaths.resolve(data)
    use_user_gazetteer(paths)
    library = _timed(
        "open (read every file)",
        lambda: Library.open(corpus, paths),
        lambda lib: f"{len(lib)} articles",
        steps,
    )
    _timed("first analysis", library.analyse, lambda n: f"{n} analysed", steps)
    engine = library.search_engine()
    try:
        _timed("index build", engine.ensure_index, lambda s: s.action, steps)
        target = library.entries[len(library.entries) // 2].id
        library.curation.edit_metadata(target, {"title": "Quayside accord", "publisher": "Quayside Review"})
        library.curation_changed()
        _timed(
            "metadata override: index update",
            lambda: engine.ensure_index(quick=True),
            lambda s: f"{s.action}, {s.changed} re-indexed",
            steps,
        )
        for alias, canonical, kind in ALIASES:
            library.curation.add_alias(alias, canonical, kind)
            use_user_gazetteer(paths)
            _timed(
                f"alias {alias!r} of {canonical}: analysis",
                library.analyse,
                lambda n: f"{n} of {len(library)} analysed",
                steps,
            )
    finally:
        engine.close()
        library.close()
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m energybrowser.bench.curation", description=__doc__)
    parser.add_argument("--size", type=int, default=2000, help="articles in the library (default 2000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="energybrowser-curation-bench-") as work:
        corpus = generate(Path(work) / "corpus", args.size, default_sources())
        for step in run(corpus, Path(work) / "data"):
            print(step)


if __name__ == "__main__":
    main()
