"""Derive the agent table (common noun -> CAMEO sector) from PETRARCH2's agents dictionary.

    python -m dashboard.nlp.lexicon.build_agents /path/to/event-dictionaries

`Phoenix.agents.txt` (MIT, see LICENSES.md) lists the nouns that name a kind of actor with its CAMEO
sector code: "SOLDIER [~MIL]", "POLICE_OFFICER [~COP]", "DEMONSTRATOR [~OPP]", "ATHLETE [~CVL]",
"MINISTER_OF_JUSTICE [~GOV]", with irregular plurals in braces ("GUNMAN {GUNMEN}") and two substitution
sets (!PERSON!, !MINIST!) that stand for several words. The event coder reads a noun phrase's sector from
it ("Israeli soldiers" are military, "Canadian athletes" civilians), and from the sector whether the
phrase is a political actor. `agents.tsv` keeps each phrase in lower case with its code: the first
three letters are the main sector, the next three (if any) a second one ("GOVMIL").
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[~(?P<code>[A-Z]{3,6})\]")
SUBSTITUTION = re.compile(r"^(?P<name>![A-Z]+!)\s*=\s*(?P<words>.+)$")


def _words(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").split()).lower()


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """Every phrase a substitution set stands for: "CONGRESS!PERSON!" -> congressman, congresswoman..."""
    parts = re.split(r"(![A-Z]+!)", phrase)
    choices = [sets.get(part, [part]) if part.startswith("!") else [part] for part in parts]
    return [_words("".join(combination)) for combination in itertools.product(*choices)]


def read_agents(path: Path) -> dict[str, str]:
    """phrase -> sector code, singular and listed plural forms, the first code given winning."""
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := SUBSTITUTION.match(line):
            sets[match["name"]] = [w.strip() for w in match["words"].split(",") if w.strip()]
            continue
        if not (match := ENTRY.match(line)):
            continue
        forms = [match["phrase"], *(p for p in (match["plurals"] or "").split(",") if p.strip())]
        for form in forms:
            for phrase in _expand(form.strip(), sets):
                if phrase and "!" not in phrase:
                    agents.setdefault(phrase, match["code"])
    return agents


def write(agents: dict[str, str], output: Path) -> None:
    lines = ["phrase\tsector"] + [f"{phrase}\t{code}" for phrase, code in sorted(agents.items())]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(agents)} phrases -> {output}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionaries", nargs="?", default="../shared/data/event-dictionaries")
    parser.add_argument("--out", type=Path, default=HERE / "agents.tsv")
    args = parser.parse_args(argv)
    write(read_agents(Path(args.dictionaries) / "petrarch2" / "Phoenix.agents.txt"), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
