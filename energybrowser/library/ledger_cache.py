"""Values worked out from the whole library (the grouped ledger, the facet counts), stored in the
catalogue with the generation they were computed at, so a start with nothing changed reads them
instead of working them out again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import replace
from typing import Any

from energybrowser.agreements.grouping import AgreementGroup
from energybrowser.agreements.model import Agreement
from energybrowser.corpus.model import PartialDate
from energybrowser.library.catalogue import Catalogue
from energybrowser.library.codec import RowDamaged, conflict_from_json, conflict_to_json


def _stamp(generation: int, ids: tuple[str, ...]) -> str:
    from energybrowser.library.analysis import analyser_version, ledger_version

    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()
    return f"{generation}:{digest}:{analyser_version()}:{ledger_version()}"


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


def _group_from_json(data: dict[str, Any]) -> AgreementGroup:
    return AgreementGroup(
        id=data["id"],
        members=tuple(data["members"]),
        articles=tuple(data["articles"]),
        type=data["type"],
        parties=tuple(data["parties"]),
        dates=tuple(PartialDate.parse_iso(d) for d in data["dates"]),
        quantities=tuple(data["quantities"]),
        conflicts=tuple(conflict_from_json(c) for c in data["conflicts"]),
    )


def _group_to_json(group: AgreementGroup) -> dict[str, Any]:
    # Not `to_json`: that writes conflicts as sentences, and the window needs them as values.
    return {**group.to_json(), "conflicts": [conflict_to_json(c) for c in group.conflicts]}


def load_grouping(
    catalogue: Catalogue, generation: int, ids: tuple[str, ...], agreements: list[Agreement]
) -> tuple[tuple[Agreement, ...] | None, tuple[AgreementGroup, ...]]:
    """The agreements with the groups stored for this generation, or (None, ()) when there are none."""
    data = load_derived(catalogue, "ledger", generation, ids)
    if not isinstance(data, dict):
        return None, ()
    try:
        groups = tuple(_group_from_json(g) for g in data["groups"])
        by_id = {g.id: g for g in groups}
        assigned = data["assigned"]
        if len(assigned) != len(agreements):
            return None, ()
        out = []
        for agreement in agreements:
            group = by_id[assigned[agreement.id]]
            out.append(replace(agreement, group=group.id, conflicts=group.conflicts))
        return tuple(out), groups
    except (KeyError, TypeError, ValueError, RowDamaged):
        return None, ()


def store_grouping(
    catalogue: Catalogue,
    generation: int,
    ids: tuple[str, ...],
    agreements: tuple[Agreement, ...],
    groups: tuple[AgreementGroup, ...],
) -> None:
    value = {"groups": [_group_to_json(g) for g in groups], "assigned": {a.id: a.group for a in agreements}}
    store_derived(catalogue, "ledger", generation, ids, value)
