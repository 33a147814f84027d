"""`energybrowser search` and `energybrowser index` as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from energybrowser.cli import main
from tests.core.search_corpus import write_corpus


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_builds_the_index_on_demand(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, err = run(capsys, "search", "KMG", "--json", "--corpus", str(corpus_dir))
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"results", "suggestion", "facets"}
    assert {r["article"] for r in data["results"]} >= {"kmg-results", "pipeline-talks"}
    first = data["results"][0]
    assert set(first) == {"article", "title", "score", "snippets"}
    assert isinstance(first["score"], float) and first["snippets"]
    assert all(set(s) == {"paragraph", "html"} and "<mark>" in s["html"] for s in first["snippets"])
    assert data["suggestion"] is None
    assert set(data["facets"]) == {"entity", "type", "publisher", "year"}
    assert data["facets"]["publisher"]["Caspian Wire"] == 1


def test_search_limit_and_filter(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "search", "gas OR oil", "--json", "--limit", "1", "--corpus", str(corpus_dir))
    assert code == 0 and len(json.loads(out)["results"]) == 1
    code, out, _ = run(
        capsys, "search", "gas OR oil", "--json", "--filter", "year=2021", "--corpus", str(corpus_dir)
    )
    assert [r["article"] for r in json.loads(out)["results"]] == ["wind-azerbaijan"]


def test_search_text_output_and_suggestion(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, _ = run(capsys, "search", '"energy security"', "--corpus", str(corpus_dir))
    assert code == 0 and "pipeline-talks" in out and "¶4" in out and "[Energy security]" in out
    code, out, _ = run(capsys, "search", "pipelnie", "--corpus", str(corpus_dir))
    assert code == 0 and "Did you mean: pipeline" in out


@pytest.mark.parametrize("query", ["((((", '"', ">{a", "x" * 10_000, "(" * 5000])
def test_search_never_shows_a_traceback(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, query: str
) -> None:
    code, out, err = run(capsys, "search", query, "--json", "--corpus", str(corpus_dir))
    assert code == 0 and "Traceback" not in err
    json.loads(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--limit", "0"], "--limit"),
        (["--filter", "nonsense"], "FIELD=VALUE"),
        (["--filter", "title=x"], "cannot filter"),
    ],
)
def test_search_user_errors(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "search", "gas", *argv, "--corpus", str(corpus_dir))
    assert code == 2 and message in err and "Traceback" not in err


def test_missing_corpus_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "search", "gas", "--corpus", str(tmp_path / "nope"))
    assert code == 2 and "not found" in err


def test_index_command_builds_updates_and_rebuilds(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    code, out, err = run(capsys, "index", "--corpus", str(corpus_dir))
    assert code == 0 and "indexed 5 article(s)" in out
    assert "indexing: 5/5 articles (100%)" in err  # plain lines when stderr is not a terminal
    code, out, _ = run(capsys, "index", "--corpus", str(corpus_dir))
    assert "up to date" in out
    (corpus_dir / "kmg-results.md").unlink()
    code, out, _ = run(capsys, "index", "--corpus", str(corpus_dir))
    assert "removed 1 article(s)" in out
    code, out, _ = run(capsys, "index", "--rebuild", "--corpus", str(corpus_dir))
    assert "indexed 4 article(s)" in out and "rebuild requested" in out


def test_search_text_output_names_an_untitled_article_by_its_opening_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "untitled"
    folder.mkdir()
    (folder / "note.md").write_text(
        "---\nid: note\ntitle: ''\n---\n\nQazaqGaz and SOCAR discussed a gas pipeline in Baku.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "search", "pipeline", "--corpus", str(folder))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("  1. [Untitled: QazaqGaz and SOCAR") and "[note]" in first
