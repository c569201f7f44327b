"""The words around a span, read straight from the text (no tokenizer needed on the hot path)."""

from __future__ import annotations

import re

# The words next to a span, across a hard wrap (one line break inside a sentence, indentation included)
# but no further: "Fidel\n            Castro" is one name.
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’\-]*)[ \t]*(?:\r?\n[ \t]*)?$")
_WORD_AFTER = re.compile(r"[ \t]*(?:\r?\n[ \t]*)?([A-Za-z][\w'’\-]*\.?)")
_SENTENCE_END = frozenset('.!?\n\r“"')


def word_before(text: str, start: int) -> str:
    """The word right before `start`, with no punctuation between ("" if none)."""
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


def word_after(text: str, end: int) -> str:
    """The word right after `end`, with no punctuation between ("" if none)."""
    match = _WORD_AFTER.match(text, end)
    return match.group(1) if match else ""


def follows_comma(text: str, start: int) -> bool:
    return text[max(0, start - 2) : start].rstrip().endswith(",")


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 10) : start].rstrip(" \t'‘(")
    return not before or before[-1] in _SENTENCE_END


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
