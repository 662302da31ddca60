#!/usr/bin/env python3
"""Times pandas.read_html on HTML files: the baseline bench/parse.bench.ts compares parseFiling with.

Usage: pandas-read-html.py RUNS FILE...   (prints one JSON object: {"pandas": version, "files": {FILE: {...}}})
Each file is read once from disk, then parsed RUNS times after one warm-up; the median wall time is reported.
Exit code 3 when pandas or lxml is missing, so the caller can print "skipped".
"""
import io
import json
import statistics
import sys
import time

try:
    import lxml  # noqa: F401  (pandas' fast flavour; without it read_html falls back to bs4 and is far slower)
    import pandas
except ImportError as e:
    print(json.dumps({"error": str(e)}))
    sys.exit(3)


def main() -> None:
    runs = int(sys.argv[1])
    out = {"pandas": pandas.__version__, "files": {}}
    for path in sys.argv[2:]:
        # Bytes, not str: lxml refuses a str that carries an <?xml encoding=...?> declaration (inline XBRL does).
        with open(path, "rb") as f:
            html = f.read()
        tables = len(pandas.read_html(io.BytesIO(html), flavor="lxml"))  # warm-up, and what it found
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            pandas.read_html(io.BytesIO(html), flavor="lxml")
            times.append((time.perf_counter() - started) * 1000)
        out["files"][path] = {"medianMs": statistics.median(times), "tables": tables}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
