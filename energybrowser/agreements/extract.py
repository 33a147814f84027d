"""Find agreements an article reports (baseline: one per sentence naming a document and a signing
verb; parties are the gazetteer's organisations and countries in that sentence; see issue 4)."""

from __future__ import annotations

import re

from energybrowser.agreements.model import Agreement, Evidence
from energybrowser.corpus.model import Article
from energybrowser.entities.extract import extract_entities

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_DOCUMENT = re.compile(r"\b(memorand(?:um|a|ums)|agreements?|contracts?|protocols?|accords?)\b", re.I)
_SIGNED = re.compile(r"\b(sign(?:ed|ing)|conclud(?:ed|ing)|inked|reached)\b", re.I)


def extract_agreements(article: Article) -> tuple[Agreement, ...]:
    entities = extract_entities(article)
    found: list[Agreement] = []
    for m in _SENTENCE.finditer(article.text):
        sentence = m.group(0)
        doc = _DOCUMENT.search(sentence)
        if not doc or not _SIGNED.search(sentence):
            continue
        start = m.start() + len(sentence) - len(sentence.lstrip())
        end = m.end()
        parties = tuple(
            dict.fromkeys(
                e.canonical
                for e in entities
                if start <= e.start < end and e.type in ("organization", "country")
            )
        )
        word = doc.group(1).lower()
        kind = "memorandum" if word.startswith("memorand") else word.rstrip("s")
        found.append(
            Agreement(
                id=f"{article.id}#{len(found) + 1}",
                article=article.id,
                type=kind,
                status="signed",
                parties=parties,
                evidence=Evidence(article.text[start:end], article.paragraph_at(start), start, end),
            )
        )
    return tuple(found)
