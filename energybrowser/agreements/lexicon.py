"""The agreement word lists (`resources/extraction/agreements.yaml`) compiled once into regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from energybrowser.entities.rules import alternation, load_rules


def _words(items: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(items)})(?![\w-])", flags)


def _opening(items: list[str]) -> re.Pattern[str]:
    """The phrase as the subject opening a sentence ("The company also signed ...")."""
    return re.compile(
        # An opener before it: a clause closed by a comma, or a time without one ("In 2021 the ...").
        rf"^\W*(?:[A-Z][\w’'-]*(?:\s+[\w’'-]+){{0,3}},\s+|(?:in|on|by|since|later|earlier)\s+\d{{4}}\s+)?"
        rf"(?:{alternation(items)})\s+"
        rf"(?:also\s+|has\s+|have\s+|had\s+)?(?!of\s)[a-z]",
        re.IGNORECASE,
    )


def _ending(items: list[str]) -> re.Pattern[str]:
    """Matches when the text ends with one of the phrases (and optional spaces/articles)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(items)})\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    documents: re.Pattern[str]
    document_type: dict[str, str]  # lower-cased phrase -> type
    generic: frozenset[str]
    not_documents: re.Pattern[str]
    signed: re.Pattern[str]
    planned: re.Pattern[str]
    planned_adjectives: re.Pattern[str]
    negotiated: re.Pattern[str]
    possible_signing: re.Pattern[str]
    expected_agreement: re.Pattern[str]
    disputed_terms: re.Pattern[str]
    negotiated_adjectives: re.Pattern[str]
    negations: re.Pattern[str]
    hypothetical_openers: re.Pattern[str]
    hedges: re.Pattern[str]
    vague_before: re.Pattern[str]
    anaphoric_before: re.Pattern[str]
    anaphoric_events: re.Pattern[str]
    reference_before: re.Pattern[str]
    conditional_after: re.Pattern[str]
    state_level: re.Pattern[str]
    subject_company: re.Pattern[str]
    subject_state: re.Pattern[str]
    subject_ministry: re.Pattern[str]
    ministry_mention: re.Pattern[str]
    another_document: re.Pattern[str]
    the_sides: re.Pattern[str]
    counted_sides: re.Pattern[str]
    relative_clause: re.Pattern[str]
    speaker_first: re.Pattern[str]
    segment_cues: re.Pattern[str]
    attribution: re.Pattern[str]
    reported_subject: re.Pattern[str]
    according_to: re.Pattern[str]
    not_party_before: re.Pattern[str]
    unnamed_partners: re.Pattern[str]
    state_company: re.Pattern[str]
    its_partners: re.Pattern[str]
    trade_to: re.Pattern[str]
    verbal_agreement: re.Pattern[str]
    list_cues: re.Pattern[str]
    opening_clause: re.Pattern[str]
    list_openers: re.Pattern[str]
    respectively: re.Pattern[str]
    parties_after_document: re.Pattern[str]
    own_date_before: re.Pattern[str]
    based_after: re.Pattern[str]
    state_nouns: re.Pattern[str]
    government_of: re.Pattern[str]
    counterparty_cues: re.Pattern[str]
    describing_of: re.Pattern[str]
    leaders_of: re.Pattern[str]
    minister_title: re.Pattern[str]
    minister_office: re.Pattern[str]  # "Minister of Economy and Sustainable Development of " before a state
    both_countries: re.Pattern[str]
    signatory_cues: re.Pattern[str]
    not_signatory_before: re.Pattern[str]
    subject_cues: re.Pattern[str]
    place_before: re.Pattern[str]
    event_name: re.Pattern[str]
    visit_before: re.Pattern[str]
    facility_after: re.Pattern[str]
    facility_before: re.Pattern[str]
    editor_note: re.Pattern[str]
    headline_signed: re.Pattern[str]
    government_of_before: re.Pattern[str]  # "... the Government of the " before a state
    in_force: re.Pattern[str]

    def document_in(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The first document noun in text[start:end] that is one ("on paper", "a great deal" are not)."""
        words = list(self.not_documents.finditer(text, start, end))
        for m in self.documents.finditer(text, start, end):
            if not any(n.start() <= m.start() and m.end() <= n.end() for n in words):
                return m
        return None


@cache
def lexicon() -> Lexicon:
    d = load_rules("agreements")
    document_type: dict[str, str] = {}
    for table in ("documents", "documents_ru"):
        for kind, phrases in d.get(table, {}).items():
            for phrase in phrases:
                document_type[phrase.lower()] = kind
    for phrase in d["generic_documents"]:
        document_type.setdefault(phrase.lower(), "document")
    # Acronyms (MoU, PSA) must be written in capitals; words match in any case.
    acronyms = [p for kinds in d["documents"].values() for p in kinds if sum(c.isupper() for c in p) >= 2]
    words = [p for p in document_type if p not in {a.lower() for a in acronyms}]
    documents = re.compile(rf"(?<![\w-])(?:(?i:{alternation(words)})|{alternation(acronyms)})(?![\w-])")
    return Lexicon(
        documents=documents,
        document_type=document_type,
        generic=frozenset(p.lower() for p in d["generic_documents"]),
        not_documents=_words(d["not_documents"]),
        signed=_words(d["signed"]),
        planned=_words(d["planned"]),
        planned_adjectives=_ending(d["planned_adjectives"]),
        negotiated=_words(d["negotiated"]),
        possible_signing=_words(d["possible_signing"]),
        expected_agreement=_words(d["expected_agreement"]),
        disputed_terms=_words(d["disputed_terms"]),
        negotiated_adjectives=_ending(d["negotiated_adjectives"]),
        negations=_words(d["negations"]),
        hypothetical_openers=_words(d["hypothetical_openers"]),
        hedges=_words(d["hedges"], 0),
        vague_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['vague'])})\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE
        ),
        # "the signed agreements", "these four-party memorandums"; not "the signing of memorandums".
        anaphoric_before=re.compile(
            rf"(?:^|[^\w-])(?:{alternation(d['anaphoric'])})\s+"
            rf"(?:(?!(?:of|for|to|on|in|with|by|and|a|an)\s)[\w-]+\s+){{0,2}}$",
            re.IGNORECASE,
        ),
        reference_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['reference_before'])})\s+(?:[\w-]+\s+){{0,4}}$", re.IGNORECASE
        ),
        anaphoric_events=_words(d["anaphoric_events"]),
        conditional_after=_words(d["conditional_after"]),
        state_level=_words(d["state_level"]),
        subject_company=_opening(d["subject_company"]),
        subject_state=_opening(d["subject_state"]),
        subject_ministry=_opening(d["subject_ministry"]),
        # "the ministry" standing for one named before; not "The Ministry of Energy of ...".
        ministry_mention=re.compile(
            rf"(?<![\w-])(?:{alternation(d['subject_ministry'])})(?![\w-])(?!\s+of\b)", re.IGNORECASE
        ),
        another_document=_words(d["another_document"]),
        the_sides=_words(d["the_sides"]),
        counted_sides=re.compile(
            r"\b(?:the|all|both)\s+(?P<n>two|three|four|five|six|2|3|4|5|6)\s+(?:"
            rf"(?P<companies>{alternation(d['counted_sides']['companies'])})"
            rf"|(?P<countries>{alternation(d['counted_sides']['countries'])}))\b",
            re.IGNORECASE,
        ),
        relative_clause=re.compile(rf",\s+(?:{alternation(d['relative_clauses'])})\b", re.IGNORECASE),
        speaker_first=re.compile(
            rf"^[^,]{{1,80}}?\s(?P<verb>{alternation(d['attribution_verbs'])})\b(?:\s+that\b)?", re.IGNORECASE
        ),
        segment_cues=re.compile(rf"(?:,\s*|\s)(?:{alternation(d['segment_cues'])})\s", re.IGNORECASE),
        attribution=re.compile(
            rf",\s*(?:[^,]{{0,80}}?\s)?(?P<verb>{alternation(d['attribution_verbs'])})\b(?:[^,]*,){{0,2}}[^,]*$",
            re.IGNORECASE,
        ),
        # "X said on Thursday it had signed ...": after the speaker's verb, a pronoun standing for
        # the speaker as the subject of the signing.
        reported_subject=re.compile(
            rf"\s+(?:(?:on|last|this|late|earlier)\s+[\w.]+(?:\s+\d+)?,?\s+)?(?:that\s+)?"
            rf"(?:{alternation(d['speaker_pronouns'])})\s+(?:[\w’'-]+\s+){{0,3}}?"
            rf"(?:{alternation(d['signed'] + d['planned'])})\b",
            re.IGNORECASE,
        ),
        according_to=re.compile(r"^\W*according\s+to\b[^,]*,", re.IGNORECASE),
        unnamed_partners=_words(d["unnamed_partners"]),
        state_company=re.compile(
            rf"\bthe\s+(?P<state>[A-Z][\w.’'-]*)\s+(?:{alternation(d['state_company_nouns'])})\b"
        ),
        its_partners=re.compile(
            rf"\b(?:its|their)\s+(?:(?P<state>[A-Z][\w’'-]*)\s+)?(?:{alternation(d['partner_nouns'])})\b"
        ),
        trade_to=re.compile(
            rf"(?<![\w-])(?:{alternation(d['trade_nouns'])})\b[^.;]{{0,80}}?\b(?:to|into|from)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        verbal_agreement=_words(d["verbal_agreement"]),
        list_cues=_words(d["list_cues"]),
        opening_clause=re.compile(rf"\W*(?:{alternation(d['opening_clauses'])})\s[^,]*,", re.IGNORECASE),
        list_openers=re.compile(rf"\W*(?:{alternation(d['list_openers'])})\b", re.IGNORECASE),
        respectively=_words(d["respectively"]),
        # "the agreement on gas transit between A and B": a few words, then the parties.
        parties_after_document=re.compile(
            rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(d['parties_after_document'])})\s", re.IGNORECASE
        ),
        own_date_before=_ending(d["own_date_cues"]),
        not_party_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['not_party_before'])})\s+(?:the\s+|a\s+|an\s+)?"
            rf"(?:(?:{alternation(d['place_adjectives'])})\s+)?$",
            re.IGNORECASE,
        ),
        based_after=re.compile(rf"\s?(?:{alternation(d['based_after'])})\b", re.IGNORECASE),
        state_nouns=re.compile(rf"\s+(?:{alternation(d['state_nouns'])})\b", re.IGNORECASE),
        government_of=re.compile(rf"^(?:the\s+)?(?:{alternation(d['government_of'])})\s+(?:the\s+)?", re.I),
        counterparty_cues=_words(d["counterparty_cues"]),
        describing_of=_ending(d["describing_of"]),
        leaders_of=_ending(d["leaders_of"]),
        minister_title=re.compile(rf"(?<![\w-])(?:{alternation(d['minister_titles'])})\s+of\b"),
        minister_office=re.compile(
            rf"(?:{alternation(d['minister_titles'])})\s+(?P<office>of\s+(?:the\s+)?[A-Z][\w-]*"
            r"(?:\s+(?:and|for|of|the|[A-Z][\w-]*))*?)\s+of\s+(?:the\s+(?:Republic\s+of\s+)?)?$"
        ),
        both_countries=_words(d["both_countries"]),
        signatory_cues=_words(d["signatory_cues"]),
        not_signatory_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['not_signatory_before'])})\W+(?:[\w’'-]+\W+){{0,4}}$"
            rf"|(?<![\w-])(?:{alternation(d['not_signatory_clause'])})\s(?:[\w’'-]+[ ,]+){{0,16}}$",
            re.IGNORECASE,
        ),
        subject_cues=_words(d["subject_cues"]),
        # "signed in Russia's St. Petersburg": a state's possessive may stand between.
        place_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['place_cues'])})\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$",
            re.IGNORECASE,
        ),
        event_name=re.compile(rf"\s(?:{alternation(d['event_words'])})$"),
        visit_before=re.compile(rf"(?<![\w-])(?:{alternation(d['visit_cues'])})\s+(?:the\s+)?$", re.I),
        facility_after=re.compile(rf"\s+(?:{alternation(d['facility_words'])})\b", re.IGNORECASE),
        # "a wind farm in Navoi", "plants in the Samarkand region": where the facility is.
        facility_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['facility_words'])})\s+(?:in|at|near)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        headline_signed=_words(d["headline_signed"]),
        government_of_before=_ending(d["government_of"]),
        in_force=_words(d["in_force"]),
        editor_note=re.compile(rf"\W*(?:{alternation(d['editor_notes'])})\b\W", re.IGNORECASE),
    )
