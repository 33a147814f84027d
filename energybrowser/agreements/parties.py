"""Who is party to an agreement: the companies and states a sentence names, minus those that only
describe another ("Kazakhstan's KazMunayGas", "the national company of Kazakhstan"), venues and
media; from a neighbouring sentence of the paragraph when the sentence itself names none."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from energybrowser.agreements.lexicon import Lexicon
from energybrowser.entities.gazetteer import Gazetteer
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.sentences import Sentence

_OF_COMPANY = re.compile(r"\s*\(\s*|\s+of\s+(?:the\s+)?")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_CONJUNCTION = re.compile(r"(?:,\s*|\s+)(?:and|&)\s+|,\s*")
_BETWEEN = re.compile(r"\b(?:between|among|by|между)\s", re.IGNORECASE)


def in_sentence(entities: Sequence[EntitySpan], s: Sentence) -> list[EntitySpan]:
    """The mentions that start in `s`. `entities` are in text order (as `extract_entities` gives
    them): found by bisection, as a scan per sentence made a long article's analysis quadratic
    (a 5 MB report of 55,000 sentences and 200,000 mentions did not finish in ten minutes)."""
    lo = bisect.bisect_left(entities, s.start, key=_start)
    hi = bisect.bisect_left(entities, s.end, lo, key=_start)
    return list(entities[lo:hi])


def _start(e: EntitySpan) -> int:
    return e.start


def sentence_parties(
    text: str, s: Sentence, entities: Sequence[EntitySpan], gaz: Gazetteer, lex: Lexicon
) -> list[str]:
    """Canonical parties named in one sentence, in order of first mention."""
    speaker = attribution_span(text, s, lex)
    mentions = [e for e in in_sentence(entities, s) if not speaker[0] <= e.start < speaker[1]]
    scene_end = _opening_clause_end(text, s, lex)
    mentions = [e for e in mentions if e.start >= scene_end]
    relative = lex.relative_clause.search(text, s.start, s.end)
    named_before = relative and any(
        e.start < relative.start() and e.type in ("organization", "country") for e in mentions
    )
    if relative and named_before:
        mentions = [e for e in mentions if e.start < relative.start()]
    elif relative and lex.document_in(text, s.start, relative.start()):
        # "the road map, which will include X, with A and B": the clause up to its comma says
        # something else about the document; who it names there is not a party.
        comma = text.find(",", relative.end(), s.end)
        clause_end = comma if comma != -1 else s.end
        mentions = [e for e in mentions if not relative.start() <= e.start < clause_end]
    between = _BETWEEN.search(text, s.start, s.end)
    between_from = between.start() if between else s.end
    trigger = lex.signed.search(text, s.start, s.end) or lex.planned.search(text, s.start, s.end)
    talks = lex.negotiated.search(text, s.start, s.end)  # "the EU commenced negotiations with A and B"
    verb_at = trigger.start() if trigger else talks.start() if talks else s.end
    found: list[tuple[EntitySpan, str]] = []  # (mention, canonical party)
    dropped_end = -1  # end of the last country dropped as a description, for "of A and B"
    led: list[tuple[EntitySpan, str]] = []  # "the leaders of A, B and C": states their leaders stand for
    titled_end = -1  # end of the last state a document's title names by its leader
    headed: list[tuple[EntitySpan, str]] = []  # states a leader's title names in the subject
    for i, e in enumerate(mentions):
        entry = gaz.by_canonical(e.canonical)
        if lex.based_after.match(text, e.end):
            continue  # "Abu Dhabi-based Masdar": where the company is based
        whose_place = bool(_POSSESSIVE.match(text[e.end : e.end + 2])) and i + 1 < len(mentions)
        if whose_place and mentions[i + 1].type == "organization":
            continue  # "Abu Dhabi's Masdar": where the company is from
        if e.type == "place" and _names_document(text, e, lex):
            continue  # "the Astana Declaration": the capital names the document, not a side
        if e.type == "place" and entry and entry.country and not _after_place_cue(text, s, e, lex):
            # "Ashgabat and Baku concluded a memorandum": capitals standing for their states.
            found.append((e, entry.country))
            continue
        if e.type not in ("organization", "country"):
            continue
        if entry and entry.kind == "media":
            continue  # "Azernews reports": a source, not a party
        before = text[max(s.start, e.start - 60) : e.start]
        if lex.not_party_before.search(before) and not before.rstrip().endswith(","):
            continue
        if e.type == "organization" and (lex.documents.search(e.canonical) or _titles_document(text, e, lex)):
            # "Government of Agreement": a garbled header, no body; "the EU-Kazakhstan Enhanced
            # Partnership and Cooperation Agreement", "(EPCA)": a document's title, not a body.
            continue
        if e.type == "organization":
            state = _government_of(e, gaz, lex)
            if state:
                found.append((e, state))  # "the Government of the Republic of Kazakhstan"
                continue
        if e.type == "country":
            ministry = _signing_ministry(text, s, e, mentions[i + 1 :], gaz, lex)
            if ministry:  # "Minister of Energy of Azerbaijan Parviz Shahbazov signed": the ministry
                found.append((replace(e, type="organization", canonical=ministry), ministry))
                continue
            if lex.government_of_before.search(before) and not gaz.is_demonym(e.text):
                found.append((e, e.canonical))  # "the Government of the People's Republic of China"
                continue
            if gaz.is_demonym(e.text) and lex.state_nouns.match(text, e.end):
                found.append((e, e.canonical))  # "the Chinese government", "the Uzbek side"
                continue
            conjunct = dropped_end >= 0 and _CONJUNCTION.fullmatch(text[dropped_end : e.start]) is not None
            whose = (
                i > 0
                and mentions[i - 1].type == "organization"
                and bool(_OF_COMPANY.fullmatch(text[mentions[i - 1].end : e.start]))
            )  # "KEGOC JSC (Kazakhstan)", "KazMunayGas of Kazakhstan": the company's state
            if gaz.is_demonym(e.text) and _LEADER_TITLE.match(text, e.end) and e.end <= verb_at:
                headed.append((e, e.canonical))  # "Chinese President Xi Jinping and the leaders of ..."
            if conjunct or whose or _describes_neighbour(text, e, mentions[i + 1 :], gaz, lex, before):
                leaders = None if conjunct else lex.leaders_of.search(before)
                if leaders is not None and _titled(before[: leaders.start()], titled_end, e, text, lex):
                    # "the Joint Declaration of the President of A and the President of B": the
                    # document's own title names the states whose leaders sign it.
                    found.append((e, e.canonical))
                    titled_end = dropped_end = e.end
                    continue
                # "The leaders of A, B ..." opening the subject, or joining it ("Chinese President
                # Xi Jinping and the leaders of A, B ..."); not "a visit of the President of A".
                leaders_at = e.start - len(before) + leaders.start() if leaders is not None else 0
                opens = leaders is not None and (
                    _OPENS.fullmatch(text, max(s.start, scene_end), leaders_at) is not None
                    or (
                        _JOINS.search(text, max(s.start, scene_end), leaders_at) is not None
                        and leaders_at <= verb_at
                        and not lex.signed.search(text, max(s.start, scene_end), leaders_at)
                    )
                )
                if (conjunct and led) or opens:
                    led.append((e, e.canonical))
                dropped_end = e.end  # "the Prime Ministers of Azerbaijan and Kazakhstan": both describe
                continue
        found.append((e, e.canonical))
    states_only = all(e.type == "country" for e, _ in found)
    if led and trigger is not None and states_only and all(e.end <= verb_at for e, _ in led):
        # "The leaders of A, B, C and D have signed an agreement": the states sign (with the one
        # whose leader the subject named before them: "Chinese President Xi and the leaders of ...").
        found = [*found, *headed, *led]
    found = _subject_and_counterparties(text, found, verb_at, trigger is not None, lex)
    orgs = [c for e, c in found if e.type == "organization" and c not in _states(found, gaz)]
    if not orgs:
        return list(dict.fromkeys(c for _, c in found))
    # With companies named, a state is a party only when it is listed alongside them ("between A
    # and B", "the EU and Azerbaijan signed") or is the one signing ("Uzbekistan signed ... with X").
    first_org = min(e.start for e, c in found if e.type == "organization" and c in orgs)
    with_at = _cue_after(text, verb_at, s.end, lex)
    kept = []
    for k, (e, canonical) in enumerate(found):
        if canonical in orgs:
            kept.append(canonical)
            continue
        listed = e.start >= min(between_from, with_at) or any(
            _CONJUNCTION.fullmatch(text[min(e.end, o.end) : max(e.start, o.start)]) is not None
            for o, _ in found[max(0, k - 1) : k + 2]
            if o is not e and o.type == "organization"
        )
        subject = e.start < first_org and e.end <= verb_at
        if listed or subject or e.type == "organization":
            kept.append(canonical)
    return list(dict.fromkeys(kept))


_TITLE_OF = re.compile(r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TITLE_AND = re.compile(r"(?:,\s*|\s+)(?:and\s+)?(?:the\s+)?$", re.IGNORECASE)


def _titled(prefix: str, titled_end: int, e: EntitySpan, text: str, lex: Lexicon) -> bool:
    """Does the leader's office before a state sit in a document's title ("Declaration of the
    President of A", "... and the President of B" after such a state)?"""
    of = _TITLE_OF.search(prefix)
    if of is not None:
        head = prefix[: of.start()]
        return any(m.end() == len(head) for m in lex.documents.finditer(head))
    if titled_end < 0:
        return False
    gap = text[titled_end : e.start]
    cue = lex.leaders_of.search(gap)
    return cue is not None and _TITLE_AND.fullmatch(gap[: cue.start()]) is not None


def _opening_clause_end(text: str, s: Sentence, lex: Lexicon) -> int:
    """'Following a meeting of A, B, C and D in X, a protocol ... was signed': the opening clause
    runs to the last comma before the document; who it names sets the scene."""
    if not lex.opening_clause.match(text, s.start, s.end):
        return s.start
    noun = lex.documents.search(text, s.start, s.end)
    if noun is None:
        return s.start
    # It ends where it says where or when ("... in Cholpon-Ata, Kyrgyzstan, Kazakhstan and
    # Uzbekistan signed"), else at the last comma before the document.
    for m in re.finditer(",", text[s.start : noun.start()]):
        if _SCENE_END.search(text, max(s.start, s.start + m.start() - 60), s.start + m.start()):
            return s.start + m.start()
    comma = text.rfind(",", s.start, noun.start())
    return comma if comma != -1 else s.start


_LEADER_TITLE = re.compile(r"\s+(?:President|Prime Minister|Premier|Chancellor|leader)\b")
_JOINS = re.compile(r"^[^,;]*\s(?:and|with)\s+(?:the\s+)?$", re.IGNORECASE)  # "X and the "
_OPENS = re.compile(r"[\W]*(?:the\s+)?", re.IGNORECASE)
_SCENE_END = re.compile(
    r"\b(?:in|at|on)\s+(?:the\s+(?:city|town|capital)\s+of\s+)?(?:[A-Z0-9][\w.’'-]*\s*){1,4}$"
)


_COMPOUND = re.compile(r"\b[A-Z][\w’']+(?:\s?[-–]\s?[A-Z][\w’']+)+\b")


_UNION = "international organisation"
_RUNS_ON = re.compile(r"\s+(?:and|&)\s+")
_TITLE_WORD = re.compile(r"[A-Z][\w-]*\s+")


_SPACE = re.compile(r"[ \t]+")


def _names_document(text: str, e: EntitySpan, lex: Lexicon) -> bool:
    """A place right before a capitalised document noun names the document ("Xi'an Declaration")."""
    gap = _SPACE.match(text, e.end)
    noun = lex.documents.match(text, gap.end()) if gap else None
    return noun is not None and noun.group(0)[:1].isupper()


def _titles_document(text: str, e: EntitySpan, lex: Lexicon) -> bool:
    """The name runs on into a document noun ("... Enhanced Partnership and Cooperation Agreement")."""
    on = _RUNS_ON.match(text, e.end)
    at = on.end() if on else -1
    for _ in range(4 if on else 0):
        noun = lex.documents.match(text, at)
        if noun is not None:
            return noun.group(0)[:1].isupper()
        word = _TITLE_WORD.match(text, at)
        if word is None:
            return False
        at = word.end()
    return False


def compound_states(text: str, s: Sentence, gaz: Gazetteer) -> list[str]:
    """'the Azerbaijan-Georgia-Romania Interconnector', 'the Azerbaijan- Turkey contract': states
    joined by hyphens name the states a project or document links."""
    for m in _COMPOUND.finditer(text, s.start, s.end):
        parts = [p.strip() for p in re.split(r"\s?[-–]\s?", m.group(0))]
        entries = [gaz.lookup(p) for p in parts]
        # States, or a union of them ("the EU-Kazakhstan Enhanced Partnership and Cooperation Agreement").
        if len(parts) >= 2 and all(
            e is not None and (e.type == "country" or e.kind == _UNION) for e in entries
        ):
            return list(dict.fromkeys(e.canonical for e in entries if e is not None))
    return []


def _states(found: Sequence[tuple[EntitySpan, str]], gaz: Gazetteer) -> set[str]:
    return {c for _, c in found if (entry := gaz.by_canonical(c)) is not None and entry.type == "country"}


def _government_of(e: EntitySpan, gaz: Gazetteer, lex: Lexicon) -> str:
    """The state a 'Government of X' stands for, or ''."""
    m = lex.government_of.match(e.text)
    if not m:
        return ""
    entry = gaz.lookup(e.text[m.end() :])
    return entry.canonical if entry is not None and entry.type == "country" else ""


def _cue_after(text: str, start: int, end: int, lex: Lexicon) -> int:
    """Where "with"/"between" first follows the verb ("A signed a deal with B"), else `end`."""
    cue = _WITH.search(text, start, end)
    return cue.start() if cue else end


_WITH = re.compile(r"\b(?:with|between|among)\s", re.IGNORECASE)


def _subject_and_counterparties(
    text: str, found: list[tuple[EntitySpan, str]], verb_at: int, has_verb: bool, lex: Lexicon
) -> list[tuple[EntitySpan, str]]:
    """'A and B signed a memorandum to create C': when the subject names two parties or more,
    a name after the verb is a party only where "with" or "between" introduces it."""
    if not has_verb:
        return found
    subject = [(e, c) for e, c in found if e.end <= verb_at]
    if len({c for _, c in subject}) < 2:
        return found
    # The cue is looked for up to the last party only (a later one changes nothing): searching to
    # the end of the text for each sentence was quadratic in a long article.
    cue_at = _cue_after(text, verb_at, max(e.end for e, _ in found), lex)
    return [(e, c) for e, c in found if e.end <= verb_at or e.start >= cue_at]


def _after_place_cue(text: str, s: Sentence, e: EntitySpan, lex: Lexicon) -> bool:
    return bool(lex.not_party_before.search(text[max(s.start, e.start - 30) : e.start]))


def attribution_span(text: str, s: Sentence, lex: Lexicon) -> tuple[int, int]:
    """The span naming who says it (", Kazakhstan's Ministry of Energy said." / "According to X,")."""
    sentence = text[s.start : s.end]
    m = lex.according_to.search(sentence) or lex.attribution.search(sentence)
    if m is None:
        # "Uztransgaz said the agreement runs for ten years": the speaker opens the sentence.
        m = lex.speaker_first.search(sentence)
        if m and lex.documents.search(sentence, 0, m.start()):
            m = None
    if m and "verb" in m.re.groupindex and lex.reported_subject.match(sentence, m.end("verb")):
        return (s.end, s.end)  # "KazMunayGas said on Thursday it had signed ...": a party speaking
    if m is not None and "verb" in m.re.groupindex and m.re.pattern == lex.attribution.pattern:
        after = m.end("verb")
        if lex.signed.search(sentence, after) or lex.planned.search(sentence, after):
            # "Separately, the ministry said Georgia and Azerbaijan will sign ...": the speaker ends
            # at its verb; the clause it reports names the parties.
            return (s.start + m.start(), s.start + after)
    return (s.start + m.start(), s.start + m.end()) if m else (s.end, s.end)


def _describes_neighbour(
    text: str,
    e: EntitySpan,
    following: Sequence[EntitySpan],
    gaz: Gazetteer,
    lex: Lexicon,
    before: str,
) -> bool:
    """A country that only says whose a company or person is."""
    if lex.describing_of.search(before):
        return True
    nxt = following[0] if following else None
    close = nxt is not None and nxt.start - e.end <= 40 and "," not in text[e.end : nxt.start]
    if gaz.is_demonym(e.text):
        # "Kazakh oil", "Azerbaijani side": an adjective, never a party by itself.
        return True
    # "Kazakhstan's KazMunayGas": the country says whose the company is.
    return bool(_POSSESSIVE.match(text[e.end : e.end + 2]) and close and nxt and nxt.type == "organization")


def _signing_ministry(
    text: str, s: Sentence, e: EntitySpan, following: Sequence[EntitySpan], gaz: Gazetteer, lex: Lexicon
) -> str:
    """'Minister of Economy and Sustainable Development of Georgia Giorgi Kobulia' as a signer: the
    ministry that minister heads (the gazetteer's name for it when it has one); '' otherwise."""
    # The office of the last minister before the state ("... Minister of Energy of Uzbekistan X and
    # Minister of Energy of Azerbaijan Y": Azerbaijan's is the second).
    offices = [m.start() for m in lex.minister_title.finditer(text, max(s.start, e.start - 120), e.start)]
    office = lex.minister_office.match(text, offices[-1], e.start) if offices else None
    signer = following[0] if following else None
    if office is None or signer is None or signer.type != "person" or signer.start - e.end > 3:
        return ""
    if gaz.is_demonym(e.text):
        return ""
    name = f"Ministry {' '.join(office['office'].split())} of {e.canonical}"
    entry = gaz.lookup(name)
    return entry.canonical if entry is not None and entry.type == "organization" else name


_MINISTRY_OF = re.compile(r"^Ministry\b.*\bof\s+(?:the\s+)?(?P<state>[^\s].*?)$")


def state_of(party: str, gaz: Gazetteer) -> str:
    """The state a party is or stands for at state level: a state itself, or a ministry of it
    ("Ministry of Energy of Azerbaijan" -> "Azerbaijan"); '' for anything else."""
    entry = gaz.by_canonical(party) or gaz.lookup(party)
    if entry is not None and entry.type == "country":
        return entry.canonical
    if entry is not None and entry.type == "organization" and party.startswith("Ministry") and entry.country:
        return entry.country
    m = _MINISTRY_OF.match(party)
    state = gaz.lookup(m["state"]) if m else None
    return state.canonical if state is not None and state.type == "country" else ""


def main_countries(entities: Sequence[EntitySpan], upto: int | None = None) -> list[str]:
    """The article's two most mentioned countries (for "both countries"), counting up to `upto`."""
    counts = Counter(
        e.canonical for e in entities if e.type == "country" and (upto is None or e.start < upto)
    )
    return [c for c, _ in counts.most_common(2)] if len(counts) >= 2 else []
