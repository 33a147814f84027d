"""From what the user typed to a Whoosh query that is safe, alias-aware and cheap to run.

Steps: `sanitize` caps the text; gazetteer names are widened to all their variants (KMG →
KazMunayGas, KazMunaiGas, ...); Whoosh's parser reads the syntax (fields, phrases, AND/OR/NOT,
grouping, prefix*, fuzzy~); then the tree is rewritten: keyword-field values are matched to the
stored values case-insensitively (and through the gazetteer), and prefix, wildcard and fuzzy terms
are expanded to at most `MAX_EXPANSION` real terms, the most frequent first, because a short
prefix can otherwise expand to hundreds of terms and dominate the search time.
"""

from __future__ import annotations

import fnmatch
import heapq
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.common import QueryParserError
from whoosh.reading import IndexReader

from energybrowser.entities.gazetteer import Gazetteer, GazetteerEntry, fold
from energybrowser.search.analysis import analyse, fold_word, stem
from energybrowser.search.everything import FieldEvery
from energybrowser.search.phrase import FastPhrase
from energybrowser.search.sanitize import MAX_DEPTH, Sanitized, fields_read, literal_words, sanitize
from energybrowser.search.schema import (
    DEFAULT_FIELDS,
    FIELD_BOOSTS,
    KEYWORD_FIELDS,
    build_schema,
)
from energybrowser.search.termdict import TermDictionary

MAX_EXPANSION = 24  # terms a prefix, wildcard or fuzzy term may stand for
TYPING_EXPANSION = 8  # terms the word being typed may stand for
MIN_PREFIX = 3  # search-as-you-type widens the last word to a prefix from this length on
# What the stemmer takes off a word's end (the stems a wildcard pattern is tried on), and how many
# letters of a pattern's literal start a stem may lack.
STEM_ENDINGS = (
    *("s", "e", "es", "ed", "ing", "er", "ers", "ly"),
    *("ion", "ions", "ation", "ations", "ment", "ments"),
)
STEM_CUT = 3
MAX_ALIAS_WORDS = 8
# Seconds one query may spend expanding fuzzy and wildcard terms: Whoosh walks the lexicon for each
# (32 `word~2` terms took 66 s on 1,500 articles). Past it, terms match as written and a note says so.
EXPANSION_BUDGET = 1.0
LIMITED_NOTE = "Some fuzzy or wildcard terms were matched only as written, to keep the search quick."
# Said when a wildcard, fuzzy term or range stands for more words than it is expanded to.
BOUNDED_NOTE = "{what} matches {count:,} words; showing results for the {shown} most frequent."
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_LEXEME = re.compile(r'[^\s()"]+:"[^"]*"|"[^"]*"|[()]|[^\s()"]+')
_PLAIN_WORD = re.compile(r"^\w[\w.'’-]*$")


@dataclass(frozen=True)
class CompiledQuery:
    query: wq.Query | None
    text: str  # the query as finally parsed
    notes: tuple[str, ...] = ()
    error: str = ""  # set when nothing can be searched
    # What to highlight in the body: single terms and phrases (as lists of terms).
    terms: frozenset[str] = field(default_factory=frozenset)
    phrases: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = ()  # the plain words typed, for "did you mean"


_SCHEMA = build_schema()
# The fields a query may name (`title:`), and those a note about an unknown one lists.
QUERY_FIELDS = frozenset(_SCHEMA.names())
SHOWN_FIELDS = ("title", "author", "publisher", "year", "entity", "party", "type", "language")


@lru_cache(maxsize=1)
def _parser() -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), _SCHEMA, fieldboosts=FIELD_BOOSTS)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())
    return parser


class QueryCompiler:
    """Compiles queries against one index reader (expansions read its lexicon)."""

    def __init__(self, reader: IndexReader, gazetteer: Gazetteer | None) -> None:
        self.reader = reader
        self.gazetteer = gazetteer
        self._keyword_values: dict[str, list[str]] = {}
        self._expansions: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._matched: dict[tuple[str, str, str], int] = {}  # how many terms an expansion had
        self.terms = TermDictionary(reader)
        self._deadline = math.inf
        self._limited = False
        self._bounded: list[str] = []

    # -- public ----------------------------------------------------------------------------------

    def compile(self, raw: str, *, as_you_type: bool = False) -> CompiledQuery:
        # The budget holds for this query only: a query that ran out of it (a busy machine) must
        # not leave later expansions, asked for outside `compile`, cut short.
        self._deadline, self._limited = time.perf_counter() + EXPANSION_BUDGET, False
        self._bounded = []
        try:
            compiled = self._compile(raw, as_you_type)
            limited = self._limited
        finally:
            self._deadline, self._limited = math.inf, False
        notes = [*compiled.notes, *dict.fromkeys(self._bounded)]
        if limited:
            notes.append(LIMITED_NOTE)
        if len(notes) != len(compiled.notes):
            compiled = replace(compiled, notes=tuple(notes))
        return compiled

    def _compile(self, raw: str, as_you_type: bool) -> CompiledQuery:
        cleaned = sanitize(raw or "")
        if not cleaned.text:
            return CompiledQuery(None, "", cleaned.notes, error="Type something to search for.")
        if not cleaned.literal:
            text, said = fields_read(cleaned.text, QUERY_FIELDS, SHOWN_FIELDS)
            cleaned = Sanitized(text.strip(), (*cleaned.notes, *said))
            if not cleaned.text:
                return CompiledQuery(None, "", cleaned.notes, error="Type something to search for.")
        prefix_word = None
        if as_you_type and not cleaned.literal:
            cleaned, prefix_word = _while_typing(cleaned)
            if not cleaned.text:
                return CompiledQuery(None, "", cleaned.notes)  # too short yet: no results, no error
        text = cleaned.text if cleaned.literal else self._widen_aliases(cleaned.text)
        try:
            q = self._parse(text, cleaned)
        except Exception:  # Whoosh plugins raise assorted errors on odd input; never let one escape
            words = literal_words(cleaned.text)
            note = "The query could not be read as search syntax, so its words are searched as they are."
            if not words:
                return CompiledQuery(
                    None, cleaned.text, (*cleaned.notes, note), error="Nothing to search for."
                )
            q = self._literal(words)
            cleaned = Sanitized(" ".join(words), (*cleaned.notes, note), literal=True)
        if prefix_word:
            q = self._with_prefix(q, prefix_word)
        if q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return CompiledQuery(None, text, cleaned.notes, error="The query has no searchable words.")
        _prefer_union_trees(q)
        terms, phrases = self.highlight_terms(q)
        return CompiledQuery(q, text, cleaned.notes, "", terms, phrases, tuple(_typed_words(cleaned.text)))

    # -- parsing ---------------------------------------------------------------------------------

    def _parse(self, text: str, cleaned: Sanitized) -> wq.Query | None:
        if cleaned.literal:
            return self._literal(literal_words(text))
        q = _parser().parse(text)
        if _depth(q) > 4 * MAX_DEPTH:
            raise QueryParserError("query nests too deeply")
        return self._rewrite(q)

    def _literal(self, words: list[str]) -> wq.Query | None:
        parts = [self._default_term(w) for w in words]
        parts = [p for p in parts if p is not None]
        return wq.And(parts) if parts else None

    def _default_term(self, word: str) -> wq.Query | None:
        terms = [t for t, *_ in analyse(word)]
        if not terms:
            return None
        if len(terms) == 1:
            return wq.Or([wq.Term(f, terms[0], boost=FIELD_BOOSTS[f]) for f in DEFAULT_FIELDS])
        return wq.Or([FastPhrase(f, terms, boost=FIELD_BOOSTS[f]) for f in DEFAULT_FIELDS])

    def _rewrite(self, q: wq.Query) -> wq.Query:
        if isinstance(q, wq.Every):
            # `*` and `field:*`: from the length column, not every term's postings (see FieldEvery).
            return FieldEvery(q.fieldname, boost=q.boost)
        if isinstance(q, wq.TermRange) and self.terms.covers(q.fieldname):
            return self._range(q)
        if isinstance(q, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Term, wq.Phrase)):
            fieldname = q.fieldname
            if fieldname in KEYWORD_FIELDS:
                return self._keyword_query(q)
            if isinstance(q, wq.Prefix):
                terms = self.expand_prefix(fieldname, q.text)
                self._say_bounded(("prefix", fieldname, fold_word(q.text)), f"{q.text}*")
                return self._expanded(fieldname, terms, q.boost)
            if isinstance(q, wq.Wildcard):
                terms = self.expand_wildcard(fieldname, q.text)
                self._say_bounded(("wildcard", fieldname, fold_word(q.text)), q.text)
                return self._expanded(fieldname, terms, q.boost)
            if isinstance(q, wq.FuzzyTerm):
                terms = self.expand_fuzzy(fieldname, q.text, q.maxdist)
                key = ("fuzzy", fieldname, f"{fold_word(q.text)}~{q.maxdist}")
                self._say_bounded(key, f"{q.text}~{q.maxdist}")
                return self._expanded(fieldname, terms, q.boost)
            if isinstance(q, wq.Phrase) and not isinstance(q, FastPhrase):
                return FastPhrase(fieldname, q.words, slop=q.slop, boost=q.boost)
            return q
        if q.is_leaf():
            return q
        return q.apply(self._rewrite)

    def _say_bounded(self, key: tuple[str, str, str], what: str) -> None:
        count = self._matched.get(key, 0)
        if count > MAX_EXPANSION:
            self._bounded.append(BOUNDED_NOTE.format(what=what, count=count, shown=MAX_EXPANSION))

    def _range(self, q: wq.TermRange) -> wq.Query:
        """A range of a text field: its most frequent terms (any range: `{a TO}` holds most of the
        lexicon, which Whoosh would turn into one term query per word)."""
        fieldname = q.fieldname
        start = fold_word(q.start) if q.start else None
        end = fold_word(q.end) if q.end else None
        key = ("range", fieldname, f"{start}\x00{end}\x00{q.startexcl}{q.endexcl}")
        if key not in self._expansions:
            spans = []
            for seg in self.terms.fields(fieldname):
                lo, hi = seg.range(start, end, q.startexcl, q.endexcl)
                spans.append((seg, lo, hi))
            ranked, count = self.terms.most_frequent_in(fieldname, spans, MAX_EXPANSION)
            self._expansions[key] = tuple(ranked)
            self._matched[key] = count
        low = "{" if q.startexcl else "["
        high = "}" if q.endexcl else "]"
        self._say_bounded(key, f"{low}{q.start or ''} TO {q.end or ''}{high}")
        return self._expanded(fieldname, self._expansions[key], q.boost)

    def _expanded(self, fieldname: str, terms: tuple[str, ...], boost: float) -> wq.Query:
        if not terms:
            return wq.Term(fieldname, "\x00no-such-term", boost=boost)
        if len(terms) == 1:
            return wq.Term(fieldname, terms[0], boost=boost)
        return wq.Or([wq.Term(fieldname, t) for t in terms], boost=boost)

    def _with_prefix(self, q: wq.Query | None, word: str) -> wq.Query | None:
        """Search-as-you-type: the last word also matches the words it begins."""
        folded = fold_word(word)
        widened = wq.Or(
            [
                self._expanded(f, self.expand_prefix(f, folded)[:TYPING_EXPANSION], FIELD_BOOSTS[f])
                for f in DEFAULT_FIELDS
            ]
        )
        return widened if q is None else _replace_last(q, widened)

    # -- expansions (capped, most frequent first) ------------------------------------------------

    def expand_prefix(self, fieldname: str, prefix: str) -> tuple[str, ...]:
        prefix = fold_word(prefix)
        key = ("prefix", fieldname, prefix)
        if key not in self._expansions:
            stems = {prefix, stem(prefix)} if prefix.isalpha() else {prefix}
            # The lexicon holds stems, and a stem can be shorter than the word being typed
            # ("cooperat" is on its way to "cooperation", indexed as "cooper").
            cuts = [prefix[:-cut] for cut in range(1, 4) if len(prefix) - cut >= 4]
            shorter = {c for c in cuts if c.isalpha() and self._known(fieldname, c)}
            if self.terms.covers(fieldname):
                ranked, count = self.terms.with_prefixes(fieldname, stems, MAX_EXPANSION)
                extra = shorter - set(ranked)
                if extra:
                    ranked = self.terms.most_frequent(fieldname, {*ranked, *extra}, MAX_EXPANSION)
                self._expansions[key] = tuple(ranked)
                self._matched[key] = count + len(extra)
            else:
                candidates: set[str] = set(shorter)
                for p in stems:
                    candidates.update(self._terms_with_prefix(fieldname, p))
                self._expansions[key] = self._most_frequent(fieldname, candidates)
                self._matched[key] = len(candidates)
        return self._expansions[key]

    def expand_wildcard(self, fieldname: str, pattern: str) -> tuple[str, ...]:
        pattern = fold_word(pattern)
        key = ("wildcard", fieldname, pattern)
        if key not in self._expansions:
            literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
            regex = re.compile(fnmatch.translate(pattern))
            if self.terms.covers(fieldname):
                source = self._dictionary_matches(fieldname, literal, regex)
            elif literal:
                source = self._terms_with_prefix(fieldname, literal)
            else:
                source = self._iter_terms(fieldname)
            matches: set[str] = set()
            for n, term in enumerate(source):
                if (not term or n % 1024 == 0) and self._out_of_time():
                    return self._most_frequent(fieldname, matches)  # partial: not cached
                if term and regex.match(term):
                    matches.add(term)
                    if len(matches) >= 5000:  # as for prefixes: the most frequent are kept below
                        break
            if len(matches) < 5000:
                for n, term in enumerate(self._stems_of_words_matching(fieldname, pattern, regex)):
                    if (not term or n % 1024 == 0) and self._out_of_time():
                        return self._most_frequent(fieldname, matches)  # partial: not cached
                    if term:
                        matches.add(term)
            self._expansions[key] = self._most_frequent(fieldname, matches)
            self._matched[key] = len(matches)
        return self._expansions[key]

    def _stems_of_words_matching(self, fieldname: str, pattern: str, regex: re.Pattern[str]):  # type: ignore[no-untyped-def]
        """Stems standing for a word that matches `regex`: words are indexed as their stems
        ("pipeline" as "pipelin", "gas" as "ga", "energy" as "energi"), which the pattern itself
        (`*line`, `g?s`, `energ?`) does not match. A stem is the start of such a word, so only the
        terms that could start one are looked at (filtered in C); each is tried with the endings
        the stemmer takes off, and kept when the word so made matches and stems to it. Yields ""
        now and then so that the caller can look at the clock."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        # A stem may end before the pattern's literal start does (`gas?` is "ga" + "s?").
        head = literal[: max(0, len(literal) - STEM_CUT)]
        could_start = _starts_of(pattern)
        spans: Iterable[list[str]]
        if self.terms.covers(fieldname):
            spans = (seg.terms[slice(*seg.prefix_span(head))] for seg in self.terms.fields(fieldname))
        else:
            spans = [self._terms_with_prefix(fieldname, head) if head else list(self._iter_terms(fieldname))]
        for terms in spans:
            for start in range(0, len(terms), 1024):
                yield ""
                for term in filter(could_start.fullmatch, terms[start : start + 1024]):
                    words = [term + ending for ending in STEM_ENDINGS]
                    if term.endswith("i"):  # "energi" is "energy", "countri" "countries"
                        words += [term[:-1] + "y", term[:-1] + "ies"]
                    if any(regex.match(w) and stem(w) == term for w in words):
                        yield term

    def _dictionary_matches(self, fieldname: str, literal: str, regex: re.Pattern[str]):  # type: ignore[no-untyped-def]
        """Terms of the term dictionary matching `regex`, the span of its literal prefix only;
        `filter` runs the regex over a segment's terms in C, in chunks so the budget is checked."""
        for seg in self.terms.fields(fieldname):
            lo, hi = seg.prefix_span(literal)
            for start in range(lo, hi, 1024):
                yield from filter(regex.match, seg.terms[start : min(hi, start + 1024)])
                yield ""  # lets the caller look at the clock (never matches a pattern with a letter)

    def expand_fuzzy(self, fieldname: str, text: str, maxdist: int) -> tuple[str, ...]:
        word = fold_word(text)
        key = ("fuzzy", fieldname, f"{word}~{maxdist}")
        if key not in self._expansions:
            # The lexicon holds stems, which are prefixes of the words as written ("refin" for
            # "refining"), so a misspelt word is also compared through its shorter beginnings.
            sources = {word, stem(word) if word.isalpha() else word}
            sources.update(word[:k] for k in range(max(4, len(word) - 3), len(word)))
            candidates: set[str] = set()
            dictionary = self.terms.covers(fieldname)
            for w in sorted(sources, key=len, reverse=True):  # the word as typed first
                if self._out_of_time():
                    known = {t for t in (word, stem(word)) if self._known(fieldname, t)}
                    return self._most_frequent(fieldname, candidates | known)  # partial: not cached
                try:
                    if dictionary:  # any distance: rapidfuzz compares in C
                        candidates.update(self.terms.within(fieldname, w, maxdist, prefix=1))
                    else:  # Whoosh's walk, in Python: bounded
                        candidates.update(self.reader.terms_within(fieldname, w, min(maxdist, 2), prefix=1))
                except Exception:  # a damaged lexicon must not break the query
                    continue
            self._expansions[key] = self._most_frequent(fieldname, candidates)
            self._matched[key] = len(candidates)
        return self._expansions[key]

    def _known(self, fieldname: str, term: str) -> bool:
        try:
            return bool(self.reader.doc_frequency(fieldname, term) > 0)
        except Exception:
            return False

    def _terms_with_prefix(self, fieldname: str, prefix: str) -> list[str]:
        out = []
        for term in self.reader.expand_prefix(fieldname, prefix):
            out.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            if len(out) >= 5000:  # bound the scan; the cap below keeps only the frequent ones
                break
        return out

    def _iter_terms(self, fieldname: str):  # type: ignore[no-untyped-def]
        for term in self.reader.lexicon(fieldname):
            yield term.decode("utf-8") if isinstance(term, bytes) else term

    def _out_of_time(self) -> bool:
        if time.perf_counter() > self._deadline:
            self._limited = True
        return self._limited

    def _all_terms(self, fieldname: str) -> list[str]:
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.reader.lexicon(fieldname)]

    def _most_frequent(self, fieldname: str, terms: set[str]) -> tuple[str, ...]:
        """At most `MAX_EXPANSION` of `terms`, the most frequent first."""
        terms.discard("")
        if self.terms.covers(fieldname):  # frequencies from memory, not one file read per term
            return tuple(self.terms.most_frequent(fieldname, terms, MAX_EXPANSION))
        freq = self.reader.doc_frequency
        return tuple(heapq.nlargest(MAX_EXPANSION, sorted(terms), key=lambda t: freq(fieldname, t)))

    # -- keyword fields --------------------------------------------------------------------------

    def keyword_values(self, fieldname: str) -> list[str]:
        if fieldname not in self._keyword_values:
            self._keyword_values[fieldname] = self._all_terms(fieldname)
        return self._keyword_values[fieldname]

    def resolve_keyword(self, fieldname: str, value: str, *, prefix: bool = False) -> list[str]:
        """Stored values of a keyword field that `value` names: the same value in any case or
        accent, the gazetteer's canonical name for an alias, else values containing it as words."""
        values = self.keyword_values(fieldname)
        wanted = {fold(value)}
        if self.gazetteer is not None and fieldname in ("entity", "party"):
            entry = self.gazetteer.lookup(value)
            if entry is not None:
                wanted.update(fold(n) for n in entry.names)
        if prefix:
            return [v for v in values if any(fold(v).startswith(w) for w in wanted)]
        exact = [v for v in values if fold(v) in wanted]
        if exact:
            return exact
        pattern = re.compile(r"(?<!\w)" + re.escape(fold(value)) + r"(?!\w)")
        return [v for v in values if pattern.search(fold(v))]

    def _keyword_query(self, q: wq.Query) -> wq.Query:
        fieldname = q.fieldname
        if isinstance(q, wq.Phrase):
            value, prefix = " ".join(q.words), False
        elif isinstance(q, wq.Prefix):
            value, prefix = q.text, True
        else:
            value, prefix = str(q.text).rstrip("*~"), False
        matches = self.resolve_keyword(fieldname, value, prefix=prefix)
        if not matches:
            return wq.Term(fieldname, "\x00no-such-value")
        return (
            wq.Or([wq.Term(fieldname, v) for v in matches])
            if len(matches) > 1
            else wq.Term(fieldname, matches[0])
        )

    # -- aliases ---------------------------------------------------------------------------------

    def _widen_aliases(self, text: str) -> str:
        """Replace each gazetteer name typed as plain words (or quoted) by a group of all its names.

        Single-word names are searched as words; names of several words are found through the
        `entity` field, which the extractor fills whenever any name of the entity occurs (a phrase
        per alias would cost far more). Inside a field's group, `entity:(...)`, nothing is widened.
        """
        if self.gazetteer is None:
            return text
        lexemes = _LEXEME.findall(text)
        out: list[str] = []
        fielded_depth = 0  # >0 while inside `field:( ... )`
        depth = 0
        i = 0
        while i < len(lexemes):
            lex = lexemes[i]
            if lex == "(":
                depth += 1
                if out and out[-1].endswith(":") and not fielded_depth:
                    fielded_depth = depth
            elif lex == ")":
                if depth == fielded_depth:
                    fielded_depth = 0
                depth = max(0, depth - 1)
            if fielded_depth or lex in "()":
                out.append(lex)
                i += 1
                continue
            if lex.startswith('"') and len(lex) > 2:
                entry = self.gazetteer.lookup(lex[1:-1])
                out.append(self._alias_group(entry) if entry else lex)
                i += 1
                continue
            matched = 0
            sign = lex[0] if lex[0] in "+-" and len(lex) > 1 else ""
            if _is_plain(lex[len(sign) :]):
                for n in range(min(MAX_ALIAS_WORDS, len(lexemes) - i), 0, -1):
                    span = [lex[len(sign) :], *lexemes[i + 1 : i + n]]
                    if all(_is_plain(x) for x in span):
                        entry = self.gazetteer.lookup(" ".join(span))
                        if entry is not None:
                            out.append(sign + self._alias_group(entry))
                            matched = n
                            break
            if matched:
                i += matched
            else:
                out.append(lex)
                i += 1
        return " ".join(out)

    @staticmethod
    def _alias_group(entry: GazetteerEntry) -> str:
        words = [n for n in entry.names if _PLAIN_WORD.match(n) and n.upper() not in OPERATORS]
        canonical = entry.canonical.replace('"', "")
        return "(" + " OR ".join([*words, f'entity:"{canonical}"']) + ")"

    def highlight_terms(self, q: wq.Query) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
        """Body terms and phrases a match can show; excluded (NOT) parts are skipped. An entity or
        party value shows every name of the entity in the text."""
        terms: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        stack = [q]
        while stack:
            node = stack.pop()
            if isinstance(node, wq.Not):
                continue
            if isinstance(node, wq.AndNot):
                stack.append(node.a)
                continue
            if isinstance(node, wq.Term):
                if node.fieldname == "body":
                    terms.add(node.text)
                elif node.fieldname in ("entity", "party"):
                    self._entity_names(node.text, terms, phrases)
            elif isinstance(node, wq.Phrase):
                if node.fieldname == "body":
                    words = tuple(node.words)
                    if len(words) == 1:
                        terms.add(words[0])
                    elif words:
                        phrases.append(words)
            elif not node.is_leaf():
                stack.extend(node.children())
        return frozenset(terms), tuple(dict.fromkeys(phrases))

    def _entity_names(self, value: str, terms: set[str], phrases: list[tuple[str, ...]]) -> None:
        entry = self.gazetteer.lookup(value) if self.gazetteer else None
        for name in entry.names if entry else (value,):
            words = tuple(t for t, *_ in analyse(name))
            if len(words) == 1:
                terms.add(words[0])
            elif words:
                phrases.append(words)


def _is_plain(lex: str) -> bool:
    return bool(_PLAIN_WORD.match(lex)) and lex.upper() not in OPERATORS


def _typed_words(text: str) -> list[str]:
    out = []
    for lex in _LEXEME.findall(text):
        if _is_plain(lex) and not lex.startswith("-"):
            out.append(lex)
    return out


def _starts_of(pattern: str) -> re.Pattern[str]:
    """A regex matching every start of a word that matches the wildcard `pattern` (`pipe?ine`:
    "p", "pip", "pipelin", ...): each part optional after the one before it."""
    parts = [".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern]
    nested = ""
    for part in reversed(parts):
        nested = f"(?:{part}{nested})?"
    return re.compile(nested, re.DOTALL)


def _while_typing(cleaned: Sanitized) -> tuple[Sanitized, str | None]:
    """The query to run while the user is still typing its last word, and that word if it should
    also match as a prefix. A last word shorter than `MIN_PREFIX` is left out until it grows."""
    text = cleaned.text
    if text.endswith((" ", '"', ")")) or text.count('"') % 2:
        return cleaned, None
    head, _, last = text.rpartition(" ")
    bare = last.lstrip("(+-")
    if not _PLAIN_WORD.match(bare) or bare.upper() in OPERATORS or ":" in last:
        return cleaned, None
    if len(bare) < MIN_PREFIX:
        return Sanitized(head.strip(), cleaned.notes), None
    return cleaned, bare


def _replace_last(q: wq.Query, widened: wq.Query) -> wq.Query:
    """`q` with its last clause also matching the widened prefix."""
    if isinstance(q, wq.And) and q.subqueries:
        subs = list(q.subqueries)
        subs[-1] = wq.Or([subs[-1], widened])
        return wq.And(subs, boost=q.boost)
    return wq.Or([q, widened])


def _prefer_union_trees(q: wq.Query) -> None:
    """Make every OR use Whoosh's tree of union matchers. On segments under 5,000 documents Whoosh
    otherwise preloads every posting of an OR with three or more parts into arrays before ranking
    starts, which neither block skipping nor the typing deadline can cut short."""
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, wq.Or):
            node.matcher_type = wq.Or.DEFAULT_MATCHER
        if not node.is_leaf():
            stack.extend(node.children())


def _depth(q: wq.Query) -> int:
    deepest = 0
    stack = [(q, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if not node.is_leaf():
            stack.extend((c, d + 1) for c in node.children())
    return deepest
