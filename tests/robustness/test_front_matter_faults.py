"""Front matter: YAML that expands without end (aliases of aliases), values Python refuses (a 13th
month, a 5,000-digit number, 3,000 nested `[`) and absurd nesting. Each such file is refused with
one line, in bounded time and memory, and every other file of the folder still loads or imports:
as a corpus, through `import_paths` (the window's and the CLI's import) and through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus
from tests.robustness.faults import FAULT_BOUND, one_line, within


def alias_bomb(levels: int = 12) -> str:
    """About 600 bytes that expand to 10**levels list items ("billion laughs")."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + f"\ntitle: *a{levels - 1}\n"


BAD_FRONT_MATTER = {
    "alias-bomb.md": alias_bomb(),
    "bad-month.md": "date: 2022-13-45\ntitle: Bad month",
    "huge-number.md": "title: " + "9" * 5000,
    "nested-brackets.md": "title: " + "[" * 3000,
    "nested-mappings.md": "title: " + "{a: " * 3000,
    "huge-tagged-int.md": "title: !!int " + "1" * 5000,
    "tagged-timestamp.md": "title: Tagged\ndate: !!timestamp 2022-13-45",
    "deep-aliases.md": "a: &a x\nb: *a\ntitle: Alias",
}
GOOD = (
    "---\ntitle: Caspian ferry talks {n}\ndate: 2023-04-0{n}\n---\n\n"
    "Ferry talks {n} between Aktau and Alat went on.\n"
)


def folder_of_bad_front_matter(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    for i, (name, front) in enumerate(sorted(BAD_FRONT_MATTER.items())):
        (src / name).write_text(f"---\n{front}\n---\n\nBody {i} of a file with bad front matter.\n")
        # a good file after each bad one, in the folder's order
        (src / f"{Path(name).stem}-good.md").write_text(GOOD.format(n=i + 1))
    return src


def test_corpus_loading_refuses_each_bad_file_and_loads_the_others(tmp_path: Path) -> None:
    src = folder_of_bad_front_matter(tmp_path)
    with within(FAULT_BOUND):
        corpus = load_corpus(src)
    # A date that is none is left empty with a note, as import does: the article is not lost for it.
    assert len(corpus.articles) == len(BAD_FRONT_MATTER) + 1
    assert corpus.get("bad-month").meta.date.is_empty
    refused = {p.path.name: p.message for p in corpus.problems}
    assert set(refused) == set(BAD_FRONT_MATTER)
    assert all(one_line(m) for m in refused.values()), refused
    assert "date '2022-13-45'" in refused.pop("bad-month.md")
    assert all("front matter" in m for m in refused.values()), refused


def test_import_refuses_each_bad_file_and_imports_the_others(tmp_path: Path) -> None:
    src = folder_of_bad_front_matter(tmp_path)
    with within(FAULT_BOUND):
        report = import_paths([src], tmp_path / "into")
    imported = [r.path.name for r in report.results if r.status == "imported"]
    failed = {r.path.name: r.message for r in report.results if r.status == "failed"}
    # The importer reads dates in any stated form and leaves out one that is none.
    expected = [f"{Path(n).stem}-good.md" for n in BAD_FRONT_MATTER] + ["bad-month.md"]
    assert sorted(imported) == sorted(expected)
    assert set(failed) == set(BAD_FRONT_MATTER) - {"bad-month.md"}, failed
    assert all(one_line(m) and "front matter" in m for m in failed.values()), failed
    (bad_month,) = [r for r in report.results if r.path.name == "bad-month.md"]
    assert bad_month.warnings == ("date '2022-13-45' is not a date it can read; left empty",)


def test_cli_import_says_one_line_per_bad_file_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = folder_of_bad_front_matter(tmp_path)
    with within(FAULT_BOUND):
        code = cli_main(["import", str(src), "--into", str(tmp_path / "into")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1
    assert f"imported {len(BAD_FRONT_MATTER) + 1}," in out
    assert len(list((tmp_path / "into").glob("*.md"))) == len(BAD_FRONT_MATTER) + 1
    for line in err.splitlines():
        assert line.count(": error: ") <= 1
