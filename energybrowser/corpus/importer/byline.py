"""Title, authors, publisher and date from the lines a page states them in.

A byline line is accepted only when every part of it is understood ("By Jane Doe | Reuters |
March 3, 2024", "date 2022-08-25 By Azernews", "Writer: Times Tengri", "Oct 24"); anything else is
left for the body. A site or agency is never taken for a person: "By Azernews" names a publisher,
"Writer: Times Tengri" an organisation as author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from energybrowser.corpus.importer.dates import StatedDate, find_date, parse_date
from energybrowser.corpus.importer.furniture import words_of
from energybrowser.corpus.importer.outlets import site_outlet
from energybrowser.corpus.importer.vocabulary import fold, vocabulary
from energybrowser.corpus.model import Author

# Parts of a byline: "By Jane Doe | Reuters", "By Jane Doe - Trend", "By Jane Doe– Trend".
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|\s*[—–]\s+|\s+-\s+|\s{3,}")
# "By Messenger Staff", "Reuters Staff Writer": the outlet's staff sign, the outlet publishes.
_STAFF = re.compile(
    r"^(?P<outlet>.+?)\s+(?:staff|staff writers?|staff reporters?|newsroom|desk|editorial team)$", re.I
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bve\b|\bи\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
_TIME_OF_DAY = re.compile(
    r"^\(?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)?\)?$", re.I
)
_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "da", "di", "du", "la", "le"}
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$", re.UNICODE)


@dataclass
class Byline:
    authors: list[Author] = field(default_factory=list)
    publisher: str = ""
    date: StatedDate | None = None

    def merge(self, other: Byline) -> None:
        for author in other.authors:
            if author not in self.authors:
                self.authors.append(author)
        self.publisher = self.publisher or other.publisher
        self.date = self.date or other.date

    @property
    def is_empty(self) -> bool:
        return not (self.authors or self.publisher or self.date)


def is_organization(name: str) -> bool:
    """A site, agency or institution rather than a person."""
    vocab = vocabulary()
    folded = fold(name)
    if folded in vocab.known_outlets:
        return True
    words = folded.replace(".", " ").split()
    if len(words) == 1:
        # Persons sign with at least two names; one word is a site ("Azernews") or an agency.
        return True
    return any(w in vocab.organization_words for w in words)


def looks_like_name(text: str) -> bool:
    """One to five capitalised words (particles allowed): a person's or an outlet's name."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60:
        return False
    capitalised = 0
    for word in words:
        if fold(word) in _PARTICLES:
            continue
        if not _NAME_WORD.match(word) or not word[:1].isupper():
            return False
        capitalised += 1
    return capitalised >= 1


def _strip_label(segment: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """('by', 'Jane Doe') for 'By Jane Doe' or 'Author: Jane Doe'."""
    folded = fold(segment)
    for label in labels:
        if folded == label or folded.startswith((label + " ", label + ":")):
            rest = segment[len(label) :].lstrip(" :.-–—").strip()
            return label, rest
    return None


def _names(text: str) -> list[str] | None:
    parts = [p.strip() for p in _NAME_SPLIT.split(text) if p.strip()]
    if parts and all(looks_like_name(p) for p in parts):
        return parts
    return None


def _split_segments(line: str) -> list[str]:
    """Split at separators and before author/date labels ('date 2022-08-25 By Azernews')."""
    segments: list[str] = []
    vocab = vocabulary()
    labels = [
        label
        for label in (*vocab.author_labels, *vocab.publisher_labels, *vocab.date_labels)
        if " " not in label
    ]
    label_re = re.compile(r"\s+(?=(?:" + "|".join(map(re.escape, labels)) + r")\b[:\s])", re.IGNORECASE)
    for part in _SEGMENT_SPLIT.split(line.strip().rstrip(":").rstrip()):
        segments.extend(s.strip() for s in label_re.split(part) if s.strip())
    return segments


_AGO = re.compile(
    r"^(?:\d+|an?|one)\s+(?:sec|second|min|minute|hour|day|week)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.IGNORECASE,
)
# A newsletter's unsigned credit: it names no author, and "by" would read it as a byline.
_UNSIGNED_CREDIT = re.compile(
    r"\b(?:compiled|edited|prepared|written|curated)\s+by\s+(?:the\s+|our\s+)?"
    r"(?:editors|editorial\s+(?:team|staff|board|desk)|newsroom|news\s+desk|staff)\b",
    re.IGNORECASE,
)
_UPDATE_NOTE = re.compile(r"(?P<stated>[^()]+?)\s*\((?P<note>[^()]+)\)")
_DATELINE_PLACE = re.compile(r"[A-ZÇĞİÖŞÜƏ]{3,}(?:[ -][A-ZÇĞİÖŞÜƏ]{3,})?,?\s+(?P<date>\S.*)")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<name>[a-z0-9-]+)\.(?P<tld>[a-z]{2,6})/?$", re.I)


def _read_segment(segment: str, byline: Byline) -> bool:
    vocab = vocabulary()
    if any(p.match(fold(segment)) for p in vocab.counter_patterns) or _TIME_OF_DAY.match(segment):
        return True  # "4 min read" and "10:45" ride along in bylines
    if re.fullmatch(r"\d{1,4}", segment):
        return True  # a comment or view count beside the date ("2017-06-05 11:04 | site | 1")
    domain = _DOMAIN.match(segment)
    if domain and not parse_date(segment):  # "www.trend.az": the outlet's site
        name = site_outlet(segment) or vocab.outlet_names.get(fold(domain["name"]), "")
        byline.publisher = byline.publisher or name or segment.removeprefix("www.")
        return True
    labelled = _strip_label(segment, vocab.date_labels)
    if labelled:
        found = parse_date(labelled[1]) if labelled[1] else None
        if found:
            byline.date = byline.date or found
            return True
        return bool(_AGO.match(labelled[1]))  # "Updated 2 hours ago": when the page was seen, no date
    labelled = _strip_label(segment, vocab.publisher_labels)
    if labelled:  # "Source: Xinhua"
        if not (labelled[1] and looks_like_name(labelled[1]) and is_organization(labelled[1])):
            return False
        byline.publisher = byline.publisher or labelled[1]
        return True
    labelled = _strip_label(segment, vocab.author_labels)
    if labelled:
        label, rest = labelled
        dated = find_date(rest)
        if dated:  # "By Jane Doe, March 3, 2024"
            found, start, end = dated
            byline.date = byline.date or found
            rest = (rest[:start] + rest[end:]).strip(" ,")
        names = _names(rest)
        if not names:
            return False
        for name in names:
            staff = _STAFF.match(name)
            if staff and label == "by":
                byline.authors.append(Author(name, organization=True))
                byline.publisher = byline.publisher or staff["outlet"]
            elif is_organization(name):
                # "By Azernews": an agency's byline names the publisher; "Writer: X" an author.
                if label == "by" and not byline.publisher:
                    byline.publisher = name
                else:
                    byline.authors.append(Author(name, organization=True))
            else:
                byline.authors.append(Author(name))
        return True
    found = parse_date(segment)
    if found:
        byline.date = byline.date or found
        return True
    noted = _UPDATE_NOTE.fullmatch(segment)  # "12 September 2025, 11:05 (Updated: ..., 15:40)"
    if noted and _read_segment(noted["stated"], byline):
        return _read_segment(noted["note"], byline)
    placed = _DATELINE_PLACE.fullmatch(segment)  # "ISTANBUL Feb 21, 2025": a dateline's city and date
    if placed and (found := parse_date(placed["date"])):
        byline.date = byline.date or found
        return True
    if looks_like_name(segment) and is_organization(segment):
        byline.publisher = byline.publisher or segment  # "Reuters", "Caspian News"
        return True
    return False


def parse_byline(line: str) -> Byline | None:
    """The byline a line states, or None unless every part of the line is understood. One part
    may be an unlabelled person's name when the line also states a date ("Jane Doe | 3 May 2024")."""
    if not line.strip() or len(line) > 200:
        return None
    byline = Byline()
    line = _UNSIGNED_CREDIT.sub("", line)  # "Published 10 March 2025 · Compiled by the editors"
    unread = [segment for segment in _split_segments(line) if not _read_segment(segment, byline)]
    if len(unread) == 1 and byline.date and looks_like_name(unread[0]) and len(unread[0].split()) >= 2:
        byline.authors.append(Author(unread[0]))
    elif unread:
        return None
    labels = vocabulary().author_labels
    signed = any(_strip_label(segment, labels) for segment in _split_segments(line))
    if not byline.authors and not byline.date and not (signed and byline.publisher):
        return None  # a lone outlet name is a site banner, not a byline; "By Azernews" signs
    return byline


def restore_case(name: str, text: str) -> str:
    """'Şeyma KIZILAY' -> 'Şeyma Kızılay' when the text itself writes the name that way; capitals
    used for emphasis are typography, the text's own spelling is the name."""
    words = []
    for word in name.split():
        if len(word) > 1 and word.isupper():
            for candidate in words_of(text):
                if candidate != word and candidate.upper() == word and not candidate.isupper():
                    word = candidate
                    break
        words.append(word)
    return " ".join(words)


def bio_author(lines: list[str], text: str) -> str | None:
    """The author named by a bio block: a name line, maybe repeated, then prose opening with it
    ('Şeyma KIZILAY' / 'Şeyma KIZILAY, 2016 yılında ...')."""
    if len(lines) < 2:
        return None
    name = lines[0].strip()
    if not looks_like_name(name) or len(name.split()) < 2 or is_organization(name):
        return None
    for line in lines[1:]:
        stripped = line.strip()
        if stripped == name:
            continue
        if fold(stripped).startswith(fold(name)) and len(stripped) > len(name):
            next_char = stripped[len(name) : len(name) + 1]
            if next_char in {",", " ", "(", "—", "–"}:
                return restore_case(name, text)
        return None
    return None


_BIO_VERB = re.compile(
    r"^(?:[,(—–]|(?:is|was|has|works|worked|holds|serves|teaches|writes|covers)\b)", re.IGNORECASE
)


def leading_name(paragraph: str) -> str | None:
    """'Jane Doe is a senior fellow at ...' -> 'Jane Doe' (the name a bio paragraph opens with)."""
    words = paragraph.split()
    for size in (4, 3, 2):
        if len(words) <= size:
            continue
        name = " ".join(words[:size]).rstrip(",")
        after = paragraph[len(" ".join(words[:size])) :].lstrip()
        if words[size - 1].endswith(","):
            after = "," + after
        if looks_like_name(name) and not is_organization(name) and _BIO_VERB.match(after):
            return name
    return None


def is_bio_of(paragraph: str, names: list[str]) -> bool:
    """A closing paragraph about an author the byline already named ('Jane Doe is a reporter ...')."""
    opener = leading_name(paragraph)
    return bool(opener) and any(fold(opener) == fold(name) for name in names)
