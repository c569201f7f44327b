"""The wire-story dateline: "RABAT, Nov 25 (NNN-AGENCIES) — ..." gives where the story was filed."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that opens with an upper-case place (and an optional ", Region"), then a comma, a short date (the
# year is optional), an optional (AGENCY) and a dash: "RABAT, Nov 25 (NNN-AGENCIES) —"; or, undated, an
# (AGENCY) and a dash, "TIRANA, Albania (AP) --", an (AGENCY) alone before the story, "MEXICO CITY (AP)
# Mexico's Senate...", or a dash alone, "ISTANBUL --", "NEW YORK - " (a
# hyphen between spaces: "NEW-YORK" or "U.S.-led" are no datelines).
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}?)(?:,\s*[A-Z][A-Za-z .'\-]{1,30}?)?"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)"
    r"(?:\s*\((?P<agency>[^)\n]{1,60})\))?\s*[—–-]+"
    r"|\s*\((?P<wire>[^)\n]{1,60})\)\s*[—–-]+"
    r"|\s*\((?P<agency_only>[A-Z][A-Za-z\-]{1,15})\)\s+(?=[A-Z])"
    r"|\s+(?:—|–|--|-(?=\s)))\s*",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    start: int
    end: int
    date: str
    agency: str
    body_start: int  # where the story itself begins, after the dash


def find_dateline(text: str, within: int = 2000) -> Dateline | None:
    """The first dateline in the opening `within` characters of `text`, if there is one."""
    match = _DATELINE.search(text, 0, within)
    if not match:
        return None
    return Dateline(
        place=match.group("place").strip(),
        start=match.start("place"),
        end=match.start("place") + len(match.group("place").strip()),
        date=match.group("date") or "",
        agency=(match.group("agency") or match.group("wire") or match.group("agency_only") or "").strip(),
        body_start=match.end(),
    )


def opens_with_dateline(line: str) -> bool:
    """Whether a line (its leading blanks removed) begins with a dateline."""
    return _DATELINE.match(line) is not None
