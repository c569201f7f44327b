"""Build cameo_plover.tsv (CAMEO event code -> PLOVER type, mode, description) for importing GDELT events.

Run: python -m dashboard.nlp.lexicon.build_cameo /path/to/event-dictionaries [--out FILE]

The input is the CAMEO->PLOVER table in plover/ (CC BY-SA 4.0), so the output is CC BY-SA 4.0: see
LICENSES.md. One row per CAMEO code the table lists, per CAMEO root (two digits: the fallback for a code
the table lacks, as the manual's Note 2 says), and per code of roots 01 and 02, which the table leaves out:

* plover, mode: as build_verbs.py reads them (exact code, then 3-digit base, then the root table; root 02,
  appeals, is REQUEST with mode "appeal"; the 2021 table's mode slot values that are not modes are dropped).
* plover is empty for root 01, public statements, which PLOVER drops: an importer keeps such a record's
  text but codes no event for it. The roots 08 (its two halves map to different types) and 20 (the
  manual's leftover name FIGHT) are empty on their own rows; every code under them is mapped.
* description: the table's CAMEO description; for roots 01 and 02 and the roots themselves, the CAMEO
  codebook's category names below (the table has none for them).

A reader looks a code up exactly, then by its first three digits, then by its root.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from dashboard.nlp.lexicon.build_verbs import CODE_TABLE, ROOT_TABLE, read_mapping
from dashboard.plover import TYPES as PLOVER_TYPES

COLUMNS = ("cameo", "plover", "mode", "description")
OUT = Path(__file__).with_name("cameo_plover.tsv")

# CAMEO codebook category names (Schrodt, CAMEO Conflict and Mediation Event Observations Codebook,
# v1.1b3) for the roots the CAMEO->PLOVER table leaves out.
STATEMENTS_AND_APPEALS = {
    "010": "Make statement, not specified below",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Make an appeal or request, not specified below",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}


def clean(text: str) -> str:
    """One line of plain text: no tab or newline can reach the TSV."""
    return " ".join(text.split())


def build_rows(root: Path) -> list[tuple[str, ...]]:
    """The table rows, sorted by code, so that rebuilding gives byte-identical output."""
    lookup = read_mapping(root)
    descriptions: dict[str, str] = {}
    with open(root / CODE_TABLE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):  # 175 is listed twice, identically: keep the first
            descriptions.setdefault(row["cameo_code"], clean(row["cameo_description"]))
    with open(root / ROOT_TABLE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):  # 08 has two rows (two halves): one name
            descriptions.setdefault(row["cameo_root"], clean(row["cameo_text"]).capitalize())
    descriptions.update(STATEMENTS_AND_APPEALS)
    rows = []
    for code in sorted(descriptions):
        plover, mode = lookup(code) or ("", "")
        rows.append((code, plover, mode, descriptions[code]))
    return rows


def render(rows: list[tuple[str, ...]]) -> str:
    return "".join("\t".join(row) + "\n" for row in [COLUMNS, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionaries", type=Path, help="the event-dictionaries folder (plover/)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output TSV (default: {OUT})")
    args = parser.parse_args(argv)
    rows = build_rows(args.dictionaries)
    args.out.write_text(render(rows), encoding="utf-8")
    counts = Counter(row[1] or "(none)" for row in rows)
    print(f"{len(rows)} codes -> {args.out}")
    for plover in (*PLOVER_TYPES, "(none)"):
        print(f"{plover:<10} {counts[plover]:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
