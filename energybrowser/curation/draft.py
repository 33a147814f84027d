"""A draft of the agreement a selected sentence states, for "Add Agreement from Selection": what the
rules can read from the sentence, for the analyst to complete.

The extractor runs on the sentence alone (with the article's date); where it finds nothing (which is
why the analyst adds it) the draft takes the sentence's own entities, document words and verbs from
the same lexicon and gazetteer the extractor uses.
"""

from __future__ import annotations

from dataclasses import replace

from energybrowser.agreements.extract import extract_agreements
from energybrowser.agreements.lexicon import lexicon
from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.corpus.markdown_io import build_article
from energybrowser.corpus.model import Article, PartialDate
from energybrowser.entities.extract import extract_entities

PARTY_TYPES = ("organization", "country")


def draft_agreement(article: Article, start: int, end: int) -> Agreement:
    """The agreement the text at `start:end` of the article states, as far as the rules can tell."""
    sentence = article.text[start:end].strip()
    offset = start + article.text[start:end].find(sentence) if sentence else start
    evidence = Evidence(sentence, article.paragraph_at(offset), offset, offset + len(sentence))
    alone = build_article(replace(article.meta, id=f"{article.id}-draft"), _escaped(sentence))
    found = extract_agreements(alone) if sentence else ()
    if found:
        best = max(found, key=lambda a: (not a.vague, len(a.parties)))
        return replace(
            best, id="", article=article.id, evidence=evidence, group="", conflicts=(), supporting=()
        )
    return _from_entities(article, alone, evidence)


def _from_entities(article: Article, alone: Article, evidence: Evidence) -> Agreement:
    spans = extract_entities(alone)
    parties = tuple(dict.fromkeys(s.canonical for s in spans if s.type in PARTY_TYPES))
    people = tuple(dict.fromkeys(s.canonical for s in spans if s.type == "person"))
    quantities = tuple(dict.fromkeys(s.canonical for s in spans if s.type in ("quantity", "money")))
    places = [s.canonical for s in spans if s.type == "place"]
    when = PartialDate()
    for span in spans:
        if span.type == "date":
            try:
                when = PartialDate.parse_iso(span.canonical)
                break
            except ValueError:
                continue
    lex = lexicon()
    text = evidence.text
    document = lex.documents.search(text)
    kind = lex.document_type.get(document.group(0).lower(), "agreement") if document else "agreement"
    status = (
        "planned" if lex.planned.search(text) else "negotiated" if lex.negotiated.search(text) else "signed"
    )
    return Agreement(
        id="",
        article=article.id,
        type=kind,
        status=status,
        parties=parties,
        evidence=evidence,
        signatories=people,
        when=when,
        place=places[0] if places else "",
        quantities=quantities,
        reported=article.meta.date,
        document=document.group(0) if document else "",
    )


def _escaped(text: str) -> str:
    """Plain text as Markdown that renders to the same words (no emphasis, lists or headings)."""
    return "".join("\\" + c if c in "\\`*_{}[]<>#+-!|" else c for c in text)
