"""`energybrowser cite`: prints the citation; user mistakes end as one clear line with exit status 2."""

from __future__ import annotations

import json

import pytest

from energybrowser.cli import main
from tests.conftest import FIXTURES

CORPUS = str(FIXTURES / "citations")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["cite", "--corpus", CORPUS, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_a_reference_and_a_located_quote(capsys) -> None:
    code, out, _ = run(capsys, "socar-kmg-memorandum", "--style", "apa")
    assert code == 0
    assert out.startswith("Kızılay, A., & Smith, J. (2023, October 24).")
    code, out, _ = run(
        capsys, "socar-kmg-memorandum", "--style", "mla", "--quote", "Study of a trans-Caspian link"
    )
    assert (code, out) == (0, "“Study of a trans-Caspian link” (Kızılay and Smith, par. 5).\n")
    code, out, _ = run(capsys, "socar-kmg-memorandum", "--style", "chicago", "--paragraph", "2")
    assert (code, out) == (0, "(Kızılay and Smith 2023, para. 2)\n")


def test_html_and_exports(capsys) -> None:
    code, out, _ = run(capsys, "socar-kmg-memorandum", "--style", "apa", "--html")
    assert code == 0 and "<i>Caspian News</i>" in out and "&amp;" in out
    code, out, _ = run(capsys, "socar-gas-report", "--style", "csl-json")
    assert code == 0 and json.loads(out)[0]["author"] == [
        {"literal": "State Oil Company of Azerbaijan Republic"}
    ]
    code, out, _ = run(capsys, "socar-gas-report", "--style", "ris")
    assert code == 0 and out.startswith("TY  - RPRT\n") and out.endswith("ER  - \n") and "\r" not in out
    code, out, _ = run(capsys, "socar-gas-report", "--style", "bibtex", "--html")
    assert code == 0 and out.startswith("@report{state2022annual,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["socar-kmg", "--style", "apa"],
            "no article with id 'socar-kmg'; did you mean socar-kmg-memorandum",
        ),
        (
            ["socar-kmg-memorandum", "--style", "vancouver"],
            "unknown style 'vancouver' (choose from apa, chicago",
        ),
        (["socar-kmg-memorandum", "--paragraph", "99"], "has no paragraph 99 (it has 1–6)"),
        (["socar-kmg-memorandum", "--quote", "never said"], "the quotation is not in article"),
        (
            ["socar-kmg-memorandum", "--style", "bibtex", "--paragraph", "2"],
            "bibtex describes the whole article",
        ),
    ],
)
def test_user_errors_are_one_line_with_status_2(capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err
