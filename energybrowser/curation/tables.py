"""The curation tables' names and statements, apart from the store so that the library's catalogue
can create and back them up without importing the curation code (a command that only lists
articles must not pay for it)."""

from __future__ import annotations

SCHEMA_VERSION = 1

# One row: the version of the curation tables (a primary key, so a restore cannot duplicate it).
SCHEMA_TABLE = (
    "CREATE TABLE IF NOT EXISTS curation_schema "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
)
# Every table that holds curation: user data a host database must back up and never drop.
TABLES = ("curation_schema", "curation_agreement_reviews", "curation_entity_corrections", "curation_metadata")
# The metadata overrides: a library with none lists its articles without loading the curation code.
METADATA_TABLE = "curation_metadata"

# Each step brings the tables from the version before it to its own.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS curation_agreement_reviews (
        id TEXT PRIMARY KEY, article TEXT NOT NULL, updated TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS curation_agreement_reviews_article ON curation_agreement_reviews(article);
    CREATE TABLE IF NOT EXISTS curation_entity_corrections (
        id TEXT PRIMARY KEY, article TEXT NOT NULL, updated TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS curation_metadata (
        article TEXT PRIMARY KEY, updated TEXT NOT NULL, data TEXT NOT NULL);
    """,
)


def create_statements() -> tuple[str, ...]:
    """The statements that create the curation tables at the current version in a host database
    (the library's catalogue runs them as one step of its own schema)."""
    steps = [st.strip() for step in _MIGRATIONS for st in step.split(";") if st.strip()]
    version = f"INSERT OR IGNORE INTO curation_schema (id, version) VALUES (1, {SCHEMA_VERSION})"
    return (SCHEMA_TABLE, *steps, version)
