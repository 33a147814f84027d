"""Fault injection on the index: every damage is detected, reported and repaired from the corpus,
the corpus is never touched, and the old index keeps serving until a new one is complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from energybrowser.corpus.loader import Corpus, load_corpus
from energybrowser.paths import DataPaths
from energybrowser.search import SearchEngine, SearchIndexError
from energybrowser.search.documents import Annotations
from energybrowser.search.index_store import CURRENT, MANIFEST
from energybrowser.search.locking import exclusive_lock
from tests.conftest import REPO
from tests.core.search_corpus import ARTICLES, write_corpus


def plain(article):  # type: ignore[no-untyped-def]
    return Annotations()


def many_articles(n: int) -> dict[str, str]:
    """`n` distinct articles: enough index data for the subprocess fault tests."""
    out = {}
    for i in range(n):
        words = " ".join(f"term{i}x{j}" for j in range(60))
        out[f"bulk-{i:03d}"] = (
            f"---\ntitle: Bulk article {i}\n---\n\nPipeline report {i}. {words}\n\nSecond part {i}.\n"
        )
    return out


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return load_corpus(write_corpus(tmp_path / "corpus"))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths.resolve(tmp_path / "data")


def built(corpus: Corpus, paths: DataPaths) -> SearchEngine:
    engine = SearchEngine.open(corpus, paths, annotate=plain)
    engine.ensure_index()
    return engine


def current_gen(engine: SearchEngine) -> Path:
    return engine.store.directory / (engine.store.directory / CURRENT).read_text().strip()


def index_files(gen: Path) -> list[Path]:
    return sorted((p for p in gen.iterdir() if p.name != MANIFEST), key=lambda p: p.stat().st_size)


def finds_wind(engine: SearchEngine) -> bool:
    return {h.article_id for h in engine.search("offshore").hits} == {"wind-azerbaijan"}


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def bit_flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [truncate, garbage, bit_flip, delete])
@pytest.mark.parametrize("which", ["toc", "largest", "smallest"])
def test_damaged_file_is_detected_and_rebuilt(corpus: Corpus, paths: DataPaths, damage, which: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(corpus.directory)
    engine = built(corpus, paths)
    gen = current_gen(engine)
    engine.close()
    files = index_files(gen)
    target = {
        "toc": next(p for p in files if p.suffix == ".toc"),
        "largest": files[-1],
        "smallest": next(p for p in files if p.stat().st_size > 0),
    }[which]
    damage(target)

    again = SearchEngine.open(corpus, paths, annotate=plain)
    if not again.ready:
        assert again.problem  # reported, e.g. "index file ... is corrupt"
        assert again.search("offshore").error
    status = again.ensure_index()
    assert status.action == "rebuilt" and status.reason
    assert finds_wind(again)
    assert (current_gen(again) != gen and not gen.exists()) or current_gen(again) != gen
    assert snapshot(corpus.directory) == before
    again.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda gen, root: (gen / MANIFEST).write_text("{not json"),
        lambda gen, root: (gen / MANIFEST).unlink(),
        lambda gen, root: (root / CURRENT).write_text("../../etc\n"),
        lambda gen, root: (root / CURRENT).write_bytes(b"\xff\xfe\x00"),
        lambda gen, root: (root / CURRENT).write_text("gen-999999\n"),
        lambda gen, root: (root / CURRENT).unlink(),
    ],
    ids=[
        "manifest-garbage",
        "manifest-missing",
        "pointer-escape",
        "pointer-binary",
        "pointer-dangling",
        "pointer-missing",
    ],
)
def test_damaged_bookkeeping_is_rebuilt(corpus: Corpus, paths: DataPaths, damage) -> None:  # type: ignore[no-untyped-def]
    engine = built(corpus, paths)
    damage(current_gen(engine), engine.store.directory)
    engine.close()
    again = SearchEngine.open(corpus, paths, annotate=plain)
    assert not again.ready and again.problem
    assert again.ensure_index().action == "rebuilt"
    assert finds_wind(again)
    again.close()


def test_older_schema_version_is_rebuilt(corpus: Corpus, paths: DataPaths) -> None:
    engine = built(corpus, paths)
    manifest = current_gen(engine) / MANIFEST
    data = json.loads(manifest.read_text())
    data["schema_version"] -= 1
    manifest.write_text(json.dumps(data))
    engine.close()
    again = SearchEngine.open(corpus, paths, annotate=plain)
    assert not again.ready and "schema version" in again.problem
    status = again.ensure_index()
    assert status.action == "rebuilt" and "schema version" in status.reason
    again.close()


def test_a_checksum_mismatch_is_never_opened(
    corpus: Corpus, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh unpickles its table of contents: a file that differs from what we wrote is not opened."""
    engine = built(corpus, paths)
    toc = next(p for p in current_gen(engine).iterdir() if p.suffix == ".toc")
    engine.close()
    bit_flip(toc)
    opened = []
    from whoosh.filedb.filestore import FileStorage

    original = FileStorage.open_index
    monkeypatch.setattr(
        FileStorage, "open_index", lambda self, *a, **k: opened.append(self) or original(self, *a, **k)
    )
    again = SearchEngine.open(corpus, paths, annotate=plain)
    assert not again.ready and "checksum" in again.problem
    assert opened == []
    assert paths.index_dir(corpus.directory).is_relative_to(paths.data)


def test_stale_lock_does_not_block(corpus: Corpus, paths: DataPaths) -> None:
    engine = built(corpus, paths)
    (engine.store.directory / "lock").write_text("12345\n")  # left by a dead process
    (current_gen(engine) / "MAIN_WRITELOCK").write_text("")
    engine.close()
    again = SearchEngine.open(corpus, paths, annotate=plain)
    again.lock_timeout = 2
    assert again.ensure_index(rebuild=True).action == "rebuilt"
    again.close()


def test_a_held_lock_makes_the_writer_wait_then_report(corpus: Corpus, paths: DataPaths) -> None:
    engine = SearchEngine.open(corpus, paths, annotate=plain)
    engine.lock_timeout = 0.3
    with exclusive_lock(engine.store.lock_path), pytest.raises(SearchIndexError, match="busy"):
        engine.ensure_index()
    released = threading.Event()

    def hold() -> None:
        with exclusive_lock(engine.store.lock_path):
            released.wait(0.3)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.05)
    engine.lock_timeout = 5
    released.set()
    assert engine.ensure_index().action == "rebuilt"  # waited for the holder, then built
    holder.join()
    engine.close()


def test_old_index_serves_until_the_new_one_is_complete(corpus: Corpus, paths: DataPaths) -> None:
    engine = built(corpus, paths)
    old = current_gen(engine)
    seen: list[bool] = []

    def annotate_and_probe(article):  # type: ignore[no-untyped-def]
        # Mid-rebuild: the serving engine and a newly opened one both still answer from the old index.
        if not seen:
            other = SearchEngine.open(corpus, paths, annotate=plain)
            seen.append(other.ready and finds_wind(other) and finds_wind(engine))
            other.close()
        return Annotations()

    engine.annotate = annotate_and_probe
    assert engine.ensure_index(rebuild=True).action == "rebuilt"
    assert seen == [True]
    assert current_gen(engine) != old and finds_wind(engine)
    engine.close()


def _run(code: str, *args: str, **kwargs) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO, env=env, **kwargs)


SLOW_BUILDER = """
    import sys, time
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search.documents import Annotations

    def slow(article):
        time.sleep(float(sys.argv[3]))
        return Annotations()

    def progress(done, total):
        print("progress", done, flush=True)

    engine = SearchEngine.open(load_corpus(sys.argv[1]), DataPaths.resolve(sys.argv[2]), annotate=slow)
    status = engine.ensure_index(progress, rebuild=sys.argv[4] == "rebuild")
    print("done", status.action, flush=True)
"""


def test_writer_killed_mid_build_leaves_a_rebuildable_index(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(80)}))
    data = tmp_path / "data"
    paths = DataPaths.resolve(data)
    # A first complete index, then a rebuild that is killed half-way.
    built(corpus, paths).close()
    proc = _run(
        SLOW_BUILDER, str(corpus.directory), str(data), "0.02", "rebuild", stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("progress")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    leftovers = [p.name for p in paths.index_dir(corpus.directory).iterdir() if ".tmp-" in p.name]
    assert leftovers  # the killed build's half-written folder is there...
    engine = SearchEngine.open(corpus, paths, annotate=plain)
    assert engine.ready and finds_wind(engine)  # ...but the old index still serves
    assert engine.ensure_index().action == "unchanged"
    assert not [p for p in paths.index_dir(corpus.directory).iterdir() if ".tmp-" in p.name]  # cleaned
    engine.close()


def test_first_build_killed_is_rebuilt(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(80)}))
    data = tmp_path / "data"
    proc = _run(
        SLOW_BUILDER, str(corpus.directory), str(data), "0.02", "ensure", stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().startswith("progress")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    engine = SearchEngine.open(corpus, DataPaths.resolve(data), annotate=plain)
    assert not engine.ready
    assert engine.ensure_index().action == "rebuilt" and finds_wind(engine)
    engine.close()


FULL_DISK = """
    import resource, signal, sys
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine, SearchIndexError
    from energybrowser.search.documents import Annotations

    corpus, paths = load_corpus(sys.argv[1]), DataPaths.resolve(sys.argv[2])
    engine = SearchEngine.open(corpus, paths, annotate=lambda a: Annotations())
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
    try:
        engine.ensure_index(rebuild=True)
    except SearchIndexError as exc:
        print("error:", exc)
        sys.exit(3)
    print("no error")
"""


def test_full_disk_keeps_the_old_index_and_reports(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(60)}))
    data = tmp_path / "data"
    paths = DataPaths.resolve(data)
    engine = built(corpus, paths)
    old = current_gen(engine)
    engine.close()
    assert max(p.stat().st_size for p in old.iterdir()) > 20_000
    proc = _run(FULL_DISK, str(corpus.directory), str(data), "20000", stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 3, out
    assert out.startswith("error: could not write the search index")
    again = SearchEngine.open(corpus, paths, annotate=plain)
    assert again.ready and current_gen(again) == old and finds_wind(again)
    assert again.ensure_index().action == "unchanged"
    assert not [p for p in paths.index_dir(corpus.directory).iterdir() if ".tmp-" in p.name]
    again.close()


CONCURRENT = """
    import sys
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search.documents import Annotations

    corpus, paths = load_corpus(sys.argv[1]), DataPaths.resolve(sys.argv[2])
    engine = SearchEngine.open(corpus, paths, annotate=lambda a: Annotations())
    for _ in range(2):
        status = engine.ensure_index()
        hits = engine.search("offshore").hits
        assert [h.article_id for h in hits] == ["wind-azerbaijan"], hits
    print(status.action)
"""


def test_two_processes_on_one_corpus(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(20)}))
    data = tmp_path / "data"
    procs = [
        _run(CONCURRENT, str(corpus.directory), str(data), stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    engine = SearchEngine.open(corpus, DataPaths.resolve(data), annotate=plain)
    assert engine.ready and engine.ensure_index().action == "unchanged"
    gens = [p for p in engine.store.directory.iterdir() if p.name.startswith("gen-")]
    assert 1 <= len(gens) <= 2 and not [p for p in gens if ".tmp-" in p.name]
    engine.close()


def test_second_process_waits_for_the_first_build(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(30)}))
    data = tmp_path / "data"
    proc = _run(
        SLOW_BUILDER, str(corpus.directory), str(data), "0.01", "ensure", stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().startswith("progress")
    engine = SearchEngine.open(corpus, DataPaths.resolve(data), annotate=plain)
    assert not engine.ready  # nothing complete yet: the reader waits for the writer
    assert engine.ensure_index().action == "unchanged"  # built by the other process, not twice
    assert finds_wind(engine)
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    engine.close()


def test_parallel_build_joins_segments_into_one_index(
    corpus: Corpus, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import energybrowser.search.index_store as store

    monkeypatch.setattr(store, "SEGMENT_DOCS", 2)  # 5 articles: 3 segments, written by 2 processes
    engine = SearchEngine.open(corpus, paths, annotate=plain)
    engine.index_workers = 2
    seen: list[tuple[int, int]] = []
    assert engine.ensure_index(lambda done, total: seen.append((done, total))).action == "rebuilt"
    assert seen[-1] == (5, 5)
    assert finds_wind(engine) and len(engine.search("gas OR oil OR offshore OR refining").hits) == 5
    assert not [p for p in current_gen(engine).iterdir() if p.name.startswith("part-")]
    assert engine.ensure_index().action == "unchanged"  # manifest and checksums agree
    engine.close()


# When its workers die at start, CPython 3.11's ProcessPoolExecutor manager thread can itself fail
# ("dictionary changed size during iteration" in get_n_children_alive) while tearing the broken pool
# down: a race inside the standard library, after our fallback has already taken over.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_failed_build_workers_fall_back_to_one_process(
    corpus: Corpus, paths: DataPaths, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import multiprocessing.spawn

    import energybrowser.search.index_store as store

    monkeypatch.setattr(store, "SEGMENT_DOCS", 2)
    # Every spawned worker exits at once with an error.
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode("/bin/false"))
    engine = SearchEngine.open(corpus, paths, annotate=plain)
    engine.index_workers = 2
    with caplog.at_level("WARNING", logger="energybrowser.search.index_store"):
        assert engine.ensure_index().action == "rebuilt"
    assert "building" in caplog.text  # the fallback is said, not silent
    assert finds_wind(engine) and not [p for p in current_gen(engine).iterdir() if "part-" in p.name]
    engine.close()


def test_segments_without_a_term_dictionary_fall_back_to_the_lexicon_and_say_so(
    corpus: Corpus, paths: DataPaths, caplog: pytest.LogCaptureFixture
) -> None:
    """A segment without its `.tdx` (none of ours is written so; a hand-copied index could be)
    still answers fuzzy and prefix queries, through Whoosh's lexicon, with a warning."""
    engine = built(corpus, paths)
    expected = engine.search("wnid~1 offsh*")
    gen = current_gen(engine)
    engine.close()
    manifest = gen / MANIFEST
    data = json.loads(manifest.read_text())
    for name in [n for n in data["files"] if n.endswith(".tdx")]:
        (gen / name).unlink()
        del data["files"][name]
    manifest.write_text(json.dumps(data))
    again = SearchEngine.open(corpus, paths, annotate=plain)
    with caplog.at_level("WARNING", logger="energybrowser.search.termdict"):
        results = again.search("wnid~1 offsh*")
    assert "no term dictionary" in caplog.text
    assert [h.article_id for h in results.hits] == [h.article_id for h in expected.hits] != []
    again.close()


def test_an_index_of_the_previous_format_is_rebuilt(corpus: Corpus, paths: DataPaths) -> None:
    """Schema 4 kept word-pair fields and the article hashes inside the manifest (format 1): such
    an index is not opened but rebuilt, with the reason given."""
    from energybrowser.search.index_store import ARTICLES

    engine = built(corpus, paths)
    gen = current_gen(engine)
    engine.close()
    manifest = gen / MANIFEST
    data = json.loads(manifest.read_text())
    data.update(format=1, schema_version=4, articles=json.loads((gen / ARTICLES).read_text()))
    del data["files"][ARTICLES]
    (gen / ARTICLES).unlink()
    manifest.write_text(json.dumps(data))
    again = SearchEngine.open(corpus, paths, annotate=plain)
    assert not again.ready and "format" in again.problem
    status = again.ensure_index()
    assert status.action == "rebuilt" and status.reason
    assert finds_wind(again) and (current_gen(again) / ARTICLES).is_file()
    again.close()


def test_updates_write_only_the_changed_hashes_until_there_are_many(
    tmp_path: Path, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update hard-links the article list and writes what changed since it; the hashes read
    back (by this process and a fresh one) are the corpus's; past CHANGES_MAX the list is
    written whole again; a generation of the format before (no changes file) is still read."""
    import energybrowser.search.index_store as store

    monkeypatch.setattr(store, "CHANGES_MAX", 3)
    folder = write_corpus(tmp_path / "corpus", {**ARTICLES, **many_articles(6)})
    engine = SearchEngine.open(load_corpus(folder), paths, annotate=plain)
    engine.ensure_index()
    first = (current_gen(engine) / store.ARTICLES).stat().st_ino

    def expected() -> dict[str, str]:
        return {a.id: a.version for a in load_corpus(folder).articles}

    def edit(name: str, text: str) -> None:
        (folder / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n\n{text}\n", encoding="utf-8")

    edit("bulk-001", "Edited once.")
    engine.update(changed=[load_corpus(folder).get("bulk-001")])
    (folder / "bulk-002.md").unlink()
    engine.update(removed=["bulk-002"])
    gen = current_gen(engine)
    assert (gen / store.CHANGES).is_file()
    assert (gen / store.ARTICLES).stat().st_ino == first  # linked, not rewritten
    assert dict(store.IndexStore(engine.store.directory).current().manifest.articles) == expected()
    assert dict(engine._live.generation.manifest.articles) == expected()  # type: ignore[union-attr]
    store._BASE.clear()  # as a fresh process reads it
    assert dict(store.IndexStore(engine.store.directory).current().manifest.articles) == expected()
    assert engine.ensure_index().action == "unchanged"

    edit("bulk-003", "Edited too.")
    edit("bulk-004", "Edited as well.")
    engine.update(changed=[load_corpus(folder).get(i) for i in ("bulk-003", "bulk-004")])
    gen = current_gen(engine)  # four changes: the list is written whole
    assert not (gen / store.CHANGES).exists() and (gen / store.ARTICLES).stat().st_ino != first
    assert dict(store.IndexStore(engine.store.directory).current().manifest.articles) == expected()
    engine.close()

    manifest = json.loads((gen / MANIFEST).read_text())
    manifest["format"] = 2
    (gen / MANIFEST).write_text(json.dumps(manifest))
    again = SearchEngine.open(load_corpus(folder), paths, annotate=plain)
    assert again.ready and again.ensure_index().action == "unchanged"
    again.close()
