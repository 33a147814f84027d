"""Where a library's curation lives, and opening it with the user's gazetteer in effect."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from energybrowser.paths import DataPaths

if TYPE_CHECKING:
    from energybrowser.curation.store import CurationStore


def curation_db(paths: DataPaths, corpus_dir: Path) -> Path:
    """Where version 1 of the curation kept its database, before it moved into the catalogue."""
    return paths.data / "curation" / f"{paths.index_dir(corpus_dir).name}.sqlite"


def user_gazetteer_path(paths: DataPaths) -> Path:
    return paths.user_gazetteer


def use_user_gazetteer(paths: DataPaths) -> Path:
    """Lay the user's gazetteer over the bundled one for this process; its path."""
    from energybrowser.entities.gazetteer import set_user_gazetteer

    path = user_gazetteer_path(paths)
    set_user_gazetteer(path)
    return path


def adopt_interim_store(store: CurationStore, paths: DataPaths, corpus_dir: Path) -> bool:
    """Move the reviews of the file an earlier version kept apart (`curation_db`) into `store` (the
    catalogue), once: the file is renamed, not deleted. True when there was one to move."""
    old = curation_db(paths, corpus_dir)
    if not old.is_file():
        return False
    from energybrowser.curation.store import CurationStore

    try:
        with CurationStore(old) as interim:
            store.import_json(interim.export_json())
        old.rename(old.with_name(old.name + ".moved-to-catalogue"))
    except (OSError, ValueError, sqlite3.Error):
        return False  # tried again at the next start; the reviews stay in the old file meanwhile
    return True
