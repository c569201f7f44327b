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
import re
from functools import cache, lru_cache

from dashboard.nlp.lines import continued, text_lines

MAX_CACHED_WORD = 100  # longer words (rare; untrusted text may hold any) are tokenized each time, never kept


@cache
def _bmp_sentence_ends() -> re.Pattern:
    """The sentencizer's sentence-ending characters within the Basic Multilingual Plane (Python's re
    searches a set of characters beyond it ten times slower, so `one_line_spans` leaves texts with such
    characters, rare, to `sentence_spans`). Built on first use: it needs spaCy."""
    from spacy.pipeline import Sentencizer

    return re.compile(
        f"[{re.escape(''.join(c for c in Sentencizer.default_punct_chars if ord(c) <= 0xFFFF))}]"
    )


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


def one_line_spans(text: str) -> tuple[tuple[int, int], ...] | None:
    """`sentence_spans(text)` for a text of one line whose words are separated by single spaces (an
    imported record's note), tokenizing only the words where a sentence may end; None for any other text.

    spaCy's tokenizer splits the text at spaces and tokenizes each word on its own (a special case that
    would span a space has no rule: its tokens stay as they are), so a word's tokens are the same alone
    as in the text. The sentencizer's rule looks only at a sentence-ending token and the punctuation
    after it: so only the words holding a sentence-ending character, and the words after them up to the
    first that is not all punctuation, are tokenized, each distinct word once (`_word_tokens`).
    tests/test_acled_blocks.py compares this with `sentence_spans`."""
    if not text or " ".join(text.split()) != text or (not text.isascii() and _beyond_bmp(text)):
        return None
    spans, start, end, sentence_ends = [], 0, 0, _bmp_sentence_ends()
    while found := sentence_ends.search(text, end):
        word = text.rfind(" ", 0, found.start()) + 1
        seen_ender = False
        while True:  # this word, and the next ones while a sentence has ended and the next not begun
            end = text.find(" ", word)
            end = len(text) if end < 0 else end
            for offset, ender, punct in _word_tokens(text[word:end]):
                if ender:
                    seen_ender = True
                elif seen_ender and not punct:  # a sentence starts; the one before ends at the token before
                    spans.append((start, word + offset if offset else word - 1))
                    start, seen_ender = word + offset, False
            if not seen_ender or end == len(text):
                break
            word = end + 1
    spans.append((start, len(text)))
    return tuple(spans)


def _beyond_bmp(text: str) -> bool:
    """Whether the text holds a character outside the Basic Multilingual Plane (two UTF-16 units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _word_tokens(word: str) -> tuple[tuple[int, bool, bool], ...]:
    """A word's tokens (no spaces in it) as (offset, ends a sentence, is punctuation)."""
    return _cached_word_tokens(word) if len(word) <= MAX_CACHED_WORD else _tokens_of(word)


def _tokens_of(word: str) -> tuple[tuple[int, bool, bool], ...]:
    tokenizer, enders, attributes = _tokenizer_and_enders()
    orths, puncts, starts = tokenizer(word).to_array(attributes[:3]).T.tolist()  # ORTH, IS_PUNCT, IDX
    return tuple(
        (start, orth in enders, bool(punct)) for orth, punct, start in zip(orths, puncts, starts, strict=True)
    )


_cached_word_tokens = lru_cache(maxsize=65_536)(_tokens_of)


def enclosing_sentence(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """The sentence that holds the text from `start` to `end` (the one before, for text between
    sentences; from its first sentence to its last, for text that runs across a sentence end, such as a
    place name with a question mark in it): what a mention stores, so the panel shows it without
    splitting the text again. The text's own span when there is no sentence."""
    if not spans:
        return start, end
    starts = _starts(spans) if len(spans) > 4 else [first for first, _ in spans]  # a few: no cache
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
