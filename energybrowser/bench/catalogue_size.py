"""The catalogue on disk: `python -m energybrowser.bench.catalogue_size CATALOGUE.sqlite [--sample N]`

Prints the bytes per article of each table and index (SQLite's `dbstat`: pages as stored, free
space in them included) and the CPU time to read and decode one article's body, entities and
agreements, the way the reader and the ledger do (`codec`), over a sample of rows read in key order.
Opened read-only: a shared benchmark library is not changed (an older catalogue is measured as it
is, its rows in the encoding they were written in).
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from energybrowser.corpus.model import ArticleMeta
from energybrowser.library import codec

_META = ArticleMeta(id="sample", title="")


def table_bytes(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Each table's and index's bytes on disk, largest first."""
    rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    return [(str(name), int(size)) for name, size in rows]


def _per_article_us(rows: list[Any], decode: Callable[[Any], object]) -> float:
    start = time.process_time()
    for row in rows:
        decode(row)
    return (time.process_time() - start) / max(1, len(rows)) * 1e6


def decode_times(conn: sqlite3.Connection, sample: int) -> dict[str, float]:
    """µs of CPU an article: the query that reads its row and the decoding, best of three rounds."""
    keys = [k for (k,) in conn.execute("SELECT key FROM analysis ORDER BY key LIMIT ?", (sample,))]

    def body(key: int) -> object:
        text, stored = conn.execute("SELECT text, body FROM bodies WHERE key = ?", (key,)).fetchone()
        return codec.load_body(_META, "", text, stored)

    def entities(key: int) -> object:
        (stored,) = conn.execute("SELECT entities FROM analysis WHERE key = ?", (key,)).fetchone()
        return codec.load_entities(stored)

    def agreements(key: int) -> object:
        (stored,) = conn.execute("SELECT agreements FROM analysis WHERE key = ?", (key,)).fetchone()
        return codec.load_agreements(stored)

    found = {}
    for name, decode in (("body", body), ("entities", entities), ("agreements", agreements)):
        found[name] = min(_per_article_us(keys, decode) for _ in range(3))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--sample", type=int, default=2000, help="articles decoded (default 2000)")
    args = parser.parse_args(argv)
    conn = sqlite3.connect(f"{args.catalogue.resolve().as_uri()}?mode=ro", uri=True)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0] or 1
    sizes = table_bytes(conn)
    total = sum(size for _name, size in sizes)
    print(f"{articles} articles, {args.catalogue.stat().st_size / 1e6:.1f} MB file")
    for name, size in sizes:
        if size * 100 >= total:  # the tables and indexes of at least 1 % of the whole
            print(f"  {name:34s} {size / 1e6:9.1f} MB {size / articles:9.0f} B/article")
    print(f"  {'all tables and indexes':34s} {total / 1e6:9.1f} MB {total / articles:9.0f} B/article")
    for name, us in decode_times(conn, args.sample).items():
        print(f"  read + decode {name:20s} {us:9.1f} µs CPU/article")


if __name__ == "__main__":
    main()
