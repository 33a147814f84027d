"""BibTeX export read back by real `bibtex` (Debian's texlive-binaries), not only by a Python
parser: braces in a title or publisher must stay balanced for BibTeX, which counts every brace
(an escaped `\\{` too) and would otherwise swallow the next fields; a name holding the word "and"
is one author, not two; terminal escapes and bidi overrides are not written."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from energybrowser.citations.bibtex import to_bibtex_many
from energybrowser.corpus.markdown_io import parse_article
from tests.conftest import FIXTURES

ARTICLES = {
    "braces": ("A {curly} title } with { unbalanced braces", "[Aida Karimova]", "Acme {Energy}} Review"),
    "one-name": ("Ann and Bob", "['Ann and Bob Smith']", "Caspian Weekly"),
    "org-and": ("Organisations", "[{name: 'Oil and Gas Institute', organization: true}, Rustam Aliyev]", ""),
    "escapes": ("Pipeline \\x1b]8;;http://x\\x07deal\\u202e done", "[Leyla Mammadova]", "Wire\\x1b[31m"),
}


def articles():  # type: ignore[no-untyped-def]
    made = []
    for i, (title, authors, publisher) in enumerate(ARTICLES.values()):
        front = f'title: "{title}"\nauthors: {authors}\npublisher: "{publisher}"\n'
        front += f"date: 2023-0{i + 1}-02\nkind: news"
        made.append(parse_article(f"---\n{front}\n---\n\nBody of article {i} on Caspian gas.\n", f"a{i}"))
    return made


def run_bibtex(bib: str, folder: Path) -> tuple[int, str, dict[str, dict[str, str]]]:
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    shutil.copy(FIXTURES / "bibtex" / "probe.bst", folder / "probe.bst")
    (folder / "probe.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{probe}\n")
    # Without TeX Live's configuration (only texlive-binaries installed) the search paths are given.
    env = {**os.environ, "BIBINPUTS": str(folder), "BSTINPUTS": str(folder)}
    proc = subprocess.run(
        ["bibtex", "probe"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    entries: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (folder / "probe.bbl").read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(" ")
        if name == "KEY":
            current = entries.setdefault(value, {})
        else:
            current[name] = value
    return proc.returncode, proc.stdout, entries


@pytest.mark.skipif(shutil.which("bibtex") is None, reason="needs bibtex (Debian texlive-binaries)")
def test_real_bibtex_reads_every_field_of_every_entry(tmp_path: Path) -> None:
    made = articles()
    bib = to_bibtex_many(made)
    code, log, entries = run_bibtex(bib, tmp_path)
    assert code == 0, log  # 1 = warnings, 2 = errors such as a field swallowed by a brace
    assert len(entries) == len(made), log
    by_title = {e["TITLE"]: e for e in entries.values()}
    braces = next(e for t, e in by_title.items() if "curly" in t)
    assert braces["JOURNAL"].startswith("Acme") and braces["AUTHORS"] == "1"
    one = next(e for t, e in by_title.items() if t.startswith("{Ann and Bob"))
    assert one["AUTHORS"] == "1", bib
    org = next(e for t, e in by_title.items() if "Organisations" in t)
    assert org["AUTHORS"] == "2", bib
    assert not any(c in bib for c in "\x1b\x07\u202e")
