"""Derive the actor tables (name -> country, sector) from PETRARCH2's actor dictionaries.

    python -m dashboard.nlp.lexicon.build_people /path/to/event-dictionaries

Both dictionaries (MIT, see LICENSES.md) list names with their CAMEO codes over time ("YOWERI_MUSEVENI_
... [UGAGOV >860126]", "HEZBOLLAH_ [LBNREB]"), synonyms on `+` lines, the code inline or on a line of
its own; the last code listed is the latest.

- `people.tsv`, from the country-actor dictionary: leaders and officials, so a news actor named only by
  a person ("President Yoweri Museveni") gets a country. Only people are kept (entries whose code has a
  role, such as GOV or MIL, not the country entries themselves), and only names of two or more words (a
  single word, "Gulu", is too ambiguous). The dictionary ends in 2014, so later office holders are missing.
- `single_names.tsv`, from the same dictionary: one-word names with a role code, which are institutions
  ("Kremlin", "Pentagon", "FBI", "Knesset", "IDF") and leaders' surnames ("Erdogan", "Netanyahu"). A
  word that also begins a longer name there is a first name ("Hassan", "Abdullah") and is left out: it
  says nothing of whose it is. Territories' codes (a second code that is no sector) are left out too.
- `armed_groups.tsv`, from the militant non-state actor dictionary (START TOPS, 2013): armed groups and
  their leaders ("Hamas", "Hezbollah", "Taliban"), so they get their country and sector REB, and the
  geoparser does not read "Hamas" as an alternate name of the German city of Hamm. A code whose first
  three letters are no country (IMG, an international militant group) gives no country.
- `organisations.tsv`, from the international actor dictionary: intergovernmental organisations (sector
  IGO: "Arab League", "World Food Programme"), non-governmental ones (NGO: "Amnesty International") and
  multinational companies (BUS, with the country of their code: "Exxon" → USA).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COUNTRIES = HERE.parents[2] / "geodata" / "countries.csv"
CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[^\]]*\]")


def names(line: str) -> str:
    """ "+YOWERI_KAGUTA_MUSEVENI_  # note" -> "yoweri kaguta museveni"."""
    return " ".join(line.split("#")[0].strip().lstrip("+").replace("_", " ").split()).lower()


def read_actors(path: Path, keep) -> dict[str, tuple[str, str]]:
    """name -> (country, role) of every entry whose name and latest code `keep(name, code)` accepts."""
    actors: dict[str, tuple[str, str]] = {}
    block: list[str] = []
    code: tuple[str, str] | None = None

    def flush() -> None:
        for name in block:
            if code and keep(name, code):
                actors.setdefault(name, code)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            match = CODE.match(line)
            if match:
                code = (match.group(1), match.group(2) or "")
            continue
        if not line.startswith("+"):
            flush()
            block, code = [], None
            inline = CODE.search(line)
            if inline:
                code = (inline.group(1), inline.group(2) or "")
                line = line[: inline.start()]
        block.append(names(line))
    flush()
    return actors


def read_people(path: Path) -> dict[str, tuple[str, str]]:
    return read_actors(path, lambda name, code: bool(code[1]) and len(name.split()) >= 2)


# CAMEO role codes of state and political actors: what a one-word name may stand for.
SINGLE_NAME_SECTORS = frozenset("GOV MIL COP SPY LEG ELI JUD REB OPP PTY UAF".split())


def read_single_names(path: Path) -> dict[str, tuple[str, str]]:
    every = read_actors(path, lambda name, code: True)
    first_names = {name.split()[0] for name in every if " " in name}
    singles = read_actors(path, lambda name, code: code[1] in SINGLE_NAME_SECTORS and " " not in name)
    return {name: code for name, code in singles.items() if name not in first_names and len(name) >= 3}


def read_armed_groups(path: Path, countries: set[str]) -> dict[str, tuple[str, str]]:
    groups = read_actors(path, lambda name, code: len(name) >= 3)
    return {name: (country if country in countries else "", "REB") for name, (country, _) in groups.items()}


ORGANISATION_SECTORS = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS"}


def read_organisations(path: Path, countries: set[str]) -> dict[str, tuple[str, str]]:
    found = read_actors(path, lambda name, code: len(name) >= 3 and code[0] in ORGANISATION_SECTORS)
    return {
        name: (second if kind == "MNC" and second in countries else "", ORGANISATION_SECTORS[kind])
        for name, (kind, second) in found.items()
    }


def write(rows: dict[str, tuple[str, str]], output: Path) -> None:
    lines = ["name\tcountry\tsector"] + [f"{name}\t{c}\t{s}" for name, (c, s) in sorted(rows.items())]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {output}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionaries", nargs="?", default="../shared/data/event-dictionaries")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the tables")
    args = parser.parse_args(argv)
    root = Path(args.dictionaries) / "petrarch2"
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        countries = {row["iso3"] for row in csv.DictReader(handle)}
    write(read_people(root / "Phoenix.Countries.actors.txt"), args.out / "people.tsv")
    write(read_single_names(root / "Phoenix.Countries.actors.txt"), args.out / "single_names.tsv")
    groups = read_armed_groups(root / "Phoenix.MilNonState.actors.txt", countries)
    write(groups, args.out / "armed_groups.tsv")
    organisations = read_organisations(root / "Phoenix.International.actors.txt", countries)
    write(organisations, args.out / "organisations.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
