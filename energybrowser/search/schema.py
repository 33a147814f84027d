"""The index schema. Bump `SCHEMA_VERSION` whenever fields, analysis or stored values change: an
index with another version is rebuilt from the corpus automatically."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from energybrowser.search.analysis import LeanAnalyzer, LeanCharacters, LeanPairs, LeanPositions

SCHEMA_VERSION = 4

# Fields searched when a query names none; the title counts more than the body.
DEFAULT_FIELDS = ("title", "body")
FIELD_BOOSTS = {"title": 2.0, "body": 1.0}
# Keyword fields hold exact display values (one token per value); facets read them.
KEYWORD_FIELDS = ("entity", "type", "party", "publisher")
FACET_FIELDS = ("entity", "type", "publisher", "year")
TEXT_FIELDS = ("title", "body", "author")
# Hidden word-pair fields: each pair of consecutive indexed words of a text field, so a phrase
# search reads the documents where its words are adjacent instead of comparing every candidate's
# positions. Never searched by name, faceted, suggested or shown.
PAIR_FIELDS = {"title": "title_pairs", "body": "body_pairs"}
HIDDEN_FIELDS = tuple(PAIR_FIELDS.values())


def text_field(boost: float = 1.0, chars: bool = False, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=LeanAnalyzer(), phrase=True, field_boost=boost, stored=stored)
    # Character offsets (body) let snippets and reader highlights come from the index, without
    # re-analysing the article.
    field.format = (LeanCharacters if chars else LeanPositions)(field_boost=boost)
    return field


def pair_field() -> TEXT:
    field = TEXT(analyzer=LeanAnalyzer(), phrase=True)
    field.format = LeanPairs()
    field.scorable = False  # never scored (the phrase's score comes from its words): no lengths
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
        **{name: pair_field() for name in HIDDEN_FIELDS},
    )
