"""A benchmark corpus of real English: Debian documentation packages cut into 3–6 KB articles.

`python -m energybrowser.bench.natural [--size N]` installs the packages (apt-get, when missing and
run as root), extracts their prose paragraphs and caches the articles (one gzip JSON-lines file in
the user's cache folder, outside any repository). The benchmark loads them with `natural_articles`.

Why these texts: our own five articles give ~10,000 distinct terms at 10,000 documents, real text
~170,000 — the size of the term dictionary, posting-list lengths and the number of distinct word
pairs decide how fuzzy terms, prefixes and phrases scale, so the benchmark needs a natural vocabulary.
Prose only: code blocks, tables, directives and markup are dropped.

When the packages hold fewer articles than asked for, the rest are *remixes*: random paragraphs of
the whole pool (fixed seed), so the vocabulary stays natural; `NaturalCorpus.original` says how many
articles are cut from the texts as they are.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import platformdirs

from energybrowser.corpus.model import Article, ArticleMeta, Author, PartialDate

# Debian package -> publisher shown for its articles.
PACKAGES = {
    "linux-doc-6.1": "Linux kernel documentation",
    "python3.11-doc": "Python documentation",
    "postgresql-doc-15": "PostgreSQL manual",
    "python-django-doc": "Django documentation",
    "python-sqlalchemy-doc": "SQLAlchemy documentation",
    "perl-doc": "Perl documentation",
    "git-doc": "Git documentation",
    "debian-reference-en": "Debian Reference",
}
FORMAT = 2  # bump when extraction or cutting changes (the cache file name carries it)
MIN_CHARS, MAX_CHARS = 3000, 6000
MIN_PARAGRAPH = 60
AUTHORS = ("Aida Karimova", "Daniyar Abenov", "Leyla Mammadova", "John Smith", "Maria Petrova")
# Paths never read: translations, generated indexes, search pages, the HTML twins of sources.
_SKIP = re.compile(r"/translations/|/_static/|/_images/|genindex|search\.html|/py-modindex|/objects\.inv")
_TEXT_SUFFIXES = (".rst", ".rst.txt", ".txt", ".pod")
_HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class NaturalCorpus:
    articles: list[Article]
    original: int  # how many are cut from the texts as they are (the rest are remixes)


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("energybrowser", appauthor=False)) / "bench"


# -- packages --------------------------------------------------------------------------------------


def installed_files(package: str) -> list[str]:
    proc = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False)
    return proc.stdout.splitlines() if proc.returncode == 0 else []


def ensure_packages(packages: list[str]) -> list[str]:
    """Install the missing packages (as root, through apt-get); returns those still missing."""
    missing = [p for p in packages if not installed_files(p)]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        print(f"installing {' '.join(missing)} …", file=sys.stderr, flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", *missing],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        missing = [p for p in missing if not installed_files(p)]
    return missing


def source_files(package: str) -> list[Path]:
    """The package's documentation files worth reading: sources when a package has both (Sphinx
    ships `_sources/x.rst.txt` beside `x.html`), else HTML."""
    files = sorted(f for f in installed_files(package) if not _SKIP.search(f))
    texts = [f for f in files if f.removesuffix(".gz").endswith(_TEXT_SUFFIXES)]
    htmls = [f for f in files if f.removesuffix(".gz").endswith(_HTML_SUFFIXES)]
    if package == "git-doc":  # AsciiDoc sources with markup noise; the HTML is cleaner
        texts = []
    chosen = texts if len(texts) >= len(htmls) // 2 else htmls
    return [Path(f) for f in chosen if Path(f).is_file()]


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


# -- extraction ------------------------------------------------------------------------------------

_RST_ROLE = re.compile(r":[\w:+-]+:`([^`<]*?)(?:\s*<[^>]*>)?`")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<[^>]*>`_+")
_RST_INLINE = re.compile(r"``([^`]*)``|`([^`]*)`_*|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*")
_POD_CODE = re.compile(r"[A-Z]<+\s?([^<>]*?)\s?>+")
_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+.:_])\1{2,}\s*$")
_SPACES = re.compile(r"\s+")


def _clean_inline(text: str) -> str:
    text = _RST_ROLE.sub(r"\1", text)
    text = _RST_LINK.sub(r"\1", text)
    text = _RST_INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    text = _POD_CODE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def is_prose(text: str) -> bool:
    """A paragraph of running text: long enough, mostly letters, several words."""
    if len(text) < MIN_PARAGRAPH or len(text.split()) < 8:
        return False
    letters = sum(c.isalpha() or c == " " for c in text)
    return letters / len(text) >= 0.8


def text_paragraphs(raw: str) -> tuple[str, list[str]]:
    """Title and prose paragraphs of reStructuredText, plain text or POD."""
    title = ""
    out: list[str] = []
    block: list[str] = []
    literal = False  # inside an indented block after `::` (or a POD verbatim paragraph)

    def flush() -> None:
        nonlocal literal
        if not block:
            return
        first = block[0]
        indented = first[:1] in (" ", "\t")
        text = " ".join(x.strip() for x in block)
        ends_literal = text.endswith("::")
        skip = (literal and indented) or first.lstrip().startswith(("..", "=", "|", "+-", ">>>", "$ "))
        if not skip:
            cleaned = _clean_inline(text.rstrip(":") + ("." if ends_literal else ""))
            if is_prose(cleaned):
                out.append(cleaned)
        if not indented:
            literal = ends_literal
        block.clear()

    lines = raw.splitlines()
    for i, line in enumerate(lines):
        if not title:
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if line.startswith("=head1 NAME"):
                title = "NAME"
            elif line.strip() and _UNDERLINE.match(nxt) and not _UNDERLINE.match(line):
                title = line.strip()
        if _UNDERLINE.match(line):
            block.clear()  # a heading: its text line is not a paragraph
            continue
        if not line.strip():
            flush()
            continue
        block.append(line)
    flush()
    if title == "NAME":
        title = out[0][:80] if out else ""
    return _clean_inline(title), out


def html_paragraphs(raw: bytes) -> tuple[str, list[str]]:
    """Title and prose paragraphs of an HTML page (`p`, list items, definitions; no code)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(raw)
    except Exception:  # an empty or broken page
        return "", []
    # xpath answers in many types (lxml's stubs say so); these expressions select elements, a string.
    junk = root.xpath(
        "//script|//style|//pre|//table|//nav|//div[contains(@class,'sphinxsidebar')]"
        "|//div[contains(@class,'related')]|//div[contains(@class,'navheader')]"
        "|//div[contains(@class,'navfooter')]|//div[contains(@class,'footer')]"
    )
    for bad in junk if isinstance(junk, list) else []:
        if isinstance(bad, lxml.html.HtmlElement):
            bad.drop_tree()
    title = " ".join(str(root.xpath("string(//title)")).split())
    out = []
    for el in root.iter("p", "li", "dd"):
        if not isinstance(el, lxml.html.HtmlElement):
            continue
        if el.tag != "p" and el.find(".//p") is not None:
            continue  # its paragraphs come on their own
        text = _SPACES.sub(" ", el.text_content()).strip()
        if is_prose(text):
            out.append(text)
    return title, out


def file_paragraphs(path: Path) -> tuple[str, list[str]]:
    raw = _read(path)
    name = path.name.removesuffix(".gz")
    if name.endswith(_HTML_SUFFIXES):
        title, paragraphs = html_paragraphs(raw)  # bytes: lxml reads the page's own encoding
    else:
        title, paragraphs = text_paragraphs(raw.decode("utf-8", errors="replace"))
    return title or name.split(".")[0].replace("_", " "), paragraphs


def _pieces(paragraph: str) -> Iterator[str]:
    """A paragraph longer than an article, cut at sentence ends."""
    if len(paragraph) <= MAX_CHARS // 2:
        yield paragraph
        return
    piece = ""
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
        if piece and len(piece) + len(sentence) > MAX_CHARS // 2:
            yield piece
            piece = ""
        piece = f"{piece} {sentence}".strip()
    if piece:
        yield piece


class CutArticle(TypedDict):
    """An article cut from a package's documentation, as the cache keeps it (one JSON line)."""

    title: str
    publisher: str
    paragraphs: list[str]


def cut_articles(package: str, rng: random.Random) -> Iterator[CutArticle]:
    """Consecutive paragraphs of the package's files, packed into articles of 3–6 KB: a short
    file carries on into the next one."""
    title = ""
    chosen: list[str] = []
    size = 0
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    for path in source_files(package):
        file_title, paragraphs = file_paragraphs(path)
        part = 0
        for paragraph in paragraphs:
            for piece in _pieces(paragraph):
                if not chosen:
                    part += 1
                    title = file_title if part == 1 else f"{file_title} ({part})"
                chosen.append(piece)
                size += len(piece) + 2
                if size >= target:
                    yield {"title": title[:150], "publisher": PACKAGES[package], "paragraphs": chosen}
                    chosen, size, target = [], 0, rng.randint(MIN_CHARS, MAX_CHARS)
    if size >= MIN_CHARS // 2:
        yield {"title": title[:150], "publisher": PACKAGES[package], "paragraphs": chosen}


# -- cache and articles ----------------------------------------------------------------------------


def _versions(packages: list[str]) -> str:
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}=${Version}\n", *packages],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout


def extracted(packages: list[str] | None = None, *, seed: int = 1234) -> list[CutArticle]:
    """The articles cut from the packages (from the cache when it is there)."""
    packages = list(packages or PACKAGES)
    missing = ensure_packages(packages)
    present = [p for p in packages if p not in missing]
    if not present:
        raise SystemExit(
            "no documentation package is installed; as root run: apt-get install " + " ".join(packages)
        )
    if missing:
        print(f"not installed (left out): {' '.join(missing)}", file=sys.stderr)
    key = hashlib.sha256(f"{FORMAT}:{seed}:{_versions(present)}".encode()).hexdigest()[:12]
    path = cache_dir() / f"natural-{key}.jsonl.gz"
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    print("extracting documentation text (once; cached) …", file=sys.stderr, flush=True)
    rng = random.Random(seed)
    docs = [doc for package in present for doc in cut_articles(package, rng)]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return docs


def natural_articles(count: int, seed: int = 1234) -> NaturalCorpus:
    """`count` articles: the extracted ones in a fixed shuffled order (sources mixed), then remixes.
    The first `n` articles are the same for every count ≥ n."""
    from energybrowser.bench.sample import make_article

    docs = extracted(seed=seed)
    rng = random.Random(seed)
    order = list(range(len(docs)))
    rng.shuffle(order)
    pool = [p for d in docs for p in d["paragraphs"]]
    remix = random.Random(seed + 1)
    meta_rng = random.Random(seed + 2)
    articles = []
    for n in range(count):
        if n < len(order):
            doc = docs[order[n]]
            title, publisher = doc["title"], doc["publisher"]
            paragraphs = list(doc["paragraphs"])
        else:
            base = docs[remix.randrange(len(docs))]
            title, publisher = f"{base['title']} (remix {n})", str(base["publisher"])
            paragraphs, size, target = [], 0, remix.randint(MIN_CHARS, MAX_CHARS)
            while size < target:
                paragraphs.append(remix.choice(pool))
                size += len(paragraphs[-1]) + 2
        meta = ArticleMeta(
            id=f"natural-{n:06d}",
            title=title,
            authors=(Author(meta_rng.choice(AUTHORS)),),
            publisher=publisher,
            date=PartialDate(meta_rng.randint(2000, 2024), meta_rng.randint(1, 12), meta_rng.randint(1, 28)),
            language="en",
        )
        articles.append(make_article(meta, paragraphs))
    return NaturalCorpus(articles, min(count, len(docs)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m energybrowser.bench.natural", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--size", type=int, default=0, help="also count the terms of this many articles")
    args = parser.parse_args(argv)
    docs = extracted()
    chars = sum(len(p) for d in docs for p in d["paragraphs"])
    print(f"{len(docs):,} articles cut from the packages, {chars / 1e6:.1f} M characters of prose")
    if args.size:
        from energybrowser.search.analysis import analyse

        corpus = natural_articles(args.size)
        terms = {t for a in corpus.articles for t, *_ in analyse(a.text)}
        print(f"{args.size:,} articles ({corpus.original:,} original): {len(terms):,} distinct terms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
