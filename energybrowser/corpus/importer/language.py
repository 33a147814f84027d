"""The language of an article, told by the share of each language's common words in its text."""

from __future__ import annotations

import re

from energybrowser.corpus.importer.vocabulary import fold, vocabulary

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 20  # too little text to tell
MIN_SHARE = 0.12  # running text in a language has far more of its function words than this


def detect_language(text: str) -> str:
    """ISO 639-1 code, or '' when the text is too short or no language stands out."""
    words = _WORD.findall(fold(text))
    if len(words) < MIN_WORDS:
        return ""
    scores = {
        code: sum(1 for w in words if w in stopwords) / len(words)
        for code, stopwords in vocabulary().stopwords.items()
    }
    best = max(scores, key=lambda code: scores[code])
    ranked = sorted(scores.values(), reverse=True)
    if scores[best] < MIN_SHARE or (len(ranked) > 1 and ranked[1] > scores[best] * 0.8):
        return ""
    return best
