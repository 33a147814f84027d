"""Resolve overlapping candidate mentions: the longest span wins ("Baku-Tbilisi-Ceyhan" is one
pipeline, not the city Baku); on equal length the more trusted source (gazetteer) wins."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    canonical: str
    rank: int  # higher is more trusted: gazetteer 3, learned acronym 2, pattern 1, numbers 0
    value: float | None = None
    unit: str = ""


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.rank, c.start))
    chosen: list[Candidate] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    for c in ordered:
        if any(taken[c.start : c.end]):
            continue
        chosen.append(c)
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)
