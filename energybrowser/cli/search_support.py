"""Shared by `search` and `index`: open the engine for the chosen corpus and report progress."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from energybrowser.cli import UserError
from energybrowser.cli.common import library_from_args
from energybrowser.search import IndexStatus, SearchEngine, SearchIndexError


def open_engine(args: argparse.Namespace, *, quiet: bool = False) -> SearchEngine:
    """The engine over the library (the index build reads the articles' stored analysis, and
    extracts what is not analysed yet)."""
    return library_from_args(args, report_problems=not quiet).search_engine()


def ensure(engine: SearchEngine, *, rebuild: bool = False, show_progress: bool = True) -> IndexStatus:
    progress = progress_printer() if show_progress else None
    try:
        return engine.ensure_index(progress, rebuild=rebuild)
    except SearchIndexError as exc:
        raise UserError(str(exc)) from exc
    finally:
        if progress is not None and sys.stderr.isatty():
            sys.stderr.write("\n")


def progress_printer() -> Callable[[int, int], None]:
    """A bar redrawn in place on a terminal; a plain line every ~10% otherwise."""
    tty = sys.stderr.isatty()
    state = {"last": -1, "started": time.monotonic()}

    def report(done: int, total: int) -> None:
        total = max(total, 1)
        percent = min(100, done * 100 // total)
        if tty:
            width = 30
            filled = width * percent // 100
            rate = done / max(time.monotonic() - state["started"], 1e-6)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\rindexing [{bar}] {done}/{total} ({rate:.0f}/s)")
            sys.stderr.flush()
        elif percent // 10 != state["last"] // 10 or done == total:
            if done == total and state["last"] == 100:
                return
            sys.stderr.write(f"indexing: {done}/{total} articles ({percent}%)\n")
        state["last"] = percent

    return report
