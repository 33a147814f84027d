"""The reviewed ledger as catalogue rows, read as they are shown.

One SQL row per ledger row, in both of the table's modes (one row per agreement, one per report):
its cells as shown, a sort key per column (NULL when the row has no value: listed last either way),
its review state, the casefolded text the word filter looks in, and its reports' agreement ids.
The reports themselves, as reviewed, are rows of `ledger_agreements` (their groups' conflicts in
`ledger_conflicts`, once a group), read only for the rows a
user opens. So the window counts, sorts and filters the ledger in SQL and fetches the rows it
shows, never building every `Agreement` of a big library (Zotero's item tree and Anki's browser
read their rows the same way).

The rows are written when the ledger is grouped or reviewed; `stamp` says what they were worked
out from, so a start with nothing changed shows them as they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from energybrowser.agreements.ledger import AgreementRow, group_rows
from energybrowser.agreements.ledger_cells import (
    COLUMNS,
    EVERY_STATE,
    FRESH,
    SortKey,
    cell_text,
    date_tooltip,
    disagree,
    placeholder,
    review_tooltip,
    sort_key,
)
from energybrowser.agreements.model import Agreement, Conflict, ReviewMark
from energybrowser.curation.apply import NeedsLook, ReviewedLedger
from energybrowser.library import codec
from energybrowser.library.analysis import code_digest
from energybrowser.library.catalogue import Catalogue
from energybrowser.library.schema import KEY_COLUMNS

# Bumped when the shape of what a row stores changes (the tips, the cells' JSON): stored rows of
# another shape are not shown, but worked out again before the ledger shows.
ROWS_VERSION = "2"
STAMP_NAME = "ledger-rows"  # in `derived`: the stamp and the reviews that need a look

MARK_CONFLICT, MARK_REPORTED, MARK_NO_PARTIES = 1, 2, 4
TitleOf = Callable[[str], str]
Extracted = Mapping[str, tuple[Agreement, str]]  # see `RowInputs`


@dataclass(frozen=True)
class LedgerQuery:
    """What the table shows: the mode, the sort column (-1: the ledger's own order) and order, the
    words every shown row holds (any case), the review states shown, unreviewed rows first."""

    grouped: bool = True
    column: int = -1
    ascending: bool = True
    text: str = ""
    states: frozenset[str] = EVERY_STATE
    unreviewed_first: bool = False


@dataclass(frozen=True)
class LedgerCells:
    """One row as the table shows it, without its reports."""

    id: int
    key: str
    review: str
    articles: tuple[str, ...]
    cells: tuple[str, ...]
    marks: int
    tips: tuple[str, ...]  # the review and the date in words
    reports: int

    @property
    def conflicts(self) -> bool:
        return bool(self.marks & MARK_CONFLICT)

    def placeholder(self, column: int) -> bool:
        """The cell shows a stand-in (the article's date, "not named") rather than a stated value."""
        name = COLUMNS[column]
        return (name == "Date" and bool(self.marks & MARK_REPORTED)) or (
            name == "Parties" and bool(self.marks & MARK_NO_PARTIES)
        )


# --- writing -------------------------------------------------------------------------------------
def _agreement_json(a: Agreement) -> str:
    """What `codec.agreement_from_json` reads, with the group and the review (not `to_json`: it
    writes out the group's conflicts, which are stored once a group)."""
    r = a.review
    data = {
        "id": a.id,
        "article": a.article,
        "type": a.type,
        "status": a.status,
        "parties": a.parties,
        "signatories": a.signatories,
        "date": a.date,
        "date_iso": a.when.iso(),
        "place": a.place,
        "subject": a.subject,
        "quantities": a.quantities,
        "vague": a.vague,
        "evidence": [a.evidence.text, a.evidence.paragraph, a.evidence.start, a.evidence.end],
        "supporting": [[e.text, e.paragraph, e.start, e.end] for e in a.supporting],
        "parties_source": a.parties_source,
        "reported": a.reported.iso(),
        "document": a.document,
        "group": a.group,
        "review": [r.state, r.review_id, r.edited, r.confirmed_at, r.note, r.updated],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _conflicts_json(a: Agreement) -> str:
    return json.dumps([codec.conflict_to_json(c) for c in a.conflicts], ensure_ascii=False)


def _conflicts(text: str) -> tuple[Conflict, ...]:
    return tuple(codec.conflict_from_json(c) for c in json.loads(text))


def _agreement(data: dict[str, Any], conflicts: dict[str, tuple[Conflict, ...]]) -> Agreement:
    state, review_id, edited, confirmed_at, note, updated = data["review"]
    return replace(
        codec.agreement_from_json(data),
        group=data["group"],
        conflicts=conflicts.get(data["group"], ()) if data["group"] else (),
        review=ReviewMark(state, review_id, tuple((f, at) for f, at in edited), confirmed_at, note, updated),
    )


def _group_conflicts(agreements: Iterable[Agreement]) -> list[tuple[str, str]]:
    """Each group's conflicts once (its reports share them)."""
    found: dict[str, str] = {}
    for a in agreements:
        if a.group and a.conflicts and a.group not in found:
            found[a.group] = _conflicts_json(a)
    return list(found.items())


class RowInputs:
    """What rows are digested from, each worked out once while many rows are: a report's JSON, a
    group's conflicts (its reports share one tuple: hundreds of reports may carry hundreds).

    `extracted`: the reports of the grouped ledger the reviewed one was made from, by id, each with
    a name of what it is: its article's analysis digest (`ledger_cache.analysis_digest`) and one of
    its group's members and their digests, with the grouping basis (a group's conflicts are worked
    out from its members alone). A report that is one of them (the very object: no review touched
    it) is digested by its id, that name and its group instead of its JSON and its conflicts',
    which cost far more to make."""

    def __init__(self, extracted: Extracted | None = None) -> None:
        self.extracted = extracted or {}
        self.texts: dict[str, str] = {}
        self._conflicts: dict[int, tuple[tuple[Conflict, ...], str, str]] = {}  # id -> (kept, JSON, digest)

    def text(self, a: Agreement) -> str:
        found = self.texts.get(a.id)
        if found is None:
            found = self.texts[a.id] = _agreement_json(a)
        return found

    def report(self, a: Agreement) -> tuple[str, bool]:
        """What a report's row is worked out from, and whether that names its group's conflicts
        too (else their own digest is added)."""
        found = self.extracted.get(a.id)
        if found is not None and found[0] is a:
            return f"{a.id}\x1f{found[1]}\x1f{a.group}", True
        return self.text(a), False

    def conflicts(self, conflicts: tuple[Conflict, ...]) -> tuple[str, str]:
        """Their JSON and its digest."""
        found = self._conflicts.get(id(conflicts))
        if found is None:
            text = json.dumps([codec.conflict_to_json(c) for c in conflicts], ensure_ascii=False)
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
            found = self._conflicts[id(conflicts)] = (conflicts, text, digest)  # kept: its id stays its own
        return found[1], found[2]


def row_digest(row: AgreementRow, grouped: bool, title_of: TitleOf, inputs: RowInputs | None = None) -> str:
    """Of everything a row's values are worked out from (its reports as reviewed, their group's
    conflicts, their articles' titles, the mode and the code that writes rows), but not its place:
    a row whose digest is stored is as stored, wherever it now stands."""
    inputs = inputs or RowInputs()
    digest = hashlib.sha1(f"{ROWS_VERSION}|{_code_version()}|{int(grouped)}".encode())
    for a in row.reports:
        text, named = inputs.report(a)
        digest.update(b"\x00")
        digest.update(text.encode("utf-8", "surrogatepass"))
        if a.conflicts and not named:
            digest.update(b"\x01")
            digest.update(inputs.conflicts(a.conflicts)[1].encode())
    for article in row.articles:
        digest.update(b"\x02")
        digest.update(title_of(article).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _row_values(
    row: AgreementRow, grouped: bool, position: int, title_of: TitleOf, digest: str
) -> tuple[Any, ...]:
    """The row's columns (without `id`), as `INSERT_ROW` takes them."""
    cells = [cell_text(row, c, title_of) for c in range(len(COLUMNS))]
    keys: list[SortKey] = [sort_key(row, c, cells[c]) for c in range(len(COLUMNS))]
    marks = (
        (MARK_CONFLICT if disagree(row) else 0)
        | (MARK_REPORTED if placeholder(row, "Date") else 0)
        | (MARK_NO_PARTIES if placeholder(row, "Parties") else 0)
    )
    tips = [review_tooltip(row), date_tooltip(row.date)]  # evidence, conflicts: read when hovered
    state = row.review_state
    values = [
        int(grouped),
        position,
        _row_key(row, grouped),
        state,
        int(state in FRESH),
        "\n".join(row.articles),
        json.dumps([a.id for a in row.reports], ensure_ascii=False),
        json.dumps(cells, ensure_ascii=False),
        marks,
        json.dumps(tips, ensure_ascii=False),
        "\n".join(cells).casefold(),
    ]
    return (*values, digest, *keys)


def _row_conflicts(row: AgreementRow) -> tuple[Conflict, ...]:
    """The conflicts a grouped row stores for its group (none for a row of no group)."""
    if not row.lead.group:
        return ()
    return next((a.conflicts for a in row.reports if a.conflicts), ())


def _row_key(row: AgreementRow, grouped: bool) -> str:
    return (row.lead.group or row.lead.id) if grouped else row.lead.id


_ROW_NAMES = (
    "grouped, position, key, review, fresh, articles, members, cells, marks, tips, search, digest, "
    + ", ".join(KEY_COLUMNS)
)
INSERT_ROW = f"INSERT INTO ledger_rows({_ROW_NAMES}) VALUES({', '.join('?' * (12 + len(KEY_COLUMNS)))})"
UPDATE_ROW = (
    f"UPDATE ledger_rows SET ({_ROW_NAMES}) = ({', '.join('?' * (12 + len(KEY_COLUMNS)))}) WHERE id = ?"
)


@cache
def _code_version() -> str:
    """A digest of the code that writes a row's texts: rows written by another are written again
    (after the analysis that follows a start; they are shown meanwhile when `readable`)."""
    return code_digest("agreements/ledger.py", "agreements/ledger_cells.py")[:12]


def rows_stamp(ledger_stamp: str, curation: object) -> str:
    return f"{ROWS_VERSION}|{_code_version()}|{ledger_stamp}|{json.dumps(curation, default=str)}"


class LedgerTable:
    """The ledger rows of one catalogue: written from a reviewed ledger, read by query."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    # --- what the rows were worked out from -------------------------------------------------------
    def stamp(self) -> tuple[str, tuple[NeedsLook, ...]] | None:
        """The stamp the rows were written with and the reviews that need a look; None: no rows."""
        try:
            found = self.catalogue.query("SELECT value FROM derived WHERE name = ?", (STAMP_NAME,))
            if not found:
                return None
            data = json.loads(found[0][0])
            looks = tuple(NeedsLook(*item) for item in data["needs_look"])
            return str(data["stamp"]), looks
        except (sqlite3.Error, ValueError, TypeError, KeyError):
            return None

    def readable(self) -> bool:
        """Whether there are stored rows this version of the code reads (current or not)."""
        stored = self.stamp()
        return stored is not None and stored[0].startswith(f"{ROWS_VERSION}|")

    def _set_stamp(self, conn: sqlite3.Connection, stamp: str, needs_look: Sequence[NeedsLook]) -> None:
        looks = [[n.review_id, n.article, n.quote, n.reason] for n in needs_look]
        conn.execute(
            "INSERT INTO derived(name, generation, value) VALUES(?, 0, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (STAMP_NAME, json.dumps({"stamp": stamp, "needs_look": looks}, ensure_ascii=False)),
        )

    # --- writing -----------------------------------------------------------------------------------
    def write(
        self,
        ledger: ReviewedLedger,
        title_of: TitleOf,
        stamp: str,
        extracted: Extracted | None = None,
        *,
        keep: bool = True,
    ) -> int:
        """The rows of the whole reviewed ledger (after grouping, or when the stored rows are of
        another ledger), in one transaction (the old rows are shown until it commits). A stored row
        whose digest (`row_digest`) is the new row's is kept, only moved when its place changed; the
        others are written, so a ledger in which a few agreements changed writes a few rows (`keep`
        False: every row anew). Stored without bumping the generation: derived from it. Returns how
        many rows were written. `extracted`: see `RowInputs`."""
        agreements = ledger.agreements
        place = {a.id: i for i, a in enumerate(agreements)}
        inputs = RowInputs(extracted)
        wanted: list[tuple[AgreementRow, bool, str, str]] = [
            (row, grouped, _row_key(row, grouped), row_digest(row, grouped, title_of, inputs))
            for grouped in (True, False)
            for row in group_rows(agreements, grouped)
        ]
        written: list[int] = []

        def work(conn: sqlite3.Connection) -> None:
            stored: dict[tuple[int, str], tuple[int, int, str]] = {}
            twice: list[tuple[int]] = []  # a key stored twice (not written so): one is dropped
            if keep:
                cursor = conn.execute("SELECT id, grouped, key, position, digest FROM ledger_rows")
                for rid, grouped, key, position, digest in cursor:
                    if stored.setdefault((grouped, key), (rid, position, digest))[0] != rid:
                        twice.append((rid,))
            else:
                conn.execute("DELETE FROM ledger_rows")
                conn.execute("DELETE FROM ledger_agreements")
                conn.execute("DELETE FROM ledger_conflicts")
            moved: list[tuple[int, int]] = []
            fresh: list[tuple[Any, ...]] = []
            changed: list[tuple[Any, ...]] = []
            reports: list[Agreement] = []  # of rewritten report rows: their agreements are stored anew
            # Of rewritten grouped rows: their group's conflicts are stored anew.
            groups: list[tuple[str, tuple[Conflict, ...]]] = []
            for row, grouped, key, digest in wanted:
                position = place[row.lead.id]
                old = stored.pop((int(grouped), key), None)
                if old is not None and old[2] == digest:
                    if old[1] != position:
                        moved.append((position, old[0]))
                    continue
                values = _row_values(row, grouped, position, title_of, digest)
                if old is None:
                    fresh.append(values)
                else:
                    changed.append((*values, old[0]))
                if grouped:
                    groups.append((key, _row_conflicts(row)))
                else:
                    reports.append(row.lead)
            gone = list(stored.items())
            twice += [(rid,) for (_g, _k), (rid, _p, _d) in gone]
            conn.executemany("DELETE FROM ledger_rows WHERE id = ?", twice)
            conn.executemany(
                "DELETE FROM ledger_agreements WHERE id = ?",
                [(key,) for (grouped, key), _old in gone if not grouped],
            )
            conn.executemany(
                "DELETE FROM ledger_conflicts WHERE grp = ?",
                [(key,) for (grouped, key), _old in gone if grouped],
            )
            conn.executemany("UPDATE ledger_rows SET position = ? WHERE id = ?", moved)
            conn.executemany(UPDATE_ROW, changed)
            conn.executemany(INSERT_ROW, fresh)
            conn.executemany(
                "INSERT OR REPLACE INTO ledger_agreements(id, article, data) VALUES(?, ?, ?)",
                [(a.id, a.article, inputs.text(a)) for a in reports],
            )
            conn.executemany("DELETE FROM ledger_conflicts WHERE grp = ?", [(key,) for key, _c in groups])
            conn.executemany(
                "INSERT INTO ledger_conflicts(grp, data) VALUES(?, ?)",
                [(key, inputs.conflicts(c)[0]) for key, c in groups if c],
            )
            self._set_stamp(conn, stamp, ledger.needs_look)
            written.append(len(fresh) + len(changed))

        self._write(work)
        return written[0]

    def update(
        self,
        before: ReviewedLedger,
        after: ReviewedLedger,
        title_of: TitleOf,
        stamp: str,
        articles: frozenset[str] = frozenset(),
        extracted: Extracted | None = None,
    ) -> int:
        """Only the rows a review changed: those of agreements that are not as they were (or not
        where they were), in either mode, and those `articles` report (their titles changed).
        Rows keep their ids, so a selection stays on them. Returns how many rows were written."""
        old_place = {a.id: (i, a) for i, a in enumerate(before.agreements)}
        new_ids = set()
        changed: dict[str, Agreement] = {}
        groups: set[str] = set()
        for i, a in enumerate(after.agreements):
            new_ids.add(a.id)
            old = old_place.get(a.id)
            if old is None or old[0] != i or old[1] is not a or a.article in articles:
                changed[a.id] = a
                groups.add(a.group or a.id)
                if old is not None:
                    groups.add(old[1].group or old[1].id)
        gone = [a for a in before.agreements if a.id not in new_ids]
        groups.update(a.group or a.id for a in gone)
        changed_ids = set(changed) | {a.id for a in gone}
        if not changed_ids:
            if after.needs_look != before.needs_look:
                self._write(lambda conn: self._set_stamp(conn, stamp, after.needs_look))
            return 0

        # Only the agreements of touched groups are grouped into rows again (the rest is skipped).
        pool = [a for a in after.agreements if a.id in changed or (a.group or a.id) in groups]
        place = {a.id: i for i, a in enumerate(after.agreements)}
        inputs = RowInputs(extracted)
        new_rows = []
        for grouped in (True, False):
            for row in group_rows(pool, grouped):
                if grouped or row.lead.id in changed:  # a report's row: only if it changed
                    digest = row_digest(row, grouped, title_of, inputs)
                    new_rows.append(_row_values(row, grouped, place[row.lead.id], title_of, digest))
        keys_grouped = sorted(groups)
        keys_reports = sorted(changed_ids)

        def work(conn: sqlite3.Connection) -> None:
            existing: dict[tuple[int, str], tuple[int, str]] = {}
            for grouped, keys in ((1, keys_grouped), (0, keys_reports)):
                for start in range(0, len(keys), 500):
                    part = keys[start : start + 500]
                    found = conn.execute(
                        f"SELECT id, key, digest FROM ledger_rows WHERE grouped = ? AND key IN "
                        f"({', '.join('?' * len(part))})",
                        (grouped, *part),
                    )
                    existing.update(((grouped, key), (rid, digest)) for rid, key, digest in found)
            for values in new_rows:
                old = existing.pop((values[0], values[2]), None)
                if old is None:
                    conn.execute(INSERT_ROW, values)
                elif old[1] != values[11]:
                    conn.execute(UPDATE_ROW, (*values, old[0]))
            conn.executemany(
                "DELETE FROM ledger_rows WHERE id = ?", [(rid,) for rid, _d in existing.values()]
            )
            conn.executemany("DELETE FROM ledger_agreements WHERE id = ?", [(a.id,) for a in gone])
            conn.executemany(
                "INSERT OR REPLACE INTO ledger_agreements(id, article, data) VALUES(?, ?, ?)",
                [(a.id, a.article, _agreement_json(a)) for a in changed.values()],
            )
            conn.executemany("DELETE FROM ledger_conflicts WHERE grp = ?", [(g,) for g in keys_grouped])
            conn.executemany(
                "INSERT OR REPLACE INTO ledger_conflicts(grp, data) VALUES(?, ?)",
                _group_conflicts(changed.values()),
            )
            self._set_stamp(conn, stamp, after.needs_look)

        self._write(work)
        return len(new_rows)

    def retitle(self, articles: frozenset[str], title_of: TitleOf, stamp: str) -> int:
        """The rows of `articles` worked out again from their stored reports (their titles changed:
        a metadata edit), without the rest of the ledger. Returns how many rows were written."""
        found: list[tuple[int, int, int]] = []
        for article in sorted(articles):
            found += self.catalogue.query(
                "SELECT id, grouped, position FROM ledger_rows "
                "WHERE instr(char(10) || articles || char(10), char(10) || ? || char(10)) > 0",
                (article,),
            )
        values: list[tuple[Any, ...]] = []
        for rid, grouped, position in dict.fromkeys(found):
            row = self.details(rid)
            if row is not None:
                digest = row_digest(row, bool(grouped), title_of)
                values.append((*_row_values(row, bool(grouped), position, title_of, digest), rid))

        stored = self.stamp()

        def work(conn: sqlite3.Connection) -> None:
            conn.executemany(UPDATE_ROW, values)
            self._set_stamp(conn, stamp, stored[1] if stored else ())

        self._write(work)
        return len(values)

    def _write(self, work: Callable[[sqlite3.Connection], None]) -> None:
        with self.catalogue.lock:
            conn = self.catalogue.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                work(conn)
                conn.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise

    # --- reading -----------------------------------------------------------------------------------
    def order(self, query: LedgerQuery) -> array[int]:
        """The ids of the rows shown, in the order shown."""
        where: list[str] = ["grouped = ?"]
        params: list[object] = [int(query.grouped)]
        if query.states != EVERY_STATE:
            states = sorted(query.states)
            where.append(f"review IN ({', '.join('?' * len(states))})")
            params.extend(states)
        text = query.text.casefold()
        if text:
            where.append("instr(search, ?) > 0")
            params.append(text)
        order = ["fresh DESC"] if query.unreviewed_first else []
        if 0 <= query.column < len(COLUMNS):
            key = KEY_COLUMNS[query.column]
            order += [f"{key} IS NULL", f"{key} {'ASC' if query.ascending else 'DESC'}"]
        order.append("position")
        sql = f"SELECT id FROM ledger_rows WHERE {' AND '.join(where)} ORDER BY {', '.join(order)}"
        with self.catalogue.reading() as conn:
            return array("q", (r[0] for r in conn.execute(sql, params)))

    def count(self, grouped: bool = True, states: frozenset[str] = EVERY_STATE) -> int:
        where = "grouped = ?"
        params: list[object] = [int(grouped)]
        if states != EVERY_STATE:
            where += f" AND review IN ({', '.join('?' * len(states))})"
            params.extend(sorted(states))
        return int(self.catalogue.query(f"SELECT count(*) FROM ledger_rows WHERE {where}", params)[0][0])

    def cells(self, ids: Sequence[int]) -> dict[int, LedgerCells]:
        """The rows of these ids as shown (ids not found are left out)."""
        found: dict[int, LedgerCells] = {}
        for start in range(0, len(ids), 500):
            part: list[object] = list(ids[start : start + 500])
            rows = self.catalogue.query(
                "SELECT id, key, review, articles, cells, marks, tips, members FROM ledger_rows "
                f"WHERE id IN ({', '.join('?' * len(part))})",
                part,
            )
            for rid, key, review, articles, cells, marks, tips, members in rows:
                found[rid] = LedgerCells(
                    rid,
                    key,
                    review,
                    tuple(articles.split("\n")) if articles else (),
                    tuple(json.loads(cells)),
                    marks,
                    tuple(json.loads(tips)),
                    len(json.loads(members)),
                )
        return found

    def details(self, row_id: int) -> AgreementRow | None:
        """The row with its reports as reviewed (what the details pane and review actions need)."""
        found = self.catalogue.query("SELECT members FROM ledger_rows WHERE id = ?", (row_id,))
        if not found:
            return None
        members: list[object] = json.loads(found[0][0])
        stored: dict[str, str] = dict(
            self.catalogue.query(
                f"SELECT id, data FROM ledger_agreements WHERE id IN ({', '.join('?' * len(members))})",
                members,
            )
        )
        try:
            agreements = [json.loads(stored[str(m)]) for m in members]
            groups: list[object] = sorted({a["group"] for a in agreements if a["group"]})
            conflicts = {
                group: _conflicts(text)
                for group, text in self.catalogue.query(
                    f"SELECT grp, data FROM ledger_conflicts WHERE grp IN ({', '.join('?' * len(groups))})",
                    groups,
                )
            }
            return AgreementRow(tuple(_agreement(a, conflicts) for a in agreements))
        except (KeyError, ValueError, TypeError):  # a damaged row: shown without details
            return None

    def reviewed(self) -> ReviewedLedger | None:
        """The reviewed ledger the rows were written from: every report as reviewed, in the ledger's
        order, with the reviews that need a look (its groups are not stored: left empty); None when
        a stored report does not decode."""
        stored = self.stamp()
        if stored is None:
            return None
        try:
            conflicts = {grp: _conflicts(text) for grp, text in self.catalogue.query(
                "SELECT grp, data FROM ledger_conflicts"
            )}  # fmt: skip
            rows = self.catalogue.query(
                "SELECT a.data FROM ledger_rows r JOIN ledger_agreements a ON a.id = r.key "
                "WHERE r.grouped = 0 ORDER BY r.position"
            )
            agreements = tuple(_agreement(json.loads(data), conflicts) for (data,) in rows)
        except (sqlite3.Error, KeyError, ValueError, TypeError):
            return None
        if len(agreements) != self.count(grouped=False):
            return None  # a report row without its report
        return ReviewedLedger(agreements, (), stored[1])

    def row_id(self, grouped: bool, key: str) -> int | None:
        found = self.catalogue.query(
            "SELECT id FROM ledger_rows WHERE grouped = ? AND key = ?", (int(grouped), key)
        )
        return int(found[0][0]) if found else None
