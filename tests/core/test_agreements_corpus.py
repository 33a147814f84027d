from __future__ import annotations

import json
import shutil

import pytest

from energybrowser.agreements.corpus import extract_corpus
from energybrowser.cli import main
from energybrowser.corpus.loader import load_corpus
from energybrowser.resources import bundled_corpus_dir
from tests.core.extraction_helpers import seeds_dir

RAW = {
    "one.txt": "SOCAR and QazaqGaz sign MoU\n\nSOCAR and QazaqGaz have signed a memorandum of understanding "
    "on gas projects in Baku on 25 August 2022.\n\nThe document provides for exploration in Kazakhstan.",
    "two.txt": "Gas ties deepen\n\nOn August 25, 2022, QazaqGaz and SOCAR inked an MoU on gas projects.\n\n"
    "No agreement was reached on oil transit.",
}


@pytest.fixture
def raw_folder(tmp_path):
    for name, text in RAW.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_extract_corpus_gives_entities_agreements_and_groups(raw_folder):
    corpus = load_corpus(raw_folder)
    result = extract_corpus(corpus)
    assert set(result.entities) == set(corpus.ids())
    assert len(result.agreements) == 2
    assert len(result.groups) == 1
    group = result.groups[0]
    assert set(result.members(group.id)) == set(result.agreements)
    assert result.group(group.id).parties == group.parties
    assert extract_corpus(corpus) is result  # cached while the content is unchanged


def test_entities_cli_json(raw_folder, capsys):
    assert main(["entities", "--json", "--corpus", str(raw_folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 2
    for mentions in data.values():
        for m in mentions:
            assert {"text", "canonical", "type", "start", "end", "paragraph"} <= set(m)
    assert any(m["canonical"] == "QazaqGaz" for mentions in data.values() for m in mentions)


def test_entities_of_one_type_list_only_the_articles_that_mention_it(raw_folder, capsys):
    (raw_folder / "three.txt").write_text("Prices\n\nGas prices rose in Baku.", encoding="utf-8")
    assert main(["entities", "--json", "--corpus", str(raw_folder)]) == 0
    mentions = json.loads(capsys.readouterr().out)
    without = [aid for aid, spans in mentions.items() if all(m["type"] != "organization" for m in spans)]
    assert len(without) == 1 and len(mentions) == 3
    assert main(["entities", "--type", "organization", "--corpus", str(raw_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert without[0] not in lines and any("SOCAR" in line for line in lines)
    assert main(["entities", "--corpus", str(raw_folder)]) == 0
    assert without[0] in capsys.readouterr().out.splitlines()  # without a type every article is listed


def test_agreements_cli_json_and_table(raw_folder, capsys):
    assert main(["agreements", "--json", "--corpus", str(raw_folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(a["type"], a["status"], sorted(a["parties"])) for a in data] == [
        ("memorandum", "signed", ["QazaqGaz", "SOCAR"]),
        ("memorandum", "signed", ["QazaqGaz", "SOCAR"]),
    ]
    keys = {"id", "article", "type", "status", "parties", "signatories", "date", "place", "subject",
            "quantities", "evidence", "group"}  # fmt: skip
    assert all(keys <= set(a) for a in data)
    assert data[0]["group"] == data[1]["group"] and data[0]["place"] == "Baku"
    assert main(["agreements", "--corpus", str(raw_folder)]) == 0
    table = capsys.readouterr().out
    assert "memorandum, signed" in table and "2 agreement(s) in 2 article(s)" in table
    assert main(["agreements", "--groups", "--corpus", str(raw_folder)]) == 0
    assert "1 group(s)" in capsys.readouterr().out


def test_agreements_table_says_an_undated_agreement_was_only_reported_on_its_articles_date(tmp_path, capsys):
    (tmp_path / "undated.md").write_text(
        "---\ntitle: MoU signed\ndate: 2022-08-25\n---\n\n"
        "SOCAR and QazaqGaz have signed a memorandum of understanding on gas projects.\n",
        encoding="utf-8",
    )
    assert main(["agreements", "--corpus", str(tmp_path)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("memorandum, signed  n.d. (reported 2022-08-25)")


def test_cli_reports_a_missing_folder(tmp_path, capsys):
    assert main(["agreements", "--corpus", str(tmp_path / "nope")]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["seeds", "bundled"])
def test_real_articles_ledger(folder, tmp_path):
    directory = seeds_dir() if folder == "seeds" else bundled_corpus_dir()
    if directory is None or not directory.is_dir():
        pytest.skip(f"no {folder} articles here")
    copy = tmp_path / "c"
    shutil.copytree(directory, copy)
    result = extract_corpus(load_corpus(copy))
    specific = [a for a in result.agreements if not a.vague]
    pairs = {frozenset(a.parties) for a in specific}
    # The documents these articles report, each with the companies that signed it.
    assert frozenset({"SOCAR", "QazaqGaz"}) in pairs
    assert frozenset({"SOCAR", "KazMunayGas"}) in pairs
    assert frozenset({"Azerbaijan Investment Holding", "Samruk-Kazyna"}) in pairs
    assert frozenset({"SOCAR", "Samruk-Kazyna"}) in pairs
    # The QazaqGaz MoU is reported by two articles: one group, one record per article.
    mou = [a for a in specific if set(a.parties) == {"SOCAR", "QazaqGaz"}]
    assert len(mou) == 2 and len({a.group for a in mou}) == 1 and len({a.article for a in mou}) == 2
    # Nothing from the shipments, the negotiations or "when we reach an agreement".
    texts = " ".join(a.evidence.text for a in result.agreements)
    assert "barrels" not in texts and "when we reach" not in texts
    assert all(a.evidence.text in load_corpus(copy).get(a.article).text for a in result.agreements)
