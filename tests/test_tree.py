"""The event rules' plain-Python sentences must say what spaCy's Token and Span say, on real parses."""

import pytest
from conftest import SHARED, sentences_of

from dashboard.cli import DEMO_CORPUS
from dashboard.nlp.parse import parse
from dashboard.nlp.tree import Sentence

ODD = [
    "",
    "  Talks  \n\n resumed in   Nairobi .",
    "The memorandum, which Israel and Morocco signed in Rabat, covers intelligence, it said.",
    "«Yes» — the envoy said… no.",
]
DEV_TEXTS = [
    SHARED / "data" / "events-dev" / "plv_hu2024.jsonl",
    SHARED / "data" / "geoparse-dev" / "trnews.jsonl",
]


def _word(token):
    """What the rules read of a word, with its links as indices."""
    return (
        (token.i, token.idx, token.text, token.lower_, token.lemma_, token.pos_, token.tag_, token.dep_)
        + (token.ent_type_, token.whitespace_, token.head.i, len(token))
        + tuple([t.i for t in links] for links in (token.children, token.lefts, token.rights, token.subtree))
        + ([t.i for t in token.ancestors], token.left_edge.i, token.right_edge.i)
    )


def _phrase(span):
    return span.start, span.end, span.start_char, span.end_char, span.text, span.root.i, [t.i for t in span]


def _maybe(span):
    """A phrase that may be None or empty (a character range within one word's trailing spaces)."""
    return None if span is None else (span.start, span.end) if not len(span) else _phrase(span)


def _compare(docs):
    """How many docs were compared, and how many of them had a non-projective parse (crossing arcs: the
    subtree is then not the run of words between its edges)."""
    compared = crossing = 0
    for doc in docs:
        sentence = Sentence(doc)
        assert sentence.text == doc.text and len(sentence) == len(doc)
        assert [_word(w) for w in sentence] == [_word(t) for t in doc]
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 6) + 1):  # every phrase of up to six words
                assert _phrase(sentence[start:end]) == _phrase(doc[start:end])
        for start in range(len(doc.text) + 1):
            for end in range(start + 1, min(len(doc.text), start + 12) + 1):
                span = doc.char_span(start, end, alignment_mode="expand")
                ours = sentence.char_span(start, end)
                assert _maybe(ours) == _maybe(span), (doc.text, start, end)
        compared += 1
        crossing += not sentence.projective
    return compared, crossing


def test_sentences_say_what_spacy_says_on_the_demo_corpus():
    texts = ODD + sentences_of(DEMO_CORPUS.read_text(encoding="utf-8").splitlines())
    assert _compare(parse(texts))[0] == len(texts)


def test_sentences_say_what_spacy_says_on_real_news():
    """Wire and web news from the development sets, read at test time (never copied)."""
    present = [path for path in DEV_TEXTS if path.is_file()]
    if not present:
        pytest.skip("development sets not available (../shared/data)")
    texts = [t for path in present for t in sentences_of(path.read_text(encoding="utf-8").splitlines()[:60])]
    compared, crossing = _compare(parse(texts))
    assert compared == len(texts) > 300 and crossing > 5


def test_a_phrase_is_the_text_between_its_words_and_slices_like_a_span():
    sentence = Sentence(next(parse(["Israel and Morocco signed a memorandum in Rabat."])))
    phrase = sentence[2:5]
    assert phrase.text == "Morocco signed a" and [w.text for w in reversed(phrase)] == [
        "a",
        "signed",
        "Morocco",
    ]
    assert phrase.root.text == "signed" and phrase[-1].text == "a" and len(phrase) == 3
    assert sentence[:0].text == "" and len(sentence[5:2]) == 0
    assert sentence.char_span(0, 3).text == "Israel" and sentence.char_span(8, 9).text == "and"
    assert len(sentence.char_span(6, 7)) == 0  # only the space after "Israel"
    assert sentence.char_span(500, 502) is None


def test_a_sentence_used_as_a_context_manager_is_freed_without_the_garbage_collector():
    import gc

    from dashboard.nlp.tree import Word

    doc = next(parse(["Israel and Morocco signed a security memorandum in Rabat on Wednesday."]))
    gc.collect()
    gc.disable()
    try:
        with Sentence(doc) as sentence:
            assert sentence[3].text == "signed" and sentence[0].head is sentence[3]
        del sentence
        assert not [o for o in gc.get_objects() if isinstance(o, Word)]
        leaked = Sentence(doc)  # without the context manager, its words wait for the collector
        del leaked
        assert [o for o in gc.get_objects() if isinstance(o, Word)]
    finally:
        gc.enable()
