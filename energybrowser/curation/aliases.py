"""The user's gazetteer: "treat X as an alias of Y", kept as a YAML file in the user's data folder in
the bundled gazetteer's own format, laid over it (`entities.gazetteer.set_user_gazetteer`).

A file, not a table: the user can read and edit it, and the same file shape serves the bundled data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from energybrowser.curation.fields import FieldError
from energybrowser.entities.gazetteer import fold, load_gazetteer
from energybrowser.entities.model import ENTITY_TYPES

HEADER = (
    "# Your own names for entities, laid over energybrowser's gazetteer (same format).\n"
    "# Written by `energybrowser review alias` and the window; you may edit it by hand.\n"
)


@dataclass(frozen=True)
class UserEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "type": self.type, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Aliases:
    """The whole user gazetteer at one moment: what undo and redo put back."""

    entries: tuple[UserEntry, ...]


class UserGazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[UserEntry]:
        """What the file holds; a missing file holds nothing, a damaged one says so in one line."""
        if not self.path.is_file():
            return []
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
            return [
                UserEntry(str(e["canonical"]), str(e["type"]), tuple(str(a) for a in e.get("aliases") or ()))
                for e in data.get("entities") or []
            ]
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
            raise FieldError(
                f"{self.path.name} cannot be read ({exc.__class__.__name__}); fix or remove it"
            ) from exc

    def add_alias(self, alias: str, canonical: str, type: str = "") -> UserEntry:
        """Make `alias` name the entity `canonical` (known to the gazetteer, or new with `type`)."""
        alias, canonical = " ".join(alias.split()), " ".join(canonical.split())
        if not alias or not canonical:
            raise FieldError("an alias needs both names")
        if fold(alias) == fold(canonical):
            raise FieldError(f"{alias!r} is already the name {canonical!r}")
        known = load_gazetteer().by_canonical(canonical)
        entries = self.entries()
        mine = next((e for e in entries if e.canonical == canonical), None)
        kind = type or (known.type if known else mine.type if mine else "")
        if kind not in ENTITY_TYPES:
            raise FieldError(
                f"{canonical!r} is not in the gazetteer: give its type ({', '.join(ENTITY_TYPES)})"
            )
        # An alias names one entity: taken from any other user entry that had it.
        entries = [
            UserEntry(e.canonical, e.type, tuple(a for a in e.aliases if fold(a) != fold(alias)))
            for e in entries
        ]
        entries = [e for e in entries if e.aliases or e.canonical == canonical]
        entry = next((e for e in entries if e.canonical == canonical), None)
        if entry is None:
            entry = UserEntry(canonical, kind)
            entries.append(entry)
        updated = UserEntry(canonical, entry.type, (*entry.aliases, alias))
        self._write([updated if e.canonical == canonical else e for e in entries])
        return updated

    def remove_alias(self, alias: str) -> bool:
        entries = self.entries()
        kept = [
            UserEntry(e.canonical, e.type, tuple(a for a in e.aliases if fold(a) != fold(alias)))
            for e in entries
        ]
        if kept == entries:
            return False
        self._write([e for e in kept if e.aliases])
        return True

    def replace_all(self, entries: Sequence[UserEntry]) -> None:
        """Write exactly these entries (undo puts an earlier state back this way)."""
        self._write(list(entries))

    def _write(self, entries: list[UserEntry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = HEADER + yaml.safe_dump(
            {"entities": [e.to_json() for e in entries]}, allow_unicode=True, sort_keys=False
        )
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".gazetteer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
