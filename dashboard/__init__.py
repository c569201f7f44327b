"""Geopolitical news map: finds the places, actors and events in news text and maps them, offline."""

__version__ = "0.1.0"
