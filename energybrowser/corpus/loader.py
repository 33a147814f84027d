"""A corpus is a folder of articles: `.md` files (front matter optional) and raw `.txt`/`.html`
files, each read in memory exactly as `energybrowser import` would read it, so a folder of plain
articles is browsable as it is and a file is the same article in a folder and once imported."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filetype  # type: ignore[import-untyped]

from energybrowser.corpus.errors import ArticleFormatError
from energybrowser.corpus.model import Article
from energybrowser.paths import CORPUS_ENV

MARKDOWN_SUFFIXES = (".md", ".markdown")
RAW_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")  # what `energybrowser import` takes, too
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES + RAW_SUFFIXES
MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # far above any article; keeps a stray dump from stalling the app
SNIFF_BYTES = 8192  # what is looked at to tell text from binary data
NOT_A_FILE = "not a regular file (a folder, pipe, socket or device)"


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


# C0 and C1 control characters but tab and line ends (vertical tab and form feed become line ends).
_STRAY_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")


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
    if not stat.S_ISREG(info.st_mode):
        # a FIFO would block forever, a device such as /dev/zero never ends
        raise ArticleFormatError(NOT_A_FILE)
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
    if b"\x00" in data[:SNIFF_BYTES]:
        raise ArticleFormatError(_not_text(data))
    try:
        text, note = data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        # Not UTF-8: a document of another format (renamed, e.g. a PDF saved as .md), binary
        # data, or text in another encoding whose few odd bytes are replaced.
        text = data.decode("utf-8", errors="replace")
        if filetype.guess(data[:SNIFF_BYTES]) is not None or _mostly_not_text(text):
            raise ArticleFormatError(_not_text(data)) from exc
        bad = text.count("\ufffd")
        note = f"not valid UTF-8 (first bad byte at {exc.start}); {bad} character(s) replaced"
    if "\x00" in text:  # a NUL byte deep in a text file: no text holds one, and widgets cut at it
        nuls = text.count("\x00")
        text = text.replace("\x00", "")
        note = "; ".join(n for n in (note, f"{nuls} NUL byte(s) removed") if n)
    text, stray = _STRAY_CONTROLS.subn("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
    if stray:  # terminal escapes, bells, C1 codes: shown as boxes in the window, and never text
        note = "; ".join(n for n in (note, f"{stray} control character(s) removed") if n)
    return text, note


def _mostly_not_text(text: str) -> bool:
    """Over a third of the characters replaced or control characters: binary data, not text."""
    sample = text[:SNIFF_BYTES]
    odd = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return odd * 3 > len(sample)


def _not_text(data: bytes) -> str:
    """Why `data` is refused, naming the format when its signature tells (a .docx or .pdf renamed
    .md is the usual case; renaming does not convert it). Only asked of data that is not text:
    signatures are bytes a text may also start with ("BM…" is a bitmap's)."""
    kind = filetype.guess(data[:SNIFF_BYTES])
    if kind is None:
        return "file is binary, not text"
    return (
        f"file is binary (a .{kind.extension} file), not text: renaming does not convert it; "
        "save it as text, Markdown or HTML first"
    )


def read_error(exc: OSError) -> str:
    """One line for a file that could not be read: the reason, not the path (the line names it)."""
    return f"cannot read: {exc.strerror or exc.__class__.__name__}"


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
    """The folder's entries named like articles (a pipe, device or folder among them is refused
    on read, with a line)."""
    return sorted(
        p for p in directory.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
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
        if path.is_symlink():
            try:
                inside = path.resolve(strict=True).is_relative_to(root)
            except (OSError, RuntimeError):  # a link to itself, a loop, or to nothing
                problems.append(LoadProblem(path, "symbolic link that loops or leads nowhere; not followed"))
                continue
            if not inside:
                # A folder someone hands over must not make the app show (and cite) a private file.
                problems.append(LoadProblem(path, "symbolic link to outside the folder; not followed"))
                continue
        try:
            article, note = load_article(path)
        except ArticleFormatError as exc:
            problems.append(LoadProblem(path, str(exc)))
            continue
        except OSError as exc:
            problems.append(LoadProblem(path, read_error(exc)))
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
