import json
import subprocess
import sys

from dashboard.cli import DEMO_CORPUS, main
from dashboard.store import Store


def test_cli_help_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("ingest", "app", "demo"):
        assert command in result.stdout


def test_cli_ingest_reports_bad_input_and_keeps_the_rest(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Talks in Rabat\n\nMinisters from Israel and Morocco met in Rabat.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Envoys met in Nairobi."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(good), str(bad), "--db", str(db)]) == 1
    out, err = capsys.readouterr()
    assert f"{bad}:2: invalid JSON" in err
    assert "2 ingested, 0 duplicates skipped, 1 failed" in out
    assert main(["ingest", str(good), "--db", str(db)]) == 0
    assert "0 ingested, 1 duplicates skipped" in capsys.readouterr().out
    assert Store(db).article_count() == 2


def test_cli_demo_loads_the_bundled_corpus(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["demo", "--no-app", "--db", str(db)]) == 0
    lines = [line for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert Store(db).article_count() == len(lines) >= 10


def test_cli_geoparse_streams_jsonl_and_names_bad_lines(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "Talks in Rabat between Israel and Morocco.", "extra": 1}\n'
        "not json\n"
        '{"id": "b"}\n'
        '{"id": 7, "text": "Nothing to see here."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:2: invalid JSON" in err and f"{source}:3: expected" in err
    assert "2 documents processed, 2 lines failed" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["a", 7] and rows[1]["toponyms"] == []
    by_name = {t["name"]: t for t in rows[0]["toponyms"]}
    assert set(by_name) == {"Rabat", "Israel", "Morocco"}
    rabat = by_name["Rabat"]
    assert (rabat["start"], rabat["end"]) == (9, 14)
    assert (rabat["country"], rabat["kind"], rabat["geonameid"], rabat["role"]) == (
        "MAR",
        "city",
        2538475,
        "literal",
    )
    fields = {"start", "end", "name", "lat", "lon", "geonameid", "country", "place_id", "kind", "role"}
    assert set(rabat) == fields | {"confidence", "sentence_start", "sentence_end"}
    assert (rabat["sentence_start"], rabat["sentence_end"]) == (0, 42)  # the whole text
    # Countries carry their own GeoNames feature's id too.
    assert (by_name["Israel"]["geonameid"], by_name["Morocco"]["geonameid"]) == (294640, 2542007)


def test_cli_code_events_writes_events_and_actors(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "x", "text": "Israel and Morocco signed a defence agreement in Rabat on Wednesday.",'
        ' "published": "2021-11-25"}\n{"id": "y", "text": 5}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["code-events", str(source), "-o", str(out)]) == 1
    assert f"{source}:2: expected" in capsys.readouterr().err
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    event = row["events"][0]
    assert set(event) == {"type", "mode", "source_actor", "target_actor", "source_country", "target_country",
                          "location", "date", "date_precision", "date_earliest", "date_latest",
                          "confidence", "coder",
                          "evidence"}  # fmt: skip
    assert event["coder"] == "plover-lexicon.v1"
    assert event["type"] in ("SUPPORT", "AGREE", "COOPERATE")
    assert (event["location"], event["date"], event["date_precision"]) == ("Rabat", "2021-11-24", "day")
    assert event["source_country"] == "ISR" and event["evidence"] == {"start": 0, "end": 68}
    assert {a["name"] for a in row["actors"]} >= {"Israel"}
