"""The app's cold start (issue 23): a fresh process, from its start to the first view drawn in AppTest.

Each run is a new Python process that imports Streamlit, then runs the app's script once (the map, the
timeline, the counts, the sidebar): what a user's first page load costs after `python -m dashboard app`
starts, without the browser. It prints, per run, the seconds of Streamlit's import and of the first view
(wall, and CPU of the whole process), the peak resident memory and whether spaCy was loaded; then the
medians. Unlike `scale.py --only app`, nothing is loaded before the timer (that script loads the gazetteer
first, to pick the places it clicks). The machine is shared: compare CPU seconds, and repeat.

    PYTHONPATH=. python benchmarks/cold_start.py /data/gdelt-1m.db --runs 5
    PYTHONPATH=. python benchmarks/cold_start.py /data/gdelt-1m.db --runs 1 --profile /tmp/first-view.prof

`--profile FILE` writes cProfile's statistics of the script's run (Streamlit runs it in a thread of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def first_view(db: str, profile: str | None) -> dict:
    """In this (fresh) process: the app's first view, timed."""
    started, started_cpu = time.perf_counter(), time.process_time()
    os.environ["NEWSMAP_DB"] = db
    from streamlit.testing.v1 import AppTest, local_script_runner

    from dashboard.cli import APP

    if profile:
        import cProfile

        profiler = cProfile.Profile()
        run_script = local_script_runner.LocalScriptRunner._run_script_thread

        def profiled(runner):
            with profiler:
                run_script(runner)

        local_script_runner.LocalScriptRunner._run_script_thread = profiled
    imported, imported_cpu = time.perf_counter(), time.process_time()
    app = AppTest.from_file(str(APP), default_timeout=600).run()
    done, done_cpu = time.perf_counter(), time.process_time()
    if app.exception:
        raise SystemExit(app.exception[0].message)
    if profile:
        profiler.dump_stats(profile)
    import resource

    return {
        "import_s": imported - started,
        "import_cpu": imported_cpu - started_cpu,
        "view_s": done - imported,
        "view_cpu": done_cpu - imported_cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "spacy": "spacy" in sys.modules,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the store the app reads (only read)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", help="cProfile statistics of the first view, to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(first_view(str(args.db), args.profile)))
        return 0
    command = [sys.executable, str(Path(__file__).resolve()), str(args.db), "--child"]
    command += ["--profile", args.profile] if args.profile else []
    runs = []
    print("| run | import Streamlit s (CPU) | first view s (CPU) | peak MB | spaCy loaded |")
    print("|---|---|---|---|---|")
    for n in range(1, args.runs + 1):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        run = json.loads(done.stdout.strip().splitlines()[-1])
        runs.append(run)
        print(
            f"| {n} | {run['import_s']:.2f} ({run['import_cpu']:.2f})"
            f" | {run['view_s']:.2f} ({run['view_cpu']:.2f})"
            f" | {run['peak_mb']:.0f} | {'yes' if run['spacy'] else 'no'} |",
            flush=True,
        )
    median = {key: statistics.median(run[key] for run in runs) for key in ("view_s", "view_cpu", "peak_mb")}
    seconds, cpu, peak = median["view_s"], median["view_cpu"], median["peak_mb"]
    print(f"median first view: {seconds:.2f} s ({cpu:.2f} CPU), {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
