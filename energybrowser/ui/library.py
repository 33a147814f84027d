"""What the window shows, gathered from the core: the articles, then their entities and agreements.

Plain Python, no widgets: these functions run in background tasks and return frozen values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from energybrowser.agreements.model import Agreement
from energybrowser.corpus.loader import (
    Corpus,
    LoadProblem,
    article_files,
    load_article,
    load_corpus,
    resolve_corpus_dir,
)
from energybrowser.corpus.markdown_io import ArticleFormatError
from energybrowser.corpus.model import Article
from energybrowser.entities.model import EntitySpan
from energybrowser.paths import DataPaths

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Library:
    """The bundled (or chosen) corpus plus the articles the user imported."""

    corpus_dir: Path
    imported_dir: Path
    articles: tuple[Article, ...]
    imported_files: dict[str, Path] = field(default_factory=dict)  # imported article id -> its file
    problems: tuple[LoadProblem, ...] = ()
    _by_id: dict[str, Article] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((a.id, a) for a in self.articles)

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def is_imported(self, article_id: str) -> bool:
        return article_id in self.imported_files

    def as_corpus(self) -> Corpus:
        return Corpus(self.corpus_dir, self.articles, self.problems)

    def __len__(self) -> int:
        return len(self.articles)


def load_library(corpus: str | None, paths: DataPaths) -> Library:
    """Read the corpus folder and the user's imported articles; bad files are reported, never fatal.

    An imported article whose text the corpus already holds is skipped; one whose id is taken is
    shown under a fresh id (its file keeps its name, so the metadata editor still finds it).
    """
    corpus_dir = resolve_corpus_dir(corpus)
    imported_dir = paths.imported_articles
    problems: list[LoadProblem] = []
    if corpus_dir.is_dir():
        main = load_corpus(corpus_dir)
        articles, problems = list(main.articles), list(main.problems)
    else:
        articles = []
        problems.append(LoadProblem(corpus_dir, "corpus folder not found"))
    files: dict[str, Path] = {}
    if imported_dir.is_dir() and imported_dir.resolve() != corpus_dir.resolve():
        taken = {a.id for a in articles}
        texts = {a.text for a in articles}
        for path in article_files(imported_dir):
            try:
                article, note = load_article(path)
            except (ArticleFormatError, OSError, ValueError) as exc:
                problems.append(LoadProblem(path, str(exc)))
                continue
            if note:
                problems.append(LoadProblem(path, note))
            if article.text in texts:
                problems.append(LoadProblem(path, "same text as an article already loaded; skipped"))
                continue
            if article.id in taken:
                article = replace(article, meta=replace(article.meta, id=_fresh_id(article.id, taken)))
            taken.add(article.id)
            texts.add(article.text)
            articles.append(article)
            files[article.id] = path
    return Library(corpus_dir, imported_dir, tuple(articles), files, tuple(problems))


def _fresh_id(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@dataclass(frozen=True)
class Mention:
    """One mention of an entity, located for the mentions list."""

    article_id: str
    article_title: str
    paragraph: int | None
    start: int
    end: int
    context: str  # the mention with some words either side
    untitled: bool = False  # article_title is the article's opening words, not a stated title


@dataclass(frozen=True)
class Analysis:
    """Entities and agreements of every article, and each entity's mentions across the library."""

    entities: dict[str, tuple[EntitySpan, ...]]
    agreements: tuple[Agreement, ...]
    mentions: dict[str, tuple[Mention, ...]]  # canonical name -> mentions

    def mentions_of(self, canonical: str) -> tuple[Mention, ...]:
        return self.mentions.get(canonical, ())

    def type_of(self, canonical: str) -> str:
        """The entity type of a canonical name ('' when unknown)."""
        for spans in self.entities.values():
            for span in spans:
                if span.canonical == canonical:
                    return span.type
        return ""


def analyse(library: Library, progress: Progress | None = None) -> Analysis:
    """Entities and grouped agreements of every article (the slow part: run it in the background)."""
    from energybrowser.agreements.corpus import extract_corpus
    from energybrowser.search.scan import context_around

    total = len(library.articles)
    if progress:
        progress(0, total, "Finding entities and agreements")
    extraction = extract_corpus(library.articles)
    # A group's conflicts belong to each of its reports, so a report shown alone still warns.
    group_conflicts = {g.id: g.conflicts for g in extraction.groups if g.conflicts}
    agreements = tuple(
        replace(a, conflicts=group_conflicts[a.group])
        if not a.conflicts and a.group in group_conflicts
        else a
        for a in extraction.agreements
    )
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for article in library.articles:
        for span in extraction.entities.get(article.id, ()):
            mentions[span.canonical].append(
                Mention(
                    article.id,
                    article.display_title,
                    span.paragraph,
                    span.start,
                    span.end,
                    context_around(article.text, span.start, span.end),
                    untitled=not article.title,
                )
            )
    if progress:
        progress(total, total, "Finding entities and agreements")
    entities = {a.id: tuple(extraction.entities.get(a.id, ())) for a in library.articles}
    return Analysis(entities, agreements, {k: tuple(v) for k, v in mentions.items()})


def _facet_counts(values_per_article: list[set[str]]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for values in values_per_article:
        for value in values:
            if value:
                counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:FACET_LIMIT]


FACET_LIMIT = 30


def article_facets(article: Article, analysis: Analysis | None) -> dict[str, set[str]]:
    """The facet values of one article, as the search index files them."""
    values = {
        "publisher": {article.meta.publisher},
        "year": {f"{article.meta.date.year:04d}"} if article.meta.date.year else set(),
        "entity": set(),
        "type": set(),
    }
    if analysis is not None:
        values["entity"] = {e.canonical for e in analysis.entities.get(article.id, ())}
        values["type"] = {a.type for a in analysis.agreements if a.article == article.id}
    return values


def browse(
    library: Library, analysis: Analysis | None, filters: dict[str, str]
) -> tuple[list[Article], dict[str, list[tuple[str, int]]]]:
    """No query: every article newest first, narrowed by the chosen facets, and the facet counts."""
    articles = sorted(library.articles, key=lambda a: (a.meta.date.iso(), a.title), reverse=True)
    per_article = [(a, article_facets(a, analysis)) for a in articles]
    kept = [(a, v) for a, v in per_article if all(value in v.get(k, set()) for k, value in filters.items())]
    facets = {
        name: _facet_counts([v[name] for _a, v in kept]) for name in ("entity", "type", "publisher", "year")
    }
    return [a for a, _v in kept], facets
