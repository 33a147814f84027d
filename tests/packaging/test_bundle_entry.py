"""The bundle's entry point lets the index build's worker processes run: the build starts them
with the spawn method, and in a frozen app a spawned worker is the app's own executable, which
must hand over to multiprocessing (`freeze_support`) before the CLI reads its arguments; else
every worker fails and the build falls back to one process. The slow bundle test builds a real
index with the frozen app (tests/packaging/test_bundle.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

ENTRY = REPO / "packaging" / "bundle_entry.py"
SPEC = REPO / "packaging" / "energybrowser.spec"


def _main_block(tree: ast.Module) -> list[ast.stmt]:
    for node in tree.body:
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Compare)
            and getattr(node.test.left, "id", None) == "__name__"
        ):
            return node.body
    raise AssertionError("bundle_entry.py has no `if __name__ == '__main__':` block")


def _calls(statement: ast.stmt) -> list[str]:
    names = []
    for node in ast.walk(statement):
        if isinstance(node, ast.Call):
            func = node.func
            names.append(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def test_the_spec_freezes_bundle_entry() -> None:
    assert "bundle_entry.py" in SPEC.read_text(encoding="utf-8")


def test_bundle_entry_calls_freeze_support_before_the_cli() -> None:
    body = _main_block(ast.parse(ENTRY.read_text(encoding="utf-8")))
    calls = [name for statement in body for name in _calls(statement)]
    assert "freeze_support" in calls and "main" in calls
    assert calls.index("freeze_support") < calls.index("main")


def test_the_build_pool_spawns_its_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork would copy a window's threads and locks into the workers, and a frozen app runs
    workers only through freeze_support, which supports spawn: a real parallel build asks for it."""
    import multiprocessing

    from energybrowser.corpus.loader import load_corpus
    from energybrowser.paths import DataPaths
    from energybrowser.search import SearchEngine
    from energybrowser.search import index_store as store
    from tests.robustness.faults import write_articles

    asked: list[str | None] = []
    real = multiprocessing.get_context

    def get_context(method: str | None = None):  # type: ignore[no-untyped-def]
        asked.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", get_context)  # the pool asks it when it starts
    monkeypatch.setattr(store, "PARALLEL_MIN", 4)
    monkeypatch.setattr(store, "SEGMENT_DOCS", 3)
    write_articles(tmp_path / "corpus", 0, 6, words=30)
    corpus = load_corpus(tmp_path / "corpus")
    engine = SearchEngine.open(corpus, DataPaths.resolve(tmp_path / "data"), annotate=_plain)
    engine.index_workers = 2
    assert engine.ensure_index().action == "rebuilt"
    assert asked == ["spawn"]
    assert engine.search("*").total == 6
    engine.close()


def _plain(article):  # type: ignore[no-untyped-def]
    from energybrowser.search.documents import Annotations

    return Annotations()
