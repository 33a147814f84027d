"""Where a library's curation lives, and opening it with the user's gazetteer in effect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from energybrowser.corpus.model import Article
from energybrowser.curation.service import Curation
from energybrowser.curation.store import CurationStore
from energybrowser.entities.gazetteer import set_user_gazetteer
from energybrowser.paths import DataPaths

USER_GAZETTEER = "gazetteer.yaml"


def curation_db(paths: DataPaths, corpus_dir: Path) -> Path:
    """One curation database per corpus folder (keyed like its index), in the user's data folder."""
    return paths.data / "curation" / f"{paths.index_dir(corpus_dir).name}.sqlite"


def user_gazetteer_path(paths: DataPaths) -> Path:
    return paths.data / USER_GAZETTEER


def use_user_gazetteer(paths: DataPaths) -> Path:
    """Lay the user's gazetteer over the bundled one for this process; its path."""
    path = user_gazetteer_path(paths)
    set_user_gazetteer(path)
    return path


def open_curation(
    paths: DataPaths, corpus_dir: Path, article_of: Callable[[str], Article | None]
) -> Curation:
    return Curation(CurationStore(curation_db(paths, corpus_dir)), article_of)
