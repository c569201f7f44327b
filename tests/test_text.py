import textwrap

import pytest

from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.placenames import NameFinder
from dashboard.nlp.sentences import enclosing_sentence, sentence_spans
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
    signed = text.index("signed")
    assert enclosing_sentence(spans, signed, signed + 6) == spans[2]
    assert enclosing_sentence((), 3, 5) == (3, 5)
    text = "It is in Ar Riya?, Saudi Arabia. Yes."  # a name from a record, mangled: it holds a "?"
    name = text.index("Ar Riya")
    assert enclosing_sentence(sentence_spans(text), name, name + len("Ar Riya?, Saudi Arabia")) == (0, 32)


def test_dateline_is_found_with_place_and_agency():
    text = "Pact signed\n\nRABAT, Nov 25 (WIRE-AGENCY) — Two states signed a pact."
    dateline = find_dateline(text)
    assert dateline.place == "RABAT"
    assert text[dateline.start : dateline.end] == "RABAT"
    assert (dateline.date, dateline.agency) == ("Nov 25", "WIRE-AGENCY")
    assert find_dateline("No dateline in this text, Nov 25 — here.") is None
    hyphen = find_dateline("NEW YORK - A federal judge dropped the charges.")
    assert (hyphen.place, hyphen.body_start) == ("NEW YORK", len("NEW YORK - "))
    assert find_dateline("US-LED forces struck.") is None


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
    """The sentences spaCy's own Sentencizer finds line by line, blanks trimmed: what `sentence_spans`
    finds in text without hard wraps. A line break inside one of `sentence_spans`' sentences (a hard wrap
    it read as a space) is made a space first, so there the lines it joined are split as one."""
    import re

    from spacy.pipeline import Sentencizer

    from dashboard.nlp.parse import parser

    unwrapped = list(text)
    for start, end in sentence_spans(text):
        for i in range(start, end):
            if unwrapped[i] == "\n":
                unwrapped[i] = " "
    tokenizer, sentencizer, spans = parser().tokenizer, Sentencizer(), []
    for m in re.finditer(r"[^\n]+", "".join(unwrapped)):
        for sent in sentencizer(tokenizer(m.group())).sents:
            words = sent.text.strip()
            if words:
                start = m.start() + sent.start_char + sent.text.index(words)
                spans.append((start, start + len(words)))
    return tuple(spans)


def _dev_texts(corpus):
    import json

    from conftest import SHARED

    path = SHARED / "data" / "geoparse-dev" / f"{corpus}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_sentences_are_those_of_spacys_sentencizer():
    """The sentencizer's rule, run here over the doc's arrays, must split as spaCy's own does: on the
    demo corpus, odd text, and the real news of the development sets (read at test time, never copied).
    Where the splitter reads a hard wrap as a space it intentionally differs from spaCy run line by line:
    `_spacy_sentence_spans` then runs spaCy over the joined lines."""
    import json

    from dashboard.cli import DEMO_CORPUS

    unwrapped = [json.loads(line)["text"] for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines()]
    unwrapped += [
        "Talks ended. . . Then?! \u201cNo.\u201d (Really.) Mr. Smith left at 5 p.m. Done",
        "  \n\n \u3002 \u0964 Ok!!! ?? ...",
        "Breaking: Rabat \u2014 talks!\nsecond line without end",
        "Done.  Next one\t. Then  \u00a0 more.\r\nA line\r\n",
    ]
    unwrapped += _dev_texts("geowebnews")  # one paragraph per line: no hard wraps
    for text in unwrapped:
        spans = sentence_spans(text)
        assert not any("\n" in text[start:end] for start, end in spans)
        assert spans == _spacy_sentence_spans(text)
    wrapped = _dev_texts("trnews")  # some hard-wrapped at about 110 columns, indented by 12 spaces
    for text in wrapped:
        assert sentence_spans(text) == _spacy_sentence_spans(text)
    if wrapped:
        assert sum("\n" in text[start:end] for text in wrapped for start, end in sentence_spans(text)) > 40


_PARAGRAPHS = [
    [
        "Israel and Morocco signed a security memorandum in Rabat on Wednesday, the first such agreement"
        " between the two countries since they restored ties.",
        "Defence Minister Benny Gantz and his Moroccan counterpart Abdellatif Loudiyi signed it.",
        "Officials said it covers intelligence sharing, arms purchases and joint training.",
    ],
    [
        "The visit was the first by an Israeli defence minister to an Arab country that Israel had no formal"
        " relations with until last year.",
        "Algeria, which cut ties with Morocco in August, condemned the agreement.",
        "Its foreign ministry called the memorandum a threat and summoned diplomats in Algiers.",
    ],
    [
        "Talks on a trade deal will continue in Tel Aviv next month, Mr. Gantz told reporters.",
        "Both governments expect to sign it before the end of the year.",
    ],
]


def _words(text, spans):
    return [" ".join(text[start:end].split()) for start, end in spans]


@pytest.mark.parametrize("indent", ["", " " * 12])
@pytest.mark.parametrize("width", [38, 50, 64, 70, 72, 79, 110])
def test_a_hard_wrapped_paragraph_is_split_as_if_unwrapped(width, indent):
    """E-mail, wire copy and text pasted from PDFs break lines wherever the next word does not fit, often
    before a capitalised word ("...a meeting in\nRabat."): the sentences are those of the text on one
    line, each span exact, line breaks and indentation included."""
    wrap = textwrap.TextWrapper(width, initial_indent=indent, subsequent_indent=indent)
    headline = "Israel and Morocco sign security pact"
    text = headline + "\n\n" + "\n\n".join(wrap.fill(" ".join(p)) for p in _PARAGRAPHS)
    spans = sentence_spans(text)
    assert _words(text, spans) == [headline] + [s for p in _PARAGRAPHS for s in p]
    assert all(text[start:end] == text[start:end].strip() for start, end in spans)
    assert sum("\n" in text[start:end] for start, end in spans) >= 5


_WIRE_STORY = """Israel and Morocco sign a security pact in Rabat
By Jane Doe
Example Wire, Rabat bureau
A first for Israel and an Arab state, the pact covers intelligence
RABAT, Nov 25 (Example Wire) — Israel and Morocco signed a security
memorandum on Wednesday, the first such agreement between Israel and
an Arab state, officials from both governments said after a meeting in
Rabat. Defence ministers Benny Gantz and Abdellatif Loudiyi signed it.
Benny Gantz and Abdellatif Loudiyi in Rabat (Jane Roe/Example Wire)
The memorandum covers intelligence sharing, arms purchases and joint
training, a statement said. Algeria, which cut ties with Morocco in
August, condemned it. The two ministries listed their first two steps:
• An exchange of liaison officers, then joint exercises.
The ministers also named a working group on drones, whose members are
a) a colonel from each army
b) an engineer from each defence ministry
Benny Gantz, left, and Abdellatif Loudiyi at the ministry on Tuesday
Jane Roe/Example Wire
They then visited the royal palace, where King Mohammed VI received
them with the foreign ministers of both countries and spoke of peace.
Defence ministers Benny Gantz and Abdellatif Loudiyi at the ministry in Rabat on Wednesday
The talks will continue next month in Tel Aviv, the ministers said,
and a trade agreement may follow.
Photo: Jane Roe/Example Wire"""


def test_headline_byline_dateline_caption_credit_and_list_items_stay_separate():
    """Wire copy wrapped at 70 columns: its wrapped sentences are joined, before lower and upper case
    alike, while the lines that stand alone stay sentences of their own, each for the evidence shown:
    the headline (the first line), the byline (short, and no sentence ends in it), a standfirst as wide
    as the text (a dateline follows it), a caption with its credit in brackets, list items after a line
    as wide as the text (one after a colon, two with the same marker), a caption with its credit on the
    next line, and one longer than the text's lines, which cannot be wrapped."""
    spans = sentence_spans(_WIRE_STORY)
    assert _words(_WIRE_STORY, spans) == [
        "Israel and Morocco sign a security pact in Rabat",
        "By Jane Doe",
        "Example Wire, Rabat bureau",
        "A first for Israel and an Arab state, the pact covers intelligence",
        "RABAT, Nov 25 (Example Wire) — Israel and Morocco signed a security memorandum on Wednesday, the"
        " first such agreement between Israel and an Arab state, officials from both governments said after"
        " a meeting in Rabat.",
        "Defence ministers Benny Gantz and Abdellatif Loudiyi signed it.",
        "Benny Gantz and Abdellatif Loudiyi in Rabat (Jane Roe/Example Wire)",
        "The memorandum covers intelligence sharing, arms purchases and joint training, a statement said.",
        "Algeria, which cut ties with Morocco in August, condemned it.",
        "The two ministries listed their first two steps:",
        "• An exchange of liaison officers, then joint exercises.",
        "The ministers also named a working group on drones, whose members are",
        "a) a colonel from each army",
        "b) an engineer from each defence ministry",
        "Benny Gantz, left, and Abdellatif Loudiyi at the ministry on Tuesday",
        "Jane Roe/Example Wire",
        "They then visited the royal palace, where King Mohammed VI received them with the foreign ministers"
        " of both countries and spoke of peace.",
        "Defence ministers Benny Gantz and Abdellatif Loudiyi at the ministry in Rabat on Wednesday",
        "The talks will continue next month in Tel Aviv, the ministers said, and a trade agreement may"
        " follow.",
        "Photo: Jane Roe/Example Wire",
    ]
    start, end = spans[4]
    assert _WIRE_STORY[start:end].startswith("RABAT, Nov 25")
    assert _WIRE_STORY[start:end].endswith("after a meeting in\nRabat.")


_DATELINED = (
    "RABAT, Nov 25 (Example Wire) — Israel and Morocco signed a security pact with Algeria watching,"
    " officials said on Wednesday after talks in the capital.",
    "The ministers – two of them new in office – met for two hours and agreed to meet again in Tel Aviv"
    " next month, a spokesman for the Moroccan ministry – which hosted the talks – said.",
)


@pytest.mark.parametrize("width, shows", [(80, "\nAlgeria"), (50, "\n– ")])
def test_a_first_line_with_a_dateline_and_a_line_opening_with_a_dash_are_wrapped_prose(width, shows):
    """The first line is read as a headline unless it shows it is prose (a dateline opens it, or a
    sentence ends in it): this one goes on before a capital at 80 columns. A line that opens with a dash
    is a list item only when another line of its paragraph does too: at 50 columns one line does."""
    text = textwrap.fill(" ".join(_DATELINED), width)
    assert shows in text and text.count("\n– ") < 2
    assert _words(text, sentence_spans(text)) == list(_DATELINED)


def test_one_paragraph_per_line_is_split_line_by_line():
    """Lines indented by 12 spaces, each a paragraph: nothing is continued in lower case, so nothing shows
    the text is wrapped and every line break stays a boundary, even after a line with no full stop."""
    lines = [
        "Israel and Morocco signed a security memorandum in Rabat on Wednesday, officials said.",
        "Reactions in the region",
        "Algeria condemned it. Its foreign ministry said the pact was a threat to the whole of the Maghreb",
        "Tunisia made no comment.",
        '"We will respond," a spokesman for the ministry in Algiers said',
        "Talks on trade continue next month.",
    ]
    text = "\n".join(" " * 12 + line for line in lines)
    spans = sentence_spans(text)
    assert _words(text, spans) == [
        lines[0],
        lines[1],
        "Algeria condemned it.",
        "Its foreign ministry said the pact was a threat to the whole of the Maghreb",
        *lines[3:],
    ]
    assert spans == _spacy_sentence_spans(text)


def test_a_line_in_lower_case_continues_even_after_a_short_one_but_not_after_a_blank_line():
    text = (
        "eBay opens an office in\n\neBay said the ministers met in Rabat on\n"
        "Wednesday and signed the pact\nin the\nafternoon. They left.\nThe firm sells a\niPhone case."
    )
    assert _words(text, sentence_spans(text)) == [
        "eBay opens an office in",
        "eBay said the ministers met in Rabat on",
        "Wednesday and signed the pact in the afternoon.",
        "They left.",
        "The firm sells a",  # "iPhone" is a name, no word in lower case, and nothing else shows a wrap
        "iPhone case.",
    ]


def test_unwrapped_text_tokenizes_as_one_line_with_the_same_offsets():
    from dashboard.nlp.parse import parser
    from dashboard.nlp.sentences import unwrapped_text

    text = "Note.\r\nIsrael and Morocco signed a pact with\r\nsenior officials in Rabat."
    (_, first), (start, end) = sentence_spans(text)
    parsed = unwrapped_text(text, start, end)
    assert len(parsed) == end - start and "\n" not in parsed and "\r" not in parsed
    tokenizer = parser().tokenizer
    one_line = "Israel and Morocco signed a pact with senior officials in Rabat."
    assert [t.text for t in tokenizer(parsed) if not t.is_space] == [t.text for t in tokenizer(one_line)]
