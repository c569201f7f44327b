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
