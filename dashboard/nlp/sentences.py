"""Sentence spans as character offsets.

News text is split on line breaks first (headlines, bylines and paragraphs are separate units), then
each paragraph by the rule of spaCy's rule-based sentencizer. The tokens come from the event coder's own
parser model: spaCy's tokenizer is many times faster on text it has seen (it caches), so when the event
coder then parses each sentence its tokenization is nearly free (about 4 ms less per news article).

The sentencizer's rule (`Sentencizer.predict`: a sentence starts at the first token after sentence-ending
punctuation that is not itself punctuation) runs here over the doc's arrays: spaCy's runs it, and then
`Doc.sents` and `Span.text`, on a Python Token object made per token, which took more time than the
tokenizer. tests/test_text.py compares the two on demo and dev texts.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH
from spacy.pipeline import Sentencizer

_PARAGRAPH = re.compile(r"[^\n]+")


@cache
def _tokenizer_and_enders():
    """The parser model's tokenizer, and the ids of the texts that end a sentence (the sentencizer's)."""
    from dashboard.nlp.parse import parser

    tokenizer = parser().tokenizer
    return tokenizer, frozenset(tokenizer.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)


def _sentence_starts(orths: list[int], puncts: list[int], enders: frozenset[int]) -> list[int]:
    """The tokens that start a sentence, as `Sentencizer.predict` finds them."""
    starts, seen_ender = [0], False
    for i, (orth, punct) in enumerate(zip(orths, puncts, strict=True)):
        ender = orth in enders
        if seen_ender and not punct and not ender:
            starts.append(i)
            seen_ender = False
        elif ender:
            seen_ender = True
    return starts


@lru_cache(maxsize=256)  # the geoparser and the event coder split the same article
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence, leading and trailing blanks trimmed."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    tokenizer, enders = _tokenizer_and_enders()
    spans = []
    for offset, paragraph in paragraphs:
        doc = tokenizer(paragraph)
        if not len(doc):
            continue
        orths, puncts, starts, lengths = doc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).T.tolist()
        firsts = _sentence_starts(orths, puncts, enders)
        for first, last in zip(firsts, [*firsts[1:], len(doc)], strict=True):
            start, end = starts[first], starts[last - 1] + lengths[last - 1]
            if paragraph[start:end].strip():
                spans.append((offset + start, offset + end))
    return tuple(spans)


def sentence_index(spans: tuple[tuple[int, int], ...], offset: int) -> int:
    """Index of the sentence containing `offset` (or the one before it, for offsets between sentences)."""
    return max(0, bisect.bisect_right([start for start, _ in spans], offset) - 1)
