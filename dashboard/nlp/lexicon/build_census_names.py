"""Derive `census_names.tsv` (given names and common surnames) from the 1990 US Census name files.

    python -m dashboard.nlp.lexicon.build_census_names /path/to/names/package/data

The files `dist.male.first`, `dist.female.first` and `dist.all.last` (public domain, US Census Bureau,
1990; shipped in the `names` package on PyPI, MIT) list names by frequency: "JORDAN 0.042 87.155 792"
is a name, its share, the cumulative share and its rank. The geoparser needs them to tell "Jordan
Peterson" and "Paris Hilton" from the country and the city: a given name that is also a place, then a
common surname, is a person.

Kept: every given name, with the list it is in (a "he" is not "Victoria", a "she" not "Antony"), and
the surnames up to rank `SURNAMES` (the rarer ones are mostly words: "Senate", "Police", "Times" rank
below 20,000).
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).parent
SURNAMES = 20_000


def _names(path: Path, limit: int | None = None) -> list[str]:
    names = []
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4 and (limit is None or int(fields[3]) <= limit):
            names.append(fields[0].capitalize())
    return names


def build(source: Path) -> list[tuple[str, str]]:
    """(name, kind) rows: kind "male" or "female" for a given name (both rows for a name in both lists,
    "Jordan"), "surname" for a surname."""
    male = [(name, "male") for name in _names(source / "dist.male.first")]
    female = [(name, "female") for name in _names(source / "dist.female.first")]
    surnames = [(name, "surname") for name in _names(source / "dist.all.last", SURNAMES)]
    return male + female + surnames


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the folder holding dist.male.first and the others")
    rows = build(parser.parse_args(argv).source)
    with (HERE / "census_names.tsv").open("w", encoding="utf-8") as out:
        out.write("name\tkind\n")
        out.writelines(f"{name}\t{kind}\n" for name, kind in rows)


if __name__ == "__main__":
    main()
