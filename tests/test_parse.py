"""The parser's own transition loop, memoised embedding and memoised attribute ruler must give exactly
what spaCy's own pipeline, loaded as it ships, gives."""

import pytest
import spacy
from conftest import SHARED, sentences_of

from dashboard.cli import DEMO_CORPUS
from dashboard.nlp import parse as parse_module
from dashboard.nlp.parse import MODEL, _attributes, parse, parser

# Sentences that exercise the ruler's context patterns, spaces and contractions, then ordinary news.
TRICKY = [
    "There is no agreement yet, and there were no talks on Friday.",
    "We're gonna sign it, y'all, said the envoy.",
    "Let's go to Rabat, he said; it ain't over.",
    "C'mon, they got ta leave Kyiv.",
    "He said nothin' about the deal.",
    "  Talks  \n\n resumed in   Nairobi .",
    "The ministers, who met in Brussels, didn't agree.",
    "",  # an empty doc: no parse states to step
]
DEV_TEXTS = [
    SHARED / "data" / "geoparse-dev" / "geowebnews.jsonl",
    SHARED / "data" / "events-dev" / "plover_gsr.jsonl",
]


@pytest.fixture(scope="module")
def spacy_as_shipped():
    return spacy.load(MODEL, exclude=["ner"])


def _attributes_of(docs):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc] for doc in docs]


def _demo_texts():
    return list(TRICKY) + sentences_of(DEMO_CORPUS.read_text(encoding="utf-8").splitlines())


def test_fast_attributes_equal_the_full_pipeline(spacy_as_shipped):
    texts = _demo_texts()
    assert _attributes().exact  # every ruler pattern tests only features the memo key keeps
    assert _attributes_of(parse(texts)) == _attributes_of(spacy_as_shipped.pipe(texts))
    assert _attributes_of(parse(texts[:1])) == _attributes_of([spacy_as_shipped(texts[0])])
    assert _attributes_of(parse([""])) == _attributes_of([spacy_as_shipped("")])
    assert len(_attributes().memo) > 50  # the memo did learn, so the fast path was taken
    assert len(_attributes().known) > 50  # and so did the per-token memo of the batch look-up


def test_fast_attributes_give_the_same_parse_when_the_token_memo_overflows(spacy_as_shipped, monkeypatch):
    """A token memo too small for the words of all docs starts afresh, one too small for a doc's words
    leaves it to the other memos."""
    import numpy

    attributes = _attributes()
    texts = _demo_texts()
    for capacity, kept in ((300, True), (3, False)):  # a sentence has more than 3 distinct tokens
        # (both replaced, so that the pipeline's own memo is restored intact after the test)
        monkeypatch.setattr(attributes, "done", numpy.empty((capacity, 5), dtype=numpy.uint64))
        monkeypatch.setattr(attributes, "known", {})
        assert _attributes_of(parse(texts)) == _attributes_of(spacy_as_shipped.pipe(texts))
        assert (0 < len(attributes.known) <= capacity) if kept else not attributes.known


def test_embedding_memo_gives_the_same_parse_when_it_overflows(spacy_as_shipped, monkeypatch):
    """A memo too small for the words of all batches starts afresh, one too small for a batch's words
    computes the batch directly."""
    memo = parser().get_pipe("tok2vec").model.layers[0].attrs["memo"]
    texts = _demo_texts()
    monkeypatch.setattr(parse_module, "_BATCH", 10)
    for capacity, kept in ((400, True), (5, False)):  # a batch has more than 5 distinct words
        monkeypatch.setattr(memo, "capacity", capacity)
        memo.index.clear()
        assert _attributes_of(parse(texts)) == _attributes_of(spacy_as_shipped.pipe(texts))
        assert (0 < len(memo.index) <= capacity) if kept else not memo.index


def test_parse_of_real_news_equals_spacy_in_batches(spacy_as_shipped, monkeypatch):
    """Wire and web news from the development sets (read at test time, never copied), in batches smaller
    than the input so that several are parsed, each in length-sorted quarters."""
    present = [path for path in DEV_TEXTS if path.is_file()]
    if not present:
        pytest.skip("development sets not available (../shared/data)")
    texts = [text for path in present for text in sentences_of(path.read_text(encoding="utf-8").splitlines())]
    monkeypatch.setattr(parse_module, "_BATCH", 300)
    assert len(texts) > 600
    assert _attributes_of(parse(texts)) == _attributes_of(spacy_as_shipped.pipe(texts, batch_size=300))
