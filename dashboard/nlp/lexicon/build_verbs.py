"""Build plover_verbs.tsv (verb + pattern -> CAMEO code -> PLOVER type) from PETRARCH2's CAMEO verbs.

Run: python -m dashboard.nlp.lexicon.build_verbs /path/to/event-dictionaries [--out FILE]

The inputs are petrarch2/CAMEO.2.0.txt (MIT) and the CAMEO->PLOVER tables in plover/ (CC BY-SA 4.0), so
the output is CC BY-SA 4.0: see LICENSES.md. The rules follow how PETRARCH2 reads the file, except those
marked "ours":

* lemma: the first word of a verb line, lower-case; the inflections in {...} are dropped. A multi-word verb
  keeps its `+`-marked word as the lemma and its other words in the pattern (+CALL_OFF -> "call", "off"), so
  one lookup by a token's lemma finds simple and phrasal uses alike (ours). The few fixed phrases written
  inflected (+KILLED_AND {}) take the lemma of the verb that has that form ("kill", "and").
* pattern: the words of a `- ...` line, lower-case, brackets dropped, `_` read as a space, and the source,
  target, skip and compound tokens `$ + ^ %` removed. `*` (the verb) is kept only when words come before it
  ("troops *"); otherwise the pattern is the words after the verb ("peace agreement"); "" is the bare verb.
  A synset (&TREATY) is expanded to each member, as PETRARCH2 does, without its generated plurals (ours:
  match on lemmas); a pattern using an undefined synset is skipped. Ours: while a line would expand to over
  MAX_VARIANTS variants, its largest synset stays as its label word ("weapon"). This keeps the inventories
  of names (&WEAPON, &CURRENCY, &AIRCRAFT: 75-115 members, mostly models and currencies) and cross products
  such as {&FIGHT &CRIME} from growing the file fivefold with phrases no text contains.
* owner (ours): a pattern belongs to the verb its comment names, the one it was written for (see the
  dictionary's header); only if that is no verb of the block does it go to all of them, as in PETRARCH2.
  This keeps the lexicon compact and avoids pairings such as "situate" + "demonstration". Blocks of at
  most SHARED_BLOCK verbs are synonyms in the strict sense (VIOLATE, BREACH) and share every pattern, as
  in PETRARCH2: "violate ... ceasefire" is 196, written for BREACH.
* code: the active side of [active:passive]; `---` or an empty side codes nothing. One row per (lemma,
  pattern): verb lines keep the first code seen, pattern lines override, as PETRARCH2's setdefault and
  assignment do. Keys left with no code are dropped, and so are roots 01 and 02, which PLOVER drops.
* plover, mode: the exact code in cameo2plover-2021, else its 3-digit base, else the root table (08 splits
  into 081-083 CONCEDE and 084-087 RETREAT). negated_plover stays empty: the mapping defines none.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.plover import TYPES as PLOVER_TYPES

COLUMNS = ("lemma", "pattern", "cameo", "plover", "mode", "negated_plover")
OUT = Path(__file__).with_name("plover_verbs.tsv")
VERB_FILE = Path("petrarch2/CAMEO.2.0.txt")
CODE_TABLE = Path("plover/cameo2plover-2021.parsed.csv")
ROOT_TABLE = Path("plover/cameo_root_to_plover_manual.csv")
# Values in the 2021 table's mode slot that are not modes: 175's `pro_autocracy` is a context name, and the
# table itself notes (at 0813) that "ease" is no longer a mode, though 085 still carries it.
NOT_MODES = {"pro_autocracy", "ease"}
ACTOR_TOKENS = {"$", "+", "^", "%"}  # source, target, skip, compound: positions, not words
MAX_VARIANTS = 50  # per pattern line: see "pattern" above
SHARED_BLOCK = 3  # blocks of this many verbs or fewer share all their patterns: see "owner" above
CODE = re.compile(r"\[([^\]]*)\]")
FORMS = re.compile(r"\{([^}]*)\}")


@dataclass
class Verb:
    """One verb line. `front`/`back` are the other words of a multi-word verb, before/after the lemma."""

    lemma: str
    front: list[str]
    back: list[str]
    code: str | None
    forms: set[str]  # upper-case spellings, only to recognise the verb named in a pattern's comment
    fixed: bool = False  # `{}`: a fixed phrase, written in the inflected form it is used in (+KILLED_AND)

    def pattern(self, pre: list[str], post: list[str]) -> str:
        """Join pattern words around the verb; `*` marks the verb only when words precede it."""
        before, after = pre + self.front, self.back + post
        return " ".join(before + ["*"] + after if before else after)


@dataclass
class Block:
    """A `--- NAME [code] ---` block: its verbs and its (body, comment) pattern lines."""

    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)


def active_code(bracketed: str) -> str | None:
    """The active-voice code of `057:057`; None for `---` or an empty side. Digits only: repairs `080!`."""
    return re.sub(r"\D", "", bracketed.split(":")[0]) or None


def words(text: str) -> list[str]:
    """Dictionary text as lower-case words; `_` only says that the words must be consecutive."""
    return text.replace("_", " ").lower().split()


def inflections(word: str) -> set[str]:
    """Regular forms of an upper-case verb, enough to recognise comments such as RULED_OUT or RALLIED."""
    stem = word[:-1] if word.endswith(("E", "Y")) else word
    return {word, word + "S", word + "ES", word + "D", word + "ED", stem + "IES", stem + "IED", stem + "ING"}


def parse_verb(body: str, block_code: str | None) -> Verb:
    """A verb line such as `+MEET_WITH {+MET_WITH ...} [040]`; its own code, else the block's."""
    code = CODE.search(body)
    listed = FORMS.search(body)
    head = body.split()[0]
    front, _, rest = head.rpartition("+")
    lemma, *back = rest.split("_")
    forms = {f"{front}{form}{'_' if back else ''}{'_'.join(back)}" for form in inflections(lemma)}
    forms |= {form.replace("+", "") for form in (listed.group(1).replace(",", " ").split() if listed else [])}
    return Verb(
        lemma=lemma.lower(),
        front=words(front),
        back=[word.lower() for word in back if word],
        code=active_code(code.group(1)) if code else block_code,
        forms=forms | {head.replace("+", "")},
        fixed=bool(listed) and not listed.group(1).strip(),
    )


def rebase_fixed(blocks: list[Block]) -> None:
    """Give fixed phrases the lemma of the single-word verb having their form (killed -> kill, shot -> shoot),
    so that a lookup by a token's lemma finds them; with no such verb (`is`) the form stays."""
    single = [verb for block in blocks for verb in block.verbs if not (verb.fixed or verb.front or verb.back)]
    base = {form.lower(): verb.lemma for verb in single for form in verb.forms}
    for verb in (verb for block in blocks for verb in block.verbs if verb.fixed):
        verb.lemma = base.get(verb.lemma, verb.lemma)


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """Synsets (label -> member phrases) and verb blocks; the trailing `~` transformations are not verbs."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    label = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        body, _, comment = line.partition("#")
        if line.startswith("~") or not body.strip():
            continue
        if line.startswith("---"):
            code = CODE.search(line)
            blocks.append(Block(active_code(code.group(1)) if code else None))
        elif line.startswith("-"):
            blocks[-1].patterns.append((body[1:], comment))
        elif blocks:
            blocks[-1].verbs.append(parse_verb(body, blocks[-1].code))
        elif line.startswith("&"):
            label = body.strip().rstrip("_")  # a trailing `_` only stops PETRARCH2's plurals
        elif line.startswith("+"):
            synsets.setdefault(label, []).append(" ".join(words(body[1:].strip().rstrip("_"))))
    rebase_fixed(blocks)
    return synsets, blocks


def synset_choices(labels: set[str], synsets: dict[str, list[str]]) -> dict[str, list[str]]:
    """Members for each synset of a pattern; the largest become their label word until the pattern has at most
    MAX_VARIANTS variants (&WEAPON -> "weapon")."""
    choices = {label: synsets[label] for label in labels}
    while math.prod(len(members) for members in choices.values()) > MAX_VARIANTS:
        largest = max(sorted(choices), key=lambda label: len(choices[label]))
        choices[largest] = [" ".join(words(largest[1:]))]
    return choices


def expand(body: str, synsets: dict[str, list[str]]) -> list[tuple[list[str], list[str]]]:
    """Every (words before, words after) the verb that a pattern stands for; [] if it is malformed or uses an
    undefined synset. Brackets only group words, so they go; `A/B` (9 legacy lines) reads as alternatives."""
    tokens = [t for t in re.split(r"[\s{}()_]+", CODE.sub(" ", body)) if t and t not in ACTOR_TOKENS]
    labels = {t for t in tokens if t.startswith("&")}
    if tokens.count("*") != 1 or not labels <= synsets.keys():
        return []
    members = synset_choices(labels, synsets)
    choices = [members[t] if t in members else t.lower().split("/") for t in tokens]
    variants = []
    for picked in itertools.product(*choices):
        flat = " ".join(picked).split()
        star = flat.index("*")
        variants.append((flat[:star], flat[star + 1 :]))
    return variants


def owners(block: Block, comment: str) -> list[Verb]:
    """The verb a pattern was written for, named first in its comment, plus the block's verbs that no
    comment names (PETRARCH2 applies every pattern to every verb of a block, so a synonym such as SEVER,
    listed beside CUT, is coded by CUT's patterns: "sever ties"); else all the block's verbs."""
    named = comment.split()[:1]
    matched = [verb for verb in block.verbs if named and named[0] in verb.forms]
    if not matched or len(block.verbs) <= SHARED_BLOCK:
        return block.verbs
    heads = {c.split()[0] for _, c in block.patterns if c.split()}
    silent = [verb for verb in block.verbs if not verb.forms & heads]
    return matched + [verb for verb in silent if verb not in matched]


# CAMEO 02 (APPEAL: "urge", "appeal to", "call on") is dropped by the CAMEO->PLOVER table, but PLOVER's
# REQUEST is defined to cover asking and appealing as well as demanding, so appeals are REQUEST here.
APPEAL_ROOT = "02"


def read_mapping(root: Path) -> Callable[[str], tuple[str, str] | None]:
    """A lookup CAMEO code -> (PLOVER type, mode), or None: exact code, then 3-digit base, then root table.
    A code table naming a type `dashboard.plover` does not know stops the build; the root table's rows
    outside PLOVER ("dropped", FIGHT) are left out."""
    with open(root / CODE_TABLE, encoding="utf-8", newline="") as handle:
        exact: dict[str, tuple[str, str]] = {}
        for row in csv.DictReader(handle):  # 175 is listed twice, identically: keep the first
            plover, mode = row["plover_type"], row["plover_mode"].strip()
            if plover not in PLOVER_TYPES:
                raise SystemExit(f"{CODE_TABLE}, code {row['cameo_code']}: unknown PLOVER type {plover!r}")
            exact.setdefault(row["cameo_code"], (plover, "" if mode in NOT_MODES else mode))
    with open(root / ROOT_TABLE, encoding="utf-8", newline="") as handle:
        roots = [row for row in csv.DictReader(handle) if row["plover_type"] in PLOVER_TYPES]

    def in_subrange(code: str, subrange: str) -> bool:
        low, _, high = subrange.partition("-")
        return not subrange or low <= code[:3] <= high

    def lookup(code: str) -> tuple[str, str] | None:
        for key in (code, code[:3]):
            if key in exact:
                return exact[key]
        for row in roots:
            if code[:2] == row["cameo_root"] and in_subrange(code, row["cameo_subrange"]):
                return row["plover_type"], ""
        if code[:2] == APPEAL_ROOT:
            return "REQUEST", "appeal"
        return None  # root 01, public statements: PLOVER has no such event

    return lookup


def collect_codes(synsets: dict[str, list[str]], blocks: list[Block]) -> dict[tuple[str, str], str | None]:
    """(lemma, pattern) -> CAMEO code, in file order: verb lines keep the first code, patterns override."""
    codes: dict[tuple[str, str], str | None] = {}
    for block in blocks:
        for verb in block.verbs:
            codes.setdefault((verb.lemma, verb.pattern([], [])), verb.code)
        for body, comment in block.patterns:
            bracketed = CODE.search(body)
            code = active_code(bracketed.group(1)) if bracketed else None
            variants = expand(body, synsets) if bracketed else []
            for verb, (pre, post) in itertools.product(owners(block, comment), variants):
                codes[verb.lemma, verb.pattern(pre, post)] = code
    return codes


def build_rows(root: Path) -> list[tuple[str, ...]]:
    """The lexicon rows, sorted, so that rebuilding gives byte-identical output."""
    synsets, blocks = read_dictionary(root / VERB_FILE)
    lookup = read_mapping(root)
    rows = []
    for (lemma, pattern), code in collect_codes(synsets, blocks).items():
        mapped = lookup(code) if code else None
        if mapped:
            rows.append((lemma, pattern, code, *mapped, ""))
    return sorted(rows)


def render(rows: list[tuple[str, ...]]) -> str:
    """TSV text with a header. No field can hold a tab or newline: all are made of whitespace-split words."""
    return "".join("\t".join(row) + "\n" for row in [COLUMNS, *rows])


def main(argv: list[str] | None = None) -> int:
    """Write the TSV and print its rows per PLOVER type, so that a rebuild's effect shows at a glance."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionaries", type=Path, help="the event-dictionaries folder (petrarch2/, plover/)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output TSV (default: {OUT})")
    args = parser.parse_args(argv)
    rows = build_rows(args.dictionaries)
    args.out.write_text(render(rows), encoding="utf-8")
    counts = Counter(row[3] for row in rows)
    print(f"{len(rows)} rows, {len({row[0] for row in rows})} lemmas -> {args.out}")
    for plover in PLOVER_TYPES:
        print(f"{plover:<10} {counts[plover]:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
