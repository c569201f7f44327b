"""Records cross process boundaries pickled (ingest workers send them to the main process)."""

import dataclasses
import pickle
from datetime import date

import pytest

from dashboard.model import Actor, Article, Event, Extraction, Mention


def _extraction() -> Extraction:
    article = Article.create(
        "Israel and Morocco signed a memorandum in Rabat.", "Pact", published=date(2021, 11, 24)
    )
    mention = Mention(article.id, 42, 47, "Rabat", "2538475", "literal", 0.9, 0, 48)
    actors = [Actor("a1", "Israel", "country", "ISR"), Actor("a2", "Morocco", "country", "MAR", "GOV", "")]
    event = Event(
        "e1",
        article.id,
        "AGREE",
        "a1",
        "a2",
        0,
        49,
        "sign",
        "ISR",
        "MAR",
        "2538475",
        date(2021, 11, 24),
        "day",
        0.9,
        0,
        "x",
    )
    return Extraction(article, [mention], actors, [event])


def test_records_pickle_to_equal_frozen_records():
    extraction = _extraction()
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps([extraction, extraction], protocol=protocol))
        assert back == [extraction, extraction]
        assert [dataclasses.astuple(e) for e in back] == [dataclasses.astuple(extraction)] * 2
        with pytest.raises(dataclasses.FrozenInstanceError):
            back[0].events[0].type = "ASSAULT"
    assert dataclasses.replace(extraction.events[0], type="ASSAULT").type == "ASSAULT"
