"""A long article's analysis is linear in its length: one restated memorandum 4,000 times (with
some 16,000 mentions) used to cost a scan of every mention and of the rest of the text per sentence,
and a list scan per restatement (a 5 MB report did not finish in ten minutes)."""

from __future__ import annotations

import time

from energybrowser.agreements.extract import MAX_SUPPORTING, extract_agreements
from energybrowser.agreements.parties import in_sentence
from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, ArticleMeta
from energybrowser.entities.extract import extract_entities
from energybrowser.entities.sentences import split_sentences

SENTENCE = "SOCAR and KazMunayGas signed a memorandum on gas transit across the Caspian Sea in Baku. "


def restated(paragraphs: int) -> Article:
    body = "\n\n".join(SENTENCE * 24 for _ in range(paragraphs))
    return build_article(ArticleMeta(id="long", title="Long"), body)


def test_mentions_in_a_sentence_are_found_by_bisection_as_by_a_scan() -> None:
    article = restated(3)
    entities = extract_entities(article, describing=True)
    for s in split_sentences(article):
        assert in_sentence(entities, s) == [e for e in entities if s.start <= e.start < s.end]


def test_a_long_article_of_restatements_is_analysed_in_bounded_time() -> None:
    article = restated(150)  # 3,600 sentences, 300 KB
    started = time.process_time()
    (agreement,) = extract_agreements(article)
    spent = time.process_time() - started
    assert len(agreement.supporting) == MAX_SUPPORTING  # not 3,599
    assert {"SOCAR", "KazMunayGas"} <= set(agreement.parties)
    # CPU time, not wall time: a bound on quadratic work (it was ~30 s), not a speed goal.
    assert spent < 15, f"{spent:.1f} s of CPU"
