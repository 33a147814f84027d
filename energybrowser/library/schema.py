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

from energybrowser.agreements.ledger_cells import COLUMNS as LEDGER_COLUMNS
from energybrowser.curation import tables as curation_tables

# Bumped when a cache table changes shape, or when reading a file gives another article than before
# (2: one reading of Markdown for folders and import): the cache is dropped and rebuilt, user tables stay,
# unless `library/cache_upgrade.py` can bring the rows of that version to this one in place (3: bodies,
# entities and agreements stored packed, see `codec`; a version-2 cache is converted, not rebuilt).
CACHE_VERSION = 3

ANALYSIS_STATE = """CREATE TABLE {exists}analysis_state(
        key INTEGER PRIMARY KEY,
        corrections TEXT NOT NULL,       -- digest of the entity corrections applied ('' none)
        annotations TEXT NOT NULL,       -- digest of the entity names, types, parties indexed
        mark TEXT NOT NULL               -- the index's part of the article's revision
    )"""

# The reviewed ledger's rows as the window shows them (library/ledger_table.py): one per row of
# either mode, with a sort key per column; and the reports they merge, as reviewed.
KEY_COLUMNS = tuple(f"k{i}" for i in range(len(LEDGER_COLUMNS)))
LEDGER_ROWS = f"""CREATE TABLE {{exists}}ledger_rows(
        id INTEGER PRIMARY KEY,          -- what the window keeps of a row: its selection follows it
        grouped INTEGER NOT NULL,        -- 1: one row per agreement (reports merged); 0: one per report
        position INTEGER NOT NULL,       -- the ledger's own order: its first report's place
        key TEXT NOT NULL,               -- the agreement: its group's id, or its report's id
        review TEXT NOT NULL,            -- the row's review state (unreviewed, partly, confirmed, ...)
        fresh INTEGER NOT NULL,          -- 1: unreviewed or partly ("unreviewed first")
        articles TEXT NOT NULL,          -- the reporting articles' ids, one a line
        members TEXT NOT NULL,           -- JSON: its reports' agreement ids, in order
        cells TEXT NOT NULL,             -- JSON: each column's text as shown
        marks INTEGER NOT NULL,          -- bits: 1 reports disagree, 2 the article's date, 4 no parties
        tips TEXT NOT NULL,              -- JSON: the review and the date in words
        search TEXT NOT NULL,            -- the cells casefolded, one a line: what the filter looks in
        digest TEXT NOT NULL,            -- of all the above but id: a rewrite skips unchanged rows
        {
    ", ".join(
        f"{k} {'INTEGER' if LEDGER_COLUMNS[i] in ('Review', 'Reports') else 'TEXT'}"
        for i, k in enumerate(KEY_COLUMNS)
    )
}
    )"""
LEDGER_AGREEMENTS = """CREATE TABLE {exists}ledger_agreements(
        id TEXT PRIMARY KEY,             -- the agreement's id
        article TEXT NOT NULL,
        data TEXT NOT NULL               -- JSON: the agreement as reviewed (its group and review)
    )"""
# A group's conflicts, once (each of its reports would carry them: hundreds of reports of one
# agreement, each with the group's hundreds of conflicts, made 150 MB of text at 10,000 articles).
LEDGER_CONFLICTS = """CREATE TABLE {exists}ledger_conflicts(
        grp TEXT PRIMARY KEY,            -- the group's id
        data TEXT NOT NULL               -- JSON: its conflicts
    )"""
# The hash of each article file's bytes when it was last read (library/resaved.py): a file saved
# again with the same bytes is known by it without being parsed. No row: not hashed yet.
FILE_HASHES = """CREATE TABLE {exists}file_hashes(
        key INTEGER PRIMARY KEY,
        hash TEXT NOT NULL
    )"""
LEDGER_INDEXES = (
    "CREATE INDEX {exists}ledger_rows_order ON ledger_rows(grouped, position)",
    "CREATE INDEX {exists}ledger_rows_key ON ledger_rows(grouped, key)",
    *(f"CREATE INDEX {{exists}}ledger_rows_{k} ON ledger_rows(grouped, {k}, position)" for k in KEY_COLUMNS),
    "CREATE INDEX {exists}ledger_agreements_article ON ledger_agreements(article)",
)


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
    # The plain text stays text, read by SQL (mention contexts, the word scan); the rest of the
    # parsed article is packed against it (codec.dump_body): ≈ 0.3 KB where the JSON took ≈ 9 KB.
    "bodies": """CREATE TABLE bodies(
        key INTEGER PRIMARY KEY,
        text TEXT NOT NULL,              -- the plain text entity and evidence offsets index
        body BLOB NOT NULL               -- packed JSON: Markdown body, blocks, footnotes
    )""",
    # Entities and agreements of one article, valid for this content, id and analyser version.
    "analysis": """CREATE TABLE analysis(
        key INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        analyser TEXT NOT NULL,
        entities BLOB NOT NULL,          -- packed JSON rows of EntitySpan
        agreements BLOB NOT NULL         -- packed JSON objects of Agreement (without group and conflicts)
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
    "ledger_rows": LEDGER_ROWS.format(exists=""),
    "ledger_agreements": LEDGER_AGREEMENTS.format(exists=""),
    "ledger_conflicts": LEDGER_CONFLICTS.format(exists=""),
    "file_hashes": FILE_HASHES.format(exists=""),
}

CACHE_INDEXES = (
    "CREATE INDEX mentions_canonical ON mentions(canonical)",
    "CREATE INDEX mentions_key ON mentions(key)",
    "CREATE INDEX facets_key ON facets(key)",
    "CREATE INDEX analysis_article ON analysis(article_id, content_hash)",
    *(ddl.format(exists="") for ddl in LEDGER_INDEXES),
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
    # The ledger's rows read as shown, added without dropping the cache (written at the next start).
    (
        LEDGER_ROWS.format(exists="IF NOT EXISTS "),
        LEDGER_AGREEMENTS.format(exists="IF NOT EXISTS "),
        LEDGER_CONFLICTS.format(exists="IF NOT EXISTS "),
        *(ddl.format(exists="IF NOT EXISTS ") for ddl in LEDGER_INDEXES),
    ),
    # The files' hashes, added without dropping the cache (filled as files are read again).
    (FILE_HASHES.format(exists="IF NOT EXISTS "),),
]

SCHEMA_VERSION = len(STEPS)
