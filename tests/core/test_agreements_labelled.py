"""Precision and recall on the hand-labelled articles (tests/fixtures/labelled/): a floor, so a
change that loses much of either fails. `python -m tests.core.labelled_scores` prints the details."""

from __future__ import annotations

from tests.core.labelled_scores import cases, totals


def test_labelled_set_is_present():
    assert len(cases()) >= 10


def test_precision_and_recall_floors():
    entities, agreements, fields = totals()
    assert entities.precision >= 0.9 and entities.recall >= 0.9, entities
    assert agreements.precision >= 0.8 and agreements.recall >= 0.8, agreements
    assert fields.precision >= 0.8, fields
