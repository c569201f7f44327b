from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.placenames import NameFinder
from dashboard.nlp.sentences import sentence_index, sentence_spans
from dashboard.views.text import bounded, highlighted, markdown_text


def test_sentences_split_on_lines_then_sentences():
    text = "Headline here\n\nRABAT, Nov 24 — Ministers met. They signed a pact.\nA new paragraph."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Headline here",
        "RABAT, Nov 24 — Ministers met.",
        "They signed a pact.",
        "A new paragraph.",
    ]
    assert sentence_index(spans, text.index("signed")) == 2


def test_dateline_is_found_with_place_and_agency():
    text = "Pact signed\n\nRABAT, Nov 25 (WIRE-AGENCY) — Two states signed a pact."
    dateline = find_dateline(text)
    assert dateline.place == "RABAT"
    assert text[dateline.start : dateline.end] == "RABAT"
    assert (dateline.date, dateline.agency) == ("Nov 25", "WIRE-AGENCY")
    assert find_dateline("No dateline in this text, Nov 25 — here.") is None


def test_name_finder_prefers_longest_whole_word_matches():
    finder = NameFinder(["Sahara", "Western Sahara", "Sudan", "South Sudan", "US"])
    text = "Western Sahara's status; South Sudanese and Sudan; USA is not US."
    found = [text[s:e] for s, e in finder.find(text)]
    assert found == ["Western Sahara", "Sudan", "US"]


def test_markdown_text_makes_untrusted_text_inert():
    hostile = "<script>alert(1)</script> [x](http://evil) ![i](http://evil/i.png) :red[x] $x$ **b**"
    escaped = markdown_text(hostile)
    for raw in ("<script>", "](", "![", ":red[", "**"):
        assert raw not in escaped


def test_highlighted_marks_each_span_once():
    text = "Israel and Morocco met in Rabat."
    rabat = text.index("Rabat")
    out = highlighted(text, [(0, 6), (rabat, rabat + 5)])
    assert out.startswith(":orange-background[Israel] and Morocco met in :orange-background[Rabat]")
    assert bounded("x" * 2000, 10) == "x" * 10 + "…"


def _spacy_sentence_spans(text):
    """The sentences spaCy's own Sentencizer finds, paragraph by paragraph, as `sentence_spans` did."""
    import re

    from spacy.pipeline import Sentencizer

    from dashboard.nlp.parse import parser

    tokenizer, sentencizer, spans = parser().tokenizer, Sentencizer(), []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            for sent in sentencizer(tokenizer(m.group())).sents:
                if sent.text.strip():
                    spans.append((m.start() + sent.start_char, m.start() + sent.end_char))
    return tuple(spans)


def test_sentences_are_those_of_spacys_sentencizer():
    """The sentencizer's rule, run here over the doc's arrays, must split as spaCy's own does: on the
    demo corpus, odd text, and the real news of the development sets (read at test time, never copied)."""
    import json

    from conftest import SHARED

    from dashboard.cli import DEMO_CORPUS

    texts = [json.loads(line)["text"] for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines()]
    texts += [
        "Talks ended. . . Then?! \u201cNo.\u201d (Really.) Mr. Smith left at 5 p.m. Done",
        "  \n\n \u3002 \u0964 Ok!!! ?? ...",
        "Breaking: Rabat \u2014 talks!\nsecond line without end",
    ]
    for path in (SHARED / "data" / "geoparse-dev").glob("*.jsonl"):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    for text in texts:
        assert sentence_spans(text) == _spacy_sentence_spans(text)
