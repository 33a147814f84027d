"""CSV export of the ledger: a title or sentence that starts like a spreadsheet formula (`=`, `+`,
`-`, `@`, a tab or a carriage return) is written with a leading `'`, so a spreadsheet shows it as
text instead of running it; terminal escapes and bidi overrides are not written at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from energybrowser.ui import dialogs

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


def test_no_exported_cell_starts_like_a_formula(
    make_window, corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i, formula in enumerate(FORMULAS):
        title = formula.replace('"', '\\"')
        (corpus_dir / f"formula-{i}.md").write_text(
            f'---\ntitle: "{title}\\u202e\\u001b]8;;x\\u0007"\npublisher: "{title}"\n---\n\n'
            f"SOCAR and KazMunayGas signed a memorandum on gas transit {i} in Baku on 3 May 2023.\n",
            encoding="utf-8",
        )
    window = make_window()
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "ask_csv_path", lambda parent, suggested: str(target))
    window.actions_by_id["export_agreements"].trigger()
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    titles = [row[rows[0].index("Article title")] for row in rows[1:]]
    assert all(any(t.startswith("'" + f) for t in titles) for f in FORMULAS), titles
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
            assert not any(c in cell for c in "\x1b\x07\u202e"), row
