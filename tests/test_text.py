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
