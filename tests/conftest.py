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
