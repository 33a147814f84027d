"""Precision and recall of entity and agreement extraction on the hand-labelled set in
tests/fixtures/labelled/. Run `python -m tests.core.labelled_scores` to print the figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from energybrowser.agreements.extract import extract_agreements
from energybrowser.corpus.markdown_io import parse_article
from energybrowser.entities.extract import extract_entities

LABELLED = Path(__file__).resolve().parent.parent / "fixtures" / "labelled"


@dataclass(frozen=True)
class Score:
    matched: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched + other.matched, self.predicted + other.predicted, self.expected + other.expected
        )

    def __str__(self) -> str:
        return (
            f"P={self.precision:.2f} R={self.recall:.2f} "
            f"({self.matched} matched, {self.predicted} predicted, {self.expected} expected)"
        )


def cases() -> list[tuple[str, object, dict]]:
    found = []
    for md in sorted(LABELLED.glob("*.md")):
        if md.name == "README.md":
            continue
        article = parse_article(md.read_text(encoding="utf-8"), fallback_id=md.stem)
        labels = yaml.safe_load(md.with_suffix(".yaml").read_text(encoding="utf-8"))
        found.append((md.stem, article, labels))
    return found


def entity_score(article, labels: dict) -> tuple[Score, Counter, Counter]:
    expected = Counter(tuple(str(x) for x in item) for item in labels.get("entities") or [])
    predicted = Counter((str(e.paragraph), e.type, e.canonical) for e in extract_entities(article))
    matched = expected & predicted
    return (
        Score(sum(matched.values()), sum(predicted.values()), sum(expected.values())),
        predicted - expected,
        expected - predicted,
    )


def _key(type_: str, status: str, parties) -> tuple[str, str, frozenset[str]]:
    return (type_, status, frozenset(parties))


def agreement_score(article, labels: dict) -> tuple[Score, Score, list[str]]:
    """(records, fields on matched records, notes about mismatches)."""
    expected = list(labels.get("agreements") or [])
    predicted = list(extract_agreements(article))
    notes: list[str] = []
    remaining = list(predicted)
    fields = Score(0, 0, 0)
    matched = 0
    for exp in expected:
        key = _key(exp["type"], exp["status"], exp.get("parties") or [])
        hit = next((p for p in remaining if _key(p.type, p.status, p.parties) == key), None)
        if hit is None:
            notes.append(f"missed {key}")
            continue
        matched += 1
        remaining.remove(hit)
        for name, got in (
            ("date", hit.when.iso()),
            ("signatories", sorted(hit.signatories)),
            ("vague", hit.vague),
        ):
            if name not in exp:
                continue
            want = sorted(exp[name]) if name == "signatories" else exp[name]
            ok = got == want
            fields = fields + Score(int(ok), 1, 1)
            if not ok:
                notes.append(f"{key}: {name} {got!r} != {want!r}")
    for extra in remaining:
        notes.append(f"extra {_key(extra.type, extra.status, extra.parties)}: {extra.evidence.text[:80]}")
    return Score(matched, len(predicted), len(expected)), fields, notes


def lenient_score(article, labels: dict) -> tuple[Score, Score]:
    """Records matched on type and status alone, and the parties of those pairs scored one by one:
    a record with one party too many counts as found, with a party-level precision below 1."""
    expected = list(labels.get("agreements") or [])
    remaining = list(extract_agreements(article))
    records = Score(0, len(remaining), len(expected))
    parties = Score(0, 0, 0)
    for exp in expected:
        hit = next((p for p in remaining if (p.type, p.status) == (exp["type"], exp["status"])), None)
        if hit is None:
            continue
        remaining.remove(hit)
        want, got = set(exp.get("parties") or []), set(hit.parties)
        records = records + Score(1, 0, 0)
        parties = parties + Score(len(want & got), len(got), len(want))
    return records, parties


def totals(verbose: bool = False, names: tuple[str, ...] = ()) -> tuple[Score, Score, Score]:
    ents = Score(0, 0, 0)
    agrs = Score(0, 0, 0)
    fields = Score(0, 0, 0)
    for name, article, labels in cases():
        if names and not name.startswith(names):
            continue
        e, extra, missing = entity_score(article, labels)
        a, f, notes = agreement_score(article, labels)
        ents, agrs, fields = ents + e, agrs + a, fields + f
        if verbose:
            print(f"{name}: entities {e}; agreements {a}")
            for item in sorted(extra.elements()):
                print(f"    extra entity {item}")
            for item in sorted(missing.elements()):
                print(f"    missed entity {item}")
            for note in notes:
                print(f"    {note}")
    return ents, agrs, fields


def lenient_totals() -> tuple[Score, Score]:
    records, parties = Score(0, 0, 0), Score(0, 0, 0)
    for _, article, labels in cases():
        r, p = lenient_score(article, labels)
        records, parties = records + r, parties + p
    return records, parties


if __name__ == "__main__":
    ents, agrs, fields = totals(verbose=True)
    records, parties = lenient_totals()
    print(f"ENTITIES   {ents}")
    print(f"AGREEMENTS {agrs}  (type, status and parties all exact)")
    print(f"  records  {records}  (type and status)")
    print(f"  parties  {parties}  (of those records)")
    print(f"FIELDS     {fields}  (date, signatories, vague of exact matches)")
