"""A corpus is a folder of articles: `.md` files (front matter optional) and raw `.txt`/`.html`
files, each read in memory exactly as `energybrowser import` would read it, so a folder of plain
articles is browsable as it is and a file is the same article in a folder and once imported."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from energybrowser.corpus.errors import ArticleFormatError
from energybrowser.corpus.model import Article
from energybrowser.paths import CORPUS_ENV

MARKDOWN_SUFFIXES = (".md", ".markdown")
RAW_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")  # what `energybrowser import` takes, too
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES + RAW_SUFFIXES
MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # far above any article; keeps a stray dump from stalling the app


@dataclass(frozen=True)
class LoadProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


@dataclass(frozen=True)
class Corpus:
    directory: Path
    articles: tuple[Article, ...]
    problems: tuple[LoadProblem, ...] = ()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def ids(self) -> list[str]:
        return [a.id for a in self.articles]


def resolve_corpus_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--corpus`, then `ENERGYBROWSER_CORPUS`, then the bundled corpus."""
    chosen = explicit or os.environ.get(CORPUS_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    from energybrowser.resources import bundled_corpus_dir

    return bundled_corpus_dir()


# A byte order mark names the encoding (UTF-32 first: its little-endian mark starts like UTF-16's).
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _one_kind_of_line_end(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as `\n`: a CR-only file had no front matter."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> tuple[str, str | None]:
    """Decode a file as UTF-8 (or UTF-16/32 when a byte order mark says so), line ends as `\n`;
    undecodable bytes become U+FFFD and the note says so."""
    text, note = _decode(path)
    return _one_kind_of_line_end(text), note


def _decode(path: Path) -> tuple[str, str | None]:
    info = path.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        # a FIFO would block forever, a device such as /dev/zero never ends
        raise ArticleFormatError("not a regular file (a device, pipe or socket)")
    limit_mb = MAX_ARTICLE_BYTES // (1024 * 1024)
    if info.st_size > MAX_ARTICLE_BYTES:
        raise ArticleFormatError(
            f"file is {info.st_size / 1e6:.1f} MB, over the {limit_mb} MB limit for an article"
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_ARTICLE_BYTES + 1)  # the file may have grown since
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleFormatError(f"file is over the {limit_mb} MB limit for an article")
    if not data.strip():
        raise ArticleFormatError("file is empty")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                text = data.decode(codec, errors="replace")
                return text, f"not valid {codec.upper()} (first bad byte at {exc.start}); characters replaced"
    if b"\x00" in data[:8192]:
        raise ArticleFormatError("file is binary, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, f"not valid UTF-8 (first bad byte at {exc.start}); {bad} character(s) replaced"


def load_article(path: Path) -> tuple[Article, str | None]:
    """Read one article file the way `energybrowser import` reads it (one reading for both: the
    importer's `convert_source`), so a file is the same article in a folder and once imported."""
    text, note = read_text_file(path)
    # Imported here: the importer is not needed to list a library whose files are known.
    from energybrowser.corpus.importer import convert_source

    conversion = convert_source(text, path.name)
    notes = ([note] if note else []) + list(conversion.notes)
    return conversion.article, "; ".join(notes) or None


def article_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def load_corpus(directory: str | os.PathLike[str]) -> Corpus:
    """Load every article in a folder. A bad file is reported and skipped, never fatal."""
    folder = Path(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    articles: list[Article] = []
    problems: list[LoadProblem] = []
    seen: set[str] = set()
    root = folder.resolve()
    for path in article_files(folder):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            # A folder someone hands over must not make the app show (and cite) a private file.
            problems.append(LoadProblem(path, "symbolic link to outside the folder; not followed"))
            continue
        try:
            article, note = load_article(path)
        except (ArticleFormatError, OSError) as exc:
            problems.append(LoadProblem(path, str(exc)))
            continue
        except (RecursionError, ValueError, LookupError, TypeError) as exc:
            # One hostile file must never stop the others from loading.
            problems.append(LoadProblem(path, f"could not be read ({exc.__class__.__name__})"))
            continue
        if note:
            problems.append(LoadProblem(path, note))
        if article.id in seen:
            new_id = unique_id(article.id, seen)
            problems.append(LoadProblem(path, f"id '{article.id}' is taken; loaded as '{new_id}'"))
            article = _with_id(article, new_id)
        seen.add(article.id)
        articles.append(article)
    return Corpus(folder.resolve(), tuple(articles), tuple(problems))


def unique_id(base: str, taken: set[str]) -> str:
    """`base-2`, `base-3`, … : the first numbered id not in `taken` (an id clash everywhere)."""
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _with_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, meta=replace(article.meta, id=new_id))
