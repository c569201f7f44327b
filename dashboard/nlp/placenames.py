"""Find gazetteer names in text: exact, case-sensitive, whole-word, longest match first."""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class NameFinder:
    """An Aho-Corasick automaton over every surface form; `find` returns non-overlapping spans.

    "Western Sahara's" matches "Western Sahara" (the apostrophe is a word boundary); "Sudanese" does
    not match "Sudan" unless "Sudanese" is a name of its own.
    """

    def __init__(self, surfaces: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for surface in surfaces:
            self._automaton.add_word(surface, len(surface))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int]]:
        hits = []
        for last, length in self._automaton.iter(text):
            start, end = last + 1 - length, last + 1
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not _is_word_char(before) and not _is_word_char(after):
                hits.append((start, end))
        # Longest first, then leftmost; keep a span only if it overlaps nothing already kept.
        hits.sort(key=lambda span: (span[0] - span[1], span[0]))
        taken = bytearray(len(text))  # 1 for each character of a kept span
        kept: list[tuple[int, int]] = []
        for start, end in hits:
            if taken.find(1, start, end) < 0:
                taken[start:end] = b"\x01" * (end - start)
                kept.append((start, end))
        return sorted(kept)
