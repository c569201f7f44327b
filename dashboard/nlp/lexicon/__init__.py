"""Event-coding lexicons derived from public dictionaries (see LICENSES.md for their terms)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _actor_table(name: str) -> dict[str, tuple[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return {
            row["name"]: (row["country"], row["sector"]) for row in csv.DictReader(handle, delimiter="\t")
        }


@cache
def people() -> dict[str, tuple[str, str]]:
    """Leaders and officials by lower-case name: (country, CAMEO role), from PETRARCH2's dictionary."""
    return _actor_table("people.tsv")


@cache
def armed_groups() -> dict[str, tuple[str, str]]:
    """Armed non-state groups and their leaders by lower-case name: (country or "", "REB")."""
    return _actor_table("armed_groups.tsv")


@cache
def organisations() -> dict[str, tuple[str, str]]:
    """Intergovernmental (IGO) and non-governmental (NGO) organisations and companies (BUS, with their
    country) by lower-case name."""
    return _actor_table("organisations.tsv")
