"""Sentence spans as character offsets.

News text is split on line breaks first (headlines, bylines and paragraphs are separate units), then
each paragraph goes through spaCy's rule-based sentencizer.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

import spacy

_PARAGRAPH = re.compile(r"[^\n]+")


@cache
def _sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=256)  # the geoparser and the event coder split the same article
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence, leading and trailing blanks trimmed."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    spans = []
    for (offset, _), doc in zip(paragraphs, _sentencizer().pipe(p for _, p in paragraphs), strict=True):
        for sent in doc.sents:
            if sent.text.strip():
                spans.append((offset + sent.start_char, offset + sent.end_char))
    return tuple(spans)


def sentence_index(spans: tuple[tuple[int, int], ...], offset: int) -> int:
    """Index of the sentence containing `offset` (or the one before it, for offsets between sentences)."""
    return max(0, bisect.bisect_right([start for start, _ in spans], offset) - 1)
