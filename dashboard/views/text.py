"""Safe rendering of untrusted article text as Streamlit Markdown, with highlighted spans."""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# disables links, images, HTML, emphasis, and Streamlit's :color[...] and $math$ directives alike.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=^&\"'])")
_WHITESPACE = re.compile(r"\s")
MAX_SNIPPET_CHARS = 1_000
LINE_BREAK = "  \n"  # a Markdown hard line break: lines of one element, without a paragraph's space


def markdown_text(text: str) -> str:
    """Untrusted text as inert Markdown, on one line (each whitespace character becomes one space)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def highlighted(text: str, spans: list[tuple[int, int]], color: str = "orange") -> str:
    """`text` as inert Markdown with each (start, end) span shown on a coloured background."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue  # overlapping spans: keep the first
        pieces.append(markdown_text(text[cursor:start]))
        pieces.append(f":{color}-background[{markdown_text(text[start:end])}]")
        cursor = end
    pieces.append(markdown_text(text[cursor:]))
    return "".join(pieces).strip()


def bounded(text: str, limit: int = MAX_SNIPPET_CHARS) -> str:
    """At most `limit` characters of `text`, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def small(markdown: str) -> str:
    """Inert Markdown (from `markdown_text` or `highlighted`) shown small and grey, like a caption."""
    return f":small[:gray[{markdown}]]"
