"""Concurrency: two processes on one corpus and index. Writers take turns (the second waits for
the lock), readers keep reading complete generations while a writer swaps them in."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from energybrowser.search.documents import Annotations
from energybrowser.search.locking import exclusive_lock
from tests.robustness.faults import folder_digest, start_child, wait_for, write_articles

WRITER = """
    import sys
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search.documents import Annotations

    corpus = load_corpus(sys.argv[1])
    for _ in range(int(sys.argv[2])):
        engine = SearchEngine.open(corpus, DataPaths.resolve(), annotate=lambda a: Annotations())
        engine.ensure_index(rebuild=True)
        engine.close()
    print("done")
"""

READER = """
    import json, sys, time
    from pathlib import Path
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search.documents import Annotations

    corpus = load_corpus(sys.argv[1])
    expected = set(json.loads(sys.argv[2]))
    ready, stop = Path(sys.argv[3]), Path(sys.argv[4])
    long_lived = SearchEngine.open(corpus, DataPaths.resolve(), annotate=lambda a: Annotations())
    searches, wrong, generations = 0, [], set()
    while True:
        # Told to stop only after the writer's last swap: this round still reads its generation.
        last = stop.exists() and searches >= 8
        # A fresh engine reads CURRENT and the manifest while the writer may be swapping them.
        fresh = SearchEngine.open(corpus, DataPaths.resolve(), annotate=lambda a: Annotations())
        generations.add((fresh.store.directory / "CURRENT").read_text())
        for engine in (fresh, long_lived):
            results = engine.search("transit", limit=1000)
            got = {h.article_id for h in results.hits}
            searches += 1
            if results.error or got != expected:
                wrong.append([results.error, sorted(got ^ expected)[:5]])
        fresh.close()
        ready.touch()  # the writer starts once a search of the first generation was done
        if last:
            break
    report = {"searches": searches, "wrong": wrong[:5], "wrong_count": len(wrong)}
    print(json.dumps({**report, "generations": len(generations)}))
"""


def plain(article):  # type: ignore[no-untyped-def]
    return Annotations()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_articles(folder, 0, 40)
    return folder


def build(corpus_dir: Path, data_dir: Path) -> set[str]:
    engine = SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(data_dir), annotate=plain)
    engine.ensure_index()
    ids = {h.article_id for h in engine.search("transit", limit=1000).hits}
    engine.close()
    return ids


def test_a_reader_never_sees_a_half_written_index_while_another_process_rebuilds(
    corpus_dir: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    expected = build(corpus_dir, data_dir)
    assert len(expected) == 40
    before = folder_digest(corpus_dir)
    ready, stop = tmp_path / "reader-ready", tmp_path / "writer-done"
    # The reader searches from before the writer's first swap until after its last one, however
    # slowly either runs on a loaded machine: it sees at least the first and the last generation.
    ids = json.dumps(sorted(expected))
    reader = start_child(READER, data_dir, str(corpus_dir), ids, str(ready), str(stop))
    try:
        wait_for(ready, reader)
        writer = start_child(WRITER, data_dir, str(corpus_dir), "5")
        w_out, w_err = writer.communicate(timeout=300)
    finally:
        stop.touch()
    r_out, r_err = reader.communicate(timeout=120)
    assert writer.returncode == 0 and "done" in w_out, w_err
    assert reader.returncode == 0, r_err
    report = json.loads(r_out)
    assert report["searches"] >= 10
    assert report["generations"] >= 2  # the reader really ran while generations were swapped
    assert report["wrong_count"] == 0, report["wrong"]
    assert folder_digest(corpus_dir) == before
    engine = SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(data_dir), annotate=plain)
    assert engine.ensure_index().action == "unchanged"  # what the writers left is sound
    engine.close()


def test_two_writers_take_turns_and_leave_one_sound_index(corpus_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    before = folder_digest(corpus_dir)
    writers = [start_child(WRITER, data_dir, str(corpus_dir), "1") for _ in range(2)]
    for writer in writers:
        out, err = writer.communicate(timeout=180)
        assert writer.returncode == 0 and "done" in out, err
    engine = SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(data_dir), annotate=plain)
    assert engine.ensure_index().action == "unchanged"
    assert len(engine.search("transit", limit=1000).hits) == 40
    generations = [p for p in engine.store.directory.iterdir() if p.name.startswith("gen-")]
    assert len(generations) <= 3 and not [p for p in generations if ".tmp" in p.name]
    engine.close()
    assert folder_digest(corpus_dir) == before


def test_a_second_writer_waits_for_the_lock_while_reads_go_on(corpus_dir: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    expected = build(corpus_dir, data_dir)
    write_articles(corpus_dir, 40, 2)  # something for the waiting writer to add
    engine = SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(data_dir), annotate=plain)
    held = 1.5
    with exclusive_lock(engine.store.lock_path):  # another instance is writing
        started = time.monotonic()
        writer = start_child(WRITER.replace("rebuild=True", "rebuild=False"), data_dir, str(corpus_dir), "1")
        time.sleep(held)
        assert writer.poll() is None  # still waiting, not failed, not writing beside us
        assert {h.article_id for h in engine.search("transit", limit=1000).hits} == expected
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and "done" in out, err
    assert time.monotonic() - started >= held
    assert engine.ensure_index().action == "unchanged"  # the waiting writer did the update
    assert len(engine.search("transit", limit=1000).hits) == 42
    engine.close()
