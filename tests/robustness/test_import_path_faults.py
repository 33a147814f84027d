"""One import path: the window (menu and drag-and-drop) and the CLI import through the same
Qt-free `import_paths`, so a folder, a link loop, a clashing id or an odd file name gives the same
result and the same one-line message everywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer import convert_file
from energybrowser.corpus.importer.library import TargetFolder, import_paths
from tests.robustness.faults import child_env, one_line, within

# Plain text: the id comes from the title, so files of one title want one id.
ARTICLE = "Ferry talks\n\nFerry talks {n} between Aktau and Alat went on for {n} days.\n"


def source_folder(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    for n in range(3):  # three articles with one title: one id, then numbered ids
        (src / f"ferry-{n}.txt").write_text(ARTICLE.format(n=n + 1))
    (src / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (src / "forged\nimported 99, skipped 0 duplicate(s), failed 0.txt").write_text(
        "Forged name\n\nA file whose name holds a line break and a fake summary line.\n"
    )
    return src


def test_a_link_loop_and_a_line_break_in_a_name_are_one_line_each(tmp_path: Path) -> None:
    src = source_folder(tmp_path)
    with within():
        report = import_paths([src], tmp_path / "into")
    by_name = {r.path.name: r for r in report.results}
    assert by_name["loop.txt"].status == "failed"
    assert "link" in by_name["loop.txt"].message
    assert [r.status for r in report.results].count("imported") == 4
    assert all(one_line(line) for line in report.problems)


def test_clashing_ids_get_numbers_with_one_message(tmp_path: Path) -> None:
    report = import_paths([source_folder(tmp_path)], tmp_path / "into")
    ids = sorted(r.written.stem for r in report.results if r.written and "ferry" in r.written.stem)
    assert ids == ["ferry-talks", "ferry-talks-2", "ferry-talks-3"]
    notes = [w for r in report.results for w in r.warnings if "taken" in w]
    assert notes == [
        f"id 'ferry-talks' is taken in {tmp_path / 'into'}; saved as 'ferry-talks-{n}'" for n in (2, 3)
    ]


def test_an_id_taken_after_the_scan_gets_the_next_number(tmp_path: Path) -> None:
    """Another process wrote the same id between our scan and our write (parallel imports)."""
    into = tmp_path / "into"
    (tmp_path / "a.txt").write_text(ARTICLE.format(n=1))
    target = TargetFolder.scan(into)
    article = convert_file(tmp_path / "a.txt").article
    into.mkdir()
    (into / "ferry-talks.md").write_text(ARTICLE.format(n=7))  # the other process won the race
    written, saved = target.write_new(article)
    assert written == into / "ferry-talks-2.md" and saved.id == "ferry-talks-2"
    assert (into / "ferry-talks.md").read_text() == ARTICLE.format(n=7)


def test_parallel_imports_of_same_title_files_all_land(tmp_path: Path) -> None:
    into = tmp_path / "into"
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from energybrowser.corpus.importer.library import import_paths\n"
        "r = import_paths([sys.argv[1]], Path(sys.argv[2]))\nsys.exit(1 if r.failed else 0)\n"
    )
    children = []
    for n in range(6):
        path = tmp_path / f"f{n}.txt"
        path.write_text(ARTICLE.format(n=n + 1))
        children.append(
            subprocess.Popen(
                [sys.executable, "-c", script, str(path), str(into)], env=child_env(tmp_path / "data")
            )
        )
    assert [c.wait(timeout=60) for c in children] == [0] * 6
    assert len(list(into.glob("ferry-talks*.md"))) == 6


def test_cli_report_has_one_line_per_file_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = source_folder(tmp_path)
    code = cli_main(["import", str(src), "--into", str(tmp_path / "into")])
    out, err = capsys.readouterr()
    assert code == 1  # the loop failed
    # the forged summary in a file name is never a line of its own
    assert not any(line.startswith("imported 99") for line in (out + err).splitlines())
    assert out.splitlines()[-1].startswith("imported 4, skipped 0 duplicate(s), failed 1")
    assert len([line for line in err.splitlines() if ": error: " in line]) == 1


def test_cli_with_strict_utf8_output_and_undecodable_names(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    name = os.fsdecode(b"caf\xe9-\xff.txt")
    (src / name).write_text("Cafe talks\n\nGas talks in a cafe in Baku went on for hours.\n")
    env = {**child_env(tmp_path / "data"), "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    runs = (["import", str(src), "--into", str(tmp_path / "into")], ["search", "--", os.fsdecode(b"gas\xff")])
    for args in runs:
        proc = subprocess.run(
            [sys.executable, "-m", "energybrowser", *args], env=env, capture_output=True, timeout=120
        )
        assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (0, 1), proc.stderr


@pytest.mark.usefixtures("qapp")
def test_the_window_imports_a_folder_through_the_same_function(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from energybrowser.corpus.importer.library import ImportReport
    from energybrowser.paths import DataPaths
    from energybrowser.settings import Settings
    from energybrowser.ui.main_window import MainWindow

    src = source_folder(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.md").write_text("---\ntitle: One\n---\n\nSOCAR met QazaqGaz in Astana.\n")
    paths = DataPaths.resolve(tmp_path / "data")
    window = MainWindow(Settings.load(paths.settings_file), paths, str(corpus), indexing=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        window.start()
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_articles([str(src)])
    report = done.args[0]
    assert isinstance(report, ImportReport)
    cli = import_paths([src], tmp_path / "cli-into")

    def same(warnings: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.replace(str(tmp_path / "cli-into"), str(paths.imported_articles)) for w in warnings)

    assert [(r.path, r.status, r.message.split("->")[0], r.warnings) for r in report.results] == [
        (r.path, r.status, r.message.split("->")[0], same(r.warnings)) for r in cli.results
    ]
    qtbot.waitSignal(window.library_loaded, timeout=10000).wait()
    assert sum(1 for a in window.library.articles() if a.title == "Ferry talks") == 3
    window.close()
