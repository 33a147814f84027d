"""One call for search and the UI: entities per article and agreements with their cross-article
groups, for a whole corpus, cached by the articles' content."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.grouping import AgreementGroup, group_agreements
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import Article
from energybrowser.entities.extract import extract_entities
from energybrowser.entities.gazetteer import load_gazetteer
from energybrowser.entities.model import EntitySpan


@dataclass(frozen=True)
class CorpusExtraction:
    entities: Mapping[str, tuple[EntitySpan, ...]]  # article id -> mentions
    agreements: tuple[Agreement, ...]  # every agreement, `group` set
    groups: tuple[AgreementGroup, ...]

    def agreements_of(self, article_id: str) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.article == article_id)

    def group(self, group_id: str) -> AgreementGroup:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def members(self, group_id: str) -> tuple[Agreement, ...]:
        return tuple(a for a in self.agreements if a.group == group_id)


_CACHE_SIZE = 4
_cache: OrderedDict[tuple[tuple[str, str, str, int], ...], CorpusExtraction] = OrderedDict()


def extract_corpus(corpus: Iterable[Article]) -> CorpusExtraction:
    """Entities and grouped agreements of every article (recomputed only when content changes)."""
    articles = tuple(corpus)
    gaz = id(load_gazetteer())  # the user's aliases change what is found
    key = tuple((a.id, a.content_hash, a.meta.date.iso(), gaz) for a in articles)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    result = _extract(articles)
    _cache[key] = result
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def _extract(articles: tuple[Article, ...]) -> CorpusExtraction:
    entities = {a.id: extract_entities(a) for a in articles}
    found = [agreement for a in articles for agreement in extract_agreements(a)]
    grouped, groups = group_agreements(found)
    return CorpusExtraction(entities, grouped, groups)
