"""Curation in a running window reaches everything it shows: the search index (`title:` and the
facets find overridden metadata), and changes made by `energybrowser review` in another process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from energybrowser.library.gazetteer_change import LABEL
from energybrowser.ui.review_form import ReviewForm
from energybrowser.ui.search_controller import IndexedEngine

ARTICLE = "qazaqgaz-mou"


def _wait_indexed(qtbot: QtBot, window) -> None:
    qtbot.waitUntil(lambda: isinstance(window.search.engine, IndexedEngine), timeout=20000)
    qtbot.waitUntil(lambda: not window._indexing, timeout=20000)


def _listed(window) -> list[tuple[str, str]]:
    model = window.search_panel.model
    return [(model.row_at(i).article_id, model.row_at(i).title) for i in range(model.rowCount())]


def _facet_values(window, name: str) -> list[str]:
    box = window.search_panel.facet_boxes[name]
    return [box.itemData(i) for i in range(1, box.count())]


def test_a_metadata_override_is_found_by_title_and_facets_at_once(qtbot: QtBot, make_window) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    window.search_panel.set_query("title:zanzibar")
    qtbot.waitUntil(lambda: window.search_panel.query == "title:zanzibar", timeout=5000)
    qtbot.wait(300)
    assert _listed(window) == []

    changes = {"title": "Zanzibar accord on Caspian gas", "publisher": "Quayside Review", "date": "1997-03"}
    assert window.reviewing.controller.edit_metadata(ARTICLE, changes)
    qtbot.waitUntil(lambda: _listed(window) == [(ARTICLE, "Zanzibar accord on Caspian gas")], timeout=10000)
    window.search_panel.set_query("gas")
    qtbot.waitUntil(lambda: "Quayside Review" in _facet_values(window, "publisher"), timeout=10000)
    assert "1997" in _facet_values(window, "year")

    window.actions_by_id["undo"].trigger()  # the index follows undo too
    window.search_panel.set_query("title:zanzibar")
    qtbot.waitUntil(lambda: _listed(window) == [], timeout=10000)
    engine = window.search.engine.engine
    qtbot.waitUntil(lambda: not engine.search("title:zanzibar").hits, timeout=10000)
    assert [h.article_id for h in engine.search("title:qazaqgaz").hits] == [ARTICLE]


def test_a_party_edited_in_the_review_form_is_found_by_party_at_once(
    qtbot: QtBot, make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    engine = window.search.engine.engine
    assert not engine.search('party:"Quayside Energy"').hits

    def fill(form: ReviewForm) -> int:
        form.set_text("parties", "Quayside Energy; SOCAR")
        form.save_button.click()
        return form.result()

    monkeypatch.setattr(ReviewForm, "exec", fill)
    rows = window.agreements.visible_rows()
    row = next(i for i, r in enumerate(rows) if r.lead.article == ARTICLE)
    window.agreements.table.selectRow(row)
    window.actions_by_id["review_agreement"].trigger()
    window.search_panel.set_query('party:"Quayside Energy"')
    qtbot.waitUntil(lambda: [a for a, _title in _listed(window)] == [ARTICLE], timeout=10000)

    window.actions_by_id["undo"].trigger()  # the index follows undo too
    qtbot.waitUntil(lambda: not engine.search('party:"Quayside Energy"').hits, timeout=10000)


# --- changes made by `energybrowser review` in another process reach the open window ---------------


def _cli(corpus_dir: Path, data_dir: Path, *argv: str) -> None:
    """`energybrowser ...` as a user runs it in a terminal: a process of its own."""
    env = {**os.environ, "ENERGYBROWSER_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "energybrowser", "--corpus", str(corpus_dir), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _review_state(window, agreement_id: str) -> str:
    found = [a for a in window.reviewing.ledger.agreements if a.id == agreement_id]
    return found[0].review.state if found else "(gone)"


def _shown_state(window, agreement_id: str) -> str:
    """The review state of the table's row that holds the agreement."""
    rows = [r for r in window.agreements.model.rows() if any(a.id == agreement_id for a in r.reports)]
    return rows[0].review_state if rows else "(not shown)"


@pytest.mark.slow
def test_a_review_made_in_a_terminal_shows_in_the_open_window_within_two_seconds(
    qtbot: QtBot, make_window, corpus_dir: Path, private_data_dir: Path
) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    window.search_panel.set_query("title:zanzibar")
    qtbot.wait(300)
    assert not window.isActiveWindow()  # no activation brings it: the poll does
    target = window.reviewing.ledger.agreements[0].id
    _cli(corpus_dir, private_data_dir, "review", "confirm", target)
    qtbot.waitUntil(lambda: _review_state(window, target) == "confirmed", timeout=2000)
    assert _shown_state(window, target) == "confirmed"  # the table's row too
    _cli(
        corpus_dir, private_data_dir, "review", "metadata", ARTICLE,
        "--set", "title=Zanzibar accord on Caspian gas",
    )  # fmt: skip
    qtbot.waitUntil(
        lambda: _listed(window) == [(ARTICLE, "Zanzibar accord on Caspian gas")], timeout=4000
    )  # the title shows at once; `title:` finds it once the index took the article in
    # A party list edited in the terminal: the window's index files it (`party:`) as well.
    article = next(a.article for a in window.reviewing.ledger.agreements if a.id == target)
    _cli(corpus_dir, private_data_dir, "review", "edit", target, "--set", "parties=Quayside Energy; SOCAR")
    engine = window.search.engine.engine
    qtbot.waitUntil(
        lambda: [h.article_id for h in engine.search('party:"Quayside Energy"').hits] == [article],
        timeout=10000,
    )


@pytest.mark.slow
def test_undo_and_redo_survive_a_change_made_in_a_terminal_meanwhile(
    qtbot: QtBot, window, corpus_dir: Path, private_data_dir: Path
) -> None:
    controller = window.reviewing.controller
    first, second = window.reviewing.ledger.agreements[:2]
    rows = {r.lead.id: r for r in window.agreements.model.rows()}
    assert controller.confirm([rows[first.id]])
    assert controller.confirm([rows[second.id]])
    # Meanwhile a terminal rejects the second and corrects an article's title.
    _cli(corpus_dir, private_data_dir, "review", "reject", second.id, "--reason", "a lead-in")
    _cli(corpus_dir, private_data_dir, "review", "metadata", ARTICLE, "--set", "title=Retitled")
    qtbot.waitUntil(lambda: _review_state(window, second.id) == "rejected", timeout=2000)
    qtbot.waitUntil(lambda: window.library.entry(ARTICLE).title == "Retitled", timeout=2000)

    stack = controller.undo_stack
    assert stack.count() == 2 and stack.canUndo()
    stack.undo()  # the second's confirmation was overtaken by the terminal's rejection: kept
    assert _review_state(window, second.id) == "rejected"
    assert "changed elsewhere" in window.status.currentMessage()
    assert stack.count() == 1 and stack.index() == 1
    stack.undo()  # the first is untouched elsewhere: undone as usual
    assert _review_state(window, first.id) == "unreviewed"
    assert window.library.entry(ARTICLE).title == "Retitled"
    stack.redo()
    assert _review_state(window, first.id) == "confirmed"

    # Undone here, then confirmed in the terminal: redo must not count on the old state.
    stack.undo()
    _cli(corpus_dir, private_data_dir, "review", "edit", first.id, "--set", "place=Aktau")
    qtbot.waitUntil(lambda: _review_state(window, first.id) == "edited", timeout=2000)
    stack.redo()
    assert _review_state(window, first.id) == "edited" and not stack.canRedo()
    assert window.reviewing.ledger == controller.curation.ledger(
        window.library.agreements(), window.library.groups()
    )  # what the window shows is what the catalogue holds


# --- entity corrections and aliases reach the library-wide mentions list, facets and index --------


def _mentions_listed(window) -> list[str]:
    model = window.mentions.model
    return sorted({model.mention_at(r).article_id for r in range(model.rowCount())})


def _found(window, query: str) -> list[str]:
    """What the window's search index finds now (the engine it uses at this moment)."""
    return [h.article_id for h in window.search.engine.engine.search(query).hits]


def _entity_facet(window) -> dict[str, int]:
    _entries, facets = window.library.browse({})
    return dict(facets["entity"])


def test_a_corrected_mention_leaves_the_mentions_list_facets_and_index(qtbot: QtBot, make_window) -> None:
    from tests.ui.test_review_controller import stub_entity_dialog

    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    window.list_mentions("SOCAR")
    both = ["caspian-gas-memorandum", ARTICLE]
    assert _mentions_listed(window) == both and _entity_facet(window)["SOCAR"] == 2
    article = window.library.stated_article(ARTICLE)
    start = article.text.index("SOCAR")
    mention = next(s for s in window.library.entities(ARTICLE) if s.start == start)
    controller = window.reviewing.controller
    controller.entity_dialog_factory = stub_entity_dialog(lambda d: d.wrong.setChecked(True))
    assert controller.correct_entity(article, start, start + 5, mention)

    qtbot.waitUntil(lambda: _mentions_listed(window) == ["caspian-gas-memorandum"], timeout=10000)
    assert _entity_facet(window)["SOCAR"] == 1
    qtbot.waitUntil(lambda: _found(window, "entity:SOCAR") == ["caspian-gas-memorandum"], timeout=10000)
    window.actions_by_id["undo"].trigger()
    qtbot.waitUntil(lambda: _mentions_listed(window) == both, timeout=10000)
    qtbot.waitUntil(lambda: sorted(_found(window, "entity:SOCAR")) == both, timeout=10000)


@pytest.mark.slow
def test_an_alias_given_in_a_terminal_re_analyses_in_the_window_in_the_background(
    qtbot: QtBot, make_window, corpus_dir: Path, private_data_dir: Path
) -> None:
    window = make_window(indexing=True)
    _wait_indexed(qtbot, window)
    window.list_mentions("Zanzibar Pipeline")
    assert _mentions_listed(window) == []
    labels: list[str] = []
    window.status.job_progress = lambda job, done, total, label: labels.append(label)  # type: ignore[method-assign]
    _cli(corpus_dir, private_data_dir, "review", "alias", "pipeline route", "Zanzibar Pipeline",
         "--type", "pipeline")  # fmt: skip
    qtbot.waitUntil(lambda: _mentions_listed(window) == ["caspian-gas-memorandum"], timeout=10000)
    assert LABEL in labels and "Finding entities and agreements" in labels  # in the background
    qtbot.waitUntil(
        lambda: _found(window, 'entity:"Zanzibar Pipeline"') == ["caspian-gas-memorandum"], timeout=15000
    )
    # A mention corrected in the terminal leaves the list the window shows too.
    _cli(corpus_dir, private_data_dir, "review", "entity", "caspian-gas-memorandum",
         "--quote", "pipeline route", "--wrong")  # fmt: skip
    qtbot.waitUntil(lambda: _mentions_listed(window) == [], timeout=4000)
    qtbot.waitUntil(lambda: _found(window, 'entity:"Zanzibar Pipeline"') == [], timeout=15000)
