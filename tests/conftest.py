"""Shared fixtures. Data outside the project (../shared) is optional: tests that need it skip cleanly."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SEED_DIR = SHARED / "data" / "seed-article"


def sentences_of(lines) -> list[str]:
    """The sentences of JSON Lines records' "text" fields (dev sets, the demo corpus), split as the
    pipeline splits them."""
    from dashboard.nlp.sentences import sentence_spans

    texts = []
    for line in lines:
        text = json.loads(line)["text"]
        texts += [text[start:end] for start, end in sentence_spans(text)]
    return texts


@pytest.fixture(autouse=True)
def keep_main_module():
    """Streamlit's script runner (AppTest) installs the app as sys.modules["__main__"] and leaves it there;
    processes spawned afterwards (Dask workers, process pools) would then re-run the app on start-up."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def store(tmp_path):
    from dashboard.store import Store

    return Store(tmp_path / "test.db")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed wire story (third-party text: read from ../shared at test time, never copied)."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("seed article not available (../shared/data/seed-article)")
    return files[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazetteer():
    from dashboard.geo import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from dashboard.nlp.geoparse import GazetteerGeoparser

    return GazetteerGeoparser(gazetteer)


# The calibrated store: one article, two events and two place mentions at confidences either side of the
# defaults (events: DEFAULT_EVENT_CONFIDENCE; place mentions: none), built by hand so the coder's and the
# geoparser's changes do not move them.
RABAT, WASHINGTON = "2538475", "4140963"
CALIBRATED_TEXT = "Israel and Morocco signed an accord in Rabat. Officials met envoys in Washington."


@pytest.fixture(scope="session")
def calibrated_db(tmp_path_factory) -> Path:
    """Events "trusted" (0.85) in Rabat and "uncertain" (0.5) in Washington; mentions of Rabat (0.9) and of
    Washington (0.3, as the geoparser scores a right "Washington")."""
    from datetime import date

    from dashboard.model import Actor, Article, Event, Mention
    from dashboard.store import Store

    path = tmp_path_factory.mktemp("calibrated") / "store.db"
    text = CALIBRATED_TEXT
    article = Article.create(text, title="Accord", published=date(2021, 11, 24), source="Wire")
    actors = [Actor("isr", "Israel", "country", "ISR"), Actor("mar", "Morocco", "country", "MAR")]
    rabat, washington, second = text.index("Rabat"), text.index("Washington"), text.index("Officials")
    shared = dict(
        source_actor="isr", target_actor="mar", source_country="ISR", target_country="MAR",
        date=article.published, date_precision="day", coder="test",
    )  # fmt: skip
    events = [
        Event("trusted", article.id, "AGREE", evidence_start=0, evidence_end=second - 1, place_id=RABAT,
              confidence=0.85, **shared),
        Event("uncertain", article.id, "CONSULT", evidence_start=second, evidence_end=len(text),
              place_id=WASHINGTON, confidence=0.5, **shared),
    ]  # fmt: skip
    mentions = [
        Mention(
            article.id,
            rabat,
            rabat + 5,
            "Rabat",
            RABAT,
            confidence=0.9,
            sentence_start=0,
            sentence_end=second - 1,
        ),
        Mention(
            article.id,
            washington,
            washington + 10,
            "Washington",
            WASHINGTON,
            confidence=0.3,
            sentence_start=second,
            sentence_end=len(text),
        ),
    ]
    Store(path).add(article, mentions, actors, events)
    return path
