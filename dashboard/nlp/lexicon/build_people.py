"""Derive `people.tsv` (name -> country, sector) from the PETRARCH2 Phoenix country-actor dictionary.

    python -m dashboard.nlp.lexicon.build_people /path/to/event-dictionaries

The dictionary (MIT, see LICENSES.md) lists leaders and officials of every country with their
CAMEO codes over time ("YOWERI_MUSEVENI_ ... [UGAGOV >860126]"). A news actor named only by a person
("President Yoweri Museveni") gets its country from here. Only people are kept (entries whose first
code has a role, such as GOV or MIL, not the country entries themselves), with the most recent code.
The dictionary ends in 2014, so later office holders are missing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = "petrarch2/Phoenix.Countries.actors.txt"
OUTPUT = Path(__file__).resolve().parent / "people.tsv"
CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[^\]]*\]")


def names(line: str) -> str:
    """ "+YOWERI_KAGUTA_MUSEVENI_  # note" -> "yoweri kaguta museveni"."""
    return " ".join(line.split("#")[0].strip().lstrip("+").replace("_", " ").split()).lower()


def read_people(path: Path) -> dict[str, tuple[str, str]]:
    people: dict[str, tuple[str, str]] = {}
    block: list[str] = []
    code: tuple[str, str] | None = None

    def flush() -> None:
        if code and code[1]:
            for name in block:
                if len(name.split()) >= 2:  # a single word ("Gulu") is too ambiguous to be a person
                    people.setdefault(name, code)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            match = CODE.match(line)
            if match:
                code = (match.group(1), match.group(2) or "")  # the last code listed is the latest
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
    return people


def main(argv: list[str] | None = None) -> int:
    root = Path((argv or sys.argv[1:] or ["../shared/data/event-dictionaries"])[0])
    people = read_people(root / SOURCE)
    rows = ["name\tcountry\tsector"] + [f"{name}\t{c}\t{s}" for name, (c, s) in sorted(people.items())]
    OUTPUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(people)} people -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
