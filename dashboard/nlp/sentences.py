"""Sentence spans as character offsets.

News text is split into lines first (`dashboard.nlp.lines`): a line break is a boundary (headlines,
bylines, datelines, captions, list items and paragraphs are separate units) unless it is a hard wrap
inside a sentence, which is read as a space, so a sentence may span lines and its span then holds their
line breaks. Within each run of lines the rule of spaCy's rule-based sentencizer finds the sentences.
Spans are exact offsets into the text (`text[start:end]` is the sentence), without leading or trailing
blanks.

The tokens come from the event coder's own parser model: spaCy's tokenizer is many times faster on text it
has seen (it caches), so when the event coder then parses each sentence its tokenization is nearly free
(about 4 ms less per news article). Each line is tokenized on its own: spaCy splits text at spaces before
anything else, so a wrapped sentence's tokens are its lines' tokens.

The sentencizer's rule (`Sentencizer.predict`: a sentence starts at the first token after sentence-ending
punctuation that is not itself punctuation) runs here over the doc's arrays: spaCy's runs it, and then
`Doc.sents` and `Span.text`, on a Python Token object made per token, which took more time than the
tokenizer. tests/test_text.py compares the two on demo and dev texts.
"""

from __future__ import annotations

import bisect
from functools import cache, lru_cache

from dashboard.nlp.lines import continued, text_lines


@cache
def _tokenizer_and_enders():
    """The parser model's tokenizer, the ids of the texts that end a sentence (the sentencizer's), and the
    token attributes `_line_sentences` reads. spaCy is imported here, not with this module: the app's
    queries import it, and only a mention stored without its sentence needs the tokenizer."""
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH
    from spacy.pipeline import Sentencizer

    from dashboard.nlp.parse import parser

    tokenizer = parser().tokenizer
    enders = frozenset(tokenizer.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)
    return tokenizer, enders, [ORTH, IS_PUNCT, IDX, LENGTH]


def _sentence_starts(orths: list[int], puncts: list[int], enders: frozenset[int]) -> tuple[list[int], bool]:
    """The tokens that start a sentence, as `Sentencizer.predict` finds them, and whether the last
    sentence has ended (sentence-ending punctuation and nothing but punctuation after it)."""
    starts, seen_ender = [0], False
    for i, (orth, punct) in enumerate(zip(orths, puncts, strict=True)):
        ender = orth in enders
        if seen_ender and not punct and not ender:
            starts.append(i)
            seen_ender = False
        elif ender:
            seen_ender = True
    return starts, seen_ender


def _line_sentences(tokenizer, enders, attributes, line: str) -> tuple[list[tuple[int, int]], bool, bool]:
    """The sentences of one line as (start, end) offsets into it, blanks trimmed; whether the line ends
    with a finished sentence, and whether a sentence ends anywhere in it."""
    doc = tokenizer(line)
    orths, puncts, starts, lengths = doc.to_array(attributes).T.tolist()
    firsts, ended = _sentence_starts(orths, puncts, enders)
    sentences = []
    for first, stop in zip(firsts, [*firsts[1:], len(doc)], strict=True):
        start, end = starts[first], starts[stop - 1] + lengths[stop - 1]
        if line[start].isspace() or line[end - 1].isspace():  # a blank token: "Done.  Next" (rare)
            words = line[start:end].strip()
            if not words:
                continue
            start = line.index(words, start)
            end = start + len(words)
        sentences.append((start, end))
    return sentences, ended, ended or len(firsts) > 1


@lru_cache(maxsize=256)  # the geoparser and the event coder split the same article
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence."""
    tokenizer, enders, attributes = _tokenizer_and_enders()
    lines = text_lines(text)
    found = [_line_sentences(tokenizer, enders, attributes, line.text) for line in lines]
    joins = continued(lines, [ended for _, ended, _ in found], [closed for *_, closed in found])
    spans: list[tuple[int, int]] = []
    for line, (sentences, *_), joined in zip(lines, found, joins, strict=True):
        for n, (start, end) in enumerate(sentences):
            if n == 0 and joined and spans:  # the sentence that the line before left open goes on
                spans[-1] = (spans[-1][0], line.start + end)
            else:
                spans.append((line.start + start, line.start + end))
    return tuple(spans)


def enclosing_sentence(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """The sentence that holds the text from `start` to `end` (the one before, for text between
    sentences; from its first sentence to its last, for text that runs across a sentence end, such as a
    place name with a question mark in it): what a mention stores, so the panel shows it without
    splitting the text again. The text's own span when there is no sentence."""
    if not spans:
        return start, end
    starts = _starts(spans)
    first = spans[max(0, bisect.bisect_right(starts, start) - 1)]
    last = spans[max(0, bisect.bisect_right(starts, end - 1) - 1)]
    return first[0], max(last[1], end)


def unwrapped_text(text: str, start: int, end: int) -> str:
    """A sentence's text for the parser: its line breaks (a wrapped sentence has them) become spaces, so
    it tokenizes as it would on one line (a line break is a token of its own to spaCy, and changes the
    parse). The length is the same, so offsets into it are offsets into the sentence."""
    return text[start:end].translate(_LINE_BREAKS_TO_SPACES)


_LINE_BREAKS_TO_SPACES = str.maketrans("\r\n", "  ")


@lru_cache(maxsize=16)  # one article's sentences, asked for each of its mentions
def _starts(spans: tuple[tuple[int, int], ...]) -> list[int]:
    return [first for first, _ in spans]
