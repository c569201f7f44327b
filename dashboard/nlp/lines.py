"""The lines of a text, and which line breaks are hard wraps: a space inside a sentence, not a boundary.

E-mail, wire copy, plain-text newsletters and text pasted from PDFs break lines at a fixed width, in the
middle of sentences; headlines, bylines, datelines, captions, credits and list items are lines of their
own. Which is which is read from the text itself, never from lists of words:

- a blank line, a list item ("- ", "• ", "1. ", "a) ") and a dateline ("RABAT, Nov 25 (Reuters) —")
  always start a new unit, and a line that ends a sentence is never continued;
- a line that goes on in lower case continues the line before it (a new sentence, headline, byline or
  caption does not start with a word in lower case);
- a line broken only because the next word would not fit continues too. The text's wrap width is read
  from the lines it continues in lower case (text never wrapped has none): at least the longest of them,
  and less than that plus a space and the word that did not fit after it. A line that fits that width
  while the next line's first word would not, continues; but not after the text's first line (as often
  as not a headline), nor after a line ending in a bracket (a caption's credit, "(Jane Doe/Reuters)"),
  and only into a line in which the sentence ends or that goes on itself (a short line that does
  neither, such as a byline or a credit, stands alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.nlp.dateline import opens_with_dateline

_LIST_ITEM = re.compile(r"(?:[-*•·▪‣◦●○■□►▸–—]|\(?\d{1,3}[.)]|\(?[A-Za-z]\))\s")
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
    # Most lines end a sentence or follow a blank line; the rules below look at the others only.
    open_after = [i > 0 and not lines[i].after_blank and not ends_sentence[i - 1] for i in range(count)]
    in_lower_case = [
        after and _starts_in_lower_case(line.text) and not _LIST_ITEM.match(line.text)
        for after, line in zip(open_after, lines, strict=True)
    ]
    width = _wrap_width([(lines[i - 1].text, lines[i].text) for i in range(count) if in_lower_case[i]])
    joined = [False] * count
    for i in reversed(range(1, count)):  # backwards: a line continued by a wrap must itself go on
        if in_lower_case[i]:
            joined[i] = True
        elif width and open_after[i] and i > 1:
            line, before = lines[i].text, lines[i - 1].text
            joined[i] = (
                (has_sentence_end[i] or (i + 1 < count and joined[i + 1]))
                and _wrapped(before, line, *width)
                and not before.endswith((")", "]"))
                and not _LIST_ITEM.match(line)
                and not opens_with_dateline(line)
            )
    return joined


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
