"""Values worked out from the whole library (the grouped ledger, the facet counts), stored in the
catalogue with the generation they were computed at, so a start with nothing changed reads them
instead of working them out again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from energybrowser.agreements.grouping import AgreementGroup
from energybrowser.agreements.model import Agreement, Conflict, ConflictValue, Evidence
from energybrowser.corpus.model import PartialDate
from energybrowser.library.catalogue import Catalogue
from energybrowser.library.codec import parse_date as _date


def _stamp(generation: int, ids: tuple[str, ...]) -> str:
    """What a stored value was worked out from: the catalogue's generation (every write of analysis
    bumps it), the articles shown and the grouping code. Not the analyser version: the ledger is
    worked out from the analysis rows as stored, so after an upgrade the next start still shows the
    stored ledger at once while the articles are analysed again in the background."""
    from energybrowser.library.analysis import ledger_version

    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()
    return f"{generation}:{digest}:{ledger_version()}"


def load_derived(catalogue: Catalogue, name: str, generation: int, ids: tuple[str, ...]) -> Any | None:
    try:
        rows = catalogue.query("SELECT generation, value FROM derived WHERE name = ?", (name,))
    except sqlite3.Error:
        return None
    if not rows or rows[0][0] != generation:
        return None
    try:
        data = json.loads(rows[0][1])
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("stamp") != _stamp(generation, ids):
        return None
    return data.get("value")


def store_derived(catalogue: Catalogue, name: str, generation: int, ids: tuple[str, ...], value: Any) -> None:
    """Stored without bumping the generation (it is derived from it); a failure only costs time."""
    text = json.dumps({"stamp": _stamp(generation, ids), "value": value}, ensure_ascii=False)
    with catalogue.lock, contextlib.suppress(sqlite3.Error):
        catalogue.conn.execute(
            "INSERT INTO derived(name, generation, value) VALUES(?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET generation = excluded.generation, value = excluded.value",
            (name, generation, text),
        )


# The grouped ledger is stored whole (every agreement with its group and conflicts, and the
# groups), in chunks of rows written as JSON arrays, not objects: a start with nothing changed reads
# it in one pass, without the analysis rows, and never holds more than one chunk's text at a time.
LEDGER_HEAD = "ledger/head"  # how many chunks, groups and agreements; the stamp
LEDGER_CHUNK = "ledger/chunk-"
CHUNK_ROWS = 2000


def _evidence_row(e: Evidence) -> list[object]:
    return [e.text, e.paragraph, e.start, e.end]


def _conflict_row(conflict: Conflict) -> list[object]:
    values = [
        ["date", v.value.iso(), list(v.article_ids)]
        if isinstance(v.value, PartialDate)
        else ["text", v.value, list(v.article_ids)]
        for v in conflict.values
    ]
    return [conflict.field, conflict.unit, values]


Share = Callable[[str, str], str]  # one copy of each repeated text (ids, names): `dict.setdefault`


def _conflict_from_row(row: list[Any], one: Share) -> Conflict:
    field, unit, values = row
    return Conflict(
        field,
        tuple(
            ConflictValue(_date(value or None) if kind == "date" else value, tuple([one(i, i) for i in ids]))
            for kind, value, ids in values
        ),
        unit,
    )


def _group_row(group: AgreementGroup) -> list[object]:
    return [
        group.id,
        list(group.members),
        list(group.articles),
        group.type,
        list(group.parties),
        [d.iso() for d in group.dates],
        list(group.quantities),
        [_conflict_row(c) for c in group.conflicts],
    ]


def _group_from_row(row: list[Any], one: Share) -> AgreementGroup:
    gid, members, articles, type_, parties, dates, quantities, conflicts = row
    return AgreementGroup(
        id=gid,
        members=tuple([one(m, m) for m in members]),
        articles=tuple([one(a, a) for a in articles]),
        type=one(type_, type_),
        parties=tuple([one(p, p) for p in parties]),
        dates=tuple(_date(d or None) for d in dates),
        quantities=tuple([one(q, q) for q in quantities]),
        conflicts=tuple(_conflict_from_row(c, one) for c in conflicts),
    )


def _agreement_row(a: Agreement, group: int) -> list[object]:
    return [
        a.id,
        a.article,
        a.type,
        a.status,
        list(a.parties),
        _evidence_row(a.evidence),
        list(a.signatories),
        a.date,
        a.when.iso(),
        a.place,
        a.subject,
        list(a.quantities),
        int(a.vague),
        group,
        [_evidence_row(e) for e in a.supporting],
        a.parties_source,
        a.reported.iso(),
        a.document,
    ]


class StoredLedger(NamedTuple):
    """A grouped ledger, with what a later regrouping needs to know of it: what each article's
    analysis was (a digest of its stored agreements) and what it was grouped with (`basis`)."""

    agreements: tuple[Agreement, ...]
    groups: tuple[AgreementGroup, ...]
    digests: dict[str, str]  # article id -> `analysis_digest` of the agreements grouped
    basis: str


def grouping_basis() -> str:
    """What grouping depends on besides the reports: its code, and the gazetteer (which parties are
    states) with the rules, as the analyser version names them. A ledger grouped on another basis
    is grouped again whole, not regrouped."""
    from energybrowser.library.analysis import analyser_version, ledger_version

    return f"{ledger_version()}|{analyser_version()}"


def analysis_digest(stored: str | bytes) -> str:
    """Of an article's agreements as the analysis row stores them (packed; JSON text in a row of an
    older cache)."""
    data = stored if isinstance(stored, bytes) else stored.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data).hexdigest()[:16]


def store_ledger(
    catalogue: Catalogue,
    generation: int,
    ids: tuple[str, ...],
    agreements: tuple[Agreement, ...],
    groups: tuple[AgreementGroup, ...],
    digests: dict[str, str] | None = None,
    basis: str = "",
) -> None:
    """Stored without bumping the generation (it is derived from it); a failure only costs time."""
    number = {g.id: i for i, g in enumerate(groups)}
    rows: list[tuple[str, list[Any]]] = []
    for start in range(0, len(groups), CHUNK_ROWS):
        rows.append(("g", [_group_row(g) for g in groups[start : start + CHUNK_ROWS]]))
    for start in range(0, len(agreements), CHUNK_ROWS):
        chunk = agreements[start : start + CHUNK_ROWS]
        rows.append(("a", [_agreement_row(a, number.get(a.group, -1)) for a in chunk]))
    stamp = _stamp(generation, ids)
    head = {
        "stamp": stamp,
        "groups": len(groups),
        "agreements": len(agreements),
        "chunks": len(rows),
        "basis": basis,
        "digests": digests or {},
    }
    values = [(LEDGER_HEAD, generation, json.dumps(head))]
    values += [
        (f"{LEDGER_CHUNK}{n:06d}", generation, json.dumps([stamp, kind, chunk], ensure_ascii=False))
        for n, (kind, chunk) in enumerate(rows)
    ]
    with catalogue.lock:
        conn = catalogue.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM derived WHERE name = 'ledger' OR substr(name, 1, 7) = 'ledger/'")
            conn.executemany("INSERT INTO derived(name, generation, value) VALUES(?, ?, ?)", values)
            conn.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")


def load_ledger(
    catalogue: Catalogue, generation: int, ids: tuple[str, ...]
) -> tuple[tuple[Agreement, ...], tuple[AgreementGroup, ...]] | None:
    """The agreements (with their groups and conflicts) and groups stored for this generation and
    these articles; None when there are none or they do not decode."""
    found = read_ledger(catalogue, _stamp(generation, ids))
    return (found.agreements, found.groups) if found is not None else None


def read_ledger(
    catalogue: Catalogue, stamp: str | None = None, basis: str | None = None
) -> StoredLedger | None:
    """The stored ledger if it is of this `stamp` (any, when None) and grouped on this `basis` (any,
    when None); None when there is none or it does not decode."""
    groups: list[AgreementGroup] = []
    agreements: list[Agreement] = []
    chunks = 0
    # Ids and names recur across rows (an article's id in each of its reports, its groups and their
    # conflicts); JSON gives each occurrence its own string: one copy each took a third off the
    # ledger's memory at 10,000 articles (traced).
    shared: dict[str, str] = {}
    one: Share = shared.setdefault
    try:
        with catalogue.reading() as conn:
            found = conn.execute(
                "SELECT generation, value FROM derived WHERE name = ?", (LEDGER_HEAD,)
            ).fetchone()
            if found is None:
                return None
            generation = found[0]
            head = json.loads(found[1])
            if stamp is not None and head["stamp"] != stamp:
                return None
            if basis is not None and head.get("basis") != basis:
                return None
            stamp = str(head["stamp"])
            cursor = conn.execute(
                "SELECT generation, value FROM derived WHERE substr(name, 1, ?) = ? ORDER BY name",
                (len(LEDGER_CHUNK), LEDGER_CHUNK),
            )
            for chunk_generation, text in cursor:  # one chunk's text at a time
                chunk_stamp, kind, rows = json.loads(text)
                if chunk_generation != generation or chunk_stamp != stamp:
                    return None
                chunks += 1
                if kind == "g":
                    groups.extend(_group_from_row(r, one) for r in rows)
                else:
                    agreements.extend(_agreements_from_rows(rows, groups, one))
        if (chunks, len(groups), len(agreements)) != (head["chunks"], head["groups"], head["agreements"]):
            return None
    except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError):
        return None
    digests = head.get("digests")
    return StoredLedger(
        tuple(agreements),
        tuple(groups),
        digests if isinstance(digests, dict) else {},
        str(head.get("basis", "")),
    )


def _agreements_from_rows(
    rows: list[list[Any]], groups: list[AgreementGroup], one: Share
) -> Iterator[Agreement]:
    for row in rows:
        (aid, article, type_, status, parties, evidence, signatories, date, when, place, subject,
         quantities, vague, group, supporting, parties_source, reported, document) = row  # fmt: skip
        found = groups[group] if group >= 0 else None
        yield Agreement(
            id=one(aid, aid),
            article=one(article, article),
            type=one(type_, type_),
            status=one(status, status),
            parties=tuple([one(p, p) for p in parties]),
            evidence=Evidence(*evidence),
            signatories=tuple(signatories),
            date=date,
            when=_date(when or None),
            place=place,
            subject=subject,
            quantities=tuple([one(q, q) for q in quantities]),
            vague=bool(vague),
            group=found.id if found else "",
            conflicts=found.conflicts if found else (),
            supporting=tuple(Evidence(*e) for e in supporting),
            parties_source=one(parties_source, parties_source),
            reported=_date(reported or None),
            document=one(document, document),
        )
