#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""External comparison of `roster forecast --backtest` with Nixtla's statsforecast on the same history.

Not part of the product. The script reads the backtest that `roster forecast DIR --history FILE
--backtest N --format json` printed (time zone, interval, horizon, origins and roster's scores), builds
the same rolling-origin windows on the same call history, fits statsforecast models on the history
strictly before each origin, scores them as roster does, and prints one markdown table for
Docs/benchmarks.md: roster's rows (from its JSON) beside the statsforecast rows.

    python3 Scripts/forecast-compare.py --history H.csv --roster-json R.json
        [--models mstl,autoets,seasonal_naive] [--threads 2] [--ets-model ZZZ] [--ets-weeks 0]
        [--train-weeks 0] [--json OUT.json]
    python3 Scripts/forecast-compare.py --scenario DIR --history H.csv --backtest N
        [--roster .build/release/roster] [same options]

The second form runs `roster forecast DIR --history H --backtest N --format json --out TMP/forecast.csv
--force` itself (TMP: a new folder in /tmp, where roster's JSON is kept) and times it.

History CSV, as an ACD exports it. Header names are matched case-insensitively, with spaces and hyphens
read as underscores; a `;` or tab separator is accepted when the header has no comma.
  interval_start  required: ISO 8601 with an offset (2026-03-16T00:00+08:00, 2026-03-16T00:00:00Z) or
                  naive local time (2026-03-16T00:00, 2026-03-16 00:00) in the backtest's time zone; a
                  naive time repeated by an autumn DST change maps in file order to its two occurrences
                  (summer time first), a naive time skipped in spring is dropped with a note.
  offered         required (or calls, offered_calls, calls_offered): calls offered; empty = missing.
  expected_calls  optional (generated histories): the true intensity; its backtest ("floor") is then
                  recomputed here as well.
Other columns (handled, abandoned, aht_seconds, ...) are ignored. The history's own interval is the
commonest step between its rows and must be 5, 10, 15, 20, 30 or 60 minutes; every row must lie on
that step from the first row.

Re-binning onto roster's grid, as roster's history reader does: target intervals start at local
wall-clock multiples of interval_minutes from local midnight in the backtest's zone, in real time (a
spring-forward day has 46 half-hours, an autumn day 50). Each row's calls go to the target intervals it
overlaps, in proportion to the overlap (15-minute rows add up; a 60-minute row on a 30-minute grid is
split evenly). A target interval is missing unless rows with a number cover all of it.

Windows: an origin is a local date; its forecast starts at local midnight and covers every target
interval up to local midnight of origin + horizon_days, counted in real time (across a DST change a
window has 2 steps more or fewer than horizon_days x per_day), from history strictly before that
midnight. The models see the target series in real-time steps, per_day = 1440 / interval_minutes:
  MSTL           MSTL(season_length=[per_day, 7*per_day], trend_forecaster=AutoETS(model="ZZN"))
  AutoETS        AutoETS(season_length=per_day, model=--ets-model, default "ZZZ")
  SeasonalNaive  SeasonalNaive(season_length=7*per_day): the last 7 x 24 h before the origin repeated
Each model is fitted on all history before the origin (--train-weeks W: the last W weeks; --ets-weeks W
the same for AutoETS alone). AutoETS is not slow here (a year of half-hours: about 15 s for 4 origins),
so it gets the whole history by default. With "ZZZ" its AICc usually drops the daily season (a season
of 48 or 96 steps) and it forecasts a smooth level, which scores near 100 % WAPE; the table says which
form it chose; --ets-model ZZA forces an additive daily season. Forecasts are clipped at 0.
Gaps in a training series (missing target intervals) are filled by the value one week (7*per_day
steps) earlier, repeated up to 4 weeks back, then by linear interpolation; leading gaps are dropped.
Filling uses only that origin's training data.

Scoring, as roster scores: over all intervals of all origins pooled, WAPE = sum|F - A| / sum A,
bias = sum(F - A) / sum A (positive: over-forecast); daily WAPE is the same over (origin, local date)
totals of the intervals that have an actual. Intervals without an actual are left out (F and A alike);
roster also leaves out days it marks as outages in its events file, which this script does not read.

Protocol check: roster's seasonal naive (each interval = the same local wall-clock slot of the last week
before the origin, up to 3 more weeks back while that is missing) is recomputed here, and so is the
floor with expected_calls. Both must match roster's JSON to its rounding, else the script lists a
problem and exits 1. statsforecast's SeasonalNaive equals that rule in a zone without DST; where the
windows or the week before an origin meet a DST change it repeats real time, an hour off the wall
clock, and scores worse (as MSTL and AutoETS do there: they too see real-time steps); the script then
prints both rows.

Seconds: wall-clock time of fitting one model on all origins and forecasting (StatsForecast fit +
predict, n_jobs = --threads, one series per origin). With --scenario, roster's row shows the time of the
whole `roster forecast --backtest` run (its seasonal naive and floor included).

Needs: pip install statsforecast   (it brings numpy, pandas, scipy, statsmodels; add
--break-system-packages if pip refuses, or use a venv). Tested with Python 3.11.7, statsforecast 2.1.1
(coreforecast 0.0.20), pandas 2.3.3, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0.
Exit status: 0 fine, 1 a recomputed reference disagrees with roster's JSON, 2 bad input or setup.
"""
import argparse
import csv
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
import warnings

MODEL_NAMES = ["mstl", "autoets", "seasonal_naive"]
OFFERED_ALIASES = ["offered", "calls", "offered_calls", "calls_offered"]
SOURCE_MINUTES = (5, 10, 15, 20, 30, 60)
TS_RE = (r"^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
         r"\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$")


class InputError(Exception):
    pass


def die(msg):
    print(f"forecast-compare: error: {msg}", file=sys.stderr)
    sys.exit(2)


def note(msg):
    print(f"forecast-compare: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# The backtest protocol (roster's JSON)
# --------------------------------------------------------------------------------------------------

def _decimals(x):
    """Digits after the point in the shortest repr of a JSON number (for 'agrees to the JSON's rounding')."""
    r = repr(float(x))
    if "e" in r or "E" in r:
        return 17
    return len(r.split(".")[1].rstrip("0")) if "." in r else 0


def parse_backtest(text, where):
    try:
        doc = json.loads(text)
    except ValueError as e:
        # tolerate a line of text before the JSON object
        i = text.find("{")
        try:
            doc = json.loads(text[i:]) if i > 0 else None
        except ValueError:
            doc = None
        if doc is None:
            raise InputError(f"{where}: not JSON ({e})")
    if not isinstance(doc, dict):
        raise InputError(f"{where}: the JSON is not an object")
    bt = doc.get("backtest", doc if "origins" in doc else None)
    if bt is None:
        raise InputError(f"{where}: no \"backtest\" object (run roster forecast with --backtest N --format json)")
    if not isinstance(bt, dict):
        raise InputError(f"{where}: \"backtest\" is {type(bt).__name__}, not an object")
    for key in ("time_zone", "interval_minutes", "horizon_days", "origins"):
        if key not in bt:
            raise InputError(f"{where}: backtest has no \"{key}\"")
    zone = bt["time_zone"]
    if not isinstance(zone, str) or not zone:
        raise InputError(f"{where}: backtest.time_zone must be a time-zone name such as \"Asia/Shanghai\"")
    try:
        from zoneinfo import ZoneInfo
        ZoneInfo(zone)
    except Exception:
        raise InputError(f"{where}: backtest.time_zone {zone!r} is not a known IANA time zone")
    im = bt["interval_minutes"]
    if not isinstance(im, int) or isinstance(im, bool) or im <= 0 or 1440 % im:
        raise InputError(f"{where}: backtest.interval_minutes must be a whole number of minutes dividing 1440, "
                         f"not {im!r}")
    hd = bt["horizon_days"]
    if not isinstance(hd, int) or isinstance(hd, bool) or not 1 <= hd <= 400:
        raise InputError(f"{where}: backtest.horizon_days must be a whole number 1-400, not {hd!r}")
    origins = bt["origins"]
    if not isinstance(origins, list) or not origins:
        raise InputError(f"{where}: backtest.origins must be a non-empty list of dates")
    import datetime
    dates = []
    for o in origins:
        if not isinstance(o, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", o):
            raise InputError(f"{where}: backtest.origins: {o!r} is not a date YYYY-MM-DD")
        try:
            dates.append(datetime.date.fromisoformat(o))
        except ValueError:
            raise InputError(f"{where}: backtest.origins: {o!r} is not a valid date")
    if len(set(dates)) != len(dates):
        raise InputError(f"{where}: backtest.origins lists a date twice")
    methods = []   # (key, scores dict or None)
    for key, val in bt.items():
        if key in ("time_zone", "interval_minutes", "horizon_days", "origins"):
            continue
        if val is None and key == "floor":
            methods.append((key, None))
        elif isinstance(val, dict) and "wape" in val:
            scores = {}
            for k in ("wape", "daily_wape", "bias"):
                v = val.get(k)
                if v is not None and (not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v)):
                    raise InputError(f"{where}: backtest.{key}.{k} is not a finite number: {v!r}")
                scores[k] = v
            methods.append((key, scores))
    if not any(k == "roster" for k, _ in methods):
        raise InputError(f"{where}: backtest has no \"roster\" scores")
    order = {"roster": 0, "seasonal_naive": 2, "floor": 3}
    methods.sort(key=lambda kv: order.get(kv[0], 1))
    return dict(zone=zone, interval=im, horizon=hd, origins=sorted(origins), methods=methods)


def run_roster(binary, scenario, history, n):
    if not os.path.isfile(binary):
        raise InputError(f"{binary}: no roster binary (build it with: swift build -c release), or give --roster PATH")
    if not os.access(binary, os.X_OK):
        raise InputError(f"{binary}: not executable")
    if not os.path.isdir(scenario):
        raise InputError(f"{scenario}: no such scenario folder")
    tmp = tempfile.mkdtemp(prefix="forecast-compare-")
    cmd = [binary, "forecast", scenario, "--history", history, "--backtest", str(n), "--format", "json",
           "--out", os.path.join(tmp, "forecast.csv"), "--force"]
    note(f"running {shlex.join(cmd)} …")
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise InputError(f"{binary}: cannot run: {e.strerror or e}")
    wall = time.monotonic() - t0
    with open(os.path.join(tmp, "roster-forecast.json"), "w", encoding="utf-8") as f:
        f.write(p.stdout)
    if p.returncode != 0:
        err = (p.stderr.strip() or p.stdout.strip())[-2000:] or "(it printed nothing)"
        raise InputError(f"roster forecast exited with status {p.returncode}:\n{err}")
    return p.stdout, wall, cmd, tmp


# --------------------------------------------------------------------------------------------------
# History: reading, converting to instants, re-binning onto roster's grid
# --------------------------------------------------------------------------------------------------

def _norm(name):
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def read_history(path, zone):
    """Rows as (line, instant UTC ns, offered or NaN, expected or NaN); plus notes."""
    import numpy as np
    import pandas as pd
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if not os.path.isfile(path):
        raise InputError(f"{path}: not a file")
    try:
        with open(path, "r", encoding="utf-8-sig", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})")
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}")
    if "\0" in text[:4096]:
        raise InputError(f"{path}: a binary file, not CSV")
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is None:
        raise InputError(f"{path}: empty")
    delim = ","
    if "," not in first:
        delim = ";" if ";" in first else "\t" if "\t" in first else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delim)
    header = None
    lines, ts, off, exp = [], [], [], []
    col = {}
    for rec in reader:
        ln = reader.line_num
        if not rec or all(not c.strip() for c in rec) or rec[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [_norm(c) for c in rec]
            for i, h in enumerate(header):
                col.setdefault(h, i)
            if "interval_start" not in col:
                raise InputError(f"{path}:{ln}: no interval_start column (header: {', '.join(header)})")
            oc = next((a for a in OFFERED_ALIASES if a in col), None)
            if oc is None:
                raise InputError(f"{path}:{ln}: no offered column (nor calls, offered_calls, calls_offered; "
                                 f"header: {', '.join(header)})")
            ci, co, ce = col["interval_start"], col[oc], col.get("expected_calls")
            continue
        if len(rec) != len(header):
            raise InputError(f"{path}:{ln}: {len(rec)} fields, the header has {len(header)}")
        lines.append(ln)
        ts.append(rec[ci])
        for cell, out, name in ((rec[co], off, oc), (rec[ce] if ce is not None else "", exp, "expected_calls")):
            cell = cell.strip()
            if not cell:
                out.append(math.nan)
                continue
            try:
                v = float(cell)
            except ValueError:
                raise InputError(f"{path}:{ln}: field '{name}': not a number: {cell!r}")
            if not math.isfinite(v) or v < 0:
                raise InputError(f"{path}:{ln}: field '{name}': must be a finite number >= 0, not {cell!r}")
            out.append(v)
    if header is None:
        raise InputError(f"{path}: empty")
    if len(lines) < 2:
        raise InputError(f"{path}: fewer than two data rows")

    lines = np.asarray(lines)
    s = pd.Series(ts)
    m = s.str.extract(TS_RE)
    bad = m[0].isna().to_numpy()
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(f"{path}:{lines[i]}: field 'interval_start': {ts[i]!r} is not a date-time like "
                         "2026-03-16T00:00+08:00, 2026-03-16T00:00:00Z or 2026-03-16 00:00 "
                         f"({int(bad.sum())} such row(s))")
    secs = m[5].fillna("00").astype(int).to_numpy()
    frac = m[6].fillna("0").str.strip("0").str.len().to_numpy()
    odd = (secs != 0) | (frac > 0)
    if odd.any():
        i = int(np.argmax(odd))
        raise InputError(f"{path}:{lines[i]}: field 'interval_start': {ts[i]!r} is not on a whole minute")
    naive = pd.to_datetime(m[0] + "-" + m[1] + "-" + m[2] + " " + m[3] + ":" + m[4], format="%Y-%m-%d %H:%M",
                           errors="coerce")
    if naive.isna().any():
        i = int(np.argmax(naive.isna().to_numpy()))
        raise InputError(f"{path}:{lines[i]}: field 'interval_start': {ts[i]!r} is not a valid date-time")
    tz = m[7]
    has_off = tz.notna().to_numpy()
    off_min = np.zeros(len(s), dtype=np.int64)
    for i in np.flatnonzero(has_off & ~tz.isin(["Z", "z", "UTC"]).to_numpy()):
        t = tz.iat[i].replace(":", "")
        sign = -1 if t[0] == "-" else 1
        hh, mm = int(t[1:3]), (int(t[3:5]) if len(t) > 3 else 0)
        if hh > 18 or mm > 59:
            raise InputError(f"{path}:{lines[i]}: field 'interval_start': bad UTC offset in {ts[i]!r}")
        off_min[i] = sign * (hh * 60 + mm)
    notes = []
    utc = np.empty(len(s), dtype="datetime64[ns]")
    if has_off.any():
        utc[has_off] = (naive[has_off] - pd.to_timedelta(off_min[has_off], unit="m")).to_numpy()
    loc = ~has_off
    keep = np.ones(len(s), bool)
    if loc.any():
        nv = naive[loc].reset_index(drop=True)
        # first occurrence of a repeated naive time = summer time (ambiguous=True), as forecast.csv is read
        first = (nv.groupby(nv).cumcount() == 0).to_numpy()
        li = pd.DatetimeIndex(nv).tz_localize(zone, ambiguous=first, nonexistent="NaT")
        skipped = li.isna()
        if skipped.any():
            idx = np.flatnonzero(loc)[skipped]
            notes.append(f"{len(idx)} naive local time(s) skipped by a DST change dropped (first: line "
                         f"{lines[idx[0]]}, {ts[idx[0]]!r})")
            keep[idx] = False
        vals = li.tz_convert("UTC").tz_localize(None).to_numpy()
        utc[loc] = vals
    if has_off.any() and loc.any():
        notes.append(f"{int(has_off.sum())} row(s) with a UTC offset and {int(loc.sum())} naive local row(s)")
    df = pd.DataFrame({"line": lines, "t": utc, "offered": off, "expected": exp})[keep]
    df = df.sort_values("t", kind="stable").reset_index(drop=True)
    dup = df["t"].duplicated(keep=False).to_numpy()
    if dup.any():
        d = df[dup].head(2)
        raise InputError(f"{path}:{d['line'].iat[1]}: interval_start {ts[list(lines).index(d['line'].iat[1])]!r} "
                         f"is the same instant as line {d['line'].iat[0]} ({int(dup.sum())} rows share an instant "
                         "with another)")
    return df, ("expected_calls" in col), oc, notes


def build_grid(zone, interval, start_utc, end_utc):
    """Start instants (UTC, naive ns) of roster's target intervals covering [start_utc, end_utc), plus the
    instant after the last one. Intervals start at local wall-clock multiples of `interval` from midnight."""
    import pandas as pd
    step = math.gcd(interval, 15)
    cand = pd.date_range(start_utc, end_utc, freq=f"{step}min", tz="UTC")
    local = cand.tz_convert(zone)
    mod = (local.hour * 60 + local.minute) % interval
    grid = cand[(mod == 0) & (local.second == 0)]
    grid = grid.tz_localize(None).to_numpy()
    if len(grid) < 2:
        raise InputError("the history spans less than two target intervals")
    return grid


def local_midnight(date_str, zone):
    import pandas as pd
    return (pd.Timestamp(date_str).tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
            .tz_convert("UTC").tz_localize(None).to_datetime64().astype("datetime64[ns]"))


def rebin(df, has_exp, zone, interval, windows, path):
    """Target series on roster's grid. Each row's calls go to the target intervals it overlaps in proportion
    to the overlap (15-minute rows add up; a 60-minute row on a 30-minute grid splits evenly); a target
    interval is missing (NaN) unless rows with a number cover all of it. Returns grid, y, e (or None),
    local dates and slots, source minutes, notes."""
    import numpy as np
    import pandas as pd
    t = df["t"].to_numpy()
    diffs = np.diff(t).astype("timedelta64[m]").astype(np.int64)
    diffs = diffs[diffs > 0]
    if len(diffs) == 0:
        raise InputError(f"{path}: cannot tell the history's interval (all rows at one instant)")
    vals, counts = np.unique(diffs, return_counts=True)
    src = int(vals[np.argmax(counts)])
    if src not in SOURCE_MINUTES:
        raise InputError(f"{path}: the commonest step between rows is {src} minutes; expected one of "
                         f"{', '.join(map(str, SOURCE_MINUTES))}")
    srcd = np.timedelta64(src, "m")
    off_lattice = ((t - t[0]) % srcd).astype(np.int64) != 0
    if off_lattice.any():
        i = int(np.argmax(off_lattice))
        raise InputError(f"{path}:{df['line'].iat[i]}: interval_start is not on the history's {src}-minute steps "
                         f"from its first row ({int(off_lattice.sum())} such row(s))")
    first_local = pd.Timestamp(t[0]).tz_localize("UTC").tz_convert(zone).strftime("%Y-%m-%d")
    last_local = (pd.Timestamp(t[-1]).tz_localize("UTC").tz_convert(zone) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    start = min(local_midnight(first_local, zone), min(w[0] for w in windows))
    end = max(local_midnight(last_local, zone), max(w[1] for w in windows)) + pd.Timedelta(days=1)
    edges = build_grid(zone, interval, start, end)
    grid = edges[:-1]
    n = len(grid)
    offered = df["offered"].to_numpy()
    has_off = ~np.isnan(offered)
    ex = df["expected"].to_numpy() if has_exp else None
    idx = np.searchsorted(edges, t, side="right") - 1
    calls = np.zeros(n)
    covered = np.zeros(n)
    expect = np.zeros(n)
    exp_cov = np.zeros(n)
    tend = t + srcd
    span = np.timedelta64(1, "s")
    k_max = -(-src // interval) + 2
    for k in range(k_max):
        j = idx + k
        ok = j < n
        jj = np.where(ok, j, 0)
        lo = np.maximum(t, edges[jj])
        hi = np.minimum(tend, edges[np.minimum(jj + 1, n)])
        ov = np.where(ok, (hi - lo) / span, 0.0)
        ov = np.clip(ov, 0, None)
        share = ov / (src * 60)
        m = ov > 0
        np.add.at(calls, jj[m & has_off], (offered * share)[m & has_off])
        np.add.at(covered, jj[m & has_off], ov[m & has_off])
        if ex is not None:
            he = ~np.isnan(ex)
            np.add.at(expect, jj[m & he], (ex * share)[m & he])
            np.add.at(exp_cov, jj[m & he], ov[m & he])
    length = (edges[1:] - edges[:-1]) / span
    complete = covered >= length - 1
    y = np.where(complete, calls, np.nan)
    e = np.where(complete & (exp_cov >= length - 1), expect, np.nan) if ex is not None else None
    local = pd.DatetimeIndex(grid).tz_localize("UTC").tz_convert(zone)
    dates = local.strftime("%Y-%m-%d").to_numpy()
    slots = ((local.hour * 60 + local.minute) // interval).to_numpy()
    first_t, last_end = t[0], tend[-1]
    inside = (grid >= first_t) & (edges[1:] <= last_end)
    notes = []
    missing = int((inside & ~complete).sum())
    if missing:
        first_missing = local[np.argmax(inside & ~complete)]
        notes.append(f"{missing} of {int(inside.sum())} target intervals inside the history's span are missing "
                     f"(first: {first_missing:%Y-%m-%d %H:%M}): left out of the scores, filled for training")
    if ex is not None and np.isnan(ex).any():
        notes.append(f"{int(np.isnan(ex).sum())} row(s) have no expected_calls")
    if src != interval:
        notes.append(f"re-binned from {src}-minute rows onto the {interval}-minute grid of {zone}"
                     + (" (each row split evenly over the intervals it spans)" if src > interval else ""))
    days = pd.Series(dates).value_counts()
    in_dates = dates[inside]
    odd = sorted(d for d, c in days.items() if c != 1440 // interval and len(in_dates) and in_dates[0] < d < in_dates[-1])
    if odd:
        notes.append(f"daylight-saving days in the history: {', '.join(odd[:6])}{' …' if len(odd) > 6 else ''} "
                     "(read in real time)")
    return dict(grid=grid, y=y, e=e, dates=dates, slots=slots, src=src, notes=notes, first=first_t,
                last=t[-1], rows=len(df))


def wallclock_naive(ser, o, i0, i1, interval):
    """Roster's seasonal naive for one window, recomputed: each interval takes the interval with the same
    local date-slot (local minutes // interval) of the last week before the origin (first occurrence on an
    autumn day), going back up to 3 more weeks while that is missing; NaN where none has data (roster then
    uses its own forecast)."""
    import numpy as np
    import pandas as pd
    grid_dates, slots, y = ser["dates"], ser["slots"], ser["y"]
    lookup = {}
    lo = max(0, i0 - 35 * (1440 // interval) - 8)
    for i in range(lo, i0):
        lookup.setdefault((grid_dates[i], int(slots[i])), i)
    od = pd.Timestamp(o)
    out = np.full(i1 - i0, np.nan)
    for p, i in enumerate(range(i0, i1)):
        d = pd.Timestamp(grid_dates[i])
        lead = (d - od).days
        for back in range(4):
            sd = (d - pd.Timedelta(days=7 * (lead // 7 + 1 + back))).strftime("%Y-%m-%d")
            j = lookup.get((sd, int(slots[i])))
            if j is not None and not np.isnan(y[j]):
                out[p] = y[j]
                break
    return out


# --------------------------------------------------------------------------------------------------
# Models and scores
# --------------------------------------------------------------------------------------------------

def fill_gaps(y, week):
    """One origin's training series: leading gaps dropped, gaps filled by the value one week earlier (up
    to 4 weeks back), then by linear interpolation."""
    import numpy as np
    import pandas as pd
    ok = np.flatnonzero(~np.isnan(y))
    if len(ok) == 0:
        return y[:0]
    s = pd.Series(y[ok[0]:])
    for _ in range(4):
        if not s.isna().any():
            break
        s = s.fillna(s.shift(week))
    if s.isna().any():
        s = s.interpolate(limit_direction="both")
    return s.to_numpy(dtype=float)


def make_models(names, per_day, ets_model):
    from statsforecast.models import MSTL, AutoETS, SeasonalNaive
    out = {}
    for n in names:
        if n == "mstl":
            out[n] = (f"statsforecast MSTL(season_length=[{per_day}, {7 * per_day}], "
                      "trend_forecaster=AutoETS(model=\"ZZN\"))",
                      MSTL(season_length=[per_day, 7 * per_day], trend_forecaster=AutoETS(model="ZZN"), alias="m"))
        elif n == "autoets":
            out[n] = (f"statsforecast AutoETS(season_length={per_day}"
                      + (f", model=\"{ets_model}\")" if ets_model != "ZZZ" else ")"),
                      AutoETS(season_length=per_day, model=ets_model, alias="m"))
        elif n == "seasonal_naive":
            out[n] = (f"statsforecast SeasonalNaive(season_length={7 * per_day})",
                      SeasonalNaive(season_length=7 * per_day, alias="m"))
    return out


def _ets_name(components):
    """'AAND' -> 'ETS(A,Ad,N)'."""
    c = str(components)
    if len(c) < 3:
        return c
    return f"ETS({c[0]},{c[1]}{'d' if len(c) > 3 and c[3] == 'D' else ''},{c[2]})"


def run_model(model, train, h, threads):
    """train: {origin: series}. Fits one model per origin and forecasts h steps. Returns ({origin:
    forecast}, seconds, {origin: the ETS form chosen, where the model says})."""
    import numpy as np
    import pandas as pd
    from statsforecast import StatsForecast
    frames = []
    for o, y in train.items():
        frames.append(pd.DataFrame({"unique_id": o, "ds": np.arange(len(y), dtype=np.int64), "y": y}))
    df = pd.concat(frames, ignore_index=True)
    sf = StatsForecast(models=[model], freq=1, n_jobs=threads)
    t0 = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sf.fit(df=df)
        fc = sf.predict(h=h)
    wall = time.monotonic() - t0
    if "unique_id" not in fc.columns:
        fc = fc.reset_index()
    out = {}
    for o, g in fc.groupby("unique_id", sort=False):
        out[str(o)] = np.clip(g.sort_values("ds")["m"].to_numpy(dtype=float), 0, None)
    chosen = {}
    try:
        for uid, fm in zip(list(sf.uids), sf.fitted_[:, 0]):
            inner = getattr(fm, "trend_forecaster", fm)
            md = getattr(inner, "model_", None)
            if isinstance(md, dict) and "components" in md:
                chosen[str(uid)] = _ets_name(md["components"])
    except Exception:
        pass
    return out, wall, chosen


def score(forecasts, actuals, dates, skip_missing_forecast=False):
    """Pooled scores over origins. forecasts/actuals/dates: {origin: array}. Missing actuals left out (and
    missing forecasts, with skip_missing_forecast; else a missing forecast gives None)."""
    import numpy as np
    import pandas as pd
    parts = []
    for o, a in actuals.items():
        f = forecasts[o]
        ok = ~np.isnan(a)
        if skip_missing_forecast:
            ok &= ~np.isnan(f)
        elif np.isnan(f[ok]).any():
            return None
        parts.append(pd.DataFrame({"o": o, "d": dates[o][ok], "f": f[ok], "a": a[ok]}))
    r = pd.concat(parts, ignore_index=True)
    A = r["a"].sum()
    if A <= 0:
        return None
    dd = r.groupby(["o", "d"], sort=False)[["f", "a"]].sum()
    return dict(wape=float((r["f"] - r["a"]).abs().sum() / A),
                daily_wape=float((dd["f"] - dd["a"]).abs().sum() / A),
                bias=float((r["f"] - r["a"]).sum() / A))


def pct(x, signed=False, digits=2):
    if x is None:
        return "—"
    return f"{100 * x:+.{digits}f} %" if signed else f"{100 * x:.{digits}f} %"


# --------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("--history", required=True, metavar="H.csv", help="call-history CSV (as the ACD exports it)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--roster-json", metavar="R.json",
                     help="what `roster forecast DIR --history H --backtest N --format json` printed")
    src.add_argument("--scenario", metavar="DIR", help="run `roster forecast DIR ... --backtest N` here instead")
    ap.add_argument("--backtest", type=int, metavar="N", help="number of origins (with --scenario)")
    ap.add_argument("--roster", metavar="BIN", default=None,
                    help="roster binary for --scenario (default: .build/release/roster of this checkout)")
    ap.add_argument("--models", default=",".join(MODEL_NAMES),
                    help="comma list of mstl, autoets, seasonal_naive (default all)")
    ap.add_argument("--threads", type=int, default=2, help="n_jobs for statsforecast (default 2)")
    ap.add_argument("--ets-weeks", type=int, default=0,
                    help="AutoETS trains on the last N weeks before each origin (default 0 = all history)")
    ap.add_argument("--ets-model", default="ZZZ",
                    help="AutoETS model string (error, trend, season: Z = chosen by AICc); default ZZZ")
    ap.add_argument("--train-weeks", type=int, default=0,
                    help="MSTL and SeasonalNaive train on the last N weeks (default 0 = all history)")
    ap.add_argument("--json", metavar="OUT", help="also write the numbers as JSON to OUT")
    args = ap.parse_args()

    if args.threads < 1:
        die("--threads must be >= 1")
    if args.ets_weeks < 0 or args.train_weeks < 0:
        die("--ets-weeks and --train-weeks must be >= 0")
    if args.scenario is not None and (args.backtest is None or args.backtest < 1):
        die("--scenario needs --backtest N (N >= 1)")
    if args.roster_json is not None and args.backtest is not None:
        die("--backtest goes with --scenario; with --roster-json the origins come from the JSON")
    if args.roster is not None and args.scenario is None:
        die("--roster goes with --scenario")
    ets_weeks = args.ets_weeks or args.train_weeks
    if args.json:
        d = os.path.dirname(os.path.abspath(args.json))
        if os.path.isdir(args.json):
            die(f"--json {args.json}: a folder; give a file name")
        if not os.path.isdir(d):
            die(f"--json {args.json}: no folder {d}")
        if not os.access(d, os.W_OK):
            die(f"--json {args.json}: cannot write in {d}")
    args.ets_model = args.ets_model.strip().upper()
    if not re.fullmatch(r"[AMZ][NAMZ][NAMZ]", args.ets_model):
        die(f"--ets-model {args.ets_model!r}: three letters, error A/M/Z, trend N/A/M/Z, season N/A/M/Z (e.g. ZZA)")
    names = [m.strip().lower().replace("-", "_") for m in args.models.split(",") if m.strip()]
    if not names:
        die("--models is empty")
    for n in names:
        if n not in MODEL_NAMES:
            die(f"unknown model {n!r} (choose from: {', '.join(MODEL_NAMES)})")
    names = list(dict.fromkeys(names))

    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        die(f"{e.name or 'numpy/pandas'} is not installed; run: pip install statsforecast "
            "(it brings numpy and pandas; add --break-system-packages if pip refuses)")
    try:
        import statsforecast
        from statsforecast import StatsForecast  # noqa: F401
    except ImportError as e:
        print("forecast-compare: statsforecast is not installed"
              + (f" ({e})" if getattr(e, "name", None) not in (None, "statsforecast") else "")
              + "; run:\n    pip install statsforecast\n(add --break-system-packages if pip refuses, or use a venv)",
              file=sys.stderr)
        sys.exit(2)
    versions = (f"statsforecast {statsforecast.__version__}, pandas {pd.__version__}, numpy {np.__version__}, "
                f"Python {sys.version.split()[0]}")

    roster_cmd = roster_wall = roster_tmp = None
    try:
        if args.scenario is not None:
            binary = args.roster or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                 ".build", "release", "roster")
            text, roster_wall, roster_cmd, roster_tmp = run_roster(binary, args.scenario, args.history, args.backtest)
            where = "roster forecast output"
        else:
            where = args.roster_json
            try:
                with open(args.roster_json, encoding="utf-8-sig") as f:
                    text = f.read()
            except FileNotFoundError:
                raise InputError(f"{args.roster_json}: no such file")
            except IsADirectoryError:
                raise InputError(f"{args.roster_json}: a folder, not a file")
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(f"{args.roster_json}: cannot read: {getattr(e, 'strerror', None) or e}")
        bt = parse_backtest(text, where)
        zone, interval, H = bt["zone"], bt["interval"], bt["horizon"]
        per_day = 1440 // interval
        week = 7 * per_day
        windows = []
        for o in bt["origins"]:
            end = (pd.Timestamp(o) + pd.Timedelta(days=H)).strftime("%Y-%m-%d")
            windows.append((local_midnight(o, zone), local_midnight(end, zone), o))
        hist, has_exp, offered_col, read_notes = read_history(args.history, zone)
        ser = rebin(hist, has_exp, zone, interval, windows, args.history)
    except InputError as e:
        die(str(e))
    except MemoryError:
        die(f"{args.history}: out of memory reading the history")

    grid, y, e, dates = ser["grid"], ser["y"], ser["e"], ser["dates"]
    notes = read_notes + ser["notes"]
    problems = []
    train, train_ets, actuals, wdates, expected, steps, wall_naive = {}, {}, {}, {}, {}, {}, {}
    for t0, t1, o in windows:
        i0 = int(np.searchsorted(grid, t0))
        i1 = int(np.searchsorted(grid, t1))
        if i0 >= len(grid) or grid[i0] != t0:
            die(f"internal: origin {o}'s midnight is not on the grid")
        steps[o] = i1 - i0
        lo = max(0, i0 - args.train_weeks * week) if args.train_weeks else 0
        tr = fill_gaps(y[lo:i0], week)
        if len(tr) < 2 * week:
            die(f"origin {o}: only {len(tr)} {interval}-minute intervals of history before it; the models need "
                f"at least two weeks ({2 * week}) (history starts "
                f"{pd.Timestamp(ser['first']).tz_localize('UTC').tz_convert(zone):%Y-%m-%d %H:%M} {zone})")
        a = y[i0:i1]
        if np.isnan(a).all():
            die(f"origin {o}: the history has no complete {interval}-minute interval in {o} … "
                f"{(pd.Timestamp(o) + pd.Timedelta(days=H - 1)).date()} (history: "
                f"{pd.Timestamp(ser['first']).tz_localize('UTC').tz_convert(zone):%Y-%m-%d %H:%M} to "
                f"{pd.Timestamp(ser['last']).tz_localize('UTC').tz_convert(zone):%Y-%m-%d %H:%M} {zone})")
        train[o] = tr
        lo_e = max(0, i0 - ets_weeks * week) if ets_weeks else 0
        train_ets[o] = fill_gaps(y[lo_e:i0], week)
        actuals[o] = a
        wdates[o] = dates[i0:i1]
        if e is not None:
            expected[o] = e[i0:i1]
        wall_naive[o] = wallclock_naive(ser, o, i0, i1, interval)
    h = max(steps.values())
    n_missing = sum(int(np.isnan(a).sum()) for a in actuals.values())
    n_total = sum(len(a) for a in actuals.values())
    if n_missing:
        notes.append(f"{n_missing} of {n_total} window intervals have no complete actual and are left out of "
                     "every score computed here")
    odd_steps = {o: s for o, s in steps.items() if s != H * per_day}
    if odd_steps:
        notes.append("windows across a DST change have " + ", ".join(f"{o}: {s}" for o, s in odd_steps.items())
                     + f" steps (not {H * per_day})")

    cmdline = shlex.join(["python3", sys.argv[0]] + sys.argv[1:])
    rows = []   # dict(method, source, wape, daily_wape, bias, seconds, error)
    label = {"roster": "roster", "seasonal_naive": "seasonal naive", "floor": "floor (expected_calls)"}
    for key, sc in bt["methods"]:
        r = dict(method="roster JSON: " + label.get(key, key), key=key, source="roster", seconds=None, error=None)
        if sc is None:
            r.update(wape=None, daily_wape=None, bias=None, error="null in the JSON (no expected_calls column)")
        else:
            r.update(wape=sc.get("wape"), daily_wape=sc.get("daily_wape"), bias=sc.get("bias"))
        if key == "roster" and roster_wall is not None:
            r["seconds"] = roster_wall
        rows.append(r)

    models = make_models(names, per_day, args.ets_model)
    for n in names:
        desc, model = models[n]
        tr = train_ets if n == "autoets" else train
        lens = sorted(len(v) for v in tr.values())
        note(f"{desc}: {len(tr)} origins, {lens[0]}–{lens[-1]} training intervals, h={h}, "
             f"{args.threads} thread(s) …")
        weeks = ets_weeks if n == "autoets" else args.train_weeks
        r = dict(method=desc + (f", last {weeks} weeks" if weeks else ""),
                 key="sf_" + n, source="statsforecast", wape=None, daily_wape=None, bias=None, seconds=None, error=None)
        try:
            fc, wall, chosen = run_model(model, tr, h, args.threads)
            r["seconds"] = wall
            if chosen:
                forms = {}
                for o_, c in chosen.items():
                    forms.setdefault(c, []).append(o_)
                what = "its trend forecaster chose" if n == "mstl" else "chose"
                notes.append(f"{desc}: {what} " + "; ".join(
                    f"{c} at {len(os_)} of {len(chosen)} origins" for c, os_ in forms.items())
                    + (" (no seasonal term: AICc preferred a model without the daily season, so it "
                       "forecasts a smooth level; --ets-model ZZA forces an additive daily season)"
                       if n == "autoets" and any(c.endswith(",N)") for c in forms) else ""))
            sc = score({o: fc[o][:steps[o]] for o in actuals}, actuals, wdates)
            if sc is None:
                r["error"] = "the model returned NaN forecasts"
            else:
                r.update(sc)
        except KeyboardInterrupt:
            raise
        except Exception as ex:  # a model failure is a result, not a crash
            r["error"] = f"{type(ex).__name__}: {str(ex).splitlines()[0] if str(ex) else ''}"
        note(f"{desc}: " + (r["error"] or f"WAPE {pct(r['wape'])}, {r['seconds']:.1f} s"))
        rows.append(r)
    no_naive = sum(int((np.isnan(wall_naive[o]) & ~np.isnan(actuals[o])).sum()) for o in actuals)
    sc = score(wall_naive, actuals, wdates, skip_missing_forecast=True)
    rows.append(dict(method="recomputed here: seasonal naive by roster's rule (same wall-clock slot a week back)",
                     key="naive_recomputed", source="here", seconds=None, error=None, **sc))
    if no_naive:
        notes.append(f"{no_naive} window interval(s) have no data in any of the 4 weeks roster's seasonal naive "
                     "looks at (roster then uses its own forecast there): the recomputed row leaves them out")
    if e is not None:
        sc = score(expected, actuals, wdates)
        rows.append(dict(method="recomputed here: floor (expected_calls)", key="floor_recomputed", source="here",
                         seconds=None, error=None if sc else "expected_calls missing where actuals exist",
                         **(sc or dict(wape=None, daily_wape=None, bias=None))))

    # Do the recomputed references agree with roster's rows?
    by_key = {r["key"]: r for r in rows}

    def compare(mine, theirs):
        a, b = by_key.get(mine), by_key.get(theirs)
        if not a or not b or a["wape"] is None or b["wape"] is None:
            return None
        diffs = []
        for k in ("wape", "daily_wape", "bias"):
            if b.get(k) is None or a.get(k) is None:
                continue
            tol = max(0.5 * 10 ** -min(_decimals(b[k]), 6), 2e-6) + 1e-9
            if abs(a[k] - b[k]) > tol:
                diffs.append(f"{k} {a[k]:.4f} here vs {b[k]:g} in roster's JSON")
        return diffs

    d = compare("naive_recomputed", "seasonal_naive")
    if d is not None:
        if not d:
            notes.append("the seasonal naive recomputed here by roster's rule agrees with roster's to the JSON's "
                         "rounding: same windows, actuals and scores")
        elif no_naive:
            notes.append("the seasonal naive recomputed here differs from roster's (" + "; ".join(d) + "), which "
                         f"is expected: roster fills {no_naive} interval(s) with its own forecast")
        else:
            problems.append("the seasonal naive recomputed by roster's rule disagrees with roster's: " + "; ".join(d)
                            + " — the two protocols differ (windows, re-binning or gap handling)")
    replica_agrees = d is not None and not d
    d = compare("sf_seasonal_naive", "seasonal_naive")
    if d is not None and (replica_agrees or not d):
        if not d:
            notes.append("statsforecast's SeasonalNaive agrees with roster's seasonal naive to the JSON's rounding")
        else:
            notes.append("statsforecast's SeasonalNaive differs from roster's seasonal naive (" + "; ".join(d)
                         + "): it repeats the last 7 × 24 h in real-time steps with gaps filled, roster takes the "
                         "same wall-clock slot a week back (they part around DST changes and gaps)")
    if "floor_recomputed" in by_key and by_key.get("floor") and by_key["floor"]["wape"] is None:
        problems.append("the history has expected_calls but roster's floor is null")
    d = compare("floor_recomputed", "floor")
    if d:
        problems.append("the floor recomputed from expected_calls disagrees with roster's: " + "; ".join(d)
                        + " — the two protocols differ")
    elif d is not None:
        notes.append("the floor recomputed from expected_calls agrees with roster's to the JSON's rounding")
    # The rule-based naive row is shown only when it says something the statsforecast row does not.
    sf_sn, mine = by_key.get("sf_seasonal_naive"), by_key.get("naive_recomputed")
    if sf_sn and mine and sf_sn["wape"] is not None and all(
            abs(sf_sn[k] - mine[k]) < 1e-9 for k in ("wape", "daily_wape", "bias")):
        rows.remove(mine)
        notes.append("statsforecast's SeasonalNaive gives exactly what roster's seasonal-naive rule gives here")

    first = pd.Timestamp(ser["first"]).tz_localize("UTC").tz_convert(zone)
    last = pd.Timestamp(ser["last"]).tz_localize("UTC").tz_convert(zone)
    for r in rows:
        if r["error"] and r["wape"] is None:
            notes.append(f"{r['method']}: {r['error']}")
    if args.json:
        out = dict(command=cmdline, roster_command=shlex.join(roster_cmd) if roster_cmd else None,
                   versions=versions, threads=args.threads, ets_model=args.ets_model, ets_weeks=ets_weeks,
                   train_weeks=args.train_weeks,
                   history=dict(path=args.history, rows=ser["rows"], source_minutes=ser["src"],
                                first=first.isoformat(), last=last.isoformat(), expected_calls=has_exp),
                   backtest=dict(time_zone=zone, interval_minutes=interval, horizon_days=H, origins=bt["origins"],
                                 steps=steps, missing_actuals=n_missing),
                   methods=[{k: r[k] for k in ("method", "key", "source", "wape", "daily_wape", "bias", "seconds",
                                               "error")} for r in rows],
                   notes=notes, problems=problems)
        try:
            tmp = args.json + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(out, f, indent=2)
                f.write("\n")
            os.replace(tmp, args.json)
        except OSError as ex:
            die(f"--json {args.json}: {ex.strerror or ex}")
    print(f"# Forecast backtest: roster vs statsforecast on {args.history}")
    print(f"# command: {cmdline}")
    if roster_cmd:
        print(f"# roster: {shlex.join(roster_cmd)} ({roster_wall:.1f} s; JSON kept in {roster_tmp})")
    print(f"# history: {ser['rows']:,} rows of {ser['src']} minutes ('{offered_col}'), {first:%Y-%m-%d %H:%M} to "
          f"{last:%Y-%m-%d %H:%M} {zone}, re-binned to {interval} minutes"
          + (", with expected_calls" if has_exp else ""))
    print(f"# backtest: {len(windows)} origins ({', '.join(bt['origins'])}), {H} days each from local midnight, "
          f"{zone}; {h if not odd_steps else 'up to ' + str(h)} steps of {interval} min")
    print(f"# statsforecast n_jobs={args.threads}; {versions}")
    print()
    # As many digits as roster's JSON gives (0.131 -> 13.1 %), at least 1 and at most 2.
    given = [_decimals(r[k]) for r in rows if r["source"] == "roster" for k in ("wape", "daily_wape", "bias")
             if r.get(k) is not None]
    digits = min(2, max(1, max(given, default=4) - 2))
    print("| method | interval WAPE | daily WAPE | bias | seconds |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        secs = "—" if r["seconds"] is None else f"{r['seconds']:.1f}"
        if r["error"] and r["wape"] is None:
            print(f"| {r['method']} | — | — | — | {secs} |")
            continue
        print(f"| {r['method']} | {pct(r['wape'], False, digits)} | {pct(r['daily_wape'], False, digits)} | "
              f"{pct(r['bias'], True, digits)} | "
              f"{secs} |")
    print()
    print("WAPE = Σ|F − A| / Σ A over every interval of every origin pooled; daily WAPE over (origin, local date) "
          "totals; bias = Σ(F − A) / Σ A (positive: over-forecast). Seconds: fitting one model on every origin "
          "and forecasting.")
    print()
    if notes:
        print("Notes:")
        for n in notes:
            print(f"- {n}")
        print()
    if problems:
        print("Problems:")
        for p in problems:
            print(f"- {p}")
        print()

    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("forecast-compare: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
