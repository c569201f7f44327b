"""A hard-wrapped article through the pipeline, and the sentence offsets its mentions store: the place
panel shows a mention's sentence from them, never splitting the text again."""

from __future__ import annotations

from dataclasses import replace

from dashboard.model import Article, Mention
from dashboard.pipeline import Pipeline
from dashboard.queries import place_report

RABAT = "2538475"
WRAPPED = (
    "Pact signed\n\n"
    "Israel and Morocco signed a security memorandum on Wednesday, the\n"
    "first such agreement between the two countries, officials said in\n"
    "Rabat. Algeria condemned it."
)
WRAPPED_SENTENCE = WRAPPED[WRAPPED.index("Israel") : WRAPPED.index(" Algeria")]


def test_a_wrapped_sentence_is_coded_once_and_its_mentions_store_it():
    """The event coder parses the wrapped sentence whole (its evidence runs across both line breaks),
    and it codes what it codes on the same sentence on one line."""
    extraction = Pipeline()(Article.create(WRAPPED, "Pact"))
    one_line = Pipeline()(
        Article.create(WRAPPED.replace(",\nfirst", ", first").replace("in\nRabat", "in Rabat"))
    )
    (pact,) = [e for e in extraction.events if "Israel" in WRAPPED[e.evidence_start : e.evidence_end]]
    assert WRAPPED[pact.evidence_start : pact.evidence_end] == WRAPPED_SENTENCE
    names = {a.id: a.name for a in extraction.actors}
    (same,) = [e for e in one_line.events if e.type == pact.type]
    same_names = {a.id: a.name for a in one_line.actors}
    assert (names[pact.source_actor], names[pact.target_actor], pact.place_id) == (
        same_names[same.source_actor],
        same_names[same.target_actor],
        same.place_id,
    )
    by_name = {m.text: m for m in extraction.mentions}
    for name in ("Israel", "Morocco", "Rabat"):
        mention = by_name[name]
        assert WRAPPED[mention.sentence_start : mention.sentence_end] == WRAPPED_SENTENCE
    algeria = by_name["Algeria"]
    assert WRAPPED[algeria.sentence_start : algeria.sentence_end] == "Algeria condemned it."


def test_the_panel_shows_a_wrapped_sentence_whole(store, gazetteer):
    extraction = Pipeline()(Article.create(WRAPPED, "Pact"))
    store.add(extraction.article, extraction.mentions, extraction.actors, extraction.events)
    (hits,) = place_report(store, gazetteer, RABAT).articles
    (sentence,) = hits.sentences
    assert sentence.text == WRAPPED_SENTENCE
    assert [sentence.text[s:e] for s, e in sentence.spans] == ["Rabat"]


def test_the_panel_shows_the_stored_sentence_even_where_the_splitter_now_splits_otherwise(store, gazetteer):
    """A mention made when its sentence was read otherwise (here: two sentences as one) keeps showing
    the sentence it was read in; mentions of one stored sentence are one hit, in reading order."""
    text = "Israel and Morocco met in Rabat. They signed a pact in Rabat.\nAlgeria condemned it in Algiers."
    article = Article.create(text, "Pact")
    first, second = text.index("Rabat"), text.rindex("Rabat")
    line = text.index("\n")
    mentions = [
        Mention(article.id, at, at + 5, "Rabat", RABAT, "literal", 0.9, 0, line) for at in (second, first)
    ]
    store.add(article, mentions)
    (hits,) = place_report(store, gazetteer, RABAT).articles
    (sentence,) = hits.sentences
    assert (sentence.text, sentence.start) == (text[:line], 0)
    assert [m.start for m in sentence.mentions] == [first, second]


def test_the_panel_finds_the_sentence_of_a_mention_stored_without_one(store, gazetteer):
    """Mentions stored before sentences were kept (None): their sentence is found in the text."""
    text = "Israel and Morocco met. They signed a pact in Rabat\non Wednesday. Algeria condemned it."
    article = Article.create(text, "Pact")
    at = text.index("Rabat")
    stored = Mention(article.id, at, at + 5, "Rabat", RABAT, "literal", 0.9)
    store.add(article, [stored])
    (hits,) = place_report(store, gazetteer, RABAT).articles
    assert [s.text for s in hits.sentences] == ["They signed a pact in Rabat\non Wednesday."]
    store.add(article, [replace(stored, sentence_start=0, sentence_end=len(text))])
    (hits,) = place_report(store, gazetteer, RABAT).articles
    assert [s.text for s in hits.sentences] == [text]
