"""Where the app keeps its data: the user's platformdirs folders, or one folder for everything.

`ENERGYBROWSER_DATA_DIR` (or `--data-dir`) puts index, settings and imported articles under one
folder; tests and scripts use it so they never touch a real user's data.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "energybrowser"
DATA_DIR_ENV = "ENERGYBROWSER_DATA_DIR"
CORPUS_ENV = "ENERGYBROWSER_CORPUS"


@dataclass(frozen=True)
class DataPaths:
    """The folders the app writes to. Nothing is created until asked for."""

    data: Path
    config: Path
    cache: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(data=root / "data", config=root / "config", cache=root / "cache")
        import platformdirs  # only without a chosen folder: `--data-dir` commands skip its import

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def imported_articles(self) -> Path:
        """Articles the user imported through the app (a corpus folder of its own)."""
        return self.data / "articles"

    @property
    def user_gazetteer(self) -> Path:
        """The user's own aliases and entities, laid over the bundled gazetteer."""
        return self.data / "gazetteer.yaml"

    def index_dir(self, corpus_dir: Path) -> Path:
        """One index per corpus folder, keyed by the folder's resolved path."""
        key = hashlib.sha256(str(corpus_dir.resolve()).encode("utf-8")).hexdigest()[:16]
        return self.data / "indexes" / key
