"""Floors on the third labelled set (`tests/data/varied-articles/`: official readouts, stock-exchange
disclosures, translated copy, interviews, digests, long-form analysis, corrections, written apart
from the rules), scored as `python -m tests.core.dev_scores tests/data/varied-articles -v` prints
them. It guards generalisation: rules tuned on the other sets must hold here too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.dev_scores import dev_scores, gold_strings_missing

VARIED = Path(__file__).resolve().parents[1] / "data" / "varied-articles"


@pytest.fixture(scope="module")
def scores():
    return dev_scores(VARIED)


def test_gold_strings_are_in_their_articles():
    assert gold_strings_missing(VARIED) == []


def test_agreement_floors(scores):
    assert scores.recall >= 0.93 and scores.precision >= 0.96, scores.report()
    assert scores.trap_hits == 0, scores.report()


def test_party_and_field_floors(scores):
    assert scores.subset.rate >= 0.83 and scores.exact.rate >= 0.81, scores.report()
    assert scores.status.rate >= 0.95 and scores.type.rate >= 0.95, scores.report()
    assert scores.date.rate >= 0.9 and scores.place.rate >= 0.93, scores.report()
    assert scores.signatories.rate >= 0.9, scores.report()


def test_metadata_floors(scores):
    assert scores.title.rate >= 0.95 and scores.authors.rate >= 0.95, scores.report()
    assert scores.meta_date.rate >= 0.9, scores.report()
    assert scores.publisher.rate >= 0.85, scores.report()
