"""The news dateline an article may open with: "ASTANA. KAZINFORM – ...", "LONDON, Nov 21 (Reuters) -
...", "BAKU, Azerbaijan, March 11 (Trend) — ...", "WASHINGTON (AP) — ...".

Agency copy states its publisher (and often the date) only there, inside the first paragraph, so
the header rules never see it. As with bylines, a dateline is accepted only when every part of it is
understood: a place in capitals (or a capitalised place followed by a date or a bracketed agency),
optional regions, an optional date, and an agency that is a known outlet or, in brackets after a
place in capitals, an organisation's name. The paragraph itself is left as written: a quote must
match the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from energybrowser.corpus.importer.byline import is_organization, looks_like_name
from energybrowser.corpus.importer.dates import StatedDate, parse_date
from energybrowser.corpus.importer.outlets import site_outlet
from energybrowser.corpus.importer.vocabulary import fold, vocabulary

MAX_HEAD = 100  # a dateline is short; the dash that ends it comes early in the paragraph
# The dash that ends a dateline has a space (or a closing bracket) before it, so the hyphen of
# "Baku-Tbilisi-Ceyhan" never ends one.
# "REPORT.AZ/ President ...": some agencies end theirs with a slash right after the name.
_END = re.compile(r"(?:\s+|(?<=\)))[-–—]{1,2}\s*(?=\S)|(?<=\w)/\s+(?=[A-Z])")
_BRACKETED = re.compile(r"^(?P<rest>.*?)[\s,]*\((?P<agency>[^()]{2,40})\)$")
_LAST_SEGMENT = re.compile(r"^(?P<rest>.+)[.,]\s+(?P<agency>[^\s,][^,]{1,39})$")
# Parts of a dateline: "LONDON, Nov 21", "Almaty. October 3" (not the dot of "ST. PETERSBURG").
_PARTS = re.compile(r",|(?:(?<=[^\W\d_]{3})|(?<=\d))\.\s+")
_PLACE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’. -]){1,40}$")


@dataclass(frozen=True)
class Dateline:
    place: str
    publisher: str = ""
    date: StatedDate | None = None


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline `paragraph` opens with, or None when it does not open with one."""
    end = _END.search(paragraph[: MAX_HEAD + 4])
    if end is None or end.start() > MAX_HEAD:
        return None
    head = paragraph[: end.start()].strip()
    bracketed = _BRACKETED.match(head)
    if bracketed:
        agency = bracketed["agency"].strip()
        site = site_outlet(agency) if "." in agency else ""  # "Tashkent, Uzbekistan (Daryo.uz) —"
        if site:
            agency = site
        elif not (looks_like_name(agency) and is_organization(agency)):
            return None
        rest = bracketed["rest"]
    elif fold(head) in vocabulary().known_outlets:
        return Dateline("", _outlet_name(head))  # "PanARMENIAN.Net - Turkey and ..."
    else:
        last = _LAST_SEGMENT.match(head)
        if last is None or fold(last["agency"]) not in vocabulary().known_outlets:
            return None
        agency, rest = last["agency"].strip(), last["rest"]
    return _place_and_date(rest.strip(" ,."), _outlet_name(agency), bracketed is not None)


def _place_and_date(text: str, publisher: str, bracketed: bool) -> Dateline | None:
    """'LONDON, Nov 21' (or 'Almaty. October 3') -> place and date; None unless every part reads
    as one of them."""
    segments = [s.strip() for s in _PARTS.split(text)]
    place = segments[0]
    shouting = place.isupper()
    known = fold(publisher) in vocabulary().known_outlets
    if not _PLACE.match(place) or not (shouting or bracketed or known) or not looks_like_name(place.title()):
        return None
    if not shouting and (len(place.split()) > 3 or fold(publisher) not in vocabulary().known_outlets):
        return None  # "Azerbaijan (SOCAR) – ..." is prose; "Baku (Reuters) –" a dateline
    rest = segments[1:]
    for split in range(len(rest) + 1):
        regions, stated = rest[:split], ", ".join(rest[split:])
        if not all(looks_like_name(r) and len(r.split()) <= 3 for r in regions):
            break
        date = parse_date(stated) if stated else None
        if stated and date is None:
            continue
        return Dateline(place, publisher, date)
    return None


_NOT_PLACE_START = frozenset(("in", "on", "at", "by", "from", "the", "since", "until", "as of"))


def dateline_line(line: str) -> StatedDate | None:
    """The date of a dateline standing on a line of its own ("BAKU, Azerbaijan, Jan. 28",
    "Ashgabat, Turkmenistan, June 5"): a place, optional regions and a date, nothing else. A place
    in capitals may stand alone before the date; otherwise a region must follow it."""
    # "Baku, 2 June 2025 (Trend)": the agency in brackets after the date is no part of it.
    bare = re.sub(r"\s*\([^()]{2,30}\)\s*$", "", line.strip().rstrip("."))
    segments = [s.strip() for s in bare.split(",")]
    if len(segments) < 2 or len(line) > 80:
        return None
    for split in range(len(segments) - 1, 0, -1):
        date = parse_date(", ".join(segments[split:]))
        if date is None:
            continue
        place, regions = segments[0], segments[1:split]
        if not (_PLACE.match(place) and looks_like_name(place.title())):
            return None
        # "Baku, 2 May 2024, 16:05": a place in lower case before a full date is a dateline too.
        full = date.date.year is not None and date.date.day is not None
        if not (place.isupper() or regions or full) or len(place.split()) > 3:
            return None
        if not place.isupper() and fold(place.split()[0]) in _NOT_PLACE_START:
            return None  # "In Baku, 2 May 2024": a sentence's opening, not a dateline
        if all(looks_like_name(r) and len(r.split()) <= 3 for r in regions):
            return date
        return None
    return None


def _outlet_name(agency: str) -> str:
    """The outlet as the vocabulary spells it ('KAZINFORM' -> 'Kazinform'), else as written."""
    return vocabulary().outlet_names.get(fold(agency), agency)


# A press release's or agency's dateline closed by a full stop: "Astana, April 4, 2025. KEGOC ...",
# "Ashgabat, 12 August 2024 (TDH). The State Concern ...", "Baku. 17 December. REPORT.AZ/ ...".
_STOPPED = re.compile(
    r"(?P<place>[^\W\d_][\w'’ -]{1,30}?)[,.]\s+(?P<date>[^.()/]{3,30}?)"
    r"(?:\s*\((?P<agency>[^()]{2,30})\)|\.\s*/(?P<slashed>[^/\s]{2,20})/)?\.\s+(?=[\w\"“‘'])"
)


def read_stopped_dateline(paragraph: str) -> Dateline | None:
    """A dateline closed by a full stop ("Ashgabat, 12 August 2024 (TDH). The ..."): its place,
    its date and the agency in brackets when the outlet table knows it; None when the paragraph
    does not open with one."""
    stopped = _stopped(paragraph)
    if stopped is None:
        return None
    agency = stopped["agency"] or stopped["slashed"] or ""  # "(TDH)", "/TASS/"
    publisher = vocabulary().outlet_names.get(fold(agency), "") if agency else ""
    return Dateline(stopped["place"].strip(), publisher, parse_date(stopped["date"]))


def _stopped(paragraph: str) -> re.Match[str] | None:
    stopped = _STOPPED.match(paragraph[: MAX_HEAD + 4])
    if stopped is None or len(stopped["place"].split()) > 3 or not looks_like_name(stopped["place"]):
        return None
    if fold(stopped["place"].split()[0]) in _NOT_PLACE_START or parse_date(stopped["date"]) is None:
        return None
    return stopped
