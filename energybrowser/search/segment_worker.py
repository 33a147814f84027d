"""A worker process of a parallel full build: `python -m energybrowser.search.segment_worker TASK`.

TASK is a pickle, written by the parent into its own temporary build folder, of
(segment folder, articles, annotator). Run as its own interpreter (not through multiprocessing), so
the parent's main module is never imported again in the worker.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def main(task_path: str) -> int:
    from energybrowser.search.index_store import build_part

    with open(task_path, "rb") as fh:
        folder, chunk, annotate = pickle.load(fh)  # our own file, written by our parent process
    build_part(Path(folder), chunk, annotate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
