"""The command line and exports: an article title, publisher or sentence holding terminal escape
sequences (ESC, OSC 8 links, BEL), C1 controls or bidi overrides is printed and exported without
them; a query that starts with `-` is searched after `--`."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.cli import main as cli_main

HOSTILE = "\x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07 \x1b[2J\x1b[31mred\x9b0m \u202etxt.exe\u202c"
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    (folder / "hostile.md").write_text(
        f'---\ntitle: "Pipeline {escaped} deal"\npublisher: "Wire {escaped}"\ndate: 2023-05-01\n'
        f'authors: ["Aida {escaped} Karimova"]\n---\n\n'
        f"SOCAR and KazMunayGas signed a memorandum {HOSTILE} in Baku on 3 May 2023.\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "list"],
        ["corpus", "list", "--json"],
        ["search", "pipeline"],
        ["search", "pipeline", "--json"],
        ["agreements"],
        ["entities"],
        ["cite", "hostile"],
        ["cite", "hostile", "--style", "bibtex"],
        ["cite", "hostile", "--style", "ris"],
        ["cite", "hostile", "--style", "csl-json"],
        ["cite", "hostile", "--quote", "SOCAR and KazMunayGas signed a memorandum"],
    ],
    ids=lambda a: "-".join(a),
)
def test_nothing_printed_drives_the_terminal(
    corpus: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["--corpus", str(corpus), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "click" in out or "Pipeline" in out or "SOCAR" in out or "KazMunayGas" in out, out
    for char in FORBIDDEN:
        assert char not in out + err, (char, out)


def test_a_query_starting_with_a_dash_is_searched_after_double_dash(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["--corpus", str(corpus), "search", "--", "-zzz pipeline"]) == 0
    assert "Pipeline" in capsys.readouterr().out
