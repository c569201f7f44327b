"""The parser's memoised attribute ruler must give exactly what spaCy's own pipeline gives."""

from dashboard.cli import DEMO_CORPUS
from dashboard.nlp.parse import _attributes, parse, parser
from dashboard.nlp.sentences import sentence_spans

# Sentences that exercise the ruler's context patterns, spaces and contractions, then ordinary news.
TRICKY = [
    "There is no agreement yet, and there were no talks on Friday.",
    "We're gonna sign it, y'all, said the envoy.",
    "Let's go to Rabat, he said; it ain't over.",
    "C'mon, they got ta leave Kyiv.",
    "He said nothin' about the deal.",
    "  Talks  \n\n resumed in   Nairobi .",
    "The ministers, who met in Brussels, didn't agree.",
]


def _attributes_of(docs):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc] for doc in docs]


def test_fast_attributes_equal_the_full_pipeline():
    texts = list(TRICKY)
    for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines():
        text = line.split('"text": "', 1)[1]
        texts += [text[start:end] for start, end in sentence_spans(text)]
    assert _attributes().exact  # every ruler pattern tests only features the memo key keeps
    assert _attributes_of(parse(texts)) == _attributes_of(parser().pipe(texts))
    assert _attributes_of(parse(texts[:1])) == _attributes_of([parser()(texts[0])])
    assert len(_attributes().memo) > 50  # the memo did learn, so the fast path was taken
