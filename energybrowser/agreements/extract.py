"""Find the agreements an article reports, one record per document, each tied to the sentence
that states it. Later sentences that refer back ("The document included ...", "The agreement in
question was signed after ...") enrich the earlier record instead of creating a new one."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from energybrowser.agreements import details
from energybrowser.agreements.aliases import with_defined_names
from energybrowser.agreements.datelines import dateline_end
from energybrowser.agreements.first_person import Side, interviewee_side, with_first_person
from energybrowser.agreements.lexicon import Lexicon, lexicon
from energybrowser.agreements.mentions import Mention, find_mentions
from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.agreements.parties import (
    attribution_span,
    compound_states,
    in_sentence,
    main_countries,
    sentence_parties,
    state_of,
)
from energybrowser.agreements.speaker import speaker_side
from energybrowser.corpus.model import Article, PartialDate
from energybrowser.entities.extract import extract_entities, sectors
from energybrowser.entities.gazetteer import Gazetteer, load_gazetteer
from energybrowser.entities.model import EntitySpan
from energybrowser.entities.sentences import Sentence, split_sentences

_CACHE_SIZE = 512
_cache: OrderedDict[tuple[str, str, str, int], tuple[Agreement, ...]] = OrderedDict()
# Types a definite "the agreement" may refer back to.
_COMPATIBLE = {"document": None, "agreement": {"agreement", "memorandum", "accord", "document", "contract"}}


MAX_SUPPORTING = 50  # sentences kept as an agreement's supporting evidence


@dataclass
class _Draft:
    mention: Mention
    sentence: Sentence
    status: str
    parties: list[str]
    parties_source: str
    signatories: list[str] = field(default_factory=list)
    date: str = ""
    date_iso: str = ""
    place: str = ""
    subject: str = ""
    quantities: list[str] = field(default_factory=list)
    supporting: list[Sentence] = field(default_factory=list)
    type: str = ""
    vague: bool = False
    respective: bool = False  # one of "agreements with A, B and C respectively"


def extract_agreements(article: Article) -> tuple[Agreement, ...]:
    gaz = load_gazetteer()
    key = (article.content_hash, article.id, article.meta.date.iso(), id(gaz))
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    found = _extract(article, gaz, lexicon())
    _cache[key] = found
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return found


def _extract(article: Article, gaz: Gazetteer, lex: Lexicon) -> tuple[Agreement, ...]:
    text = article.text
    entities = extract_entities(
        article, describing=True
    )  # "Azerbaijani gas" says who "the two countries" are
    entities = with_defined_names(article, entities)  # "(hereinafter - the Company)"
    sentences = _without_datelines(text, split_sentences(article), entities, gaz)
    drafts: list[_Draft] = []
    context: tuple[str, int | None] | None = None  # last stated status and its paragraph
    noted = False  # in a paragraph opened by an editor's note ("Correction: An earlier version ...")
    prose = _first_prose(text, sentences)
    side = interviewee_side(text, entities, gaz)  # "A: We signed ...": whose "we"
    for i, sentence in enumerate(sentences):
        if i == 0 or sentences[i - 1].paragraph != sentence.paragraph:
            noted = lex.editor_note.match(text, sentence.start) is not None
        if noted:
            continue
        found = find_mentions(text, sentence, lex)
        if sentence.start < prose:
            found = [_headline_signing(text, m, lex) for m in found]
        for mention in found:
            context = _one_mention(text, sentences, i, mention, entities, gaz, lex, drafts, context, side)
        if not found:
            _verbal_under_umbrella(text, sentence, entities, gaz, lex, drafts)
            _signers_after(text, sentence, entities, lex, drafts)
    drafts = _absorb_umbrellas(text, drafts)
    _consistent_bodies(drafts, gaz)
    _stateless_ministries(drafts, text, entities, gaz)
    return tuple(_freeze(article, n, d) for n, d in enumerate(drafts, 1))


# A paragraph's label: a digest item's topic ("**Azerbaijan–Turkmenistan:** SOCAR and ..."), an
# interview's speaker ("Akhmedkhadjaev: We signed ..."), a note ("Correction: ..."). What it names
# is no party of the sentence after it.
_LABEL = re.compile(r"[*_]{0,2}([A-Z][\w.’'&/–—-]*(?:[ ][\w.’'&/–—-]+)*?)[*_]{0,2}:[*_]{0,2}[ \t]+(?=\S)")
_LABEL_WORDS = 4


def _first_prose(text: str, sentences: tuple[Sentence, ...]) -> int:
    """Where the first sentence ending like prose (a full stop) starts; the page's end when none."""
    return next((s.start for s in sentences if text[s.start : s.end].rstrip()[-1:] in ".!?"), len(text))


def _headline_signing(text: str, mention: Mention, lex: Lexicon) -> Mention:
    """A headline before any prose ("Kazakhstan, Kyrgyzstan sign intergovernmental agreement on
    Kambarata-1 (Kazinform)", a digest's item): its present tense reports a signing."""
    if mention.status or mention.excluded:
        return mention
    if lex.headline_signed.search(text, mention.seg_start, mention.start) is None:
        return mention
    return replace(mention, status="signed")


def _without_datelines(
    text: str, sentences: tuple[Sentence, ...], entities: tuple[EntitySpan, ...], gaz: Gazetteer
) -> tuple[Sentence, ...]:
    """Sentences opening a paragraph with a wire dateline ("ALMATY, March 20 (Reuters) - ...")
    start after it (`datelines.py`), and those opening with a label after the label."""
    out = list(sentences)
    for n, s in enumerate(sentences):
        if n and "\n" not in text[sentences[n - 1].end : s.start]:
            continue  # not the first sentence of a paragraph
        # "Baku. 17 December. REPORT.AZ/ The leaders ...": a dateline may run over short "sentences".
        para_end = text.find("\n", s.start)
        head = Sentence(s.index, s.text, s.start, para_end if para_end != -1 else len(text), s.paragraph)
        cut = dateline_end(text, head, entities, gaz)
        label = _LABEL.match(text, cut, head.end)
        if label is not None and len(label.group(1).split()) <= _LABEL_WORDS:
            cut = label.end()  # "**Uzbekistan:** ACWA Power and ...", "TCA: Uzbekistan has ..."
        for k in range(n, len(sentences)):
            t = sentences[k]
            if cut <= t.start or t.paragraph != s.paragraph:
                break
            if cut < t.end:
                out[k] = Sentence(t.index, text[cut : t.end], cut, t.end, t.paragraph)
    return tuple(out)


_UMBRELLA_PARAGRAPHS = 2  # the documents an umbrella sentence announces follow within this many


def _is_umbrella(d: _Draft, gaz: Gazetteer) -> bool:
    """'Several documents were signed', 'Kazakh and Chinese companies signed agreements': a plural
    signing that names no document in particular (and no party, or only states)."""
    return (
        d.mention.plural
        and d.status == "signed"
        and not d.respective
        and (d.vague or not d.parties or all(_is_state(p, gaz) for p in d.parties))
    )


def _signers_after(
    text: str, s: Sentence, entities: tuple[EntitySpan, ...], lex: Lexicon, drafts: list[_Draft]
) -> None:
    """'BP and SOCAR have signed a memorandum ... X of BP and Y of SOCAR signed on stage.': the
    persons a sentence naming no document says signed, right after a record in its paragraph, are
    that record's signatories."""
    if (
        not drafts
        or drafts[-1].sentence.paragraph != s.paragraph
        or not lex.signed.search(text, s.start, s.end)
    ):
        return
    last = drafts[-1]
    for name in details.signatories(text, s, in_sentence(entities, s), lex):
        if name not in last.signatories:
            last.signatories.append(name)


def _verbal_under_umbrella(
    text: str,
    s: Sentence,
    entities: tuple[EntitySpan, ...],
    gaz: Gazetteer,
    lex: Lexicon,
    drafts: list[_Draft],
) -> None:
    """'Companies of A and B signed agreements ... X and Y agreed to build a plant': under an
    umbrella signing, a sentence where two companies 'agreed to' something reports one of them."""
    umbrella = next((d for d in reversed(drafts) if _is_umbrella(d, gaz)), None)
    if umbrella is None or (s.paragraph or 0) - (umbrella.sentence.paragraph or 0) > _UMBRELLA_PARAGRAPHS:
        return
    cue = lex.verbal_agreement.search(text, s.start, s.end)
    if cue is None or lex.negations.search(text, s.start, s.end):
        return
    parties = sentence_parties(text, s, entities, gaz, lex)
    if sum(not _is_state(p, gaz) for p in parties) < 2:
        return
    mention = Mention(cue.group(0), "agreement", cue.start(), cue.end(), umbrella.status, "", False, False,
                      False, seg_start=s.start, seg_end=s.end)  # fmt: skip
    draft = _new_draft(
        mention, s, s, umbrella.status, parties, "sentence", in_sentence(entities, s), text, lex
    )
    drafts.append(draft)


_COUNT = re.compile(r"\b(\d+|dozens|hundreds)\b[^.,;]*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(
    r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\b", re.IGNORECASE
)
_COUNT_WORDS = {"2": 2, "3": 3, "4": 4, "5": 5, "6": 6,
                "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}  # fmt: skip


def _announced_count(text: str, d: _Draft) -> int | None:
    """How many documents an umbrella says were signed ("more than 20 documents"), if it says."""
    # "a package of 12 intergovernmental and interagency documents and agreements": the count may
    # stand some words before the noun.
    before = text[max(d.sentence.start, d.mention.start - 70) : d.mention.start]
    m = _COUNT.search(before)
    if m and _MONTH_AFTER.match(before, m.end(1)):
        m = None  # "On 4 April a ceremony of signing documents": a day, not a count
    if m and len(m.group(1)) < 4:  # not a year
        word = m.group(1).lower()
        return 24 if word in ("dozens", "hundreds") else int(word)
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", before)]
    return next((_COUNT_WORDS[w] for w in reversed(words) if w in _COUNT_WORDS), None)


def _absorb_umbrellas(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """An umbrella followed by the documents it announces is no record of its own: it supports
    the first of them (which takes its date and place where it states none)."""
    gaz = load_gazetteer()
    kept: list[_Draft] = []
    for n, d in enumerate(drafts):
        if not _is_umbrella(d, gaz):
            kept.append(d)
            continue
        homes = set(d.parties)
        # The documents it announces come before the next umbrella ("Several other agreements ...").
        following = drafts[n + 1 :]
        following = following[: next((k for k, x in enumerate(following) if _is_umbrella(x, gaz)), None)]
        specifics = [
            later
            for later in following
            if (not later.mention.plural or later.respective) and later.status == d.status
            if (later.sentence.paragraph or 0) - (d.sentence.paragraph or 0) <= _UMBRELLA_PARAGRAPHS
            if not homes or homes & {*later.parties, *(_home(p, gaz) for p in later.parties)}
        ]
        # "More than 20 documents were signed. Among them, ...": the two named leave the rest.
        count = _announced_count(text, d)
        if not specifics or (count is not None and count > len(specifics)):
            if not d.parties:  # "... signed a declaration. In total, 15 documents were signed"
                d.parties = _states_just_before(drafts[:n], d, gaz)
            d.type = "document"  # a package of documents ("other" in the gold sets), not one agreement
            kept.append(d)
            continue
        specific = specifics[0]
        if d.sentence not in specific.supporting and d.sentence is not specific.sentence:
            specific.supporting.insert(0, d.sentence)
        # "The following documents were signed: ... The documents were signed in Astana on
        # September 9": when and where the umbrella says, it says of every document it announces.
        for each in specifics:
            if not each.date:
                each.date, each.date_iso = d.date, d.date_iso
            each.place = each.place or d.place
    return kept


def _states_just_before(drafts: list[_Draft], d: _Draft, gaz: Gazetteer) -> list[str]:
    """The states of the record reported just before `d` (in its paragraph or the one before): the
    visit or talks the documents of an umbrella were signed at."""
    if not drafts or (d.sentence.paragraph or 0) - (drafts[-1].sentence.paragraph or 0) > 1:
        return []
    parties = drafts[-1].parties
    return list(parties) if parties and all(_is_state(p, gaz) for p in parties) else []


def _home(party: str, gaz: Gazetteer) -> str:
    entry = gaz.by_canonical(party)
    return entry.country if entry is not None else ""


def _consistent_bodies(drafts: list[_Draft], gaz: Gazetteer) -> None:
    """A ministry that signed one document signs the article's others with the same partner:
    'The Ministry of Energy of Uzbekistan has signed a deal with ACWA Power ... agreements between
    Uzbekistan and ACWA Power' keeps the ministry as the party."""
    for d in drafts:
        for body in d.parties:
            entry = gaz.by_canonical(body)
            if entry is None or entry.kind != "ministry" or not entry.country:
                continue
            partners = set(d.parties) - {body}
            for other in drafts:
                if other is d or other.mention.state_level or entry.country not in other.parties:
                    continue
                if partners & set(other.parties):
                    other.parties = list(
                        dict.fromkeys(body if p == entry.country else p for p in other.parties)
                    )


_STATELESS_MINISTRY = re.compile(r"Ministry\s+of\s+[A-Z][\w,&' -]*")
_BRACKETED = re.compile(r"\s*\((?P<state>[A-Z][\w' -]{2,30})\)")


_HIS_MINISTRY = re.compile(r"\b(?:his|her|the)\s+ministry\b", re.IGNORECASE)
_SECTOR_MINISTER = re.compile(r"(?:['’]s)?\s+(?P<sector>[a-z]+)\s+minister\b", re.IGNORECASE)


def _his_ministry(
    text: str, s: Sentence, parties: list[str], mentions: list[EntitySpan], gaz: Gazetteer
) -> list[str]:
    """'Uzbekistan's energy minister X tells us his ministry expects to sign ...': the party is that
    minister's ministry, not the state."""
    if not _HIS_MINISTRY.search(text, s.start, s.end):
        return parties
    for e in mentions:
        minister = _SECTOR_MINISTER.match(text, e.end) if e.type == "country" else None
        sector = sectors().get(minister["sector"].lower()) if minister else None
        if sector:
            entry = gaz.lookup(f"Ministry of {sector} of {e.canonical}")
            body = entry.canonical if entry is not None else f"Ministry of {sector} of {e.canonical}"
            return [body, *(p for p in parties if p not in (e.canonical, body))]
    return parties


def _bracketed_state(party: str, text: str, s: Sentence, gaz: Gazetteer) -> str:
    """'Ministry of Energy (Uzbekistan)': the ministry of the state in brackets after it."""
    if not _STATELESS_MINISTRY.fullmatch(party) or state_of(party, gaz):
        return party
    at = text.find(party, s.start, s.end)
    bracket = _BRACKETED.match(text, at + len(party)) if at != -1 else None
    state = gaz.lookup(bracket["state"]) if bracket else None
    if state is None or state.type != "country":
        return party
    entry = gaz.lookup(f"{party} of {state.canonical}")
    return entry.canonical if entry is not None else f"{party} of {state.canonical}"


def _stateless_ministries(
    drafts: list[_Draft], text: str, entities: tuple[EntitySpan, ...], gaz: Gazetteer
) -> None:
    """'the Ministry of Energy' with no state: the article's own state, the country it names most
    (a ministry's release calls itself "the Ministry of Energy")."""
    counts: dict[str, int] = {}
    for e in entities:
        if e.type == "country":
            counts[e.canonical] = counts.get(e.canonical, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    main = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""
    for d in drafts:
        for k, party in enumerate(d.parties):
            if not _STATELESS_MINISTRY.fullmatch(party) or state_of(party, gaz):
                continue
            if main:
                entry = gaz.lookup(f"{party} of {main}")
                d.parties[k] = entry.canonical if entry is not None else f"{party} of {main}"


def _one_mention(
    text: str,
    sentences: tuple[Sentence, ...],
    i: int,
    mention: Mention,
    entities: tuple[EntitySpan, ...],
    gaz: Gazetteer,
    lex: Lexicon,
    drafts: list[_Draft],
    context: tuple[str, int | None] | None,
    side: Side | None = None,
) -> tuple[str, int | None] | None:
    """Record, merge or skip one mention; returns the status context for the sentences after it."""
    sentence = sentences[i]
    # Parties and details come from the mention's own segment of the sentence.
    s = Sentence(sentence.index, sentence.text, mention.seg_start, mention.seg_end, sentence.paragraph)
    if mention.possible and mention.excluded == "hypothetical" and _talks_before(text, sentences, i, lex):
        # "The EU commenced negotiations with A and B. ... an agreement could be signed this year"
        mention = replace(mention, excluded="", status="negotiated")
    continuing = (
        _CONTINUING.search(text, mention.end, sentence.end) is not None
    )  # "No deal yet ...; talks continue"
    # "The parties discussed supplies. A new contract has not been signed yet": still under talks.
    pending = _YET.search(text, sentence.start, sentence.end) is not None and _talks_before(
        text, sentences, i, lex
    )
    if (
        mention.excluded == "negated"
        and not mention.plural
        and (continuing or pending or _talks_after(text, sentences, i, lex))
    ):
        # "A and B have not yet agreed on a new contract ... "Negotiations are continuing"": talks
        mention = replace(mention, excluded="", status="negotiated")
    if mention.excluded:
        return context
    mentions = in_sentence(entities, s)
    parties = sentence_parties(text, s, entities, gaz, lex)
    named = _named_subject(text, sentences, i, s, entities, gaz, lex)
    if named and named not in parties:
        parties = [named, *parties]
    parties = _named_ministry(text, s, mention, parties, entities, lex)
    parties = _sides_with(text, sentences, i, s, mention, parties, drafts, lex)
    parties = _described_parties(text, s, parties, entities, drafts, gaz, lex)
    parties = _trade_partner(text, s, parties, entities, gaz, lex)
    parties = speaker_side(text, sentence, mention.end, parties, entities, lex)
    if mention.reference and _OWN_SIGNING.match(text, mention.end):
        # "Rosatom is building Akkuyu under an intergovernmental agreement we signed with Russia in
        # 2010": a document of its own, between those its own clause names (and "we").
        comma = text.find(",", mention.end, s.end)
        clause_end = comma if comma != -1 else s.end
        clause = [e.canonical for e in mentions if mention.start <= e.start < clause_end]
        parties = list(dict.fromkeys(p for p in clause if p in parties or _is_party_kind(p, mentions)))
        mention = replace(mention, reference=False, anaphoric=False, status="signed")
    parties = with_first_person(text, s.start, s.end, parties, side, gaz)
    parties = _speaker_in_talks(text, s, mention, parties, mentions, lex)
    parties = [_bracketed_state(p, text, s, gaz) for p in parties]
    parties = _his_ministry(text, s, parties, mentions, gaz)
    if len(parties) == 1 and _AND_PARTNERS.search(text, s.start, mention.start):
        # "SOCAR and the partners signed an amended PSA": the partners of its last record with them
        kin = next((d for d in reversed(drafts) if parties[0] in d.parties and len(d.parties) > 1), None)
        if kin is not None:
            parties = list(kin.parties)
    if len(parties) < 2 and lex.both_countries.search(text, s.start, mention.start):
        # "the two sides should sign ..., as proposed by the Kazakh side": the article's two states
        pair = main_countries(entities)
        if pair and set(parties) <= set(pair):
            parties = pair
    if mention.state_level:
        parties = list(dict.fromkeys(state for state in (state_of(p, gaz) for p in parties) if state))
    compound = compound_states(text, s, gaz)
    named_by = Sentence(s.index, "", max(s.start, mention.start - 40), mention.start, s.paragraph)
    if compound and not parties and compound_states(text, named_by, gaz):
        parties = compound  # "The Iraq-Türkiye pipeline agreement expires ...": not the last record's
    # "The agreement replaces the agreement signed in 2019": the words just before count even
    # where the mention's segment starts at the document.
    another = lex.another_document.search(text, max(s.start, mention.start - 40), mention.start) or (
        lex.another_document.search(text, max(sentence.start, mention.start - 16), mention.start)
    )
    if mention.anaphoric and not another:  # "the previous contract" is not the one just reported
        stated = details.own_date(mentions, text, lex)
        target = _referent(drafts, mention, parties, gaz, sentence.index, stated)
        if target is not None:
            _enrich(target, mention, sentence, mentions, parties, text, lex, gaz)
            # "The following documents were signed:": the items after it take its status.
            return (mention.status, s.paragraph) if mention.status and mention.plural else context
    if mention.event_only:
        return context
    # "Under the Azerbaijan-Turkey contract", "MEMORANDUM of AGRI (Azerbaijan-Georgia-Romania ...)"
    if compound and set(parties) <= set(compound):
        parties = compound
    named_after = lex.parties_after_document.match(text, mention.end) is not None
    if mention.reference and named_after:
        # "Under the agreement signed between A and B on Monday, Turkmenistan will supply ...": the
        # parties are those of its own clause.
        comma = text.find(",", mention.end, s.end)
        own = {e.canonical for e in mentions if mention.end <= e.start < (comma if comma != -1 else s.end)}
        if len(own & set(parties)) >= 2:
            parties = [p for p in parties if p in own]
    if mention.reference and (len(parties) < 2 or not (named_after or compound)):
        return context  # "within the framework of the signed agreements": background only
    status = mention.status or ("signed" if mention.reference else "")  # "Under memorandums between A, B"
    listed = (
        lex.list_openers.match(text, sentence.start) is not None
        and bool(drafts)
        and (s.paragraph or 0) - (drafts[-1].sentence.paragraph or 0) <= _UMBRELLA_PARAGRAPHS
    )
    if not status and _negotiating_it(text, sentences, i, lex):
        status = "negotiated"  # "Our goal is a long-term contract with X. We are negotiating it now."
    if not status and listed:
        status = drafts[-1].status  # "The other agreement is a memorandum of understanding ..."
    if not status and context and len(parties) >= 2 and _near(context[1], s.paragraph):
        status = context[0]  # "Agreements concluded ... The memorandum between A and B stands out"
        context = (status, s.paragraph)  # the next item of a list ("- a memorandum between C and D")
    if mention.status:
        context = (mention.status, s.paragraph)
    if not status:
        return context
    source = "sentence" if parties else ""
    neighbour: Sentence | None = None
    carried = drafts[-1] if listed else None
    if not parties and carried is not None:
        parties, source = list(carried.parties), "previous agreement"  # "These included ..."
    if not parties:
        parties = _the_sides(text, sentences, i, s, drafts, lex)
        source = "previous agreement" if parties else ""
    if not parties:
        # Only "the document"/"the memorandum" borrows a neighbour's parties; a plural mention
        # may still be "between both countries".
        parties, source, neighbour = _neighbour_parties(
            text, sentences, i, entities, gaz, lex, not mention.plural, mention.state_level
        )
    # An item of a list ("These included ...") is a document of its own, never a restatement.
    if not parties and not listed:
        # "He hopes to reach an agreement by the end of the month": the record just reported.
        again = _same_kind_before(drafts, mention, status, s, mentions, lex, text)
        if again is not None:
            _enrich(again, mention, sentence, mentions, [], text, lex, gaz)
            return context
    earlier = None if listed else _restated(drafts, mention, status, parties, s, mentions, text, lex)
    if earlier is not None:
        promote = source == "sentence" and earlier.parties_source != "sentence"
        if promote and set(earlier.parties) < set(parties):
            _promote(earlier, mention, sentence, s, parties, mentions, text, lex)
        else:
            _enrich(earlier, mention, sentence, mentions, [], text, lex, gaz)
        return context
    partial = None if listed else _partial_statement(drafts, mention, status, parties, sentence)
    if partial is not None:
        # "CNPC said its subsidiary signed an agreement with X. ... Trans-Asia ... signed an
        # agreement with X": the later sentence names the parties; it becomes the evidence.
        _promote(partial, mention, sentence, s, parties, mentions, text, lex)
        return context
    if not parties and another and not mention.plural:
        # "The previous contract was signed in 2017": another document between the same parties.
        kin = _same_kind_before(drafts, mention, "", s, mentions, lex, text, any_status=True)
        if kin is not None:
            parties, source = list(kin.parties), "previous agreement"
    if mention.plural and not parties and status != "signed":
        return context  # "We are considering short-term contracts": no document in particular
    # "agreements with A, B and C respectively": one record with each.
    respective = _respective(text, s, mention, parties, mentions, lex)
    for pair in respective or [parties]:
        draft = _new_draft(mention, sentence, s, status, pair, source, mentions, text, lex)
        draft.respective = bool(respective)
        if carried is not None and not draft.date:
            draft.date, draft.date_iso = carried.date, carried.date_iso  # "On 9 February ... These included"
            draft.place = draft.place or carried.place
        if neighbour is not None and not draft.date:
            # "X and Y met on 1 November. A memorandum was signed at the end of the talks."
            found = details.date_of(in_sentence(entities, neighbour), neighbour.end, text)
            draft.date, draft.date_iso = found
        drafts.append(draft)
    return context


def _new_draft(
    mention: Mention,
    sentence: Sentence,
    s: Sentence,
    status: str,
    parties: list[str],
    source: str,
    mentions: list[EntitySpan],
    text: str,
    lex: Lexicon,
) -> _Draft:
    draft = _Draft(mention, sentence, status, list(parties), source, type=mention.type)
    draft.vague = mention.vague or (mention.plural and not parties)
    if draft.type == "document":
        draft.type = "agreement"
    _fill(draft, mention, s, mentions, text, lex)
    return draft


_NEAR_PARAGRAPHS = 3  # a bare restatement or "the previous contract" looks this far back


def _same_kind_before(
    drafts: list[_Draft],
    mention: Mention,
    status: str,
    s: Sentence,
    mentions: list[EntitySpan],
    lex: Lexicon,
    text: str,
    any_status: bool = False,
) -> _Draft | None:
    """The latest record of the same kind (and status) a few paragraphs back, for a mention that
    names no parties: a restatement, unless the text says it is another document."""
    if mention.vague or (not any_status and lex.another_document.search(text, s.start, mention.start)):
        return None
    kind = "agreement" if mention.type == "document" else mention.type
    # A mention with a date of its own ("signed in Bucharest on April 13") reports a signing.
    stated, dated = details.date_of(mentions, mention.start, text)
    if any_status or not any(c.isdigit() for c in stated):
        dated = ""  # "by the end of this month" dates no signing
    for draft in reversed(drafts):
        if (s.paragraph or 0) - (draft.sentence.paragraph or 0) > _NEAR_PARAGRAPHS:
            return None
        if draft.vague or not draft.parties or draft.type != kind or not _same_date(dated, draft.date_iso):
            continue
        if not any_status and draft.mention.plural != mention.plural:
            continue  # "memorandums between various agencies" does not restate "the memorandum"
        if dated and not draft.date_iso:
            continue
        if any_status or draft.status == status:
            return draft
    return None


def _partial_statement(
    drafts: list[_Draft], mention: Mention, status: str, parties: list[str], sentence: Sentence
) -> _Draft | None:
    """The record of the sentence just before, of the same kind and status, whose parties are a
    strict part of these ("its subsidiary has signed an agreement with X")."""
    if not drafts or len(parties) < 2:
        return None
    last = drafts[-1]
    kind = "agreement" if mention.type == "document" else mention.type
    close = 0 < sentence.index - last.sentence.index <= 2
    same = last.type == kind and last.status == status and not last.vague
    return last if close and same and set(last.parties) < set(parties) else None


def _promote(
    d: _Draft,
    mention: Mention,
    sentence: Sentence,
    s: Sentence,
    parties: list[str],
    mentions: list[EntitySpan],
    text: str,
    lex: Lexicon,
) -> None:
    """Make `sentence`, which names the parties, the record's evidence (the old one supports it);
    its date, place and subject come first, the old statement's fill what it leaves out."""
    if d.sentence is not sentence:
        d.supporting = [d.sentence, *(x for x in d.supporting if x is not sentence)]
        d.sentence = sentence
    d.parties = list(dict.fromkeys([*parties, *d.parties]))
    d.parties_source = "sentence"
    old = (d.date, d.date_iso, d.place, d.subject)
    d.date, d.date_iso, d.place, d.subject = "", "", "", ""
    _fill(d, mention, s, mentions, text, lex)
    if not d.date:
        d.date, d.date_iso = old[0], old[1]
    d.place = d.place or old[2]
    d.subject = d.subject or old[3]


def _respective(
    text: str, s: Sentence, mention: Mention, parties: list[str], entities: list[EntitySpan], lex: Lexicon
) -> list[list[str]]:
    """'X signed agreements with A, B and C respectively': one document between X and each. So too
    without "respectively" when one party signs plural documents "with" a list of others ("the
    ministry signed agreements with A, B and C"): a list after "with" names one partner a document."""
    if not mention.plural or len(parties) < 3:
        return []
    first, *others = parties
    if lex.respectively.search(text, s.start, s.end):
        return [[first, other] for other in others]
    cue = _WITH_LIST.search(text, mention.end, s.end)
    if cue is None:
        return []
    named = [e for e in entities if e.type in ("organization", "country") and e.canonical in parties]
    subject = {e.canonical for e in named if e.start < mention.start}
    listed = {e.canonical for e in named if e.start >= cue.end()}
    # The subject may be resolved from before ("the ministry"): then the sentence names it nowhere.
    if not subject <= {first} or listed != set(others) or first in listed:
        return []
    return [[first, other] for other in others]


_WITH_LIST = re.compile(r"\bwith\s")


def _restated(
    drafts: list[_Draft],
    mention: Mention,
    status: str,
    parties: list[str],
    s: Sentence,
    mentions: list[EntitySpan],
    text: str,
    lex: Lexicon,
) -> _Draft | None:
    """An earlier record the mention restates in other words ("will sign an agreement" ... "I plan
    to sign an agreement"): same kind, status and parties, compatible date, and nothing saying it is
    another document ("earlier", "a second", "new")."""
    if not parties or mention.vague or lex.another_document.search(text, s.start, mention.start):
        return None
    _, date_iso = details.date_of(mentions, mention.start, text)
    kind = "agreement" if mention.type == "document" else mention.type
    for draft in reversed(drafts):
        if draft.vague or draft.type != kind or draft.status != status:
            continue
        if draft.mention.plural and not mention.plural:
            continue  # "Azerbaijani-Kazakh documents were signed. The Agreement between ...": one of them
        if not set(parties) <= set(draft.parties):
            continue
        dates = sorted(d for d in (date_iso, draft.date_iso) if d)
        if len(dates) == 2 and not dates[1].startswith(dates[0]) and dates[0][:2] != "--":
            continue
        return draft
    return None


def _named_subject(
    text: str,
    sentences: tuple[Sentence, ...],
    i: int,
    s: Sentence,
    entities: tuple[EntitySpan, ...],
    gaz: Gazetteer,
    lex: Lexicon,
) -> str:
    """'The company also signed ...': the company (or for 'the country', the state) named last
    in the sentences just before, within the paragraph or the one before it."""
    if s.start != sentences[i].start:
        return ""
    sentence = text[s.start : s.end]
    if lex.subject_ministry.match(sentence):
        ministries = [e.canonical for e in entities if e.start < s.start and e.type == "organization"]
        return next((m for m in reversed(ministries) if m.startswith("Ministry")), "")
    kind = (
        "organization"
        if lex.subject_company.match(sentence)
        else "country"
        if lex.subject_state.match(sentence)
        else ""
    )
    if not kind:
        return ""
    for j in range(i - 1, max(-1, i - 4), -1):
        prev = sentences[j]
        if (s.paragraph or 0) - (prev.paragraph or 0) > 1:
            break
        for e in reversed(in_sentence(entities, prev)):
            entry = gaz.by_canonical(e.canonical)
            if e.type == kind and not (entry and entry.kind == "media"):
                return e.canonical
    if kind != "organization":
        return ""
    # Further back, "the company" is the one the article is about: the one it names most.
    counts: dict[str, int] = {}
    for e in entities:
        entry = gaz.by_canonical(e.canonical)
        if e.start < s.start and e.type == kind and not (entry and entry.kind == "media"):
            counts[e.canonical] = counts.get(e.canonical, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else ""


def _named_ministry(
    text: str,
    s: Sentence,
    mention: Mention,
    parties: list[str],
    entities: tuple[EntitySpan, ...],
    lex: Lexicon,
) -> list[str]:
    """'ACWA Power and the ministry signed ...': the ministry the article named last."""
    if any(p.startswith("Ministry") for p in parties):
        return parties
    said = lex.ministry_mention.search(text, s.start, mention.start)
    if said is None:
        return parties
    named = [e.canonical for e in entities if e.start < said.start() and e.type == "organization"]
    ministry = next((m for m in reversed(named) if m.startswith("Ministry")), "")
    return [*parties, ministry] if ministry else parties


def _sides_with(
    text: str,
    sentences: tuple[Sentence, ...],
    i: int,
    s: Sentence,
    mention: Mention,
    parties: list[str],
    drafts: list[_Draft],
    lex: Lexicon,
) -> list[str]:
    """'The parties plan to sign a power purchase agreement with X': the parties of the record just
    reported, and X."""
    if not parties or not drafts:
        return parties
    cue = _WITH_LIST.search(text, s.start, s.end)
    if cue is None:
        return parties
    end = cue.start()
    said = lex.the_sides.search(text, s.start, end) or lex.counted_sides.search(text, s.start, end)
    if said is None or said.start() > mention.start:
        return parties
    subject = Sentence(s.index, s.text, s.start, cue.start(), s.paragraph)
    known = _the_sides(text, sentences, i, subject, drafts, lex)
    return list(dict.fromkeys([*known, *parties])) if known else parties


def _described_parties(
    text: str,
    s: Sentence,
    parties: list[str],
    entities: tuple[EntitySpan, ...],
    drafts: list[_Draft],
    gaz: Gazetteer,
    lex: Lexicon,
) -> list[str]:
    """'an agreement between the UAE company and its Kazakh partners': the company of that state
    the article names (in place of the state), and the partners of the record just reported."""
    out = list(parties)
    company = ""
    described = lex.state_company.search(text, s.start, s.end)
    if described:
        state = gaz.lookup(described["state"])
        if state is not None and state.type == "country":
            company = _company_of(state.canonical, text, s.start, entities, drafts, gaz)
            if company:
                out = [company if p == state.canonical else p for p in out]
                out = out if company in out else [company, *out]
    partners = lex.its_partners.search(text, s.start, s.end)
    # Only where the sentence names them nowhere ("its partners, A and B" names them).
    if partners and drafts and not [p for p in out if p != company]:
        home = gaz.lookup(partners["state"]) if partners["state"] else None
        for p in drafts[-1].parties:
            if p == company or p in out:
                continue
            if home is None or _home(p, gaz) == home.canonical or p == home.canonical:
                out.append(p)
    return list(dict.fromkeys(out))


def _company_of(
    state: str, text: str, before: int, entities: tuple[EntitySpan, ...], drafts: list[_Draft], gaz: Gazetteer
) -> str:
    """The company of `state` the article speaks of most, up to `before`."""
    counts: dict[str, int] = {}
    for e in entities:
        if e.start < before and e.type == "organization" and _home(e.canonical, gaz) == state:
            counts[e.canonical] = counts.get(e.canonical, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else ""


def _trade_partner(
    text: str,
    s: Sentence,
    parties: list[str],
    entities: tuple[EntitySpan, ...],
    gaz: Gazetteer,
    lex: Lexicon,
) -> list[str]:
    """'an agreement on export of Kazakhstan's oil to Belarus': with one party named, the state the
    goods go to (or come from) is the other."""
    if len(parties) != 1:
        return parties
    for e in in_sentence(entities, s):
        if e.type != "country" or e.canonical in parties or gaz.is_demonym(e.text):
            continue
        if lex.trade_to.search(text, max(s.start, e.start - 100), e.start):
            return [*parties, e.canonical]
    return parties


def _the_sides(
    text: str, sentences: tuple[Sentence, ...], i: int, s: Sentence, drafts: list[_Draft], lex: Lexicon
) -> list[str]:
    """'The sides also signed a roadmap': the parties of the agreement just reported. 'The three
    companies signed ...': those of the last record of three companies."""
    counted = lex.counted_sides.search(text, s.start, s.end)
    if counted:
        n = _COUNT_WORDS.get(counted["n"].lower(), 0)
        states = counted["countries"] is not None
        gaz = load_gazetteer()
        for draft in reversed(drafts):
            if len(draft.parties) == n and all(_is_state(p, gaz) == states for p in draft.parties):
                return list(draft.parties)
        return []
    # The sentence before, in this paragraph or (wire copy's one-sentence paragraphs) the one before.
    prev = (
        sentences[i - 1]
        if i > 0 and 0 <= (s.paragraph or 0) - (sentences[i - 1].paragraph or 0) <= 1
        else None
    )
    said = lex.the_sides.search(text, s.start, s.end) is not None
    if not said and prev is not None and lex.the_sides.search(text, prev.start, prev.end):
        said, s = True, prev  # "Also sides discussed ... Corresponding contract is planned": those sides
    if not said:
        return []
    for draft in reversed(drafts):
        if draft.parties and (s.paragraph or 0) - (draft.sentence.paragraph or 0) <= 3:
            return list(draft.parties)
    return []


def _talks_before(text: str, sentences: tuple[Sentence, ...], i: int, lex: Lexicon) -> bool:
    """The sentence before (in this paragraph or closing the one before) speaks of negotiations."""
    if i == 0:
        return False
    prev, here = sentences[i - 1], sentences[i]
    if (here.paragraph or 0) - (prev.paragraph or 0) > 1:
        return False
    return lex.negotiated.search(text, prev.start, prev.end) is not None


_AND_PARTNERS = re.compile(r"\band\s+(?:the|its|their)\s+partners\b", re.IGNORECASE)
_YET = re.compile(r"\byet\b", re.IGNORECASE)
_IT = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)


_TALKS_WITH = re.compile(r"\b(?:talks|negotiations|negotiating|consultations)\s+with\b", re.IGNORECASE)


def _speaker_in_talks(
    text: str, s: Sentence, mention: Mention, parties: list[str], mentions: list[EntitySpan], lex: Lexicon
) -> list[str]:
    """'KazMunayGas said talks with Lukoil on the agreement ...', 'Tajik Energy Minister X said
    negotiations with A and B ...': who speaks of its talks with others is the other side (its
    organisation, else its state)."""
    if mention.status not in ("negotiated", "") or not _TALKS_WITH.search(text, s.start, s.end):
        return parties
    start, end = attribution_span(text, s, lex)
    if start != s.start or start >= end:
        return parties  # only a speaker opening the sentence ("X said talks with ...")
    said = [e for e in mentions if start <= e.start < end]
    body = next((e for e in said if e.type == "organization"), None) or next(
        (e for e in said if e.type == "country"), None
    )
    if body is None or body.canonical in parties:
        return parties
    return [body.canonical, *parties]


def _is_party_kind(canonical: str, mentions: list[EntitySpan]) -> bool:
    return any(e.canonical == canonical and e.type in ("organization", "country") for e in mentions)


def _negotiating_it(text: str, sentences: tuple[Sentence, ...], i: int, lex: Lexicon) -> bool:
    """The next sentence of the paragraph negotiates "it" (the document this one names)."""
    if i + 1 >= len(sentences) or sentences[i + 1].paragraph != sentences[i].paragraph:
        return False
    nxt = sentences[i + 1]
    talks = lex.negotiated.search(text, nxt.start, nxt.end)
    return talks is not None and _IT.search(text, talks.end(), min(nxt.end, talks.end() + 12)) is not None


def _talks_after(text: str, sentences: tuple[Sentence, ...], i: int, lex: Lexicon) -> bool:
    """The next sentence (in this paragraph or opening the next) says talks go on."""
    if i + 1 >= len(sentences):
        return False
    here, nxt = sentences[i], sentences[i + 1]
    if (nxt.paragraph or 0) - (here.paragraph or 0) > 1:
        return False
    return _CONTINUING.search(text, nxt.start, nxt.end) is not None and not lex.negations.search(
        text, nxt.start, nxt.end
    )


# "an agreement we signed with Russia in 2010", "the agreement, signed with X": the clause after a
# cited document states its own signing.
_OWN_SIGNING = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:we|they|it|[A-Z][\w-]*)\s+(?:have\s+|has\s+|had\s+)?(?:signed|concluded)\b"
    r"|,?\s+(?:signed|concluded)\s+(?:with|between|by|in|on)\b"
)
# "Negotiations are continuing", "talks will continue", "the talks go on".
_CONTINUING = re.compile(
    r"\b(?:negotiations|talks|consultations)\s+(?:are\s+|will\s+|to\s+)?(?:continu\w*|go(?:es|ing)?\s+on|resume\w*)",
    re.IGNORECASE,
)


def _near(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and 0 <= b - a <= 1


def _referent(
    drafts: list[_Draft], mention: Mention, parties: list[str], gaz: Gazetteer, index: int, date: str = ""
) -> _Draft | None:
    """The latest earlier record this definite mention can refer back to, if any. A mention that
    states its own date, another than the record's, names another document ("the Agreement ...
    dated April 10, 2003")."""
    # With a date of its own, a signed mention is not the document still under talks.
    drafts = [
        d
        for d in drafts
        if _same_date(date, d.date_iso) and not (date and mention.status and mention.status != d.status)
    ]
    last = drafts[-1] if drafts else None
    if (
        last is not None
        and index - last.sentence.index == 1
        and not last.vague
        and last.mention.plural == mention.plural
        and mention.type in (last.type, last.mention.type, "document")
        and (
            len(parties) < 2
            or not last.parties
            or _sides_meet(parties, last.parties, gaz)
            or _companies_of(parties, last.parties, gaz)
        )
    ):
        # "X signed an amendment ... The amendment was signed by A of X and B of Y"; not "KEGOC signed
        # its contract with X. QazaqGaz and Gazprom signed the processing contract".
        return last
    for draft in reversed(drafts):
        if draft.mention.plural != mention.plural and not draft.mention.event_only:
            continue  # "the agreements" does not restate "the memorandum"
        if draft.vague and parties:
            continue  # a named pair of companies is not one of "various agreements"
        if not _compatible(mention.type, draft):
            continue
        if not parties or _within(parties, draft.parties) or _companies_of(parties, draft.parties, gaz):
            return draft
        # "These memorandums between SOCAR, Kazakhstan's KazMunayGas ..." after "agreements between
        # Azerbaijan, Kazakhstan ...": the companies of the states already named.
        homes = {(gaz.by_canonical(p) or _NoEntry).country or p for p in parties}
        if draft.parties and homes <= set(draft.parties):
            return draft
        if not draft.parties and draft.vague:
            continue
        return None
    return None


def _within(parties: list[str], known: list[str]) -> bool:
    """Every party is one of `known`, or the parent company of one ("SOCAR" of "SOCAR Green")."""
    return all(p in known or any(k.startswith(p + " ") for k in known) for p in parties)


def _companies_of(companies: list[str], states: list[str], gaz: Gazetteer) -> bool:
    """'Azerbaijan and Uzbekistan have signed an agreement ... Agreement was signed between SOCAR
    Green and Uzbekhydroenergo': two companies or more, each of one of those states (or of a state
    the gazetteer does not know), restate the states' document and name who signed it."""
    if len(companies) < 2 or not states or not all(_is_state(p, gaz) for p in states):
        return False
    for c in companies:
        entry = gaz.by_canonical(c)
        if _is_state(c, gaz) or state_of(c, gaz) or (entry is not None and entry.country not in states):
            return False
    return True


def _sides_meet(a: list[str], b: list[str], gaz: Gazetteer) -> bool:
    """Two lists of parties share a side: a party, or the state a ministry stands for ("Ministry of
    Foreign Affairs of Turkmenistan" meets "Turkmenistan"; two companies of one state do not)."""

    def sides(parties: list[str]) -> set[str]:
        return {*parties, *(state_of(p, gaz) for p in parties)} - {""}

    return bool(sides(a) & sides(b))


def _same_date(a: str, b: str) -> bool:
    """Two stated dates (partial ISO) can be one: either missing, or one refines the other."""
    if not a or not b:
        return True
    if a.startswith("--") != b.startswith("--"):
        a, b = a[-5:] if a.startswith("--") else a, b[-5:] if b.startswith("--") else b
        return a[-len(b) :] == b or b[-len(a) :] == a
    return a.startswith(b) or b.startswith(a)


def _compatible(kind: str, draft: _Draft) -> bool:
    """Can a definite mention of `kind` restate `draft`? ("the agreement" may restate an MoU)."""
    allowed = _COMPATIBLE.get(kind, {kind})
    if allowed is None or draft.type in allowed or draft.mention.type == "document":
        return True
    return kind in ("memorandum", "accord") and draft.type == "agreement"


class _NoEntry:
    country = ""


def _enrich(
    d: _Draft,
    mention: Mention,
    s: Sentence,
    mentions: list[EntitySpan],
    parties: list[str],
    text: str,
    lex: Lexicon,
    gaz: Gazetteer,
) -> None:
    # Supporting sentences are kept up to a bound: a real report restates an agreement a few times;
    # a pathological one 55,000 times (each a list scan: quadratic, and megabytes of evidence).
    if s is not d.sentence and len(d.supporting) < MAX_SUPPORTING and s not in d.supporting:
        d.supporting.append(s)
    # A restatement adds parties where the first statement left some unnamed ("BP and its
    # partners") or where it lists them itself ("These memorandums between SOCAR, KazMunayGas
    # ..."); one naming the signers' bodies ("signed by European Commission President X") adds none.
    if _companies_of(parties, d.parties, gaz):
        d.parties, d.parties_source = list(parties), "sentence"  # the states' companies signed it
        parties = []
    complete = len(d.parties) >= 2 and not lex.unnamed_partners.search(text, d.sentence.start, d.sentence.end)
    if complete and not lex.parties_after_document.match(text, mention.end):
        parties = []
    if d.mention.state_level:  # "an intergovernmental memorandum ... signed by Minister of Energy of A"
        parties = [state for state in (state_of(p, gaz) for p in parties) if state]
    for p in parties:
        if p not in d.parties:
            d.parties.append(p)
            d.parties_source = d.parties_source or "sentence"
    plural = d.mention.plural and mention.plural
    if plural and d.type in ("agreement", "document") and mention.type not in ("agreement", "document"):
        d.type = mention.type  # "strategic agreements ... These memorandums": the precise kind
    _fill(d, mention, s, mentions, text, lex)


def _fill(
    d: _Draft, mention: Mention, s: Sentence, mentions: list[EntitySpan], text: str, lex: Lexicon
) -> None:
    """Add what this sentence says to the empty fields of the record (first statement wins)."""
    for name in details.signatories(text, s, mentions, lex):
        if name not in d.signatories:
            d.signatories.append(name)
    if not d.date:
        # A date in ", the company's press service reported on Oct. 18" dates the report.
        # (Not one of "..., X said after the MOU signing ceremony in Baku on April 4.")
        said = attribution_span(text, s, lex)
        if lex.documents.search(text, *said) or lex.signed.search(text, *said):
            said = (s.end, s.end)
        dated = [e for e in mentions if not (e.type == "date" and said[0] <= e.start < said[1])]
        d.date, d.date_iso = details.date_of(dated, mention.start, text, signed=d.status == "signed")
    if not d.place:
        d.place = details.place_of(text, s, mentions, lex)
    if not d.subject:
        d.subject = details.subject_of(
            text, s, mention.end if not mention.anaphoric else s.start, lex, mentions
        ) or details.document_name(text, mention.start, mention.end)
    for q in details.quantities_of(mentions):
        if q not in d.quantities:
            d.quantities.append(q)


def _neighbour_parties(
    text: str,
    sentences: tuple[Sentence, ...],
    i: int,
    entities: tuple[EntitySpan, ...],
    gaz: Gazetteer,
    lex: Lexicon,
    neighbours: bool = True,
    states_only: bool = False,
) -> tuple[list[str], str, Sentence | None]:
    """Parties from the previous sentences of the paragraph, then the next; else 'both countries'.
    A state-level document opening a paragraph may take the states of the paragraph before
    ("Kazakhstan and China agreed to ... ¶ The intergovernmental protocol, signed in Beijing ...")."""
    s = sentences[i]
    order = ([i - 1, i - 2] if states_only else [i - 1, i - 2, i + 1]) if neighbours else []
    for j in order:
        if not 0 <= j < len(sentences):
            continue
        same = sentences[j].paragraph == s.paragraph
        opening = states_only and j == i - 1 and (i == 0 or sentences[i - 1].paragraph != s.paragraph)
        if same or opening:
            found = sentence_parties(text, sentences[j], entities, gaz, lex)
            if states_only:
                found = list(dict.fromkeys(state for state in (state_of(p, gaz) for p in found) if state))
            if found:
                return found, "neighbour", sentences[j]
    window = [sentences[j] for j in (i - 1, i, i + 1) if 0 <= j < len(sentences)]
    if any(lex.both_countries.search(text, w.start, w.end) for w in window if w.paragraph == s.paragraph):
        countries = main_countries(entities)
        if countries:
            return countries, "article", None
    return [], "", None


def _is_state(name: str, gaz: Gazetteer) -> bool:
    entry = gaz.by_canonical(name)
    return entry is not None and entry.type == "country"


def _freeze(article: Article, n: int, d: _Draft) -> Agreement:
    s = d.sentence
    return Agreement(
        id=f"{article.id}#a{n}",
        article=article.id,
        type=d.type,
        status=d.status,
        parties=tuple(d.parties),
        evidence=Evidence(s.text, s.paragraph, s.start, s.end),
        signatories=tuple(d.signatories) if d.status == "signed" else (),  # nobody signed a plan yet
        date=d.date,
        when=_partial_date(d.date_iso),
        place=d.place,
        subject=d.subject,
        quantities=tuple(d.quantities),
        vague=d.vague,
        supporting=tuple(Evidence(x.text, x.paragraph, x.start, x.end) for x in d.supporting),
        parties_source=d.parties_source,
        reported=article.meta.date,
        document=d.mention.noun,
    )


def _partial_date(iso: str) -> PartialDate:
    """The date entity's ISO form as a value (dates the extraction normalised are always valid)."""
    try:
        return PartialDate.parse_iso(iso)
    except ValueError:
        return PartialDate()
