"""`energybrowser import --url URL PATH`: the address a page was saved from goes into the article's
`url`, names its publisher when the page does not, and reaches every citation style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from energybrowser.citations import STYLES
from energybrowser.cli import main
from energybrowser.corpus.importer import convert_text
from energybrowser.corpus.importer.library import import_paths
from tests.core.dev_scores import dev_set_dir

DEV = dev_set_dir()

# A wire story as copied from a page that states no outlet: only its address names the publisher.
PAGE = """Central Asia and EU move ahead on green energy corridor

Ministers from Kazakhstan, Uzbekistan and Azerbaijan met in Baku on Thursday to review plans for
a subsea power cable that would carry renewable electricity across the Caspian towards Europe.

The partners agreed to complete a feasibility study by the end of next year, officials said, and
to seek financing from European development banks for the first stage of the line.
"""
PAGE_URL = "https://eurasianet.org/central-asia-eu-green-energy-corridor"
PAGE_PUBLISHER = "Eurasianet"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _dev_page() -> tuple[Path, str, str]:
    """A real page of the dev set whose text names no publisher, its address and its publisher."""
    assert DEV is not None
    for entry in json.loads((DEV / "meta.json").read_text(encoding="utf-8")):
        path = DEV / entry["file"]
        if (
            entry["url"].startswith("http")
            and not convert_text(path.read_text(encoding="utf-8"), path.name).meta.publisher
        ):
            with_url = convert_text(path.read_text(encoding="utf-8"), path.name, url=entry["url"])
            if with_url.meta.publisher == entry["publisher"]:
                return path, entry["url"], entry["publisher"]
    pytest.skip("no dev page whose publisher only its address names")


@pytest.fixture(params=["small-page", "dev-page"])
def page(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, str]:
    if request.param == "dev-page":
        if DEV is None:
            pytest.skip("shared/dev-articles not found beside the repository")
        return _dev_page()
    path = tmp_path / "corridor.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert not convert_text(PAGE, path.name).meta.publisher  # the text alone names none
    return path, PAGE_URL, PAGE_PUBLISHER


def test_import_with_url_names_the_publisher_and_every_citation_shows_the_url(
    page: tuple[Path, str, str], private_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, url, publisher = page
    status, out, err = _run(capsys, "import", "--url", url, str(path))
    assert status == 0, err
    assert "imported 1," in out
    status, out, err = _run(capsys, "corpus", "list", "--json")
    assert status == 0, err
    (row,) = [r for r in json.loads(out) if r["source"] == path.name]
    assert (row["publisher"], row["url"]) == (publisher, url)
    written = next((private_data_dir / "data" / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert f"url: {url}" in written  # the front matter's one address field, no second one
    for style in STYLES:
        status, out, err = _run(capsys, "cite", row["id"], "--style", style)
        assert status == 0, (style, err)
        assert url in out, style


def test_dry_run_shows_the_publisher_the_address_names_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corridor.txt"
    path.write_text(PAGE, encoding="utf-8")
    status, out, err = _run(
        capsys, "import", "--dry-run", "--url", PAGE_URL, str(path), "--into", str(tmp_path / "lib")
    )
    assert status == 0, err
    assert f"publisher: {PAGE_PUBLISHER}" in out and f"url: {PAGE_URL}" in out
    assert not (tmp_path / "lib").exists()


@pytest.mark.parametrize(
    "bad",
    ["ftp://eurasianet.org/a", "eurasianet.org/a", "https://", "javascript:alert(1)", "https://a b.org/x"],
)
def test_a_bad_url_is_one_line_exit_2_and_nothing_written(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "corridor.txt"
    path.write_text(PAGE, encoding="utf-8")
    into = tmp_path / "lib"
    status, out, err = _run(capsys, "import", "--url", bad, str(path), "--into", str(into))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("energybrowser: --url: ")
    assert not into.exists()


def test_url_needs_exactly_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE.replace("Baku", name), encoding="utf-8")
    into = tmp_path / "lib"
    for paths in ([str(tmp_path)], [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]):
        status, _, err = _run(capsys, "import", "--url", PAGE_URL, *paths, "--into", str(into))
        assert status == 2 and err.count("\n") == 1 and "one file" in err
        assert not into.exists()


def test_markdown_takes_the_url_unless_its_front_matter_states_one(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("# Green corridor\n\n" + PAGE.split("\n", 2)[2], encoding="utf-8")
    stated = tmp_path / "stated.md"
    stated.write_text("---\ntitle: Green corridor\nurl: https://example.org/own\n---\n\nBody text here.\n")
    bare = tmp_path / "bare.md"
    bare.write_text("---\ntitle: Another corridor\n---\n\nOther body text here.\n")
    into = tmp_path / "lib"
    metas = {}
    for path in (plain, stated, bare):
        (result,) = import_paths([path], into, url=PAGE_URL).results
        assert result.status == "imported" and result.outcome and result.outcome.article
        metas[path.name] = result.outcome.article.meta
    assert (metas["plain.md"].url, metas["plain.md"].publisher) == (PAGE_URL, PAGE_PUBLISHER)
    assert metas["stated.md"].url == "https://example.org/own"
    assert (metas["bare.md"].url, metas["bare.md"].publisher) == (PAGE_URL, PAGE_PUBLISHER)
