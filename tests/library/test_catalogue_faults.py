"""Catalogue faults: the app opens, rebuilds the cache part, keeps the user's data and says what
happened in one line. Each fault is made for real (a killed process, a cut or damaged file, a
full database, a folder that cannot be written, two processes at once)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from energybrowser.corpus.loader import load_corpus
from energybrowser.library import Library, schema
from energybrowser.library.catalogue import Catalogue
from energybrowser.library.library import catalogue_path
from energybrowser.paths import DataPaths

OVERRIDE = ("some-article", '{"title": "My own title"}', "2026-01-01T00:00:00")


def _open(corpus: Path) -> Library:
    return Library.open(corpus, DataPaths.resolve())


def _with_user_row(corpus: Path) -> Path:
    """A catalogue holding one row of user data, backed up, closed; returns its file."""
    library = _open(corpus)
    library.catalogue.run_write(
        lambda conn: conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", OVERRIDE)
    )
    assert library.catalogue.backup_user_data(force=True) is not None
    library.close()
    return catalogue_path(DataPaths.resolve(), corpus)


def _user_rows(library: Library) -> list[tuple]:
    return library.catalogue.query("SELECT * FROM metadata_overrides")


def _sound(library: Library, corpus: Path) -> None:
    """Every article is there and reads as its file says."""
    parsed = {a.id: a for a in load_corpus(corpus)}
    assert set(library.ids()) == set(parsed)
    for article_id, article in parsed.items():
        assert library.get(article_id) == article


def _one_line(notices: list[str]) -> str:
    assert len(notices) == 1 and "\n" not in notices[0]
    return notices[0]


def test_a_truncated_catalogue_is_rebuilt_and_the_user_data_restored(corpus: Path) -> None:
    path = _with_user_row(corpus)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 3)
    library = _open(corpus)
    notice = _one_line(library.notices)
    assert "damaged" in notice and "rebuilt" in notice
    _sound(library, corpus)
    assert _user_rows(library) == [OVERRIDE]
    assert list(path.parent.glob(path.name + ".damaged-*"))  # the damaged file is kept aside


def test_a_flipped_header_byte_is_rebuilt_from_the_files_and_the_backup(corpus: Path) -> None:
    path = _with_user_row(corpus)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x20  # "SQLite format 3": no longer a database
    path.write_bytes(bytes(data))
    library = _open(corpus)
    notice = _one_line(library.notices)
    assert "restored from its backup" in notice
    _sound(library, corpus)
    assert _user_rows(library) == [OVERRIDE]


def test_a_damaged_row_is_read_again_from_its_file(corpus: Path) -> None:
    path = _with_user_row(corpus)
    # Checkpoint the WAL into the file, then flip a byte inside one article's stored metadata.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    where = data.find(b'"publisher":"Azernews"')
    assert where > 0
    data[where] = ord("{")
    path.write_bytes(bytes(data))
    library = _open(corpus)
    _sound(library, corpus)
    assert _user_rows(library) == [OVERRIDE]


def test_a_process_killed_mid_write_leaves_a_catalogue_that_opens(corpus: Path, tmp_path: Path) -> None:
    _with_user_row(corpus)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from energybrowser.library import Library
        from energybrowser.paths import DataPaths
        library = Library.open(Path({str(corpus)!r}), DataPaths.resolve())
        n = 0
        while True:
            def write(conn, n=n):
                conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", (f"a{{n}}", "{{}}", "t"))
                conn.execute("DELETE FROM bodies")  # a big write in flight when the kill comes
            library.catalogue.run_write(write)
            n += 1
            if n == 3:
                print("writing", flush=True)
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None and process.stdout.readline().strip() == "writing"
        process.send_signal(signal.SIGKILL)
        process.wait()
    library = _open(corpus)
    assert library.notices == []  # WAL: the last complete transaction stands, nothing to report
    assert OVERRIDE in _user_rows(library)
    assert len(library) == 5
    for entry in library.entries:  # bodies deleted by the killed writer: read again from the files
        assert library.get(entry.id) is not None


def test_an_older_schema_is_upgraded_after_a_backup(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _with_user_row(corpus)
    backup = path.with_name(path.name + ".backup")
    backup.unlink()
    step = ("ALTER TABLE metadata_overrides ADD COLUMN note TEXT NOT NULL DEFAULT ''",)
    monkeypatch.setattr(schema, "STEPS", [*schema.STEPS, step])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.STEPS) + 1)
    library = _open(corpus)
    assert "upgraded" in _one_line(library.notices)
    assert _user_rows(library) == [(*OVERRIDE, "")]
    saved = sqlite3.connect(backup)  # the backup was taken before the upgrade
    assert saved.execute("SELECT * FROM metadata_overrides").fetchall() == [OVERRIDE]
    assert saved.execute("PRAGMA user_version").fetchone()[0] == len(schema.STEPS) - 1
    saved.close()
    _sound(library, corpus)


def test_a_new_cache_version_rebuilds_the_cache_and_keeps_user_data(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_user_row(corpus)
    monkeypatch.setattr(schema, "CACHE_VERSION", schema.CACHE_VERSION + 1)
    library = _open(corpus)
    assert library.catalogue.generation > 0
    _sound(library, corpus)
    assert _user_rows(library) == [OVERRIDE]


def test_a_full_disk_moves_the_session_to_memory(corpus: Path) -> None:
    library = _open(corpus)
    pages = library.catalogue.query("PRAGMA page_count")[0][0]
    library.catalogue.conn.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow
    assert library.analyse() == 5
    assert "could not be saved" in _one_line(library.notices)
    assert library.catalogue.in_memory
    assert library.agreements()  # the analysis is there, in memory
    shutil.copy(sorted(corpus.glob("*.md"))[0], corpus / "another.md")
    (corpus / "another.md").write_text(
        (corpus / "another.md").read_text(encoding="utf-8").replace("id: ", "id: another-", 1),
        encoding="utf-8",
    )
    assert library.refresh().added


def test_a_data_folder_that_cannot_be_written_keeps_the_catalogue_in_memory(
    tmp_path: Path, corpus: Path
) -> None:
    data = tmp_path / "data-is-a-file"
    data.write_text("not a folder", encoding="utf-8")
    library = Library.open(corpus, DataPaths(data, tmp_path / "config", tmp_path / "cache"))
    assert "cannot be written" in _one_line(library.notices)
    _sound(library, corpus)
    assert library.analyse() == 5 and library.agreements()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_catalogue_is_used_from_memory(corpus: Path) -> None:
    path = _with_user_row(corpus)
    os.chmod(path.parent, 0o500)
    os.chmod(path, 0o400)
    try:
        library = _open(corpus)
        assert "cannot be written" in _one_line(library.notices)
        assert _user_rows(library) == [OVERRIDE]
        _sound(library, corpus)
    finally:
        os.chmod(path.parent, 0o700)
        os.chmod(path, 0o600)


# Root writes through file modes, so as root the fault is made with a private mount: the folder
# bound read-only, or a tiny tmpfs, in a mount namespace of the child process alone.
_MOUNT = 'mount {options} && shift && exec "$@"'
_CHECK = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from energybrowser.corpus.loader import load_corpus
    from energybrowser.library import Library
    from energybrowser.paths import DataPaths
    corpus = Path(sys.argv[1])
    library = Library.open(corpus, DataPaths.resolve())
    analysed = library.analyse()
    parsed = {a.id: a for a in load_corpus(corpus)}
    sound = set(library.ids()) == set(parsed) and all(library.get(i) == a for i, a in parsed.items())
    print(json.dumps({
        "notices": library.notices, "sound": sound, "analysed": analysed,
        "agreements": len(library.agreements()),
        "overrides": [list(r) for r in library.catalogue.query("SELECT * FROM metadata_overrides")],
    }))
    """
)


def _check_in_mount(options: str, folder: Path, corpus: Path) -> dict:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a private mount needs root and unshare")
    command = ["unshare", "--mount", "sh", "-c", _MOUNT.format(options=options), "sh", str(folder)]
    probe = subprocess.run([*command, "true"], capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"mount namespaces are not available here: {probe.stderr.strip()}")
    done = subprocess.run(
        [*command, sys.executable, "-c", _CHECK, str(corpus)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict = json.loads(done.stdout)
    assert result["sound"] and result["analysed"] == 5 and result["agreements"]
    return result


def test_a_catalogue_on_a_read_only_file_system_is_used_from_memory(corpus: Path) -> None:
    path = _with_user_row(corpus)
    folder = path.parent
    result = _check_in_mount('--bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1"', folder, corpus)
    assert len(result["notices"]) == 1 and "cannot be written" in result["notices"][0]
    assert result["overrides"] == [list(OVERRIDE)]
    assert path.stat().st_size > 0 and (folder / path.name).exists()  # untouched outside the mount


def test_a_data_folder_on_a_full_file_system_moves_the_session_to_memory(corpus: Path) -> None:
    data = DataPaths.resolve().data
    data.mkdir(parents=True, exist_ok=True)
    result = _check_in_mount('-t tmpfs -o size=48k none "$1"', data, corpus)
    assert len(result["notices"]) == 1 and "\n" not in result["notices"][0]
    assert any(words in result["notices"][0] for words in ("could not be saved", "cannot be written"))


def test_two_processes_share_one_catalogue(corpus: Path) -> None:
    script = textwrap.dedent(
        f"""
        import json
        from pathlib import Path
        from energybrowser.library import Library
        from energybrowser.paths import DataPaths
        library = Library.open(Path({str(corpus)!r}), DataPaths.resolve())
        library.analyse()
        print(json.dumps(sorted(a.id for a in library.agreements())))
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as other:
        library = _open(corpus)
        library.analyse()
        out, _ = other.communicate(timeout=120)
    assert other.returncode == 0
    mine = sorted(a.id for a in library.agreements())
    assert json.loads(out) == mine and mine
    count = library.catalogue.query("SELECT count(*), count(DISTINCT path) FROM articles")[0]
    assert count == (5, 5)
    assert library.catalogue.check() is None
    again = _open(corpus)
    assert again.pending() == []


def test_the_catalogue_lives_in_the_data_folder(corpus: Path) -> None:
    library = _open(corpus)
    assert library.catalogue.path is not None
    assert library.catalogue.path.is_relative_to(DataPaths.resolve().data)
    assert isinstance(library.catalogue, Catalogue)
