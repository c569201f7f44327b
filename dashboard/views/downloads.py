"""Download buttons: the current selection as GeoJSON or CSV, made by dashboard.exports in memory.

The file is only built when a button is clicked (Streamlit's deferred download), so drawing the page costs
nothing; a selection over MAX_DOWNLOAD_EVENTS events, or a file over MAX_DOWNLOAD_BYTES, is refused with a
pointer to `python -m dashboard export`, which streams any size to a file.
"""

from __future__ import annotations

import io

import streamlit as st

from dashboard.exports import export
from dashboard.geo import Gazetteer
from dashboard.selection import Selection
from dashboard.store import Store

MAX_DOWNLOAD_EVENTS = 20_000  # about 30 MB of GeoJSON
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
FORMATS = {  # format -> (button label, file suffix, MIME type)
    "geojson": ("GeoJSON", "geojson", "application/geo+json"),
    "csv": ("CSV", "csv", "text/csv"),
}


class DownloadTooLarge(ValueError):
    pass


class _BoundedText(io.StringIO):
    """A text buffer that refuses to grow past `limit` characters (UTF-8 may take up to 4 bytes each)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, text: str) -> int:
        if self.tell() + len(text) > self.limit:
            raise DownloadTooLarge(f"the file would be over {self.limit // (1024 * 1024)} MB")
        return super().write(text)


def export_bytes(
    store: Store,
    fmt: str,
    selection: Selection,
    gazetteer: Gazetteer | None = None,
    limit: int = MAX_DOWNLOAD_BYTES,
) -> bytes:
    """The selection exported as `fmt` ("geojson" or "csv"), UTF-8 bytes; DownloadTooLarge past `limit`."""
    out = _BoundedText(limit)
    export(store, fmt, out, selection, gazetteer)
    data = out.getvalue().encode("utf-8")
    if len(data) > limit:
        raise DownloadTooLarge(f"the file would be over {limit // (1024 * 1024)} MB")
    return data


def render_downloads(store: Store, gazetteer: Gazetteer, selection: Selection, events: int) -> None:
    """`events`: how many events the selection holds."""
    too_many = events > MAX_DOWNLOAD_EVENTS
    columns = st.columns([2, 1, 1], vertical_alignment="center")
    columns[0].caption(
        # The export's own counts (not the selected place's): a CSV row per event, a GeoJSON point per event
        # with a place.
        f"Download the {events:,} selected events at every place (the GeoJSON holds those with a place)"
        if not too_many
        else f"{events:,} events: narrow the selection to {MAX_DOWNLOAD_EVENTS:,} or fewer to download, "
        "or use `python -m dashboard export`"
    )
    for column, (fmt, (label, suffix, mime)) in zip(columns[1:], FORMATS.items(), strict=True):
        column.download_button(
            label,
            data=lambda fmt=fmt: export_bytes(store, fmt, selection, gazetteer),
            file_name=f"newsmap-selection.{suffix}",
            mime=mime,
            key=f"download_{fmt}",
            on_click="ignore",
            disabled=too_many,
            icon=":material/download:",
            width="stretch",
        )
