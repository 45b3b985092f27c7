#!/usr/bin/env bash
# Times `roster show --agent` (and the other views) on a roster of 200 agents over 28 days.
# Usage: Scripts/bench-show.sh [path/to/roster-binary]   (default: a release build in .build-out)
# It copies rosters/suzhou-96122 with 200 generated agents (no availability, no pins) to a temporary
# folder, generates a roster CSV (5 shifts a week per agent: day, evening or night), and prints the
# wall time of each command (best of 5 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build-out/release/roster}"
[ -x "$BIN" ] || { echo "build first: swift build -c release --scratch-path .build-out" >&2; exit 2; }
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cp -r rosters/suzhou-96122 "$TMP/s"
rm -f "$TMP/s/availability.csv" "$TMP/s/pinned.csv"
python3 - "$TMP/s" <<'PY'
import sys, datetime
d = sys.argv[1]
names = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
with open(f"{d}/agents.csv", "w", encoding="utf-8") as f:
    f.write("id,name,min_hours_per_week,max_hours_per_week,skills,night,allowed_shifts\n")
    for i in range(200):
        f.write(f"b{i:03d},{names[i % 20]}{names[(i // 20) % 20]}{'燕' if i % 3 else ''},0,48,consult,yes,\n")
tz = datetime.timezone(datetime.timedelta(hours=8))
start = datetime.date(2027, 3, 15)
shapes = [("day", 8, 9), ("evening", 14, 9), ("night", 23, 9)]
with open(f"{d}/bench-roster.csv", "w", encoding="utf-8") as f:
    f.write("agent_id,agent_name,date,start,end,shift,break_start,break_end\r\n")
    rows = []
    for i in range(200):
        for k in range(28):
            if (k + i) % 7 in (5, 6):
                continue
            name, h, length = shapes[(i + k // 7) % 3]
            day = start + datetime.timedelta(days=k)
            s = datetime.datetime(day.year, day.month, day.day, h, tzinfo=tz)
            e = s + datetime.timedelta(hours=length)
            b0 = s + datetime.timedelta(hours=4); b1 = b0 + datetime.timedelta(hours=1)
            rows.append((s, f"b{i:03d}", f"b{i:03d},{names[i % 20]}{names[(i // 20) % 20]}{'燕' if i % 3 else ''},{day},{s.isoformat()},{e.isoformat()},{name},{b0.isoformat()},{b1.isoformat()}\r\n"))
    for _, _, r in sorted(rows):
        f.write(r)
    print(f"{len(rows)} shifts", file=sys.stderr)
PY
best() {
    local b=999
    for _ in 1 2 3 4 5; do
        local t0 t1
        t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
        b=$(python3 -c "print(min($b, $t1 - $t0))")
    done
    printf '%-60s %6.3f s\n' "${*:2:3} ${*:5}" "$b" | sed "s|$TMP/s|DIR|g"
}
R="$TMP/s/bench-roster.csv"
best "$BIN" show "$TMP/s" --roster "$R" --agent b123 --at 2027-03-20T09:00
best "$BIN" show "$TMP/s" --roster "$R" --agent b123 --at 2027-03-20T09:00 --all
best "$BIN" show "$TMP/s" --roster "$R" --date 2027-03-20
best "$BIN" show "$TMP/s" --roster "$R" --now --at 2027-03-20T09:00
best "$BIN" show "$TMP/s" --roster "$R"
best "$BIN" coverage "$TMP/s" --roster "$R" --no-svg
best "$BIN" export ical "$TMP/s" --roster "$R" --out "$TMP/ics"
