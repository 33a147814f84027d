"""Opening from the catalogue alone (`Library.open(look_later=True)`, what the window does): the
article list as it was last seen, at once, no file looked at; then `refresh` (in the window, a
background job) takes in what changed while the app was closed. Either way the list is the one
`corpus list` prints: same ids, metadata (the analyst's overrides laid over), order and warnings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from energybrowser.cli import main
from energybrowser.library import Library
from energybrowser.library.admission import library_order
from energybrowser.paths import DataPaths
from tests.conftest import REPO

BUNDLED = REPO / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The bundled articles, an id clash, a file that cannot be read and one read with a note; an
    imported article and an imported duplicate of a corpus one."""
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED, folder)
    first = _bundled(0).read_text(encoding="utf-8")
    (folder / "zz-copy-of-first.md").write_text(
        first.replace("\n\n", "\n\nA sentence of its own.\n\n", 1), encoding="utf-8"
    )
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 report on gas transit.\n\nMore.\n".encode("latin-1"))
    for name in ("Ärger über Gas.md", "Zebra pipeline.md", "éclair.md", "🛢 oil.md"):  # order of names
        (folder / name).write_text(f"Oil and gas news, {name}.\n\nKazakhstan exports.\n", encoding="utf-8")
    imported = DataPaths.resolve().imported_articles
    imported.mkdir(parents=True, exist_ok=True)
    shutil.copy(_bundled(1), imported / "again.md")
    (imported / "mine.md").write_text(
        "---\nid: mine\ntitle: My own note on the Caspian\ndate: '2031-02'\n---\n\nTurkmen gas to Baku.\n",
        encoding="utf-8",
    )
    return folder


def _bundled(n: int) -> Path:
    return sorted(BUNDLED.glob("*.md"))[n]


def _shown(library: Library) -> list[dict[str, object]]:
    """Each article as `corpus list --json` prints it, in the library's order."""
    rows = []
    for entry in library.entries:
        row = entry.meta.to_mapping()
        row.update(paragraphs=entry.paragraphs, footnotes=entry.footnotes, content_hash=entry.content_hash)
        rows.append(row)
    return rows


def _listed(corpus: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["--corpus", str(corpus), "corpus", "list", "--json"]) == 0
    listed: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return listed


def _newest_first(library: Library) -> list[str]:
    return [e.id for e in library.newest_first()]


def _edit_publisher(corpus: Path, article_id: str, publisher: str) -> None:
    library = Library.open(corpus, DataPaths.resolve())
    try:
        library.curation.edit_metadata(article_id, {"publisher": publisher})
    finally:
        library.close()


def test_the_stored_list_shows_at_once_and_equals_corpus_list(corpus: Path, capsys) -> None:
    before = Library.open(corpus, DataPaths.resolve())
    first_id = before.entries[0].id
    before.close()
    _edit_publisher(corpus, first_id, "Quayside Review")
    expected = _listed(corpus, capsys)
    library = Library.open(corpus, DataPaths.resolve(), look_later=True)
    try:
        assert not library.files_checked
        assert _shown(library) == expected
        paths = [(e.origin, e.path_text) for e in library.entries]
        assert paths == sorted(paths, key=lambda p: library_order(*p))
        assert library.entry(first_id).meta.publisher == "Quayside Review"
        said = " ".join(str(p) for p in library.problems)
        assert "latin1.txt" in said and "is taken; loaded as" in said  # what the rows say
        assert not library.refresh()  # nothing changed on disk
        assert library.files_checked
        assert _shown(library) == expected
        assert [str(p) for p in library.problems] == [str(p) for p in Library.open(corpus).problems]
    finally:
        library.close()


def test_what_changed_while_closed_is_taken_in_by_the_look_after_the_open(corpus: Path, capsys) -> None:
    full = Library.open(corpus, DataPaths.resolve())
    old_order = _newest_first(full)
    full.close()
    changed = corpus / _bundled(2).name
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("\n\n", "\n\nAn added paragraph on gas.\n\n", 1),
        encoding="utf-8",
    )
    (corpus / "new-one.md").write_text(
        "---\nid: new-one\ntitle: A new one\ndate: '2040-01-01'\n---\n\nNew text.\n", encoding="utf-8"
    )
    gone = corpus / _bundled(3).name
    gone.unlink()

    library = Library.open(corpus, DataPaths.resolve(), look_later=True)
    try:
        assert _newest_first(library) == old_order  # as last seen: no file was read yet
        changes = library.refresh()
        assert changes.added == ("new-one",)
        assert len(changes.changed) == 1 and len(changes.removed) == 1
        assert _shown(library) == _listed(corpus, capsys)
        assert _newest_first(library)[0] == "new-one"
        assert library.pending() and {e.id for e in library.pending()} >= {"new-one", *changes.changed}
    finally:
        library.close()


def test_a_damaged_row_is_read_again_from_its_file(corpus: Path, capsys) -> None:
    Library.open(corpus, DataPaths.resolve()).close()
    library = Library.open(corpus, DataPaths.resolve())
    key = library.entries[0].key
    library.catalogue.run_write(
        lambda conn: conn.execute("UPDATE articles SET meta = '{bad' WHERE key = ?", (key,))
    )
    library.close()
    reopened = Library.open(corpus, DataPaths.resolve(), look_later=True)
    try:
        assert reopened.files_checked  # the damaged row made it read the files
        assert _shown(reopened) == _listed(corpus, capsys)
    finally:
        reopened.close()
