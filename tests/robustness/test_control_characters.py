"""Control characters in an article file (terminal escapes, bells, C1 codes; bidi overrides written
as YAML escapes in its front matter) never reach the library: the window showed them as boxes in
titles and text. The words around them are kept, and reading the file notes what was removed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from energybrowser.library import Library
from energybrowser.paths import DataPaths

SENTENCE = "SOCAR and KazMunayGas signed a memorandum on gas transit."


def _controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c != "\n"]


def test_control_characters_are_removed_from_titles_and_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "escapes.txt").write_bytes(
        f"\x1b]0;pwned\x07\x1b[31mRed title\x1b[0m\n\n{SENTENCE}\x0cNext page \x9b2J here.\n".encode()
    )
    (corpus / "yaml.md").write_text(
        '---\ntitle: "Pipeline \\e[31mdeal\\u202e done"\npublisher: "Wire\\a"\n---\n\n' + SENTENCE + "\n",
        encoding="utf-8",
    )
    library = Library.open(corpus, DataPaths.resolve(tmp_path / "data"))
    by_source = {e.meta.source: e for e in library.entries}
    escapes, yaml = by_source["escapes.txt"], by_source["yaml.md"]
    assert escapes.display_title == "]0;pwned[31mRed title[0m"
    article = library.get(escapes.id)
    assert article is not None and not _controls(article.text)
    assert SENTENCE in article.text and "Next page 2J here." in article.text
    assert yaml.display_title == "Pipeline [31mdeal done" and yaml.meta.publisher == "Wire"
    notes = [p.message for p in library.problems if p.path.name == "escapes.txt"]
    assert notes and "control character(s) removed" in notes[0]
    library.close()
