"""The committed PLOVER verb lexicon (dashboard/nlp/lexicon/plover_verbs.tsv): its shape, some well-known
verbs, and that build_verbs rebuilds it byte for byte from the shared dictionaries (skipped if absent)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dashboard.nlp.lexicon import build_people, build_verbs
from dashboard.plover import TYPES

TSV = build_verbs.OUT
DICTIONARIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "event-dictionaries"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    header, *lines = TSV.read_text(encoding="utf-8").splitlines()
    assert tuple(header.split("\t")) == build_verbs.COLUMNS
    return [dict(zip(build_verbs.COLUMNS, line.split("\t"), strict=True)) for line in lines]


@pytest.fixture(scope="module")
def plover(rows):
    """(lemma, pattern) -> PLOVER type; "" is the bare verb."""
    return {(row["lemma"], row["pattern"]): row["plover"] for row in rows}


def test_rows_are_well_formed(rows):
    assert len(rows) > 5000
    assert {row["plover"] for row in rows} <= set(TYPES)
    assert len({(row["lemma"], row["pattern"]) for row in rows}) == len(rows)  # one row per (lemma, pattern)
    assert all(row["cameo"].isdigit() and row["cameo"][:2] != "01" for row in rows)  # statements: no event
    # CAMEO 02 (appeals), which the table drops, is PLOVER REQUEST with mode "appeal" (see build_verbs.py).
    assert all(row["plover"] == "REQUEST" for row in rows if row["cameo"][:2] == "02")
    assert not any(row["negated_plover"] for row in rows)  # the 2021 mapping defines no negations
    assert all(row["lemma"] == row["lemma"].lower() and " " not in row["lemma"] for row in rows)


def test_sign_agreement_follows_the_mapping(rows, plover):
    # CAMEO 057 "Sign formal agreement" sits under "05: SUPPORT" in CAMEO2PLOVER-2021.txt, so a plain signed
    # agreement is SUPPORT, not AGREE (PLOVER's AGREE is CAMEO 03, intent) or COOPERATE (06, material).
    for pattern in ("agreement", "accord", "peace agreement"):
        assert plover["sign", pattern] == "SUPPORT"
    # Typed agreements carry their own codes: 0312 (military: AGREE) and 061 (trade: COOPERATE).
    assert plover["sign", "military agreement"] == "AGREE"
    assert plover["sign", "trade agreement"] == "COOPERATE"
    signed = {row["plover"] for row in rows if row["lemma"] == "sign" and "agree" in row["pattern"]}
    assert signed == {"SUPPORT", "AGREE", "COOPERATE"}


@pytest.mark.parametrize(
    ("lemma", "pattern", "expected"),
    [
        ("accuse", "", "ACCUSE"),
        ("attack", "", "ASSAULT"),
        ("bomb", "", "ASSAULT"),
        ("protest", "", "PROTEST"),
        ("demonstrate", "", "PROTEST"),
        ("threaten", "", "THREATEN"),
        ("meet", "", "CONSULT"),
        ("reject", "proposal", "REJECT"),  # REJECT is in a [---] block: the bare verb codes nothing
        ("deploy", "troops", "MOBILIZE"),  # likewise DEPLOY (block SEND)
        # CAMEO 163 "Impose embargo, boycott, or sanctions" maps to COERCE (mode restrict) in the 2021 table,
        # not to SANCTION; the dictionary has no verb SANCTION.
        ("impose", "sanctions", "COERCE"),
        ("withdraw", "ambassador", "SANCTION"),  # 161, reduce or break diplomatic relations
        # Bare WITHDRAW and RETREAT are in block RETREAT [080], which the table lists under "08: CONCEDE";
        # pulling troops back is 0874 "Retreat or surrender militarily", under "08: RETREAT".
        ("withdraw", "", "CONCEDE"),
        ("retreat", "", "CONCEDE"),
        ("withdraw", "troops", "RETREAT"),
    ],
)
def test_known_verbs(plover, lemma, pattern, expected):
    assert plover[lemma, pattern] == expected


def test_reject_is_mostly_reject(rows):
    counts = Counter(row["plover"] for row in rows if row["lemma"] == "reject")
    assert counts.most_common(1)[0][0] == "REJECT"


def test_multiword_verbs_keep_their_particle_in_the_pattern(plover):
    assert plover["call", "off"] == "SANCTION"  # +CALL_OFF [160]
    assert plover["kill", "and"] == "ASSAULT"  # +KILLED_AND {}: fixed phrases get their verb's lemma


@pytest.mark.skipif(not DICTIONARIES.is_dir(), reason="shared event dictionaries not available")
def test_build_is_reproducible(tmp_path, capsys):
    out = tmp_path / "plover_verbs.tsv"
    assert build_verbs.main([str(DICTIONARIES), "--out", str(out)]) == 0
    assert out.read_bytes() == TSV.read_bytes()
    assert "ASSAULT" in capsys.readouterr().out  # the per-type summary


@pytest.mark.skipif(not DICTIONARIES.is_dir(), reason="shared event dictionaries not available")
def test_actor_tables_are_reproducible(tmp_path):
    assert build_people.main([str(DICTIONARIES), "--out", str(tmp_path)]) == 0
    for name in ("people.tsv", "armed_groups.tsv", "organisations.tsv"):
        assert (tmp_path / name).read_bytes() == (build_people.HERE / name).read_bytes()
