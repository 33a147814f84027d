"""Hostile files, round three: one folder of them (binary and renamed documents, empty, 50 MB, deep
nesting, many links, bad encodings, NUL bytes, huge or explosive front matter, odd names, a link
loop, a pipe, a device, a folder named like an article) goes through every way in: `import` (the
window's Import and drag-and-drop call the same `import_paths`), a corpus folder opened at start,
and files appearing in an open library (what the watcher calls). Each file is imported or refused
with one line, the folder is left as it was, nothing blocks (a pipe) or runs without bound.

Regressions found by this sweep, each with its own test below: a one-sentence note was refused as
"only page furniture"; a PDF, a random blob without NUL bytes were imported as replaced characters;
pipes, devices and folders named `.md` were skipped without a word; an unreadable file's line
carried the full path and errno; NUL bytes deep in a text reached the article."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer import convert_source
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus
from energybrowser.library import Library
from energybrowser.paths import DataPaths
from tests.robustness.faults import FAULT_BOUND, child_env, folder_digest, one_line, within
from tests.robustness.hostile_files import IMPORTED, SENTENCE, write_hostile_folder


def _check_outcomes(outcomes: dict[str, str], expected: dict[str, str]) -> None:
    """`outcomes`: name -> IMPORTED or the one-line message."""
    assert set(outcomes) == set(expected), set(outcomes) ^ set(expected)
    for name, want in expected.items():
        got = outcomes[name]
        assert one_line(got), (name, got)
        if want == IMPORTED:
            assert got == IMPORTED, (name, got)
        else:
            assert want in got and str(Path.cwd()) not in got, (name, got)


def test_import_takes_each_hostile_file_or_says_why_in_one_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    expected = write_hostile_folder(src)
    before = folder_digest(src)
    with within(FAULT_BOUND * 6):
        report = import_paths([src], tmp_path / "into")
    outcomes = {r.path.name: (IMPORTED if r.status == "imported" else r.message) for r in report.results}
    _check_outcomes(outcomes, expected)
    assert all(one_line(line) for line in report.problems + report.notes)
    assert folder_digest(src) == before  # nothing read was changed, nothing lost
    written = load_corpus(tmp_path / "into")
    assert not written.problems and len(written) == sum(1 for v in expected.values() if v == IMPORTED)
    texts = {a.meta.source: a.text for a in written}
    assert "After the divs." in texts["deep.html"] and "Deep text." in texts["deep.html"]
    assert "\x00" not in texts["nul-late.md"] and "After the NUL bytes." in texts["nul-late.md"]


def test_a_corpus_folder_of_hostile_files_opens_with_one_line_each(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    expected = write_hostile_folder(src)
    before = folder_digest(src)
    with within(FAULT_BOUND * 6):
        library = Library.open(src, DataPaths.resolve(tmp_path / "data"))
    problems = {p.path.name: p.message for p in library.problems}
    sources = {e.meta.source for e in library.entries}
    notes_only = {"latin1.md", "nul-late.md"}  # loaded, with a note
    outcomes = {
        name: IMPORTED if name in sources and (name not in problems or name in notes_only) else problems[name]
        for name in expected
    }
    _check_outcomes(outcomes, expected)
    assert folder_digest(src) == before
    library.close()


def test_hostile_files_added_to_an_open_library_are_taken_or_named(tmp_path: Path) -> None:
    """What the watcher does when files appear: a refresh of the open library."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "first.md").write_text(f"---\ntitle: First\n---\n\n{SENTENCE} First.\n", encoding="utf-8")
    library = Library.open(corpus, DataPaths.resolve(tmp_path / "data"))
    expected = write_hostile_folder(corpus)
    with within(FAULT_BOUND * 6):
        library.refresh()
    problems = {p.path.name: p.message for p in library.problems}
    refused = {n for n, want in expected.items() if want != IMPORTED}
    assert refused <= set(problems), refused - set(problems)
    assert all(one_line(m) for m in problems.values())
    sources = {e.meta.source for e in library.entries}
    assert {n for n, want in expected.items() if want == IMPORTED} | {"first.md"} <= sources
    library.close()


def test_cli_import_of_hostile_files_prints_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    expected = write_hostile_folder(src)
    with within(FAULT_BOUND * 6):
        code = cli_main(["import", str(src), "--into", str(tmp_path / "into")])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    refused = [n for n, want in expected.items() if want != IMPORTED]
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == len(refused)
    assert f"imported {len(expected) - len(refused)}," in out


# --- each regression on its own ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["note.md", "note.txt", "note.html"])
def test_a_one_sentence_note_is_an_article_not_furniture(name: str) -> None:
    text = f"{SENTENCE} Only this." if not name.endswith(".html") else f"<p>{SENTENCE} Only this.</p>"
    article = convert_source(text, name).article
    assert article.text == f"{SENTENCE} Only this."
    headed = convert_source(f"# Transit note\n\n{SENTENCE}", "headed.md").article
    assert headed.meta.title == "Transit note" and headed.text == SENTENCE


def test_only_furniture_is_still_refused() -> None:
    from energybrowser.corpus.errors import ArticleFormatError

    with pytest.raises(ArticleFormatError, match="only page furniture"):
        convert_source("Share on Twitter", "share.md")


def test_a_renamed_document_or_binary_blob_is_refused_by_what_it_is(tmp_path: Path) -> None:
    from tests.robustness.hostile_files import hostile_files

    files = hostile_files()
    for name in ("report.md", "letter.md", "noise.md", "latin1.md", "bmw.md"):
        (tmp_path / name).write_bytes(files[name][0])
    corpus = load_corpus(tmp_path)
    problems = {p.path.name: p.message for p in corpus.problems}
    assert "binary (a .pdf file), not text: renaming does not convert it" in problems["report.md"]
    assert "(a .docx file), not text" in problems["letter.md"]
    assert problems["noise.md"] == "file is binary, not text"
    assert "character(s) replaced" in problems["latin1.md"]  # text in another encoding: kept
    assert {a.meta.source for a in corpus} == {"latin1.md", "bmw.md"}  # "BM…" is not a bitmap here


def test_pipes_folders_and_devices_named_like_articles_are_one_line_each(tmp_path: Path) -> None:
    from tests.robustness.hostile_files import make_specials

    src = tmp_path / "src"
    src.mkdir()
    (src / "good.md").write_text(f"{SENTENCE} Good.\n", encoding="utf-8")
    specials = make_specials(src)
    with within():
        report = import_paths([src], tmp_path / "into")
        library = Library.open(src, DataPaths.resolve(tmp_path / "data"))
        corpus = load_corpus(src)
    said = {r.path.name: r.message for r in report.results if r.status == "failed"}
    opened = {p.path.name: p.message for p in library.problems}
    loaded = {p.path.name: p.message for p in corpus.problems}
    for name, words in specials.items():
        for where in (said, opened, loaded):
            assert words in where[name] and one_line(where[name]), (name, where)
    assert report.count("imported") == 1 and len(library.entries) == 1 and len(corpus) == 1
    library.close()


def test_a_nul_byte_deep_in_a_text_is_removed_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "nul.md").write_bytes(f"# Nul\n\n{SENTENCE * 150}".encode() + b"\x00 After.\n")
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert "\x00" not in article.text and article.text.endswith("After.")
    assert [p.message for p in corpus.problems] == ["1 NUL byte(s) removed"]


def test_a_file_that_vanishes_mid_import_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        (src / f"report-{i}.md").write_text(f"{SENTENCE} Report {i}.\n", encoding="utf-8")

    def progress(done: int, _total: int, _label: str) -> None:
        if done == 1:
            (src / "report-1.md").unlink()  # listed, then gone before it is read

    report = import_paths([src], tmp_path / "into", progress=progress)
    failed = {r.path.name: r.message for r in report.results if r.status == "failed"}
    assert failed == {"report-1.md": "cannot read: No such file or directory; nothing imported"}
    assert report.count("imported") == 2


def _without_read_override() -> list[str]:
    """A command prefix under which a mode-000 file cannot be read, even by root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv reads every file")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_an_unreadable_file_is_one_line_without_its_path(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.md").write_text(f"{SENTENCE} Good.\n", encoding="utf-8")
    (src / "locked.md").write_text(f"{SENTENCE} Locked.\n", encoding="utf-8")
    (src / "locked.md").chmod(0)
    prefix = _without_read_override()
    env = child_env(tmp_path / "data")
    energybrowser = [sys.executable, "-m", "energybrowser"]
    imported = subprocess.run(
        [*prefix, *energybrowser, "import", str(src), "--into", str(tmp_path / "into")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    listed = subprocess.run(
        [*prefix, *energybrowser, "--corpus", str(src), "corpus", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert imported.returncode == 1 and "Traceback" not in imported.stderr + listed.stderr
    assert "locked.md: error: cannot read: Permission denied; nothing imported" in imported.stderr
    assert "locked.md: cannot read: Permission denied" in listed.stderr
    assert str(src) not in listed.stderr and "Errno" not in listed.stderr
    assert "good" in listed.stdout and "imported 1," in imported.stdout


@pytest.mark.slow
def test_the_full_size_hostile_folder_through_cli_import_and_corpus_list(tmp_path: Path) -> None:
    """The real sizes: 50 MB, 10^5 links, 10^5 nested divs, 1,000 list levels, 4 MB of one line."""
    src = tmp_path / "src"
    expected = write_hostile_folder(src, full=True)
    env = child_env(tmp_path / "data")
    energybrowser = [sys.executable, "-m", "energybrowser"]
    imported = subprocess.run(
        [*energybrowser, "import", str(src), "--into", str(tmp_path / "into")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    listed = subprocess.run(
        [*energybrowser, "--corpus", str(src), "corpus", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert "Traceback" not in imported.stderr + listed.stderr
    refused = sorted(n for n, want in expected.items() if want != IMPORTED)
    assert len([line for line in imported.stderr.splitlines() if ": error: " in line]) == len(refused)
    assert f"imported {len(expected) - len(refused)}," in imported.stdout
    assert listed.returncode == 0
