"""The gazetteer: known entities with their aliases, read from `resources/gazetteer.yaml`.

Format (a list under `entities:`):
    - canonical: KazMunayGas
      type: organization
      aliases: [KazMunaiGas, Kazmunaigaz, KMG]
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from energybrowser.resources import resource_path


@dataclass(frozen=True)
class GazetteerEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'KazMunaiGas' and 'kazmunaigas', 'Türkiye' and 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Gazetteer:
    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries = tuple(entries)
        self._by_name: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for name in entry.names:
                self._by_name.setdefault(fold(name), entry)

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = [
            GazetteerEntry(
                canonical=str(item["canonical"]),
                type=str(item["type"]),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
            )
            for item in data.get("entities", [])
        ]
        return cls(entries)

    def lookup(self, name: str) -> GazetteerEntry | None:
        return self._by_name.get(fold(name))

    def variants(self, name: str) -> tuple[str, ...]:
        """Every name of the entity that `name` names (itself alone when unknown)."""
        entry = self.lookup(name)
        return entry.names if entry else (name,)


@cache
def load_gazetteer() -> Gazetteer:
    return Gazetteer.from_file(resource_path("gazetteer.yaml"))
