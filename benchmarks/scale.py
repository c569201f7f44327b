"""Scale benchmark (issue 23): N GDELT 2.0 events made from the real sample, imported, then the app's queries.

Run from the project root:

    PYTHONPATH=. python benchmarks/scale.py                          # 100,000 events, import then queries
    PYTHONPATH=. python benchmarks/scale.py --events 1000000 --keep /work/scale-1m.db
    PYTHONPATH=. python benchmarks/scale.py --skip-import /work/scale-1m.db   # queries on an existing store
    PYTHONPATH=. python benchmarks/scale.py --only import --events 1000000
    PYTHONPATH=. python benchmarks/scale.py --skip-import /work/scale-1m.db --only app   # the app in AppTest

The rows: real rows of `../shared/data/gdelt-sample/20150218230000.export.CSV` (read here, never copied into
the repository; without it the script says so and exits 0), drawn at random (seeded) with a fresh
GLOBALEVENTID each. They go into 15-minute export files named as GDELT names them
(`YYYYMMDDHHMMSS.export.CSV`, `--zip` for `.export.CSV.zip`) of `--rows-per-file` rows (2,300 by default,
GDELT 2.0's mean: 220,000 events a day), spread over `--days` days (DATEADDED is the file's time, SQLDATE
lags it as the drawn row's did). Each file's rows cite a pool of SOURCEURLs, 2.35 rows per URL as in the
sample (some cite the previous file's URLs, as GDELT's updates do), so an article holds several rows.

Import: `python -m dashboard ingest FOLDER --db STORE` in a child process, exactly as a user runs it: rows/s
by wall time (process start included) and by CPU time, the child's peak resident memory, the store's size.

Queries: in a fresh child process, the `dashboard.queries` functions the app calls (map_events, event_count,
timeline, mention_counts, place_report for the busiest country and city; a full-text search through
`Store.search` and as the app's text filter), each first call (cold: a fresh process, the OS file cache as
the import left it) and the best of two more (warm), on the default view and with filters (a PLOVER type,
the busiest country, a 7-day window); then the map the app draws (`views.cached.build_map`, rendered),
its payload size. It prints numbers, checks nothing.

App (`--app`, or `--only app`): in another fresh process, the app itself in Streamlit's AppTest, as a
user meets it: the first view (cold), the same view again in a new session (Streamlit's caches), a filter
change, a click on the busiest country and city, a full-text search; seconds per script run, the map
component's payload, and the process's peak resident memory (the app's memory).

The sample's 500 rows have about 200 distinct places, so place resolution is cached after the first file;
a real month has far more distinct places (each resolved once per import).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from common import ROOT, SHARED

SAMPLE = SHARED / "data" / "gdelt-sample" / "20150218230000.export.CSV"
COLUMNS = 61
ROWS_PER_URL = 2.35  # the sample: 500 rows citing 213 URLs
REUSED_URLS = 0.1  # share of a file's rows citing an article of the previous file
FIRST_EVENT_ID = 900_000_000
START = datetime(2024, 1, 1)
SEARCH_TERMS = ("police", "united states")  # a word most articles' texts hold; a phrase of two


# -- the rows ----------------------------------------------------------------------------------------------
def sample_rows(path: Path = SAMPLE) -> list[tuple[list[str], int]]:
    """The sample's rows (fields) and each row's lag in days from DATEADDED back to SQLDATE."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != COLUMNS:
            continue
        day = datetime.strptime(fields[1], "%Y%m%d").date()
        added = datetime.strptime(fields[59][:8], "%Y%m%d").date()
        rows.append((fields, max(0, (added - day).days)))
    return rows


def file_times(files: int, days: int, start: datetime = START) -> list[datetime]:
    """`files` distinct 15-minute slots spread evenly over `days` days."""
    slots = days * 96
    if files > slots:
        raise SystemExit(
            f"{files} files do not fit {days} days of 15-minute files: raise --days or --rows-per-file"
        )
    return [start + timedelta(minutes=15 * (i * slots // files)) for i in range(files)]


class Cities:
    """ActionGeo blocks (Type to FeatureID, as GDELT writes them) of the gazetteer's `count` most populous
    cities, to draw from by population: the sample alone has about 200 places, a month of GDELT tens of
    thousands, and what the map and the place resolution cost depends on that."""

    def __init__(self, count: int) -> None:
        from dashboard.geo import files

        fips = {
            iso3: files.split_multi(code)[0]
            for iso3, code in zip(*map(files.countries_table().get, ("iso3", "fips")), strict=True)
            if files.split_multi(code)
        }
        names = dict(zip(files.countries_table()["iso3"], files.countries_table()["name"], strict=True))
        table = files.places_table()
        table = table[(table["population"] >= 15_000) & table["country"].isin(fips)]
        table = (
            table.sort_values("population", ascending=False)
            .head(count)
            .fillna({"admin1_code": "", "admin1_name": ""})
        )
        self.blocks, weights = [], []
        for city in table.itertuples():
            code = fips[city.country]
            where = ", ".join(p for p in (city.name, city.admin1_name, names[city.country]) if p)
            self.blocks.append(
                [
                    "3" if city.country == "USA" else "4",
                    where,
                    code,
                    f"{code}{city.admin1_code}",
                    "",
                    f"{city.lat:.4f}",
                    f"{city.lon:.4f}",
                    f"-{city.geonameid}",
                ]
            )
            weights.append(city.population)
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> list[str]:
        return rng.choices(self.blocks, cum_weights=self.cumulative)[0]


def export_lines(
    rows: list[tuple[list[str], int]],
    count: int,
    added: datetime,
    first_id: int,
    urls: tuple[int, int],
    previous: tuple[int, int] | None,
    rng: random.Random,
    hosts: list[str],
    cities: Cities | None,
    new_places: float,
) -> Iterator[str]:
    """`count` export lines added at `added`, citing URL numbers in range `urls` (and some of `previous`);
    a `new_places` share of the city-level rows happen in one of `cities`."""
    stamp = added.strftime("%Y%m%d%H%M%S")
    for n in range(count):
        fields, lag = rng.choice(rows)
        fields = list(fields)
        if cities and fields[51] in ("3", "4") and rng.random() < new_places:
            fields[51:59] = cities.draw(rng)
        day = added.date() - timedelta(days=lag)
        pool = previous if previous and rng.random() < REUSED_URLS else urls
        url_number = rng.randrange(*pool)
        fields[0] = str(first_id + n)
        fields[1] = day.strftime("%Y%m%d")
        fields[2], fields[3] = day.strftime("%Y%m"), str(day.year)
        fields[4] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
        fields[59] = stamp
        fields[60] = f"{hosts[url_number % len(hosts)]}/scale/{url_number}"
        yield "\t".join(fields)


def write_exports(
    folder: Path,
    events: int,
    rows_per_file: int,
    days: int,
    zipped: bool,
    seed: int,
    cities: int,
    new_places: float,
) -> int:
    """The export files of `events` rows in `folder`; returns their total size in bytes."""
    from urllib.parse import urlsplit

    pool = Cities(cities) if cities and new_places else None

    rows = sample_rows()
    hosts = sorted({f"{urlsplit(f[60]).scheme}://{urlsplit(f[60]).netloc}" for f, _ in rows})
    rng = random.Random(seed)
    files = max(1, math.ceil(events / rows_per_file))
    times = file_times(files, days)
    folder.mkdir(parents=True, exist_ok=True)
    next_id, next_url, previous, size = FIRST_EVENT_ID, 0, None, 0
    for number, added in enumerate(times):
        count = events * (number + 1) // files - events * number // files
        urls = (next_url, next_url + max(1, round(count / ROWS_PER_URL)))
        text = (
            "\n".join(export_lines(rows, count, added, next_id, urls, previous, rng, hosts, pool, new_places))
            + "\n"
        )
        name = f"{added:%Y%m%d%H%M%S}.export.CSV"
        if zipped:
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name, text)
        else:
            path = folder / name
            path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
        next_id, next_url, previous = next_id + count, urls[1], urls
    return size


# -- ACLED -------------------------------------------------------------------------------------------------
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
).split(",")
# ACLED (event type, sub-event type, what the notes say happened) by CAMEO root of the drawn GDELT row.
ACLED_KINDS = {
    "14": ("Protests", "Peaceful protest", "demonstrated against"),
    "18": ("Violence against civilians", "Attack", "attacked"),
    "19": ("Battles", "Armed clash", "clashed with"),
    "20": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled positions of"),
    "17": ("Strategic developments", "Arrests", "arrested members of"),
    "15": ("Strategic developments", "Headquarters or base established", "set up a base near"),
}
ACLED_ACTORS = (
    "Military Forces of {country} (2019-)", "Police Forces of {country} (2019-)", "Protesters ({country})",
    "Rioters ({country})", "Civilians ({country})", "Unidentified Armed Group ({country})",
    "Government of {country} (2019-)", "Al Shabaab", "Islamic State (West Africa)", "Fano Militia",
)  # fmt: skip
ACLED_TAILS = (
    "[size=no report]", "No fatalities were reported.", "3 fatalities.", "Approx. 200 people took part.",
    "The U.S. embassy condemned the attack.", "Several people were injured, according to local media.",
    "Two soldiers were killed and 4 others wounded.", "Property was destroyed.",
)  # fmt: skip


def write_acled(path: Path, events: int, days: int, seed: int, cities: int) -> int:
    """An ACLED export of `events` rows, each made from a drawn GDELT sample row (its date, actors' countries
    and CAMEO root; its place, or one of the `cities` most populous); returns its size in bytes."""
    import csv

    from dashboard.geo import files

    rows, pool, rng = sample_rows(), Cities(cities), random.Random(seed)
    table = files.countries_table()
    by_fips = {
        fips: (name, iso3, numeric)
        for iso3, name, codes, numeric in zip(
            table["iso3"], table["name"], table["fips"], table["iso_numeric"], strict=True
        )
        for fips in files.split_multi(codes)
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(ACLED_HEADER)
        for n in range(events):
            fields, lag = rng.choice(rows)
            day = START.date() + timedelta(days=rng.randrange(days)) - timedelta(days=lag % 30)
            geo = pool.draw(rng) if rng.random() < 0.7 else fields[51:59]
            name, iso3, numeric = by_fips.get(geo[2], ("", "", ""))
            place = [part.strip() for part in geo[1].split(",")]
            location, admin1 = place[0], place[1] if len(place) > 2 else ""
            kind, sub, verb = ACLED_KINDS.get(fields[28], ("Protests", "Protest with intervention", "met"))
            actor1 = rng.choice(ACLED_ACTORS).format(country=name or "Kenya")
            actor2 = rng.choice(ACLED_ACTORS).format(country=name or "Kenya") if rng.random() < 0.6 else ""
            where = ", ".join(p for p in (admin1, name) if p)
            notes = f"On {day.day} {day:%B %Y}, {actor1} {verb} {actor2 or 'residents'} in {location}"
            notes += f" ({where}). {rng.choice(ACLED_TAILS)}"
            inter2 = rng.choice("12345678") if actor2 else ""
            event_id = f"{iso3 or 'XXX'}{n + 1}"
            out.writerow([
                event_id, day.isoformat(), day.year, rng.choice("1112"), "Political violence", kind, sub,
                actor1, "", rng.choice("12345678"), actor2, "", inter2,
                "", "", numeric, "", name, admin1, "", "", location, geo[5], geo[6], rng.choice("1112"),
                fields[60].split("/")[2] if fields[60].count("/") > 2 else "", "National", notes,
                rng.choice("0003"), "", "1704067200",
            ])  # fmt: skip
    return path.stat().st_size


# -- measuring a child process -----------------------------------------------------------------------------
def run_child(command: list[str]) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MB, stdout) of a child process (exit status 0, or 1 for rows it reported)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own CPU time and peak memory
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode not in (0, 1):
            sys.stderr.write(err.read()[-4000:].decode("utf-8", "replace"))
            raise SystemExit(f"{' '.join(command[:4])}... failed ({child.returncode})")
        errors = sum(1 for line in err if line.startswith(b"error:"))
        if errors:
            print(f"({errors} rows reported as errors)")
        text = out.read().decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def store_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists()) / 1e6


def import_exports(folder: Path, db: Path, events: int) -> None:
    wall, cpu, rss, out = run_child(
        [sys.executable, "-m", "dashboard", "ingest", str(folder), "--db", str(db)]
    )
    print(f"import: {out.strip().splitlines()[-1] if out.strip() else ''}")
    print("| events | wall s | rows/s (wall) | CPU s | rows/s (CPU) | peak RSS MB | store MB |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {events:,} | {wall:.1f} | {events / wall:,.0f} | {cpu:.1f} | {events / cpu:,.0f} | {rss:.0f} "
        f"| {store_mb(db):.0f} |",
        flush=True,
    )


# -- the queries -------------------------------------------------------------------------------------------
def timed(call: Callable[[], object], repeat: int = 2) -> tuple[float, float, object]:
    """(first call s, best of `repeat` more s, result)."""
    started = time.perf_counter()
    result = call()
    cold = time.perf_counter() - started
    warm = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        warm = min(warm, time.perf_counter() - started)
    return cold, warm, result


def size_of(result) -> str:
    """A short description of a query's result, so that runs can be compared."""
    from dashboard.queries import MapEvents, PlaceReport, Timeline

    if isinstance(result, int):
        return f"{result:,}"
    if isinstance(result, Timeline):
        return f"{len(result.bars)} bars by {result.period}"
    if isinstance(result, PlaceReport):
        return f"{result.event_count:,} events, {result.article_count:,} articles"
    if isinstance(result, MapEvents):
        events = sum(sum(at.counts.values()) for at in result.by_place.values())
        drawn = sum(1 for at in result.by_place.values() if at.drawn)
        places, pairs = len(result.by_place), len(result.pairs)
        return f"{events:,} events at {places:,} places ({drawn:,} drawn), {pairs:,} pairs"
    if isinstance(result, dict):
        return f"{len(result):,} places"
    if isinstance(result, list):
        return f"{len(result):,} ids"
    return type(result).__name__


def busiest(db: Path) -> tuple[str, str, tuple[date, date]]:
    """The country most events involve, the place with most events that is a city, and a 7-day window
    around the events' median date (picked with plain SQL, not timed)."""
    from dashboard.geo import load_gazetteer

    gazetteer = load_gazetteer()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        country = conn.execute(
            "SELECT source_country, count(*) n FROM events WHERE source_country NOT NULL"
            " GROUP BY source_country ORDER BY n DESC LIMIT 1"
        ).fetchone()[0]
        places = conn.execute(
            "SELECT place_id FROM events WHERE place_id NOT NULL GROUP BY place_id ORDER BY count(*) DESC"
        ).fetchall()
        dated = conn.execute("SELECT count(*) FROM events WHERE date NOT NULL").fetchone()[0]
        median = conn.execute(
            "SELECT date FROM events WHERE date NOT NULL ORDER BY date LIMIT 1 OFFSET ?", (dated // 2,)
        ).fetchone()[0]
    city = next(p for (p,) in places if (place := gazetteer.place(p)) is not None and place.kind == "city")
    middle = date.fromisoformat(median)
    return country, city, (middle - timedelta(days=3), middle + timedelta(days=3))


def time_queries(db: Path, with_map: bool) -> None:
    started = time.perf_counter()
    from dashboard import queries
    from dashboard.geo import load_gazetteer
    from dashboard.layers.events import MAX_LISTED, MAX_MARKERS
    from dashboard.layers.relations import MAX_PAIRS
    from dashboard.selection import Selection
    from dashboard.store import Store

    gazetteer = load_gazetteer()
    store = Store(db)

    def map_events(store, gazetteer, selection):  # with the app's caps
        return queries.map_events(store, gazetteer, selection, MAX_LISTED, MAX_MARKERS, MAX_PAIRS)

    loaded = time.perf_counter() - started
    print(f"queries on {db} ({store_mb(db):.0f} MB); imports and gazetteer: {loaded:.1f} s")
    country, city, (since, until) = busiest(db)
    plain = Selection()
    filtered = {
        "default": plain,
        "type ASSAULT": plain.replace(types=("ASSAULT",)),
        f"country {country}": plain.replace(countries=(country,)),
        f"{since}..{until}": plain.replace(since=since, until=until),
    }
    runs: list[tuple[str, str, Callable[[], object]]] = []
    for label, selection in filtered.items():
        runs += [
            ("event_count", label, lambda s=selection: queries.event_count(store, gazetteer, s)),
            ("map_events", label, lambda s=selection: map_events(store, gazetteer, s)),
            ("timeline", label, lambda s=selection: queries.timeline(store, gazetteer, s)),
            ("mention_counts", label, lambda s=selection: queries.mention_counts(store, gazetteer, s)),
        ]
    for place in (country, city):
        name = gazetteer.place(place).name
        runs.append(("place_report", name, lambda p=place: queries.place_report(store, gazetteer, p, plain)))
    for term in SEARCH_TERMS:
        runs.append(("Store.search", repr(term), lambda t=term: store.search(t)))
        runs.append(
            (
                "event_count",
                f"q={term!r}",
                lambda t=term: queries.event_count(store, gazetteer, plain.replace(query=t)),
            )
        )
    print("| query | selection | cold s | warm s | result |")
    print("|---|---|---|---|---|")
    for name, label, call in runs:
        cold, warm, result = timed(call)
        print(f"| {name} | {label} | {cold:.2f} | {warm:.2f} | {size_of(result)} |", flush=True)
    if with_map:
        time_map(store, gazetteer, plain)


def time_app(db: Path) -> None:
    """The app itself, headless (Streamlit's AppTest), as a user meets it: the first view (a fresh process:
    cold caches), the same view again (a new session: Streamlit's caches), a filter change (one type), a
    click on the busiest place, and a full-text search; seconds per script run, the map's payload."""
    from streamlit.testing.v1 import AppTest

    from dashboard.cli import APP

    os.environ["NEWSMAP_DB"] = str(db)
    country, city, _ = busiest(db)

    def opened() -> AppTest:
        return AppTest.from_file(str(APP), default_timeout=600)

    def map_component(app: AppTest):
        return next(c for c in app.get("component_instance") if "st_folium" in c.proto.component_name)

    def step(label: str, run: Callable[[], AppTest]) -> AppTest:
        started = time.perf_counter()
        app = run()
        seconds = time.perf_counter() - started
        if app.exception:
            raise SystemExit(f"{label}: {app.exception[0].message}")
        payload = len(map_component(app).proto.json_args.encode()) / 1e6
        print(f"| {label} | {seconds:.2f} | {payload:.2f} MB |", flush=True)
        return app

    print("| app (AppTest) | s | map payload |")
    print("|---|---|---|")
    step("first view (cold)", lambda: opened().run())
    app = step("same view again (new session)", lambda: opened().run())
    (types,) = [w for w in app.sidebar.multiselect if w.label == "Event types"]
    app = step("filter change: type ASSAULT", lambda: types.set_value(["ASSAULT"]).run())
    for place in (country, city):
        properties = {"type": "Feature", "properties": {"place_id": place}}
        app.session_state[map_component(app).key] = {"last_active_drawing": properties}
        app = step(f"click: {place}", app.run)
        if app.query_params.get("place") != place:  # the panel must be the clicked place's
            raise SystemExit(f"the click on {place} did not open its panel")
    (search,) = [w for w in app.sidebar.text_input if w.label == "Search the articles"]
    step(f"search {SEARCH_TERMS[0]!r}", lambda: search.set_value(SEARCH_TERMS[0]).run())


def time_map(store, gazetteer, selection) -> None:
    """The app's map of the default view: built (queries and layers) and rendered to its HTML."""
    from dashboard.views.cached import build_map

    started = time.perf_counter()
    folium_map = build_map(store, gazetteer, selection)
    built = time.perf_counter() - started
    html = folium_map.get_root().render()
    rendered = time.perf_counter() - started - built
    size = len(html.encode()) / 1e6
    print(f"| map: build_map, render | default | {built:.2f} | {rendered:.2f} | {size:.1f} MB of HTML |")


# -- the run -----------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="rows to generate (default 100,000)")
    parser.add_argument("--rows-per-file", type=int, default=2_300, help="rows per 15-minute file")
    parser.add_argument("--days", type=int, default=30, help="the period DATEADDED spreads over")
    parser.add_argument(
        "--cities", type=int, default=20_000, help="the most populous cities rows may move to"
    )
    parser.add_argument(
        "--new-places",
        type=float,
        default=0.5,
        help="share of city-level rows moved to one of them (0: none)",
    )
    parser.add_argument("--zip", action="store_true", help="write .export.CSV.zip files")
    parser.add_argument("--acled", action="store_true", help="an ACLED export of as many rows instead")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--files", type=Path, metavar="DIR", help="write the exports here (and keep them)")
    parser.add_argument(
        "--keep", type=Path, metavar="PATH", help="keep the store: this .db file, or a folder"
    )
    parser.add_argument("--skip-import", type=Path, metavar="DB", help="time the queries on this store")
    parser.add_argument("--only", choices=("import", "queries", "app"), help="one phase only")
    parser.add_argument("--no-map", action="store_true", help="do not build and render the map")
    parser.add_argument(
        "--app", action="store_true", help="also time the app in AppTest (its own fresh process)"
    )
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)  # the queries' child
    parser.add_argument("--app-process", action="store_true", help=argparse.SUPPRESS)  # the app's child
    args = parser.parse_args(argv)
    if args.skip_import:
        if not args.skip_import.is_file():
            raise SystemExit(f"no store at {args.skip_import}")
        if args.app_process:
            time_app(args.skip_import)
        elif args.in_process:
            time_queries(args.skip_import, not args.no_map)
        else:
            if args.only != "app":
                query_child(args.skip_import, args.no_map)
            if args.app or args.only == "app":
                app_child(args.skip_import)
        return 0
    if not SAMPLE.is_file():
        print(f"GDELT sample not found ({SAMPLE}): nothing to measure.")
        return 0
    with tempfile.TemporaryDirectory(prefix="scale-") as scratch:
        folder = args.files or Path(scratch) / "exports"
        db = keep_path(args.keep, args.events) if args.keep else Path(scratch) / "scale.db"
        if db.exists():
            raise SystemExit(f"{db} exists: remove it or give another --keep")
        started = time.perf_counter()
        if args.acled:
            size = write_acled(folder / "acled_export.csv", args.events, args.days, args.seed, args.cities)
        else:
            size = write_exports(
                folder,
                args.events,
                args.rows_per_file,
                args.days,
                args.zip,
                args.seed,
                args.cities,
                args.new_places,
            )
        files = len(list(folder.iterdir()))
        print(
            f"generated {args.events:,} rows in {files} files ({size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - started:.1f} s: {folder}",
            flush=True,
        )
        import_exports(folder, db, args.events)
        if args.only != "import":
            query_child(db, args.no_map)
            if args.app:
                app_child(db)
        if args.keep:
            print(f"store kept: {db}")
    return 0


def keep_path(keep: Path, events: int) -> Path:
    if keep.suffix == ".db":
        keep.parent.mkdir(parents=True, exist_ok=True)
        return keep
    keep.mkdir(parents=True, exist_ok=True)
    return keep / f"scale-{events}.db"


def query_child(db: Path, no_map: bool) -> None:
    """The queries in a fresh process, so that the first calls are cold and its memory is its own."""
    command = [sys.executable, str(Path(__file__).resolve()), "--skip-import", str(db), "--in-process"]
    wall, cpu, rss, out = run_child(command + (["--no-map"] if no_map else []))
    print(out.rstrip())
    print(f"queries: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB", flush=True)


def app_child(db: Path) -> None:
    """The app in a fresh process: cold caches, and the peak memory is the app's."""
    command = [sys.executable, str(Path(__file__).resolve()), "--skip-import", str(db), "--app-process"]
    wall, cpu, rss, out = run_child(command)
    print(out.rstrip())
    print(f"app: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
