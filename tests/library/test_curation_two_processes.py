"""Two processes on one catalogue (the window and `energybrowser review`): the window's cheap poll
notices the other's curation, and its undo never overwrites what the other changed meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from energybrowser.library import Library
from energybrowser.paths import DataPaths

SOURCE = "the-energy-factor-in-astana-baku-relations"


@pytest.fixture
def two(corpus: Path):
    """The window's library and a second one on the same catalogue, as a terminal opens it."""
    window = Library.open(corpus, DataPaths.resolve())
    window.analyse()
    terminal = Library.open(corpus, DataPaths.resolve())
    yield window, terminal
    terminal.close()
    window.close()


def test_the_watch_moves_only_when_something_was_committed(two):
    window, terminal = two
    watch = window.curation_watch()
    try:
        assert watch.moved()  # the first look
        assert not watch.moved() and not watch.moved()
        before = watch.signature()
        terminal.curation.confirm(terminal.reviewed_ledger().agreements[0])
        assert watch.moved() and not watch.moved()
        assert watch.signature().differs(before) == {"reviews"}
        before = watch.signature()
        terminal.curation.edit_metadata(SOURCE, {"publisher": "Quayside Review"})
        terminal.curation.add_alias("Astana-Baku axis", "Kazakhstan")
        assert watch.moved()
        assert watch.signature().differs(before) == {"metadata", "gazetteer"}
    finally:
        watch.close()


def test_undo_refuses_to_overwrite_a_record_changed_elsewhere(two):
    window, terminal = two
    first, second = window.reviewed_ledger().agreements[:2]
    confirmed = window.curation.confirm(first)
    edited = window.curation.edit(second, {"place": "Aktau"})
    shown = {a.id: a for a in terminal.reviewed_ledger().agreements}  # as the terminal reads it
    terminal.curation.reject(shown[second.id], "a lead-in")  # the terminal's word on the second

    assert not window.curation.undo([edited])  # refused: the rejection stays
    state = {a.id: a.review.state for a in window.reviewed_ledger().agreements}
    assert state[second.id] == "rejected"
    assert not window.curation.undo([confirmed, edited])  # all or none: the first stays too
    assert state[first.id] == "confirmed"
    assert window.curation.undo([confirmed])
    assert window.curation.store.review(confirmed.after.id) is None
    shown = {a.id: a for a in terminal.reviewed_ledger().agreements}
    terminal.curation.confirm(shown[first.id], "checked in the terminal")
    assert not window.curation.redo([confirmed])  # the terminal's confirmation (with its note) stays
    (review,) = [r for r in window.curation.store.reviews() if r.anchor == confirmed.after.anchor]
    assert review.note == "checked in the terminal"  # one review of it: the terminal's


def test_metadata_undo_after_an_override_elsewhere_keeps_the_other(two):
    window, terminal = two
    mine = window.curation.edit_metadata(SOURCE, {"title": "Mine"})
    terminal.curation.edit_metadata(SOURCE, {"title": "Theirs"})
    assert not window.curation.undo([mine])
    assert window.curation.store.metadata_override(SOURCE).values["title"] == "Theirs"
    other = "the-recent-international-conference-in-baku"
    ours = window.curation.edit_metadata(other, {"publisher": "Ours"})
    assert window.curation.undo([ours])  # a record nobody else touched is undone as usual
    assert window.curation.store.metadata_override(other) is None
