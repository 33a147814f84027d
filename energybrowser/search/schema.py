"""The index schema. Bump `SCHEMA_VERSION` whenever fields, analysis or stored values change: an
index with another version is rebuilt from the corpus automatically."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from energybrowser.search.analysis import LeanAnalyzer, LeanCharacters, LeanPositions

SCHEMA_VERSION = 5  # 5: no word-pair fields; a term dictionary per segment

# Fields searched when a query names none; the title counts more than the body.
DEFAULT_FIELDS = ("title", "body")
FIELD_BOOSTS = {"title": 2.0, "body": 1.0}
# Keyword fields hold exact display values (one token per value); facets read them.
KEYWORD_FIELDS = ("entity", "type", "party", "publisher")
FACET_FIELDS = ("entity", "type", "publisher", "year")
TEXT_FIELDS = ("title", "body", "author")


def text_field(boost: float = 1.0, chars: bool = False, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=LeanAnalyzer(), phrase=True, field_boost=boost, stored=stored)
    # Character offsets (body) let snippets and reader highlights come from the index, without
    # re-analysing the article.
    field.format = (LeanCharacters if chars else LeanPositions)(field_boost=boost)
    return field


def _keyword() -> KEYWORD:
    return KEYWORD(commas=True, lowercase=False, scorable=False)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=text_field(FIELD_BOOSTS["title"], stored=True),
        body=text_field(chars=True),
        author=text_field(),
        publisher=_keyword(),
        year=ID(),
        date=ID(),
        language=ID(),
        entity=_keyword(),
        type=_keyword(),
        party=_keyword(),
    )
