"""The benchmark's generated library: each article dated no earlier than what it states, and a
library made by an older generator made again."""

from __future__ import annotations

import re
from pathlib import Path

from energybrowser.bench.library_gen import STAMP, generate
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.corpus.model import MONTHS
from tests.conftest import REPO

YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def test_an_article_is_dated_after_the_latest_year_and_month_it_states(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "lib", 60, [REPO / "corpus"])
    checked = 0
    for path in sorted(corpus.glob("*.md")):
        article = parse_article(path.read_text(encoding="utf-8"))
        date, stated = article.meta.date, [int(y) for y in YEAR.findall(article.body)]
        if date.is_empty or not stated:
            continue
        checked += 1
        latest = max(stated)
        assert date.year >= latest, path.name
        named = [MONTHS.index(m) + 1 for m in MONTH.findall(article.body)]
        if date.year == latest and date.month and named:
            assert date.month > max(named), path.name
    assert checked >= 30  # most articles state a year and carry a date


def test_the_same_library_is_kept_and_an_older_generators_is_made_again(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "lib", 5, [REPO / "corpus"])
    first = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.md")}
    marker = corpus / next(iter(first))
    marker.write_text(marker.read_text(encoding="utf-8") + "\nkept\n", encoding="utf-8")
    generate(corpus, 5, [REPO / "corpus"])
    assert marker.read_text(encoding="utf-8").endswith("kept\n")  # same version: not written again
    (corpus / STAMP).write_text("1 20261207 5", encoding="utf-8")  # made by the first generator
    generate(corpus, 5, [REPO / "corpus"])
    assert {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.md")} == first
