"""The thin layer after citeproc-py: rules the CSL spec or the style asks for that citeproc-py misses.

Every fix is tied to a named gap and is a no-op when the gap does not show, so a future citeproc-py that
gets it right passes through untouched.
"""

from __future__ import annotations

import html
import re

_PUNCT_AFTER_QUOTE = re.compile(r"([”’])([.,])")
_DOUBLED_END = re.compile(r"([?!])([.,])(?=[”’])")
# Stands for the item's URL while the fixes run, so that none of them can touch it.
URL_STAND_IN = "\ue010"
_RETRIEVED_WITHOUT_DATE = re.compile(r"\bRetrieved (?=(?:<[^>]+>)?(?:https?://|" + URL_STAND_IN + "))")


def punctuation_in_quote(text: str) -> str:
    """Locales such as en-US set `punctuation-in-quote`: a period or comma after a closing quote moves
    inside it (“Title.” not “Title”.). citeproc-py reads the option but never applies it.

    A closing ’ is also an apostrophe ("the Kazakhs’."), so only a ’ that closes a quote opened with ‘
    counts.
    """

    def move(m: re.Match[str]) -> str:
        quote, mark = m.group(1), m.group(2)
        if quote == "’" and text.rfind("‘", 0, m.start()) == -1:
            return m.group(0)
        return mark + quote

    moved = _PUNCT_AFTER_QUOTE.sub(move, text)
    # "Is gas the future?" keeps its own mark: no period joins it inside the quote.
    return _DOUBLED_END.sub(r"\1", moved)


_PERIOD_AFTER_MARK = re.compile(r"([?!])((?:</[a-z]+>)*)\.(?!\.)")
_COMMA_AFTER_MARK = re.compile(r"([?!])((?:</[a-z]+>)*),")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def no_period_after_question(text: str, *, comma_too: bool = False) -> str:
    """A title ending in "?" or "!" takes no period after it (APA, Chicago, MLA; the CSL spec's
    punctuation rules): "happening? Trend.az", not "happening?. Trend.az". Chicago and MLA drop a
    following comma too ("Kazakhstan?" n.d.). citeproc-py adds the style's delimiter regardless."""
    text = _PERIOD_AFTER_MARK.sub(r"\1\2", text)
    return _COMMA_AFTER_MARK.sub(r"\1\2", text) if comma_too else text


def typographic_apostrophes(text: str) -> str:
    """A straight apostrophe inside a word becomes ’ ("Tokayev’s", "O’Brien"), as citeproc-js and the
    style guides print it; citeproc-py leaves it straight."""
    return _APOSTROPHE.sub("’", text)


def drop_repeated_substitute(text: str, candidates: list[str], *, is_html: bool) -> str:
    """CSL: a variable used in `cs:substitute` (the title, or a newspaper's name, standing in for a
    missing author) is suppressed for the rest of the entry. citeproc-py suppresses it only when the
    substitute names the variable directly, not through a macro as current styles do, so it would
    print twice ("Caspian News. 2023. “…” Caspian News, February 10."). The entry opens with the
    substitute; its second copy goes, with its wrapping (italics or quotes) and the space before it.

    Of the delimiters on either side of the copy one stays, as when CSL leaves an element out: the
    one before it when there is one ("n.d. Title. Retrieved" → "n.d. Retrieved"), else the one after
    it, which then belongs to the enclosing group (Cite Them Right's "Title (no date) Title. Available
    at" → "Title (no date). Available at", as citeproc-js prints it).
    """
    for candidate in candidates:
        if not candidate.strip():
            continue
        shown = html.escape(candidate, quote=False) if is_html else candidate
        matches = list(_occurrence(shown).finditer(text))
        if matches and matches[0].start() == 0:
            if len(matches) < 2:
                return text
            copy = _copy(shown).match(text, matches[1].start())
            assert copy is not None  # the occurrence pattern starts with the copy's own
            before = text[: matches[1].start()].rstrip()
            after = text[copy.end() :]
            if after[:1] in _DELIMITER_MARKS and _ends_with_mark(before):
                after = after[1:]
            return (before + after).rstrip()
    return text


_DELIMITER_MARKS = frozenset(".,:;")
_CLOSING = re.compile(r"(?:</[a-z]+>|[”’\"])*$")


def _ends_with_mark(text: str) -> bool:
    """Whether `text` ends with a delimiter's mark, perhaps inside a closing quote or tag (“Oil.”)."""
    bare = _CLOSING.sub("", text)
    return bare[-1:] in _DELIMITER_MARKS


def _occurrence(shown: str) -> re.Pattern[str]:
    body = re.escape(shown).replace(r"\ ", r"\s+")
    return re.compile(
        r"(?:<i>|<b>|[“‘\"])?" + body + r"[.,]?(?:</i>|</b>|[”’\"])?[.,:;]?(?:\s+|$)", re.IGNORECASE
    )


def _copy(shown: str) -> re.Pattern[str]:
    """The copy itself with its wrapping (and a period a quote closes on), not what follows it."""
    body = re.escape(shown).replace(r"\ ", r"\s+")
    return re.compile(r"(?:<i>|<b>|[“‘\"])?" + body + r"(?:[.,]?[”’\"]|</i>|</b>)?", re.IGNORECASE)


def plain_description(text: str, description: str) -> str:
    """A bracketed description standing for a missing title is neither italicised, quoted nor
    title-cased (APA, Chicago): the styles treat it as a title, so it is set back as written."""
    pattern = re.compile(r"(?:<i>|[“‘])?" + re.escape(description) + r"([.,]?)(?:</i>|[”’])?", re.IGNORECASE)
    return pattern.sub(lambda m: description + m.group(1), text)


def drop_dateless_retrieved(text: str) -> str:
    """The APA 7 style prints "Retrieved" before the URL of an undated item even when it has no
    retrieval date to give; APA then wants the bare URL."""
    return _RETRIEVED_WITHOUT_DATE.sub("", text)
