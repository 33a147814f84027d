"""Writing imported articles into a folder: duplicate check by normalised body text, unique ids,
atomic writes. Used by `energybrowser import` and by the app's import action."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from energybrowser.corpus.importer.vocabulary import fold
from energybrowser.corpus.markdown_io import ArticleFormatError, dump_article, parse_article
from energybrowser.corpus.model import Article


def body_fingerprint(article: Article) -> str:
    """Hash of the body's plain text, case, accents and spacing folded: the same article imported
    twice (or from .txt and .html) matches even when metadata or markup differ."""
    return hashlib.sha256(fold(article.text).encode("utf-8")).hexdigest()


@dataclass
class TargetFolder:
    """The folder imports go into, with the ids and body fingerprints it already holds."""

    directory: Path
    ids: set[str] = field(default_factory=set)
    fingerprints: dict[str, str] = field(default_factory=dict)  # fingerprint -> file name

    @classmethod
    def scan(cls, directory: Path) -> TargetFolder:
        folder = cls(directory)
        if not directory.is_dir():
            return folder
        from energybrowser.corpus.loader import load_article

        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            folder.ids.add(path.stem)
            try:
                article, _ = load_article(path)
            except (ArticleFormatError, OSError, ValueError):
                continue
            folder.ids.add(article.id)
            folder.fingerprints.setdefault(body_fingerprint(article), path.name)
        return folder

    def duplicate_of(self, article: Article) -> str | None:
        return self.fingerprints.get(body_fingerprint(article))

    def unique_id(self, wanted: str) -> str:
        if wanted not in self.ids:
            return wanted
        n = 2
        while f"{wanted}-{n}" in self.ids:
            n += 1
        return f"{wanted}-{n}"

    def write(self, article: Article) -> Path:
        """Write `<id>.md` atomically (temp file, then rename); the id must be free."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{article.id}.md"
        text = dump_article(article)
        parse_article(text, fallback_id=article.id)  # what we write must read back
        fd, temp = tempfile.mkstemp(prefix=f".{article.id}.", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            if target.exists():
                raise FileExistsError(f"{target.name} already exists")
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.ids.add(article.id)
        self.fingerprints[body_fingerprint(article)] = target.name
        return target


def with_id(article: Article, new_id: str) -> Article:
    return replace(article, meta=replace(article.meta, id=new_id))
