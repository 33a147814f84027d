"""Who published a page: what a careful reader takes from the page and its address.

In order of trust: the page's own metadata (HTML `og:site_name`, `application-name`, JSON-LD
`publisher`); the outlet publishing on the page's address (resources/importer/outlets.yaml); what
the text states (a byline "By X - Trend", a dateline "ASTANA (Kazinform) –", an agency reporting its
own story "..., Azernews reports", a lead-in "WNAM MONITORING:", the site's name after the headline
"... | The Astana Times", a footer "© 2024 X", "Source: X" or a "Follow X on Telegram" promo); last,
the address's own domain for a site the table does not know. A past-tense "X reported" cites
another outlet and is never read as the publisher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from energybrowser.corpus.importer.byline import is_organization, looks_like_name
from energybrowser.corpus.importer.outlets import site_domain, site_outlet
from energybrowser.corpus.importer.vocabulary import fold, vocabulary

MAX_FOOTER_LINE = 120  # a copyright or promo line is short; prose that mentions © is not one
_NAME = r"[A-Z0-9][\w.&/'’-]*(?:\s+[A-Z0-9][\w.&/'’-]*){0,3}"
_TITLE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+(?:[|·•]|[-–—]{1,2})\s+(?P<site>[^|·•–—]{2,60})$")
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*[,.]?\s*)?"
    r"(?P<holder>[^|;]{2,80}?)\s*(?:[.,|;]|\ball rights reserved\b|$)",
    re.IGNORECASE,
)
# "Source: Trend" closing a reposted story: the outlet it comes from (known outlets only).
_SOURCE_LINE = re.compile(
    r"^(?:source|источник|kaynak|quelle)\s*:\s*(?P<name>[^:]{2,60}?)\.?$", re.IGNORECASE
)
_PROMO = re.compile(
    rf"^(?:follow|subscribe to|join)\s+(?P<name>{_NAME})\s+on\s+"
    r"(?:telegram|twitter|x|facebook|instagram|youtube|linkedin|whatsapp|vk|threads)\b",
    re.IGNORECASE,
)
# "..., Azernews reports.", "Report informs", "told Trend": an agency states its own report in the
# present tense, or a source speaks to it; "X reported" cites another outlet.
_OWN_REPORT = re.compile(
    rf"(?:,\s+|^)(?P<agency>{_NAME})\s+(?:reports|informs|has learned|learnt|learned)\b"
    rf"|\btold\s+(?P<told>{_NAME})"
)
# "WNAM MONITORING: Türkiye expects ...", "AKIPRESS: ...": an agency's own label before the text.
_LEAD_LABEL = re.compile(rf"^(?P<agency>{_NAME}?)(?P<desk>\s+[A-Z]{{3,}})?:\s+\S")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“«])")


def outlet_named(text: str) -> str:
    """The outlet `text` names whole ('KAZINFORM' -> 'Kazinform'), '' when the table has none."""
    return vocabulary().outlet_names.get(fold(text.strip()), "")


def known_outlet(name: str) -> str:
    """The outlet `name` (or its longest leading part) is in the table, as the table writes it;
    '' when none is ('Trend News Agency reported' -> 'Trend News Agency')."""
    vocab = vocabulary()
    words = name.strip().rstrip(".,:;").split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size]).rstrip(".,:;'’")
        if fold(candidate) in vocab.known_outlets:
            return vocab.outlet_names.get(fold(candidate), candidate)
    return ""


def lead_agency(paragraph: str) -> str:
    """The agency a news paragraph names as its own in its first sentence: "..., Azernews reports",
    "Report informs", "a representative told Trend", "WNAM MONITORING: ...". Known outlets only."""
    first = _FIRST_SENTENCE.split(paragraph, maxsplit=1)[0]
    label = _LEAD_LABEL.match(first)
    if label and (label["agency"].isupper() or label["desk"]):
        name = outlet_named(label["agency"])
        if name:
            return name
    for m in _OWN_REPORT.finditer(first):
        name = known_outlet(m["agency"] or m["told"])
        if name:
            return name
    return ""


def title_site(title: str, also: Iterable[str] = ()) -> tuple[str, str]:
    """'Gas deal signed | The Astana Times' -> ('Gas deal signed', 'The Astana Times'): the site's
    name after the headline, when it is a known outlet or one of `also` (a name the page states
    elsewhere). Anything else after a dash belongs to the headline."""
    m = _TITLE_SUFFIX.match(title.strip())
    if m is None:
        return title, ""
    site = m["site"].strip()
    name = outlet_named(site)
    if name:
        return m["title"].strip(), name
    if any(fold(site) == fold(other) for other in also if other):
        return m["title"].strip(), site
    return title, ""


def footer_publisher(lines: Iterable[str]) -> str:
    """The holder of a "© 2024 X. All rights reserved." line or the outlet of a "Follow X on
    Telegram" promo (the last one the page gives); '' when none names an organisation."""
    found = ""
    for raw in lines:
        line = raw.strip()
        if not line or len(line) > MAX_FOOTER_LINE:
            continue
        promo = _PROMO.match(line)
        if promo and (name := known_outlet(promo["name"])):
            found = name
            continue
        source = _SOURCE_LINE.match(line)
        if source and (name := outlet_named(source["name"])):
            found = name
            continue
        m = _COPYRIGHT.match(line)
        if m is None:
            continue
        holder = m["holder"].strip(" .,-–—")
        if name := outlet_named(holder):
            found = name
        elif looks_like_name(holder) and is_organization(holder) and not re.search(r"\d", holder):
            found = holder
    return found


BANNER_LINES = 4  # lines at each end of a page where its banner or footer may stand alone
_BRACKETED_OUTLET = re.compile(r"^[^()]{3,60}\((?P<name>[^()]{2,30})\)$")


# "Turkmenistan's State News Agency (", "Baku, 2 June 2025 (": a name or a dateline before the
# bracket, no word in lower case but particles; not a headline crediting its source ("Halyk Bank
# posts record half-year profit (Kapital.kz)").
_TITLED = re.compile(r"\s*(?:(?:[A-Z0-9][\w.,’'&-]*|of|the|and|for|de)\s+)+\(")


def banner_publisher(lines: list[str]) -> str:
    """A line at the top or the foot of the page that is nothing but a known outlet's name or
    site ("Caspian News", "Tengrinews.kz"), or a description ending in one in brackets
    ("Turkmenistan's State News Agency (TDH)"): the page's masthead or footer. '' when none."""
    kept = [line.strip() for line in lines if line.strip()]
    boilerplate = vocabulary().tail_boilerplate
    for line in [*kept[:BANNER_LINES], *reversed(kept[-BANNER_LINES:])]:
        # "Anadolu Agency website contains only a portion of ...": the site's notice names it.
        if any(phrase in fold(line) for phrase in boilerplate) and (name := known_outlet(line)):
            return name
        if len(line) > MAX_FOOTER_LINE:
            continue
        name = outlet_named(line) or (site_outlet(line) if "." in line and " " not in line else "")
        bracketed = _BRACKETED_OUTLET.match(line)
        if (
            not name
            and bracketed
            and len(line.split()) <= 8
            and _TITLED.fullmatch(line[: bracketed.start("name")])
        ):
            name = outlet_named(bracketed["name"])
        if name:
            return name
    return ""


def choose_publisher(site: str, url: str, stated: Iterable[str]) -> str:
    """The page's own metadata (`site`), else the outlet on its address, else the first name the
    text states, else the address's domain."""
    if site:
        return site
    on_address = site_outlet(url) if url else ""
    if on_address:
        return on_address
    for name in stated:
        if name:
            return name
    return site_domain(url) if url else ""
