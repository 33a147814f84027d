"""Reads of the catalogue never wait for a writer: the window's thread shows the ledger and the
list while a worker holds a long write transaction (at 50,000 articles the ledger's rows take
tens of seconds to write)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from energybrowser.library.catalogue import Catalogue

ROW = ("some-article", "{}", "2026-01-01T00:00:00")


def test_a_read_sees_the_last_commit_while_a_write_transaction_is_open(tmp_path: Path) -> None:
    catalogue = Catalogue.open(tmp_path / "catalogue.sqlite")
    inside, read = threading.Event(), threading.Event()
    outcome: dict[str, bool] = {}

    def work(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", ROW)
        inside.set()
        outcome["read while open"] = read.wait(20)  # the transaction stays open until the read ends

    writer = threading.Thread(target=catalogue.run_write, args=(work,))
    writer.start()
    assert inside.wait(20)
    during = catalogue.query("SELECT count(*) FROM metadata_overrides")
    read.set()
    writer.join()
    assert outcome == {"read while open": True}  # the read did not wait for the commit
    assert during == [(0,)]  # ... and saw the state before it
    assert catalogue.query("SELECT count(*) FROM metadata_overrides") == [(1,)]
    with catalogue.reading() as conn:
        assert conn.execute("SELECT article_id FROM metadata_overrides").fetchall() == [(ROW[0],)]
    catalogue.close()


def test_the_reading_connection_cannot_write(tmp_path: Path) -> None:
    catalogue = Catalogue.open(tmp_path / "catalogue.sqlite")
    try:
        with catalogue.reading() as conn:
            try:
                conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", ROW)
            except sqlite3.OperationalError as exc:
                assert "readonly" in str(exc) or "read-only" in str(exc)
            else:
                raise AssertionError("a write went through the reading connection")
    finally:
        catalogue.close()


def test_in_memory_reads_and_writes_share_one_connection() -> None:
    catalogue = Catalogue.memory()
    catalogue.run_write(lambda conn: conn.execute("INSERT INTO metadata_overrides VALUES(?, ?, ?)", ROW))
    assert catalogue.query("SELECT count(*) FROM metadata_overrides") == [(1,)]
    assert catalogue.reader is catalogue.conn
