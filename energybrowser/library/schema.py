"""The catalogue's tables, their version, and the steps that bring an older catalogue up to date.

Two kinds of table:
- cache tables hold what can always be worked out again from the article files (the articles'
  parsed form, their analysis, facets, the grouped ledger). A damaged or outdated cache is dropped
  and rebuilt; nothing is lost.
- user tables hold what only the user knows (metadata overrides, reviews). They are never dropped:
  an upgrade changes them by an explicit step, a damaged catalogue gives them back from its backup.

`PRAGMA user_version` holds the schema version. To change the schema, append a step to `STEPS`
(its index + 1 is the version it brings the catalogue to) and, for a new user table, name it in
`USER_TABLES`; a change to a cache table may simply bump `CACHE_VERSION` instead.
"""

from __future__ import annotations

from energybrowser.curation import tables as curation_tables

# Bumped when a cache table changes shape, or when reading a file gives another article than before
# (2: one reading of Markdown for folders and import): the cache is dropped and rebuilt, user tables stay.
CACHE_VERSION = 2

ANALYSIS_STATE = """CREATE TABLE {exists}analysis_state(
        key INTEGER PRIMARY KEY,
        corrections TEXT NOT NULL,       -- digest of the entity corrections applied ('' none)
        annotations TEXT NOT NULL,       -- digest of the entity names, types, parties indexed
        mark TEXT NOT NULL               -- the index's part of the article's revision
    )"""

CACHE_TABLES: dict[str, str] = {
    # One row per article file; `key` joins the other tables, `path` is the file (the source of truth).
    "articles": """CREATE TABLE articles(
        key INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,            -- 'corpus' or 'imported'
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        content_hash TEXT NOT NULL,      -- of the file's text: what the index and the analysis key on
        text_hash TEXT NOT NULL,         -- of the body's plain text: duplicate imports are skipped
        meta TEXT NOT NULL,              -- JSON, the front matter fields
        paragraphs INTEGER NOT NULL,
        footnotes INTEGER NOT NULL,
        display_title TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''    -- what reading the file reported (bad UTF-8 replaced, ...)
    )""",
    "bodies": """CREATE TABLE bodies(
        key INTEGER PRIMARY KEY,
        text TEXT NOT NULL,              -- the plain text entity and evidence offsets index
        body TEXT NOT NULL               -- JSON: Markdown body, blocks, footnotes
    )""",
    # Entities and agreements of one article, valid for this content, id and analyser version.
    "analysis": """CREATE TABLE analysis(
        key INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        analyser TEXT NOT NULL,
        entities TEXT NOT NULL,          -- JSON rows of EntitySpan
        agreements TEXT NOT NULL         -- JSON objects of Agreement (without group and conflicts)
    )""",
    "mentions": """CREATE TABLE mentions(
        canonical TEXT NOT NULL,
        key INTEGER NOT NULL,
        type TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        paragraph INTEGER
    )""",
    # Keyword values of an article for the facets of the article list: entity, type.
    "facets": """CREATE TABLE facets(
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        key INTEGER NOT NULL,
        PRIMARY KEY(field, value, key)
    ) WITHOUT ROWID""",
    # Per analysed article: which entity corrections its `mentions` and `facets` rows reflect, and
    # what the search index must hold of it (library/corrected.py).
    "analysis_state": ANALYSIS_STATE.format(exists=""),
    # Values worked out from the whole library (facet counts, the grouped ledger), each stored
    # with the catalogue generation it was computed at.
    "derived": """CREATE TABLE derived(
        name TEXT PRIMARY KEY,
        generation INTEGER NOT NULL,
        value TEXT NOT NULL
    )""",
}

CACHE_INDEXES = (
    "CREATE INDEX mentions_canonical ON mentions(canonical)",
    "CREATE INDEX mentions_key ON mentions(key)",
    "CREATE INDEX facets_key ON facets(key)",
    "CREATE INDEX analysis_article ON analysis(article_id, content_hash)",
)

# Small facts about the catalogue itself: cache version, generation, last backup.
STATE_TABLE = "CREATE TABLE IF NOT EXISTS state(name TEXT PRIMARY KEY, value TEXT NOT NULL)"

# User data, backed up and never dropped. An article is named by its id (what the user sees and
# cites), never by a cache key.
USER_TABLES: tuple[str, ...] = ("metadata_overrides", *curation_tables.TABLES)

# Schema steps: STEPS[n] takes a catalogue from version n to n + 1. Version 0 is an empty file.
STEPS: list[tuple[str, ...]] = [
    (
        STATE_TABLE,
        """CREATE TABLE IF NOT EXISTS metadata_overrides(
            article_id TEXT PRIMARY KEY,
            fields TEXT NOT NULL,        -- JSON: the front matter fields the user changed
            edited TEXT NOT NULL         -- ISO timestamp
        )""",
    ),
    # The analyst's reviews, entity corrections and metadata overrides (energybrowser.curation);
    # `metadata_overrides` above was never written and stays empty.
    curation_tables.create_statements(),
    # A cache table added without dropping the cache (a catalogue of version 2 has none).
    (ANALYSIS_STATE.format(exists="IF NOT EXISTS "),),
]

SCHEMA_VERSION = len(STEPS)
