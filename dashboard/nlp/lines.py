"""The lines of a text, and which line breaks are hard wraps: a space inside a sentence, not a boundary.

E-mail, wire copy, plain-text newsletters and text pasted from PDFs break lines at a fixed width, in the
middle of sentences; headlines, bylines, datelines, captions, credits and list items are lines of their
own. Which is which is read from the text itself, never from lists of words:

- a blank line, a list item ("- ", "• ", "1. ", "a) ", when another line of the paragraph starts so or
  the line before ends with a colon) and a dateline ("RABAT, Nov 25 (Reuters) —") always start a new
  unit, and a line that ends a sentence is never continued;
- a line that goes on in lower case continues the line before it (a new sentence, headline, byline or
  caption does not start with a word in lower case);
- a line broken only because the next word would not fit continues too. The text's wrap width is read
  from the lines it continues in lower case (text never wrapped has none): at least the longest of them,
  and less than that plus a space and the word that did not fit after it. A line that fits that width
  while the next line's first word would not, continues; but not after the text's first line (as often
  as not a headline) unless it opens with a dateline or a sentence ends in it, nor after a line ending
  in a bracket (a caption's credit, "(Jane Doe/Reuters)"), and only into a line in which the sentence
  ends or that goes on itself (a short line that does neither, such as a byline or a credit, stands
  alone).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from dashboard.nlp.dateline import opens_with_dateline

_LIST_ITEM = re.compile(r"(?:[-*•·▪‣◦●○■□►▸–—]|\(?\d{1,3}[.)]|\(?[A-Za-z]\))\s")
_ENUMERATOR = re.compile(r"\d+|[A-Za-z]")  # "1." and "2.", "a)" and "b)" are the same kind of marker
_FIRST_WORD = re.compile(r"[\"'“‘«„(\[]*([^\W\d_][\w'’-]*)")


@dataclass(frozen=True, slots=True)
class Line:
    """A line's text without its leading and trailing blanks, and where that text is in the article."""

    start: int
    text: str
    after_blank: bool  # the text's first line, or a line after a blank line


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`."""
    lines, offset, blank = [], 0, True
    for raw in text.split("\n"):
        content = raw.strip()
        if content:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(Line(start, content, blank))
        blank = not content
        offset += len(raw) + 1
    return lines


def continued(lines: list[Line], ends_sentence: list[bool], has_sentence_end: list[bool]) -> list[bool]:
    """For each line, whether it continues the line before it (that line break is a space). From the
    sentencizer's rule on each line's tokens: `ends_sentence[i]`, line i ends with a finished sentence;
    `has_sentence_end[i]`, a sentence ends somewhere in line i."""
    count = len(lines)
    items = _list_items(lines)
    # Most lines end a sentence or follow a blank line; the rules below look at the others only.
    open_after = [
        i > 0 and not lines[i].after_blank and not ends_sentence[i - 1] and not items[i] for i in range(count)
    ]
    in_lower_case = [open_after[i] and _starts_in_lower_case(lines[i].text) for i in range(count)]
    width = _wrap_width([(lines[i - 1].text, lines[i].text) for i in range(count) if in_lower_case[i]])
    # The first line is a headline as often as not, unless it shows it is prose: a dateline, a full stop.
    first_is_prose = count > 0 and (has_sentence_end[0] or opens_with_dateline(lines[0].text))
    joined = [False] * count
    for i in reversed(range(1, count)):  # backwards: a line continued by a wrap must itself go on
        if in_lower_case[i]:
            joined[i] = True
        elif width and open_after[i] and (i > 1 or first_is_prose):
            line, before = lines[i].text, lines[i - 1].text
            joined[i] = (
                (has_sentence_end[i] or (i + 1 < count and joined[i + 1]))
                and _wrapped(before, line, *width)
                and not before.endswith((")", "]"))
                and not opens_with_dateline(line)
            )
    return joined


def _list_items(lines: list[Line]) -> list[bool]:
    """Which lines are list items: they start with a marker ("- ", "• ", "1. ", "a) "), and another line
    of their paragraph starts with the same kind of marker, or the line before ends with a colon. (A
    line of a wrapped sentence may start with a dash, but rarely two lines of a paragraph do.)"""
    items = [False] * len(lines)
    marked = [(i, match) for i, line in enumerate(lines) if (match := _LIST_ITEM.match(line.text))]
    if not marked:  # most texts
        return items
    paragraphs = list(accumulate(line.after_blank for line in lines))
    kinds = [(paragraphs[i], _ENUMERATOR.sub("1", match.group().strip())) for i, match in marked]
    counts = Counter(kinds)
    for (i, _), kind in zip(marked, kinds, strict=True):
        items[i] = counts[kind] > 1 or (i > 0 and lines[i - 1].text.endswith(":"))
    return items


def _starts_in_lower_case(line: str) -> bool:
    """The line's first word (after opening quotes and brackets) is in lower case: a name that starts
    with a small letter has a capital in it ("iPhone", "eBay"), and may start a headline or a sentence."""
    match = _FIRST_WORD.match(line)
    return match is not None and match.group(1).islower()


def _first_word(line: str) -> str:
    return line.split(maxsplit=1)[0]


def _wrap_width(wraps: list[tuple[str, str]]) -> tuple[int, int] | None:
    """The least and the most the text's wrap width can be, from lines known to be wrapped (`wraps`: each
    with the line that continues it): at least the longest of them, and less than that plus a space and
    the word that did not fit after it. None when nothing shows the text is wrapped."""
    if not wraps:
        return None
    length, minus_word = max((len(line), -len(_first_word(following))) for line, following in wraps)
    return length, length - minus_word


def _wrapped(line: str, following: str, least: int, most: int) -> bool:
    """`line` could have been broken only because the next line's first word would not fit in the width."""
    return len(line) <= most and len(line) + 1 + len(_first_word(following)) > least
