"""`energybrowser review ...` end to end: each action, the reviewed ledger in `agreements --json`,
reviews surviving text edits, export to a fresh data folder and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from energybrowser.cli import main

SOURCE = "the-energy-factor-in-astana-baku-relations"


def run(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> tuple[int, str, str]:
    status = main(["--corpus", str(corpus), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def ledger(capsys: pytest.CaptureFixture[str], corpus: Path, *options: str) -> dict[str, dict]:
    status, out, err = run(capsys, corpus, "agreements", "--json", *options)
    assert status == 0, err
    return {a["id"]: a for a in json.loads(out)}


def first_of(rows: dict[str, dict], article: str) -> str:
    return next(i for i in rows if i.startswith(article + "#"))


def test_confirm_reject_and_edit_show_in_the_ledger(capsys, corpus):
    rows = ledger(capsys, corpus)
    assert all(a["review"]["state"] == "unreviewed" for a in rows.values())
    target, other, third = list(rows)[:3]
    assert run(capsys, corpus, "review", "confirm", target)[0] == 0
    status, out, _ = run(capsys, corpus, "review", "reject", other, "--reason", "lead-in sentence")
    assert status == 0 and "rejected: lead-in sentence" in out
    status, out, err = run(
        capsys, corpus, "review", "edit", third, "--set", "parties=SOCAR; QazaqGaz", "--set", "date=--08-24",
        "--json",
    )  # fmt: skip
    assert status == 0, err
    edited = json.loads(out)
    assert edited["parties"] == ["SOCAR", "QazaqGaz"] and edited["date_iso"] == "--08-24"
    assert edited["review"]["edited"] == ["parties", "date"]
    assert edited["review"]["provenance"]["parties"]["source"] == "edited"
    assert edited["review"]["provenance"]["type"]["source"] == "confirmed"

    after = ledger(capsys, corpus)
    assert other not in after  # rejected agreements leave the ledger...
    assert after[target]["review"]["state"] == "confirmed"
    assert after[third]["parties"] == ["SOCAR", "QazaqGaz"]
    rejected = ledger(capsys, corpus, "--state", "rejected")  # ...and can be listed on their own
    assert list(rejected) == [other] and rejected[other]["review"]["note"] == "lead-in sentence"
    status, out, _ = run(capsys, corpus, "agreements", "--unreviewed-first")
    ids = [line.split()[0] for line in out.splitlines() if "#" in line.split(" ")[0]]
    assert ids.index(target) > ids.index(next(i for i in after if i not in (target, third)))


def test_bad_input_is_one_line_and_changes_nothing(capsys, corpus):
    target = next(iter(ledger(capsys, corpus)))
    status, _, err = run(capsys, corpus, "review", "edit", target, "--set", "status=dreamt")
    assert status == 2 and err.count("\n") == 1 and "status must be one of" in err
    status, _, err = run(capsys, corpus, "review", "confirm", "no-such#a1")
    assert status == 2 and "no agreement with id" in err
    assert all(a["review"]["state"] == "unreviewed" for a in ledger(capsys, corpus).values())


def test_add_an_agreement_the_extractor_missed(capsys, corpus):
    sentence = "It is seen that Kazakhstan has recently focused more on the Trans-Caspian route"
    status, out, err = run(
        capsys, corpus, "review", "add", SOURCE, "--quote", sentence,
        "--values", '{"type": "agreement", "status": "planned", "parties": ["Kazakhstan", "Azerbaijan"]}',
        "--json",
    )  # fmt: skip
    assert status == 0, err
    added = json.loads(out)
    assert added["review"]["state"] == "added" and added["evidence"]["text"] == sentence
    assert added["parties"] == ["Kazakhstan", "Azerbaijan"] and added["status"] == "planned"
    assert added["id"] in ledger(capsys, corpus)
    status, _, err = run(capsys, corpus, "review", "add", SOURCE, "--quote", "words nowhere in it")
    assert status == 2 and "is not in" in err


def test_move_evidence_split_merge_and_clear(capsys, corpus):
    rows = ledger(capsys, corpus)
    grouped = [a for a in rows.values() if sum(b["group"] == a["group"] for b in rows.values()) > 1]
    assert grouped, "the bundled corpus reports one agreement in two articles"
    member = grouped[0]["id"]
    assert run(capsys, corpus, "review", "split", member)[0] == 0
    after = ledger(capsys, corpus)
    assert not any(a["group"] == after[member]["group"] for i, a in after.items() if i != member)
    other = grouped[1]["id"]
    status, out, err = run(capsys, corpus, "review", "merge", member, other)
    assert status == 0, err
    after = ledger(capsys, corpus)
    assert after[member]["group"] == after[other]["group"]
    assert after[member]["review"]["provenance"]["group"]["source"] == "edited"

    sentence = "KazTransOil has recently announced that it plans to send another similar size of Tengiz oil"
    source = first_of(rows, SOURCE)
    status, out, err = run(capsys, corpus, "review", "move", source, "--quote", sentence, "--json")
    assert status == 0, err
    assert json.loads(out)["evidence"]["text"] == sentence
    assert run(capsys, corpus, "review", "clear", source)[0] == 0
    assert ledger(capsys, corpus)[source]["review"]["state"] == "unreviewed"


def test_splitting_the_only_report_of_an_agreement_is_refused_and_records_nothing(capsys, corpus):
    rows = ledger(capsys, corpus)
    alone = next(i for i, a in rows.items() if sum(b["group"] == a["group"] for b in rows.values()) == 1)
    status, out, err = run(capsys, corpus, "review", "split", alone)
    assert status == 2 and out == ""
    assert err.strip() == (
        f"energybrowser: {alone} is the only report of its agreement: there is nothing to split"
    )
    assert ledger(capsys, corpus)[alone]["review"]["state"] == "unreviewed"


def test_a_review_survives_an_edit_that_shifts_its_evidence(capsys, corpus):
    rows = ledger(capsys, corpus)
    target = first_of(rows, SOURCE)
    evidence = rows[target]["evidence"]["text"]
    run(capsys, corpus, "review", "edit", target, "--set", "subject=gas projects")
    path = corpus / f"{SOURCE}.md"
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("---\n\n")
    path.write_text(head + sep + "An editor's note added above the text.\n\n" + body, encoding="utf-8")
    after = ledger(capsys, corpus)
    moved = next(a for a in after.values() if a["evidence"]["text"] == evidence)
    assert moved["subject"] == "gas projects" and moved["review"]["state"] == "edited"
    assert moved["evidence"]["start"] > rows[target]["evidence"]["start"]


def test_a_review_that_cannot_be_placed_needs_a_look(capsys, corpus):
    rows = ledger(capsys, corpus)
    target = first_of(rows, SOURCE)
    evidence = rows[target]["evidence"]["text"]
    run(capsys, corpus, "review", "confirm", target)
    path = corpus / f"{SOURCE}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(evidence, "This paragraph was rewritten."))
    status, out, err = run(capsys, corpus, "review", "list", "--json")
    assert status == 0, err
    (look,) = json.loads(out)["needs_look"]
    assert look["article"] == SOURCE and look["quote"] == evidence
    status, _, err = run(capsys, corpus, "agreements")
    assert "needs a look" in err


def test_export_to_a_fresh_data_folder_and_import_gives_the_same_ledger(
    capsys, corpus, tmp_path, monkeypatch
):
    rows = list(ledger(capsys, corpus))
    run(capsys, corpus, "review", "confirm", rows[0], "--note", "checked against the source")
    run(capsys, corpus, "review", "reject", rows[1], "--reason", "not an agreement")
    run(capsys, corpus, "review", "edit", rows[2], "--set", "place=Astana")
    run(capsys, corpus, "review", "metadata", SOURCE, "--set", "publisher=Some Institute")
    run(capsys, corpus, "review", "alias", "Astana Oil Co", "KazMunayGas")
    before = ledger(capsys, corpus, "--state", "all")
    export = tmp_path / "reviews.json"
    status, out, err = run(capsys, corpus, "review", "export", str(export))
    assert status == 0 and "3 review(s)" in out, err

    monkeypatch.setenv("ENERGYBROWSER_DATA_DIR", str(tmp_path / "fresh"))
    assert ledger(capsys, corpus, "--state", "all") != before
    status, out, err = run(capsys, corpus, "review", "import", str(export))
    assert status == 0 and "4 added" in out and "1 alias" in out, err
    assert ledger(capsys, corpus, "--state", "all") == before
    status, out, _ = run(capsys, corpus, "cite", SOURCE, "--style", "apa")
    assert "Some Institute" in out
    status, out, _ = run(capsys, corpus, "review", "import", str(export))
    assert "0 added, 0 updated, 4 kept" in out


def test_import_refuses_a_file_that_is_not_an_export(capsys, corpus, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    status, _, err = run(capsys, corpus, "review", "import", str(bad))
    assert status == 2 and "not an energybrowser curation export" in err


def test_a_batch_applies_whole_or_not_at_all(capsys, corpus, tmp_path):
    rows = list(ledger(capsys, corpus))
    batch = tmp_path / "batch.json"
    batch.write_text(
        json.dumps(
            [
                {"action": "confirm", "agreement": rows[0]},
                {"action": "edit", "agreement": rows[1], "values": {"status": "nonsense"}},
            ]
        )
    )
    status, _, err = run(capsys, corpus, "review", "batch", str(batch))
    assert status == 2 and "action 2:" in err and "nothing was applied" in err
    assert ledger(capsys, corpus)[rows[0]]["review"]["state"] == "unreviewed"
    batch.write_text(
        json.dumps(
            [
                {"action": "confirm", "agreement": rows[0]},
                {"action": "reject", "agreement": rows[1], "reason": "duplicate"},
                {"action": "edit", "agreement": rows[2], "values": {"parties": ["SOCAR"]}},
            ]
        )
    )
    status, out, err = run(capsys, corpus, "review", "batch", str(batch), "--json")
    assert status == 0, err
    results = json.loads(out)
    assert [r["review"]["state"] for r in results] == ["confirmed", "rejected", "edited"]


def test_metadata_of_a_bundled_article_is_cited_as_if_in_the_file(capsys, corpus):
    file_before = (corpus / f"{SOURCE}.md").read_bytes()
    status, _, err = run(
        capsys, corpus, "review", "metadata", SOURCE, "--set", "title=Energy and Friendship",
        "--set", "date=2023-04-02", "--set", "url=https://example.org/energy",
    )  # fmt: skip
    assert status == 0, err
    status, out, _ = run(capsys, corpus, "cite", SOURCE, "--style", "apa")
    assert "energy and friendship" in out.lower() and "2023" in out and "https://example.org/energy" in out
    assert (corpus / f"{SOURCE}.md").read_bytes() == file_before  # the file is not touched
    status, _, err = run(capsys, corpus, "review", "metadata", SOURCE, "--set", "url=ftp://x")
    assert status == 2 and "http" in err


def test_parties_typed_by_an_alias_are_stored_under_their_canonical_name(capsys, corpus):
    target = next(iter(ledger(capsys, corpus)))
    status, out, err = run(
        capsys, corpus, "review", "edit", target, "--set", "parties=KMG; socar; Nobody Ltd", "--json"
    )
    assert status == 0, err
    assert json.loads(out)["parties"] == ["KazMunayGas", "SOCAR", "Nobody Ltd"]


def test_an_entity_mention_is_corrected_from_the_command_line(capsys, corpus):
    def mentions() -> list[dict]:
        status, out, err = run(capsys, corpus, "entities", "--json")
        assert status == 0, err
        return json.loads(out)[SOURCE]

    words = "KazTransOil, the oil pipeline operator"
    before = [m for m in mentions() if m["text"] == "KazTransOil"]
    status, _, err = run(capsys, corpus, "review", "entity", SOURCE, "--quote", words, "--wrong")
    assert status == 0, err
    after = [m for m in mentions() if m["text"] == "KazTransOil"]
    assert len(after) == len(before) - 1
    status, _, err = run(capsys, corpus, "review", "entity", SOURCE, "--quote", "KazTransOil")
    assert status == 2 and "more than once" in err


def test_review_list_says_which_entity_corrections_and_overrides_exist_and_which_need_a_look(capsys, corpus):
    words = "KazTransOil, the oil pipeline operator"
    assert run(capsys, corpus, "review", "entity", SOURCE, "--quote", words, "--type", "organization",
               "--canonical", "KazTransOil JSC")[0] == 0  # fmt: skip
    assert run(capsys, corpus, "review", "metadata", SOURCE, "--set", "publisher=IRR")[0] == 0
    status, out, err = run(capsys, corpus, "review", "list", "--json")
    assert status == 0, err
    listed = json.loads(out)
    assert listed["entity_corrections"][0]["canonical"] == "KazTransOil JSC"
    assert listed["metadata_overrides"][0]["values"] == {"publisher": "IRR"}
    assert listed["needs_look"] == []
    path = corpus / f"{SOURCE}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(words, "The operator"), encoding="utf-8")
    status, out, err = run(capsys, corpus, "review", "list", "--json")
    assert status == 0, err
    (look,) = json.loads(out)["needs_look"]
    assert look["quote"] == words and look["article"] == SOURCE
