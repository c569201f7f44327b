"""Geoparsing: find the place names in a text and resolve each to a bundled Place.

`GazetteerGeoparser` is the first, dictionary-based geoparser. Anything with the same call signature
(text, article id → Mentions) can replace it in `dashboard.pipeline.Pipeline`.
"""

from __future__ import annotations

import math
from typing import Protocol

from dashboard.geo import Gazetteer, load_gazetteer
from dashboard.model import Mention, Place
from dashboard.nlp.dateline import find_dateline
from dashboard.nlp.placenames import NameFinder
from dashboard.nlp.sentences import sentence_index, sentence_spans


class Geoparser(Protocol):
    def __call__(self, text: str, article_id: str = "") -> list[Mention]: ...


# How likely a bare name means each kind of place, before context: a name shared by a country and a
# town almost always means the country in international news.
KIND_PRIOR = {"disputed": 3.0, "country": 3.0, "region": 2.5, "admin1": 1.5, "city": 0.0}


def _city_prior(place: Place) -> float:
    capital_bonus = 0.5 if place.feature_code == "PPLC" else 0.0
    return 2.0 * math.log10(place.population + 10) / 7 + capital_bonus


class GazetteerGeoparser:
    """Exact gazetteer matching plus a small ranking: kind, population, and the article's countries."""

    name = "gazetteer.v1"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.finder = NameFinder(self.gazetteer.surfaces())

    def __call__(self, text: str, article_id: str = "") -> list[Mention]:
        spans = self._spans(text)
        # Countries named unambiguously anywhere in the article are context for every city name.
        context = set()
        for _, _, surface in spans:
            options = self.gazetteer.candidates(surface)
            if len(options) == 1 and (place := self.gazetteer.place(options[0][0])):
                if place.kind in ("country", "disputed"):
                    context.add(place.country)
        sentences = sentence_spans(text)
        mentions = []
        for start, end, surface in spans:
            best = self._resolve(surface, context)
            if best is None:
                continue
            place_id, role, confidence = best
            mentions.append(
                Mention(
                    article_id=article_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    place_id=place_id,
                    role=role,
                    confidence=round(confidence, 3),
                    sentence=sentence_index(sentences, start),
                )
            )
        return mentions

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        """Name spans with the surface form to look up (an upper-case dateline is looked up title-cased)."""
        spans = [(start, end, text[start:end]) for start, end in self.finder.find(text)]
        dateline = find_dateline(text)
        if dateline and not any(s < dateline.end and dateline.start < e for s, e, _ in spans):
            spans.append((dateline.start, dateline.end, dateline.place.title()))
            spans.sort()
        return spans

    def _resolve(self, surface: str, context: set[str]) -> tuple[str, str, float] | None:
        scored = []
        for place_id, role in self.gazetteer.candidates(surface):
            place = self.gazetteer.place(place_id)
            if place is None:
                continue
            score = KIND_PRIOR.get(place.kind, 0.0)
            if place.kind == "city":
                score += _city_prior(place) + (1.0 if place.country in context else 0.0)
            scored.append((score, place.id, role))
        if not scored:
            return None
        scored.sort(key=lambda item: -item[0])
        total = sum(math.exp(score) for score, _, _ in scored)
        score, place_id, role = scored[0]
        # A single candidate is still only as sure as a dictionary match can be.
        confidence = min(0.95, math.exp(score) / total)
        return place_id, role, confidence


def toponym_record(mention: Mention, gazetteer: Gazetteer) -> dict:
    """A mention as the `geoparse` command writes it: span, resolved place, role and confidence."""
    place = gazetteer.place(mention.place_id)
    return {
        "start": mention.start,
        "end": mention.end,
        "name": mention.text,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "country": place.country if place else None,
        "place_id": mention.place_id,
        "kind": place.kind if place else None,
        "role": mention.role,
        "confidence": mention.confidence,
    }
