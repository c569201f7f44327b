"""The app's upload box: uploaded files go through the ingest readers under safe names."""

import in_store

from dashboard.ingest import READERS
from dashboard.pipeline import Pipeline
from dashboard.store import Store
from dashboard.uploads import UPLOAD_TYPES, ingest_uploads, safe_name


def test_uploaded_names_cannot_leave_the_upload_folder_and_keep_their_suffixes():
    assert safe_name("../../etc/passwd", 0) == "000-passwd"
    assert safe_name("..\\..\\x.txt", 1) == "001-x.txt"
    assert safe_name("20150218230000.export.CSV.zip", 2) == "002-20150218230000.export.CSV.zip"
    assert safe_name("<script>.html", 3) == "003-_script_.html"
    assert safe_name("..", 4) == "004-upload"
    assert {"txt", "html", "jsonl", "csv", "rss", "zip"} <= set(UPLOAD_TYPES)
    # Written out (the first view does not import the readers), and every reader's suffix is there.
    assert UPLOAD_TYPES == sorted({suffix.lstrip(".") for suffix in READERS} | {"zip"})


def test_uploads_are_ingested_and_errors_name_the_uploaded_file(tmp_path):
    store = Store(tmp_path / "s.db")
    uploads = [
        ("brief.txt", b"Talks in Rabat\n\nMinisters from Israel and Morocco met in Rabat on Wednesday."),
        ("wire.jsonl", b'{"text": "Envoys met in Nairobi.", "title": "Envoys"}\n{broken\n'),
        ("../photo.txt", b"\x89PNG\x00\x00binary"),
    ]
    report = ingest_uploads(uploads, store, Pipeline(events=False))
    assert report.added == 2
    assert sorted(str(error) for error in report.errors) == [
        "../photo.txt: binary file, not text",
        "wire.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes)",
    ]
    assert {m.text for m in in_store.mentions(store)} >= {"Rabat", "Israel", "Morocco", "Nairobi"}
    assert not list(tmp_path.glob("newsmap-upload-*"))
