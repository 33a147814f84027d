"""Index: every damage to the index folder is detected, reported and repaired from the corpus; the
corpus is never modified; a killed or starved writer leaves the old index serving."""

from __future__ import annotations

import json
import os
import pickle
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.loader import load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine
from energybrowser.search.documents import Annotations
from energybrowser.search.index_store import CURRENT, MANIFEST
from tests.core.search_corpus import write_corpus
from tests.robustness.faults import folder_digest, one_line, start_child, wait_for, within, write_articles


def plain(article):  # type: ignore[no-untyped-def]
    return Annotations()


def engine_for(corpus_dir: Path, data_dir: Path) -> SearchEngine:
    return SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(data_dir), annotate=plain)


def found(engine: SearchEngine, query: str) -> set[str]:
    results = engine.search(query, limit=1000)
    assert not results.error, results.error
    return {h.article_id for h in results.hits}


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def current_generation(engine: SearchEngine) -> Path:
    return engine.store.directory / (engine.store.directory / CURRENT).read_text().strip()


def largest(gen: Path, pattern: str) -> Path:
    """The largest index file matching `pattern` (else the largest data file: Whoosh's layout
    differs between compound and per-part segments)."""
    data = [p for p in gen.iterdir() if p.name != MANIFEST and not p.name.endswith(("WRITELOCK", ".toc"))]
    matching = list(gen.glob(pattern)) or data
    return max(matching, key=lambda p: p.stat().st_size)


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x5A
    path.write_bytes(bytes(data))


def garbage_same_size(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def older_schema(path: Path) -> None:
    data = json.loads(path.read_text())
    data["schema_version"] -= 1
    path.write_text(json.dumps(data))


Damage = Callable[[Path], None]
DAMAGES: dict[str, tuple[str, Damage]] = {
    "postings-deleted": ("*.pst", Path.unlink),
    "postings-truncated": ("*.pst", truncate_half),
    "postings-garbage": ("*.pst", garbage_same_size),
    "postings-bit-flipped": ("*.pst", flip_byte),
    "terms-bit-flipped": ("*.trm", flip_byte),
    "terms-garbage": ("*.trm", garbage_same_size),
    "stored-fields-bit-flipped": ("*_stored.col", flip_byte),  # pickled: read at search time
    "stored-fields-truncated": ("*_stored.col", truncate_half),
    "toc-deleted": ("*.toc", Path.unlink),
    "toc-garbage": ("*.toc", garbage_same_size),
    "toc-bit-flipped": ("*.toc", flip_byte),
    "term-dictionary-bit-flipped": ("*.tdx", flip_byte),
    "article-list-garbage": ("articles.json", garbage_same_size),
    "manifest-garbage": (MANIFEST, lambda p: p.write_bytes(b"\xff\xfe{not json")),
    "manifest-wrong-shape": (MANIFEST, lambda p: p.write_text('{"format": 1, "files": 7}')),
    "manifest-deleted": (MANIFEST, Path.unlink),
    "older-schema": (MANIFEST, older_schema),
}


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_damaged_index_is_detected_reported_and_rebuilt(corpus_dir: Path, data_dir: Path, kind: str) -> None:
    before = folder_digest(corpus_dir)
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    expected = found(engine, "gas")
    pattern, damage = DAMAGES[kind]
    gen = current_generation(engine)
    engine.close()
    damage(gen / MANIFEST if pattern == MANIFEST else largest(gen, pattern))

    again = engine_for(corpus_dir, data_dir)  # a fresh start on the damaged folder
    with within():
        served = again.search("gas")  # whatever it serves meanwhile, it is never an exception
    assert served.error == "" or one_line(served.error)
    status = again.ensure_index()
    assert status.action == "rebuilt" and status.reason  # detected, with the reason to report
    assert found(again, "gas") == expected
    assert again.ensure_index().action == "unchanged"
    again.close()
    assert folder_digest(corpus_dir) == before
    assert not [p for p in again.store.directory.iterdir() if ".tmp" in p.name]


@pytest.mark.parametrize("pointer", ["garbage", "missing-generation", "deleted"])
def test_damaged_pointer_is_rebuilt(corpus_dir: Path, data_dir: Path, pointer: str) -> None:
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    engine.close()
    current = engine.store.directory / CURRENT
    if pointer == "garbage":
        current.write_bytes(b"\x00\x01../../etc\n")
    elif pointer == "missing-generation":
        current.write_text("gen-999999\n")
    else:
        current.unlink()
    again = engine_for(corpus_dir, data_dir)
    assert not again.ready and one_line(again.search("gas").error)
    assert again.ensure_index().action == "rebuilt"
    assert "qazaqgaz-exports" in found(again, "gas")
    again.close()


def test_cli_reports_a_rebuild_of_a_damaged_index(
    corpus_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--corpus", str(corpus_dir), "--data-dir", str(data_dir)]
    assert cli_main([*argv, "index"]) == 0
    index_root = DataPaths.resolve(data_dir).index_dir(corpus_dir)
    gen = index_root / (index_root / CURRENT).read_text().strip()
    flip_byte(largest(gen, "*.pst"))
    capsys.readouterr()
    assert cli_main([*argv, "search", "gas"]) == 0
    out, err = capsys.readouterr()
    assert "QazaqGaz expands gas exports" in out
    assert "index was rebuilt" in err and "checksum" in err and "Traceback" not in err
    flip_byte(largest(current_generation_of(index_root), "*.pst"))
    assert cli_main([*argv, "index"]) == 0
    out, _ = capsys.readouterr()
    assert "checksum" in out


def current_generation_of(index_root: Path) -> Path:
    return index_root / (index_root / CURRENT).read_text().strip()


class _Payload:
    """Unpickling this creates a file: proof that a planted pickle was executed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_is_never_unpickled(corpus_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    """Whoosh unpickles its table of contents on open; ours must match the manifest's checksum
    first, so a replaced file is rebuilt rather than executed."""
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    gen = current_generation(engine)
    engine.close()
    marker = tmp_path / "pwned"
    toc = largest(gen, "*.toc")
    payload = pickle.dumps(_Payload(marker))
    toc.write_bytes(payload.ljust(toc.stat().st_size, b"."))  # same size: only the checksum differs
    again = engine_for(corpus_dir, data_dir)
    again.search("gas")
    assert again.ensure_index().action == "rebuilt"
    again.close()
    assert not marker.exists()


def test_the_index_lives_in_our_data_folder_never_beside_the_corpus(corpus_dir: Path, data_dir: Path) -> None:
    before = folder_digest(corpus_dir)
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    engine.close()
    assert engine.store.directory.resolve().is_relative_to(data_dir.resolve())
    assert folder_digest(corpus_dir) == before


def test_a_stale_lock_does_not_block(corpus_dir: Path, data_dir: Path) -> None:
    engine = engine_for(corpus_dir, data_dir)
    engine.store.directory.mkdir(parents=True)
    (engine.store.directory / "lock").write_text("999999999\n")  # a writer that died long ago
    with within():
        assert engine.ensure_index().action == "rebuilt"
    assert "qazaqgaz-exports" in found(engine, "gas")
    engine.close()


KILL_CHILD = """
    import os, sys, time
    from pathlib import Path
    import whoosh.index
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search.documents import Annotations

    corpus_dir, point, marker = sys.argv[1], sys.argv[2], Path(sys.argv[3])

    def stall(*args, **kwargs):
        marker.touch()
        time.sleep(600)

    if point == "toc":  # Whoosh has written the segment, not yet its table of contents
        whoosh.index.TOC.write = stall
    elif point == "swap":  # the new generation is complete, CURRENT not yet replaced
        real_replace = os.replace
        def replace(src, dst, *a, **k):
            if str(dst).endswith("CURRENT"):
                stall()
            return real_replace(src, dst, *a, **k)
        os.replace = replace
    count = 0
    def annotate(article):
        global count
        count += 1
        if point == "adding" and count == 3:
            stall()
        return Annotations()
    engine = SearchEngine.open(load_corpus(corpus_dir), DataPaths.resolve(), annotate=annotate)
    engine.ensure_index(rebuild=True)
"""


@pytest.mark.parametrize("point", ["adding", "toc", "swap"])
def test_writer_killed_mid_commit_leaves_the_old_index_serving(
    corpus_dir: Path, data_dir: Path, tmp_path: Path, point: str
) -> None:
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    old = found(engine, "gas")
    write_articles(corpus_dir, 0, 6)  # the next build has more to do
    before = folder_digest(corpus_dir)
    marker = tmp_path / "at-fault-point"
    child = start_child(KILL_CHILD, data_dir, str(corpus_dir), point, str(marker))
    try:
        wait_for(marker, child)
        assert found(engine, "gas") == old  # the running app keeps its index meanwhile
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    engine.close()
    assert child.returncode == -signal.SIGKILL

    fresh = engine_for(corpus_dir, data_dir)
    assert fresh.ready and found(fresh, "gas") == old  # the last complete index, not a half one
    with within():
        status = fresh.ensure_index()
    assert status.action in ("updated", "rebuilt")
    assert "report-0003" in found(fresh, "transit")
    fresh.close()
    assert not [p for p in fresh.store.directory.iterdir() if ".tmp" in p.name]
    assert folder_digest(corpus_dir) == before


FULL_DISK_CHILD = """
    import resource, sys
    from energybrowser.cli import main
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # writes past this fail with EFBIG
    sys.exit(main(["--corpus", sys.argv[1], "index"]))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_FSIZE is POSIX")
def test_full_disk_reports_keeps_the_old_index_and_leaves_no_junk(corpus_dir: Path, data_dir: Path) -> None:
    engine = engine_for(corpus_dir, data_dir)
    engine.ensure_index()
    old = found(engine, "gas")
    old_files = sorted(p.name for p in engine.store.directory.iterdir())
    write_articles(corpus_dir, 0, 40, words=120)  # a segment far bigger than the limit below
    before = folder_digest(corpus_dir)
    child = start_child(FULL_DISK_CHILD, data_dir, str(corpus_dir), str(32 * 1024))
    out, err = child.communicate(timeout=120)
    assert child.returncode == 2, (out, err)
    assert "Traceback" not in err
    message = err.strip().splitlines()[-1]
    assert one_line(message) and "could not write the search index" in message
    assert sorted(p.name for p in engine.store.directory.iterdir()) == old_files  # no junk, no lock left
    fresh = engine_for(corpus_dir, data_dir)
    assert found(fresh, "gas") == old  # the old index still serves
    assert fresh.ensure_index().action == "updated"  # and with room again, the update goes through
    assert "report-0039" in found(fresh, "transit")
    fresh.close()
    engine.close()
    assert folder_digest(corpus_dir) == before
