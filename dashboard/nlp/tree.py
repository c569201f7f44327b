"""A parsed sentence as plain Python objects: what the event rules walk.

The rules visit each sentence's tree hundreds of times (children, subtrees, ancestors, phrases), and a
spaCy `Doc` makes a new `Token` object, and looks its strings up again, on every one of those steps: that
was most of the rules' time. A `Sentence` reads the doc's arrays once into `Word`s that hold their
strings and their links. `Word` and `Phrase` have the names and meaning of the spaCy `Token` and `Span`
attributes the rules use (tests/test_tree.py compares them with spaCy's on real sentences), so the rules
read as they would on spaCy's objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc

_STRINGS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE]  # read as text
_ATTRIBUTES = [*_STRINGS, IDX, HEAD, SPACY, IS_PUNCT, IS_SPACE]


class _Strings(dict):
    """Hash → text, kept: spaCy's StringStore decodes the text anew on every lookup."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        text = self[key] = self.store[key]
        return text


@cache  # by identity: one cache per StringStore (per pipeline)
def _strings(store) -> _Strings:
    """The text cache of a StringStore (bounded by what the store itself holds)."""
    return _Strings(store)


class Word:
    """One token: its strings, its place in the sentence and in the tree (as spaCy's `Token`)."""

    __slots__ = (
        "doc", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "whitespace_",
        "head", "lefts", "rights", "_blank_leaf", "_ancestors",
    )  # fmt: skip

    def __init__(self, doc: Sentence, i: int, strings: tuple[str, ...], idx: int, space: str, blank: bool):
        self.doc, self.i, self.idx, self.whitespace_ = doc, i, idx, space
        self.text, self.lower_, self.lemma_, self.pos_, self.tag_, self.dep_, self.ent_type_ = strings
        self._blank_leaf = blank  # punctuation or a space: never a phrase's root while it is a leaf
        self.head: Word = self
        self.lefts: list[Word] = []  # the children before the word, in order
        self.rights: list[Word] = []  # and after it
        self._ancestors: list[Word] | None = None

    @property
    def children(self) -> list[Word]:
        return self.lefts + self.rights

    @property
    def subtree(self) -> list[Word]:
        """The word and its descendants, in spaCy's order (each left child's subtree, the word, each
        right child's subtree): in a projective parse, the words from its left edge to its right edge."""
        first, last = self.doc.edges(self.i)
        if self.doc.projective:
            return self.doc.words[first : last + 1]
        words = [w for child in self.lefts for w in child.subtree]
        words.append(self)
        words.extend(w for child in self.rights for w in child.subtree)
        return words

    @property
    def ancestors(self) -> list[Word]:
        """The head, its head and so on up to the root (bounded, as spaCy's, against a cyclic parse)."""
        if self._ancestors is None:
            ancestors, word = [], self
            while word.head is not word and len(ancestors) < len(self.doc):
                word = word.head
                ancestors.append(word)
            self._ancestors = ancestors
        return self._ancestors

    @property
    def left_edge(self) -> Word:
        return self.doc.words[self.doc.edges(self.i)[0]]

    @property
    def right_edge(self) -> Word:
        return self.doc.words[self.doc.edges(self.i)[1]]

    @property
    def extent(self) -> tuple[int, int]:
        """The sentence characters the word's subtree covers: from its left edge to its right edge's end."""
        last = self.right_edge
        return self.left_edge.idx, last.idx + len(last.text)

    def __len__(self) -> int:
        return len(self.text)

    def __lt__(self, other: Word) -> bool:
        return self.i < other.i

    def __repr__(self) -> str:
        return self.text


class Phrase:
    """Words `start` to `end` (exclusive) of a sentence, as spaCy's `Span`."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: Sentence, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    @property
    def words(self) -> list[Word]:
        return self.doc.words[self.start : self.end]

    @property
    def start_char(self) -> int:
        return self.doc.words[self.start].idx if self.start < self.end else 0

    @property
    def end_char(self) -> int:
        last = self.doc.words[self.end - 1] if self.start < self.end else None
        return last.idx + len(last.text) if last else 0

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def root(self) -> Word:
        """The word nearest the sentence's root (the first of equals), found as spaCy finds it: a leaf of
        punctuation or space counts as far from the root."""
        words = self.words
        for word in words:
            if word.head is word:
                return word
        best, root = len(self.doc), None
        for word in words:
            if self.start <= word.head.i < self.end:
                continue
            distance = len(self.doc) - 1 if word._blank_leaf and not (word.lefts or word.rights) else None
            if distance is None:
                distance = len(word.ancestors)
            if distance < best:
                best, root = distance, word
        return root if root is not None else self.doc.words[self.start]

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __reversed__(self) -> Iterator[Word]:
        return reversed(self.words)

    def __len__(self) -> int:
        return max(0, self.end - self.start)

    def __getitem__(self, index: int) -> Word:
        return self.words[index]

    def __repr__(self) -> str:
        return self.text


class Sentence:
    """A parsed sentence's words, read from the doc's arrays once. `text` is the doc's text, when the
    caller has it (spaCy's `Doc.text` joins every token's). Used as a context manager, it unlinks its
    words on exit, so that they are freed at once."""

    __slots__ = ("text", "words", "_edges", "_projective")

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.text = doc.text if text is None else text
        array = doc.to_array(_ATTRIBUTES)
        columns = array.T.tolist()
        lookup = _strings(doc.vocab.strings).__getitem__
        texts = zip(*(map(lookup, column) for column in columns[: len(_STRINGS)]), strict=True)
        idx, _, space, punct, is_space = columns[len(_STRINGS) :]
        flags = zip(idx, space, punct, is_space, strict=True)
        self.words = words = [
            Word(self, i, strings, start, " " if after else "", bool(p or s))
            for i, (strings, (start, after, p, s)) in enumerate(zip(texts, flags, strict=True))
        ]
        heads = array[:, _ATTRIBUTES.index(HEAD)].astype(numpy.int64).tolist()  # signed offsets
        for word, offset in zip(words, heads, strict=True):
            if offset:
                word.head = head = words[word.i + offset]
                (head.lefts if offset > 0 else head.rights).append(word)
        self._edges: list[tuple[int, int]] | None = None
        self._projective = True

    @property
    def projective(self) -> bool:
        """Whether every word's subtree is the run of words between its edges (as in nearly every parse)."""
        if self._edges is None:
            self._measure()
        return self._projective

    def edges(self, i: int) -> tuple[int, int]:
        """The first and last index of word `i`'s subtree (spaCy's left and right edge)."""
        if self._edges is None:
            self._measure()
        return self._edges[i]

    def _measure(self) -> None:
        words = self.words
        first, last, size = list(range(len(words))), list(range(len(words))), [1] * len(words)
        order, stack = [], [word for word in words if word.head is word]
        while stack:  # heads before their children
            word = stack.pop()
            order.append(word)
            stack += word.lefts
            stack += word.rights
        for word in reversed(order):  # children before their heads
            i, head = word.i, word.head.i
            if head != i:  # (comparisons, not min() and max(): this runs for every word)
                if first[i] < first[head]:
                    first[head] = first[i]
                if last[i] > last[head]:
                    last[head] = last[i]
                size[head] += size[i]
        self._edges = list(zip(first, last, strict=True))
        self._projective = len(order) == len(words) and all(
            e - f + 1 == n for f, e, n in zip(first, last, size, strict=True)
        )

    def __enter__(self) -> Sentence:
        return self

    def __exit__(self, *_) -> None:
        """Unlinks the words. They point at their sentence, head and children, and so would be freed only
        by the garbage collector, whose passes over them cost more than this loop."""
        for word in self.words:
            word.doc = word.head = word.lefts = word.rights = word._ancestors = None

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __getitem__(self, index):
        """A word, or a `Phrase` for a slice (as `doc[start:end]` is a Span)."""
        if isinstance(index, slice):
            start, end, _ = index.indices(len(self.words))
            return Phrase(self, start, max(start, end))
        return self.words[index]

    def char_span(self, start_char: int, end_char: int) -> Phrase | None:
        """The words the characters [start_char, end_char) touch, as spaCy's `Doc.char_span` with
        `alignment_mode="expand"`; None if either end is outside every word and its trailing space."""
        start, end = self._word_at(start_char), self._word_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.words[start].idx + len(self.words[start].text):
            start += 1  # the character is the word's trailing space: the phrase starts after it
        return Phrase(self, start, end + 1)

    def _word_at(self, char: int) -> int:
        """The index of the word whose text or trailing space holds `char`, else -1 (spaCy's binary
        search, token_by_char)."""
        low, high = 0, len(self.words) - 1
        while low <= high:
            middle = (low + high) // 2
            word = self.words[middle]
            if char < word.idx:
                high = middle - 1
            elif char >= word.idx + len(word.text) + len(word.whitespace_):
                low = middle + 1
            else:
                return middle
        return -1


def to_infinitive(word: Word) -> bool:
    """A to-infinitive: "to release", "(rallied) to protest"."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in word.children)
