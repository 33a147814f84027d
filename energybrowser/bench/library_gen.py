"""A library of real-text articles for the start-up benchmark: `python -m energybrowser.bench.library_gen
--size 10000 --out DIR`.

Each article is about 4 KB of real paragraphs (the bundled corpus, the seed articles and any other
folder of articles given), mixed so every article is unique, with a unique id and metadata of the
kinds real articles carry (a title from its own opening sentence, authors, publisher, a date at the
precision sources give, a URL). Written as Markdown files, as the importer writes them.

A few hundred source paragraphs fill 10,000 articles, so each would be repeated in a hundred of
them, and every agreement it states would be "reported" by a hundred articles on the same day. Each
article therefore moves the years and months its paragraphs state (by an offset of its own): the
same sentences, about other events, as in a real library where most agreements are reported a few
times, not a hundred.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from pathlib import Path

from energybrowser.corpus.markdown_io import dump_article_parts, slugify
from energybrowser.corpus.model import MONTHS, ArticleMeta, Author, PartialDate

TARGET_CHARS = 4000
MIN_PARAGRAPH = 80
PUBLISHERS = (
    "Caspian Wire", "Astana Times", "Baku Review", "Energy Monitor", "Trend", "Report.az", "Azernews",
    "Kazinform", "Eurasianet", "Caspian Policy Center", "Times Tengri", "Modern Diplomacy",
)  # fmt: skip
AUTHORS = (
    "Aida Karimova", "Daniyar Abenov", "Leyla Mammadova", "John Smith", "Maria Petrova", "Nurlan Seitkali",
    "Elnur Aliyev", "Sarah Collins", "Timur Zhaksylykov", "Gulnara Ismayilova", "Paul Goble",
)  # fmt: skip
_BLANK = re.compile(r"\n\s*\n")
_YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def _moved(text: str, years: int, months: int) -> str:
    """The paragraph with its years and month names moved by the article's offsets."""
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    return _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + months) % 12], text)


def source_paragraphs(folders: Sequence[Path]) -> list[str]:
    """Paragraphs of real articles: every block of text of 80 characters or more, front matter
    and Markdown headings left out, each once."""
    found: dict[str, None] = {}
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() not in (".md", ".txt"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.startswith("---"):
                text = text.split("\n---", 1)[-1]
            for block in _BLANK.split(text):
                block = " ".join(block.split())
                if len(block) >= MIN_PARAGRAPH and not block.startswith(("#", "[^", "---")):
                    found[block] = None
    return list(found)


def _title(rng: random.Random, paragraph: str) -> str:
    words = paragraph.split()
    return " ".join(words[: rng.randint(6, 12)]).rstrip(",.;:")


def _date(rng: random.Random) -> PartialDate:
    year = rng.randint(2010, 2025)
    roll = rng.random()
    if roll < 0.8:
        return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
    if roll < 0.9:
        return PartialDate(year, rng.randint(1, 12))
    return PartialDate() if roll < 0.97 else PartialDate(year)


def article_text(rng: random.Random, n: int, paragraphs: Sequence[str]) -> tuple[str, str]:
    """File name and Markdown of article `n`."""
    chosen: list[str] = []
    size = 0
    while size < TARGET_CHARS:
        text = rng.choice(paragraphs)
        if text not in chosen:
            chosen.append(text)
            size += len(text) + 2
    years, months = rng.randint(-12, 12), rng.randint(0, 11)
    chosen = [_moved(text, years, months) for text in chosen]
    title = _title(rng, chosen[0])
    article_id = f"{slugify(title, 50)}-{n:06d}"
    date = _date(rng)
    authors = tuple(Author(a) for a in rng.sample(AUTHORS, rng.choice((0, 1, 1, 1, 2))))
    meta = ArticleMeta(
        id=article_id,
        title=title,
        authors=authors,
        publisher=rng.choice(PUBLISHERS),
        date=date,
        date_text=date.display() if not date.is_empty else "",
        url=f"https://example.org/news/{article_id}",
        language="en",
        kind=rng.choice(("news", "news", "analysis")),
    )
    return f"{article_id}.md", dump_article_parts(meta, "\n\n".join(chosen))


def generate(out: Path, size: int, sources: Sequence[Path], seed: int = 20261207) -> Path:
    """Write `size` articles into `out` (kept if it already holds exactly that many)."""
    out.mkdir(parents=True, exist_ok=True)
    if len(list(out.glob("*.md"))) == size:
        return out
    for old in out.glob("*.md"):
        old.unlink()
    paragraphs = source_paragraphs(sources)
    if len(paragraphs) < 20:
        raise SystemExit(f"too few paragraphs in {', '.join(map(str, sources))} to make articles")
    rng = random.Random(seed)
    for n in range(size):
        name, text = article_text(rng, n, paragraphs)
        (out / name).write_text(text, encoding="utf-8")
    return out


def default_sources() -> list[Path]:
    from energybrowser.resources import bundled_corpus_dir

    here = Path(__file__).resolve()
    found = [bundled_corpus_dir()]
    for parent in here.parents:  # shared article folders beside a checkout, when present
        for name in ("dev-articles", "seeds"):
            candidate = parent / "shared" / name
            if candidate.is_dir() and candidate not in found:
                found.append(candidate)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m energybrowser.bench.library_gen", description=__doc__)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, action="append", help="folders of articles (repeatable)")
    args = parser.parse_args()
    generate(args.out, args.size, args.source or default_sources())
    print(f"{args.size} articles in {args.out}")


if __name__ == "__main__":
    main()
