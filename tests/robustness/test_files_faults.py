"""Files: a folder of hostile files is imported file by file: each is refused or imported safely
with a one-line message, in bounded time, nothing is written outside the target folder, nothing
outside the imported folder is read, and nothing active survives into what the reader shows."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main
from energybrowser.corpus.importer.library import import_paths
from energybrowser.corpus.loader import load_corpus
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.library import Library
from energybrowser.paths import DataPaths
from energybrowser.render import render_article
from tests.robustness.faults import FAULT_BOUND, folder_digest, one_line, within

SECRET = "TOP-SECRET-CANARY-7f3a"
GOOD = (
    "Caspian ferry talks\n\nThe two ministers agreed to add ferries between Aktau and Alat next spring, "
    "officials said after the meeting in Baku on Tuesday.\n"
)
HOSTILE_HTML = f"""<!doctype html><html><head><title>Pipeline deal</title>
<script>document.write('pwned')</script><style>body {{ display: none }}</style>
<link rel="stylesheet" href="file:///etc/passwd"><meta http-equiv="refresh" content="0;url=file:///etc/passwd">
</head><body><article><h1>Pipeline deal signed</h1>
<p>SOCAR and KazMunayGas signed a memorandum on oil transit across the Caspian Sea on Monday.</p>
<iframe src="file:///etc/passwd">{SECRET} iframe</iframe><img src="file:///etc/passwd" onerror="alert(1)">
<p>Details: <a href="javascript:alert(1)">click</a>, <a href="file:///etc/shadow">local</a>,
<a href="data:text/html;base64,PHNjcmlwdD4=">data</a> and <a href="https://socar.az/news">the source</a>.</p>
<object data="file:///etc/passwd">{SECRET}</object><svg><script>alert(2)</script></svg>
<img src="http://tracker.example/pixel.gif"><form action="http://evil.example"><input value="x"></form>
</article></body></html>"""
HOSTILE_MD = """---
id: ../../escaped
title: Hostile markdown
---

SOCAR and QazaqGaz agreed on gas supplies. <script>alert('pwned')</script>
<iframe src="file:///etc/passwd"></iframe>

![secret](file:///etc/passwd) ![remote](https://tracker.example/p.png) [js](javascript:alert(1))
[local](file:///etc/passwd) [rel](../../secret.txt) <img src="file:///etc/passwd">
"""


def hostile_folder(root: Path) -> tuple[Path, Path]:
    """The folder to import, and a secret file outside it."""
    outside = root / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"{SECRET}\n\nPrivate notes about the negotiations that must never leak out.\n")
    src = root / "import-me"
    src.mkdir()
    files: dict[str, bytes | str] = {
        "good.txt": GOOD,
        "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        "empty.txt": b"",
        "blank.md": "\n \t\n\n",
        "latin1.txt": GOOD.replace("Baku", "B\xe4ku").encode("latin-1"),
        "notes.pdf": b"%PDF-1.7\n",
        "hostile.html": HOSTILE_HTML,
        "hostile.md": HOSTILE_MD,
        "deep.html": "<html><body>" + "<div><span>" * 10_000 + "<p>Deep text about SOCAR gas.</p>",
        "deep-table.html": "<table><tr><td>" * 5_000 + "Deep table text on KazMunayGas oil.",
        # Quadratic in html.parser before CPython 3.11.13 (CVE-2025-6069): a minute for 80 KB.
        "tag-soup.html": "<p>Pipeline talks on Caspian gas resumed. " + "<http://" * 10_000,
        "quoted-soup.html": "<p>Pipeline talks on Caspian gas resumed. " + "<a b='>' " * 10_000,
        "quotes.md": "> " * 20_000 + "deeply quoted text\n",
        "list-markers.md": "- " * 5_000 + "deep list text\n",
        "brackets.md": "Intro on pipelines. " + "[" * 20_000 + "end\n",
        "link-targets.md": "Intro on pipelines. " + "[a](" * 10_000 + "\n",
        "tag-pile.md": "Intro on pipelines. " + "<a b='>' " * 5_000 + "\n",
        "a..b.txt": GOOD.replace("ferry", "rail"),
    }
    for name, data in files.items():
        path = src / name
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    with (src / "huge.txt").open("wb") as fh:  # 50 MB, sparse: costs no disk
        fh.write(GOOD.encode())
        fh.truncate(50 * 1024 * 1024)
    (src / "leak.txt").symlink_to(secret)
    (src / "leak-dir.md").symlink_to(outside)
    (src / "alias.txt").symlink_to(src / "good.txt")  # inside the folder: harmless
    return src, secret


EXPECTED = {
    "alias.txt": "imported",  # sorted first; good.txt then has the same text
    "good.txt": "duplicate",
    "binary.txt": "failed",
    "empty.txt": "failed",
    "blank.md": "failed",
    "latin1.txt": "imported",
    "hostile.html": "imported",
    "hostile.md": "imported",
    "deep.html": "imported",
    "deep-table.html": "imported",
    "tag-soup.html": "imported",
    "quoted-soup.html": "imported",
    "quotes.md": "imported",
    "list-markers.md": "imported",
    "brackets.md": "imported",
    "link-targets.md": "imported",
    "tag-pile.md": "imported",
    "a..b.txt": "failed",
    "huge.txt": "failed",
    "leak.txt": "failed",
    "leak-dir.md": "failed",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("hostile")
    src, _ = hostile_folder(tmp_path)
    into = tmp_path / "library" / "articles"
    before = folder_digest(tmp_path / "outside")
    with within(FAULT_BOUND * 4):  # one bound for all twenty files together
        report = import_paths([src], into)
    assert folder_digest(tmp_path / "outside") == before
    return report, into, tmp_path


def test_each_hostile_file_is_refused_or_imported_with_a_one_line_message(imported) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = imported
    statuses = {r.path.name: r.status for r in report.results}
    assert statuses == EXPECTED
    for result in report.results:
        assert one_line(result.message), result
        assert all(one_line(w) for w in result.warnings)
    reasons = {r.path.name: r.message for r in report.results}
    assert "binary" in reasons["binary.txt"] and "empty" in reasons["empty.txt"]
    assert "'..'" in reasons["a..b.txt"] and "outside the folder" in reasons["leak.txt"]
    assert "limit" in reasons["huge.txt"]
    latin1 = next(r for r in report.results if r.path.name == "latin1.txt")
    assert any("UTF-8" in w for w in latin1.warnings)


def test_nothing_is_written_outside_the_target_and_no_secret_is_read(imported) -> None:  # type: ignore[no-untyped-def]
    _, into, root = imported
    written = {p for p in root.rglob("*") if p.is_file() and not p.is_symlink()}
    inputs = {p for p in (root / "import-me").iterdir()} | {root / "outside" / "secret.txt"}
    assert written - inputs == set(into.iterdir())  # only new files in the target folder
    assert (into / "escaped.md").exists()  # the id '../../escaped' became a plain file name
    for path in into.iterdir():
        assert SECRET not in path.read_text(encoding="utf-8"), path


def test_imported_articles_show_nothing_active(imported) -> None:  # type: ignore[no-untyped-def]
    """What the reader is given: no script, frame, image, form, style or non-http(s) link."""
    _, into, _ = imported
    for path in into.iterdir():
        article = parse_article(path.read_text(encoding="utf-8"), path.stem)
        with within():
            html = render_article(article).html
        lowered = html.lower()
        for tag in ("<script", "<iframe", "<img", "<object", "<form", "<input", "<link", "<meta", "<svg"):
            assert tag not in lowered, (path.name, tag)
        for href in re.findall(r'href="([^"]*)"', html):
            assert href.startswith(("#", "https://", "http://", "entity:")), (path.name, href)
        assert "pwned" not in article.text and "alert(" not in article.text


def test_a_five_million_character_line_imports_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("Pipeline report. " + "gas" * 1_666_661 + " end\n", encoding="utf-8")
    assert 5_000_000 <= path.stat().st_size <= 5 * 1024 * 1024
    with within(60):  # linear in the file's size; a bound on hanging, not a speed goal
        report = import_paths([path], tmp_path / "into")
    (result,) = report.results
    assert result.status == "imported" and one_line(result.message)
    article = parse_article(result.written.read_text(encoding="utf-8"), "x")
    with within():
        rendered = render_article(article)
    assert len(rendered.html) < 200_000 and rendered.shortened_blocks


def test_loading_a_hostile_folder_as_a_corpus_never_raises(tmp_path: Path) -> None:
    src, _ = hostile_folder(tmp_path)
    before = folder_digest(src)
    with within(FAULT_BOUND * 4):
        corpus = load_corpus(src)
    problems = {p.path.name: p.message for p in corpus.problems}
    assert "outside the folder" in problems["leak.txt"]
    assert "binary" in problems["binary.txt"] and "limit" in problems["huge.txt"]
    assert all(one_line(str(p)) for p in corpus.problems)
    assert all(SECRET not in a.text for a in corpus.articles)
    loaded = {a.meta.source for a in corpus.articles} | {a.id for a in corpus.articles}
    assert {"deep.html", "deep-table.html", "hostile.html", "latin1.txt", "good.txt"} <= loaded
    assert {"tag-soup.html", "quoted-soup.html"} <= loaded
    assert {"quotes", "list-markers", "brackets", "link-targets", "tag-pile", "escaped"} <= loaded
    assert folder_digest(src) == before
    library = Library.open(src, DataPaths.resolve(tmp_path / "no-imports-yet"))
    assert len(library) == len(corpus.articles)
    assert {p.path.name for p in library.problems} >= {"leak.txt", "binary.txt", "huge.txt"}


def test_cli_import_reports_each_file_and_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, _ = hostile_folder(tmp_path)
    with within(FAULT_BOUND * 4):
        code = cli_main(["import", str(src), "--into", str(tmp_path / "into")])
    out, err = capsys.readouterr()
    assert code == 1  # some files failed, and the exit status says so
    assert "Traceback" not in out + err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == list(EXPECTED.values()).count("failed")
    assert "imported 13, skipped 1 duplicate(s), failed 7" in out
    assert not os.path.exists(tmp_path / "escaped.md")


@pytest.mark.parametrize("unit", ["<http://", "<a b='>' ", "</p ", "<!--", "<a href='x' "])
def test_unclosed_tag_soup_is_read_in_linear_time(tmp_path: Path, unit: str) -> None:
    """html.parser rescans the rest of the page from every unclosed tag (CVE-2025-6069)."""
    path = tmp_path / "soup.html"
    path.write_text("<p>Pipeline talks on Caspian gas resumed.</p>" + unit * 20_000, encoding="utf-8")
    with within():
        report = import_paths([path], tmp_path / "into")
    (result,) = report.results
    assert result.status == "imported" and one_line(result.message)
    assert "Pipeline talks" in result.written.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    """A pipe named like an article would block a reader forever; a device never ends."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    endless = tmp_path / "zero.txt"
    endless.symlink_to("/dev/zero")
    with within():
        report = import_paths([fifo, endless], tmp_path / "into")
        corpus = load_corpus(tmp_path)
    assert [r.status for r in report.results] == ["failed", "failed"]
    assert all("not a regular file" in r.message and one_line(r.message) for r in report.results)
    assert corpus.articles == ()
