"""`energybrowser agreements` reads the stored ledger rows when they are current (the window wrote
them), and works the reviewed ledger out only when they are not: both give the same output."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.cli import main
from energybrowser.library import Library
from energybrowser.paths import DataPaths

COMMANDS = (
    ("agreements", "--json"),
    ("agreements",),
    ("agreements", "--state", "all", "--unreviewed-first"),
    ("agreements", "--json", "--state", "rejected", "--no-vague"),
)


def _run(corpus: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    status = main(["--corpus", str(corpus), *argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out, err


def test_the_stored_rows_give_what_working_the_ledger_out_gives(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library.open(corpus, DataPaths.resolve())
    library.analyse()
    shown = library.reviewed_ledger().agreements
    grouped = next(a for a in shown if a.group and a.conflicts)
    others = [a for a in shown if a.group != grouped.group]
    library.curation.confirm(others[0], note="seen the original")
    library.curation.reject(others[1], "a lead-in")
    library.curation.edit(grouped, {"subject": "checked by hand", "place": "Aktau"})
    library.write_ledger_rows()  # as the window does after an analysis or a review
    assert library.ledger_rows_current()
    library.close()

    def not_worked_out(*_args: object) -> None:
        raise AssertionError("the stored rows should have been read")

    with monkeypatch.context() as patched:
        patched.setattr(Library, "reviewed_ledger", not_worked_out)
        stored = [_run(corpus, capsys, *argv) for argv in COMMANDS]
    assert '"conflicts": [' in stored[0][0] and "CONFLICT" in stored[1][0]
    assert "checked by hand" in stored[0][0] and "rejected" in stored[2][0]

    again = Library.open(corpus, DataPaths.resolve())
    again.catalogue.conn.execute("DELETE FROM derived WHERE name = 'ledger-rows'")  # rows not current
    assert not again.ledger_rows_current()
    again.close()
    assert [_run(corpus, capsys, *argv) for argv in COMMANDS] == stored
