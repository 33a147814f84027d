"""An article as a CSL-JSON item: the record Zotero, Pandoc and citeproc read.

Only what the article states goes in. Persons become family/given names, an organisation stays one
`literal` name, a date keeps its own precision, and a date without a year (which no style can print as
an issued date) is left out of `issued` and kept verbatim in `note`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from energybrowser.corpus.model import Article, Author, PartialDate
from energybrowser.entities.gazetteer import fold, load_gazetteer
from energybrowser.resources import resource_table
from energybrowser.safe_text import clean_lines

_WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class CitationTables:
    """The data in resources/citations.yaml."""

    default_type: str
    kinds: dict[str, str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    untitled: str
    key_skip_words: frozenset[str]
    organisation_words: frozenset[str]


@cache
def citation_tables() -> CitationTables:
    data = resource_table("citations.yaml")
    return CitationTables(
        default_type=str(data.get("default_type", "webpage")),
        kinds={str(k).casefold(): str(v) for k, v in (data.get("kinds") or {}).items()},
        particles=frozenset(str(w).casefold() for w in data.get("name_particles") or ()),
        suffixes=frozenset(str(w).casefold() for w in data.get("name_suffixes") or ()),
        untitled=str(data.get("untitled_description") or "Untitled"),
        key_skip_words=frozenset(str(w).casefold() for w in data.get("key_skip_words") or ()),
        organisation_words=frozenset(str(w).casefold() for w in data.get("organisation_words") or ()),
    )


def untitled_description() -> str:
    """The bracketed description that stands for a missing title in formatted citations."""
    return f"[{citation_tables().untitled}]"


def csl_type(article: Article) -> str:
    tables = citation_tables()
    return tables.kinds.get(article.meta.kind.strip().casefold(), tables.default_type)


def is_organisation(author: Author, publisher: str = "") -> bool:
    """Flagged as one, or recognisably one: the publisher's own name, an organisation the gazetteer
    knows, or a name with an organisation word ("Trend News Agency")."""
    if author.organization:
        return True
    name = fold(author.name)
    if publisher and name == fold(publisher):
        return True
    entry = load_gazetteer().lookup(author.name)
    if entry is not None and entry.type != "person":
        return True
    words = set(re.findall(r"[^\W_]+", author.name.casefold()))
    return bool(words & citation_tables().organisation_words)


def csl_name(author: Author, publisher: str = "") -> dict[str, str]:
    """A person as family/given; an organisation (or a single word) as one literal, never split."""
    name = " ".join(author.name.split())
    tables = citation_tables()
    if is_organisation(author, publisher):
        return {"literal": name}
    if "," in name:  # "Family, Given" as bylines sometimes give it
        family, _, given = name.partition(",")
        if family.strip() and given.strip() and given.strip().casefold() not in tables.suffixes:
            return {"family": family.strip(), "given": given.strip()}
    words = name.split(" ")
    suffix = ""
    if len(words) > 2 and words[-1].casefold().rstrip(",") in tables.suffixes:
        suffix = words.pop()
        words[-1] = words[-1].rstrip(",")
    if len(words) < 2:
        return {"literal": name}
    # The family name starts at the first lower-case particle, else it is the last word.
    cut = next(
        (i for i, w in enumerate(words[1:-1], 1) if w.casefold() in tables.particles and w.islower()), None
    )
    if cut is not None:
        record = {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}
    else:
        record = {"family": words[-1], "given": " ".join(words[:-1])}
    if suffix:
        record["suffix"] = suffix
    return record


def csl_date(date: PartialDate) -> dict[str, Any] | None:
    """`date-parts` at the date's precision; None when there is no year to print."""
    if date.year is None:
        return None
    parts = [date.year]
    if date.month:
        parts.append(date.month)
        if date.day:
            parts.append(date.day)
    return {"date-parts": [parts]}


def _year_less_note(article: Article) -> str:
    stated = article.meta.date_text.strip() or article.meta.date.display()
    return f"Date as stated, without a year: {stated}"


def item_id(article: Article) -> str:
    # citeproc-py folds citation keys to lower case; ids are slugs already, this keeps that true.
    return article.id.lower()


def to_csl_json(article: Article, note: str = "") -> dict[str, Any]:
    """The CSL-JSON item for one article (a plain dict, ready for `json.dumps`); `note` is added to the
    item's note (Zotero's "Extra"), e.g. the agreement a citation is about."""
    meta = article.meta
    kind = csl_type(article)
    record: dict[str, Any] = {"id": item_id(article), "type": kind}
    if meta.title.strip():
        record["title"] = " ".join(meta.title.split())
    authors = [csl_name(a, meta.publisher) for a in meta.authors if a.name.strip()]
    if authors:
        record["author"] = authors
    publisher = " ".join(meta.publisher.split())
    if publisher:
        # A report's issuer is its publisher; anything else appears in a paper, magazine or site.
        record["publisher" if kind == "report" else "container-title"] = publisher
    issued = csl_date(meta.date)
    if issued:
        record["issued"] = issued
    elif not meta.date.is_empty:
        record["note"] = _year_less_note(article)
    url = meta.url.strip() or (meta.source.strip() if _WEB_ADDRESS.match(meta.source.strip()) else "")
    if url:
        # With no `url`, a `source` that is a web address is where the article was read: it is its URL.
        record["URL"] = url
    accessed = csl_date(meta.accessed)
    if accessed:
        record["accessed"] = accessed
    if meta.language.strip():
        record["language"] = meta.language.strip()
    if note.strip():
        record["note"] = "\n".join(n for n in (record.get("note", ""), note.strip()) if n)
    cleaned: dict[str, Any] = _cleaned(record)
    return cleaned


def _cleaned(value: Any) -> Any:
    """Every text of the record without control or bidi-override characters: a title holding a
    terminal escape must not reach a `.bib`, `.ris`, CSL-JSON file or a formatted citation."""
    if isinstance(value, str):
        return clean_lines(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value
