"""Bad input: every kind gives a one-line reason, never an exception, and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from energybrowser.corpus import loader
from energybrowser.corpus.importer import convert_file, convert_text
from energybrowser.corpus.markdown_io import ArticleFormatError

GOOD = (
    "Caspian ferry talks\n\nThe two ministers agreed to add ferries between Aktau and Alat next spring, "
    "officials said after the meeting in Baku on Tuesday.\n"
)


def _one_line(message: str) -> bool:
    return bool(message) and "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t \n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("only-furniture.txt", b"Share\n\ntop of page\n\nFollow us on social networks\n", "no article text"),
        ("report.pdf", b"%PDF-1.7", "not an importable file type"),
        ("bad-front-matter.md", b"---\ntitle: [unclosed\n---\n\nBody text.\n", "front matter"),
    ],
)
def test_bad_files_give_one_line_reasons(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    outcome = convert_file(path)
    assert not outcome.ok
    assert expected in outcome.error
    assert _one_line(outcome.error)


def test_invalid_utf8_is_decoded_as_far_as_possible_and_said(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(GOOD.replace("Baku", "B\xe4ku").encode("latin-1"))
    outcome = convert_file(path)
    assert outcome.ok
    assert "B\ufffdku" in outcome.article.text
    assert any("not valid UTF-8" in note for note in outcome.notes)


def test_enormous_files_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "dump.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    outcome = convert_file(path)
    assert not outcome.ok and "over the" in outcome.error and "limit" in outcome.error


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = convert_file(tmp_path / "nowhere.txt")
    assert not missing.ok and _one_line(missing.error)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    outcome = convert_file(folder)
    assert not outcome.ok and _one_line(outcome.error)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_converts_or_says_why(text: str) -> None:
    """The importer never fails with anything but a reasoned ArticleFormatError, and what it keeps
    reads back consistently (every block's offsets slice the article's text)."""
    for name in ("any.txt", "any.md", "any.html"):
        try:
            article = convert_text(text, name)
        except ArticleFormatError as exc:
            assert _one_line(str(exc))
            continue
        for block in article.blocks:
            assert article.text[block.start : block.end] == block.text


_WORDS = st.sampled_from(
    [
        "the",
        "pipeline",
        "oil",
        "gas",
        "agreement",
        "signed",
        "ministers",
        "said",
        "on",
        "Tuesday",
        "that",
        "exports",
        "would",
        "rise",
        "and",
        "Baku",
        "Astana",
        "SOCAR",
        "KazMunayGas",
        "tankers",
        "port",
        "volumes",
        "year",
        "first",
        "second",
        "memorandum",
    ]
)
_PARAGRAPH = st.lists(_WORDS, min_size=20, max_size=40).map(lambda ws: " ".join(ws).capitalize() + ".")
_FURNITURE = st.sampled_from(
    ["Share", "top of page", "4 min read", "Follow us on social networks", "Paylaş", "ree", "Search"]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_PARAGRAPH, st.lists(_FURNITURE, max_size=2)), min_size=1, max_size=6))
def test_paragraphs_survive_and_furniture_goes(pieces: list[tuple[str, list[str]]]) -> None:
    """Whatever furniture stands between them, every paragraph is kept, in order, and none of the
    furniture is."""
    lines: list[str] = []
    for paragraph, furniture in pieces:
        lines.extend(furniture)
        lines.append(paragraph)
    article = convert_text("\n\n".join(lines), "generated.txt")
    assert [p.text for p in article.paragraphs] == [paragraph for paragraph, _ in pieces]
